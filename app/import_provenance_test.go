package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"axdash/app/demo"
)

// TestImportProvenance: import --agency and --note are checked before
// anything is read, stored with the wave, kept by a later import that
// does not give them, and named by `axdash export` with the period.
func TestImportProvenance(t *testing.T) {
	eachDB(t, func(t *testing.T) {
		dir := t.TempDir()
		files := make([]string, 2)
		for i := range files {
			files[i] = filepath.Join(dir, string(rune('a'+i))+".xlsx")
			if _, err := demo.WriteFile(files[i], demo.Options{Rows: 40, Seed: int64(i + 1), Year: 2026}); err != nil {
				t.Fatal(err)
			}
		}
		if code, _, errOut := cli(t, "import", files[0], "--wave", "W", "--agency", "기관\x01갑"); code != exitUsage ||
			!strings.Contains(errOut, "제어 문자") {
			t.Errorf("a control character in --agency: exit %d, %s", code, errOut)
		}
		steps := []struct {
			args         []string
			agency, note string
		}{
			{[]string{files[0], "--wave", "W", "--agency", "기관 갑", "--note", "층화 추출", "--period", "2000-01-01..2030-12-31"},
				"기관 갑", "층화 추출"},
			{[]string{files[1], "--wave", "W", "--replace", "--note", "전수 조사"}, "기관 갑", "전수 조사"},
		}
		_, st := testEnvStore(t)
		for i, s := range steps {
			if code, out, errOut := cli(t, append([]string{"import"}, s.args...)...); code != exitOK {
				t.Fatalf("import %d: exit %d: %s %s", i, code, out, errOut)
			}
			w, err := st.Surveys.WaveByName(context.Background(), "W")
			if err != nil {
				t.Fatal(err)
			}
			if w.Agency != s.agency || w.Note != s.note {
				t.Errorf("after import %d: agency %q note %q, want %q %q", i, w.Agency, w.Note, s.agency, s.note)
			}
		}
		out := filepath.Join(dir, "fig.csv")
		if code, _, errOut := cli(t, "export", "adoption-by-region", "--wave", "W", "--out", out); code != exitOK {
			t.Fatalf("export: exit %d: %s", code, errOut)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if want := "조사기관: 기관 갑, 조사기간: 2000-01-01–2030-12-31"; !strings.Contains(string(b), want) {
			t.Errorf("the export does not say %q:\n%.300s", want, b)
		}
	})
}
