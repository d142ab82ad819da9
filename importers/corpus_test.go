package importers

import (
	"context"
	"os"
	"testing"
	"time"

	"axdash/importers/corpus"
)

// TestHostileCorpus reads every case of the hostile corpus in process and
// checks its exact outcome, that it ends within a bound (the context's
// deadline would turn into file.limit and fail the outcome), and that the
// import's temp folder is empty afterwards. app/hostile_corpus_test.go
// runs the heavy cases through the parse worker and measures them.
func TestHostileCorpus(t *testing.T) {
	s, r := loadConfigs(t)
	for _, c := range corpus.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			if c.Heavy && testing.Short() {
				t.Skip("heavy case")
			}
			b, err := c.Build()
			if err != nil {
				t.Fatal(err)
			}
			path := writeRaw(t, c.File, b)
			tmp := t.TempDir()
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			start := time.Now()
			res, err := New(s, r, Options{TmpDir: tmp}).ReadFile(ctx, path)
			if err != nil {
				t.Fatalf("ReadFile: %v", err)
			}
			t.Logf("%-45s %-8s %v in %v", c.Name, res.Report.Status, codes(res), time.Since(start).Round(time.Millisecond))
			if string(res.Report.Status) != c.Status || (c.Code != "" && issue(res, c.Code) == nil) {
				t.Errorf("status %s, issues %v; want %s with %q", res.Report.Status, codes(res), c.Status, c.Code)
			}
			if ents, err := os.ReadDir(tmp); err != nil || len(ents) != 0 {
				t.Errorf("temp folder holds %d entries (%v)", len(ents), err)
			}
		})
	}
}
