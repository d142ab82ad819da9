package store_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// TestWaveSynthetic: a wave takes the synthetic flag of the load that
// (re)fills it, the wave lists report it, and DeleteSyntheticWaves removes
// exactly the flagged waves with their rows.
func TestWaveSynthetic(t *testing.T) {
	loads := []struct {
		wave      string
		synthetic bool
		replace   bool
	}{
		{"demo-a", true, false},
		{"real-b", false, false},
		{"demo-then-real", true, false},
		{"demo-then-real", false, true}, // a real file replaces the demo data
		{"real-then-demo", false, false},
		{"real-then-demo", true, true},
	}
	want := map[string]bool{"demo-a": true, "real-b": false, "demo-then-real": false, "real-then-demo": true}
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		for i, ld := range loads {
			content := []byte{byte(i)}
			sum := sha256.Sum256(content)
			l, err := s.Surveys.BeginLoad(ctx, store.LoadInput{Wave: ld.wave, Replace: ld.replace, Synthetic: ld.synthetic,
				Import: model.Import{FileName: ld.wave + ".xlsx", Format: "xlsx", SHA256: hex.EncodeToString(sum[:])}})
			if err != nil {
				t.Fatalf("load %d: %v", i, err)
			}
			if err := l.Add(resp("11", "C", 20, "도입", 1, 1000, 1, 2)); err != nil {
				t.Fatal(err)
			}
			if _, err := l.Commit(model.Import{Rows: 1, Valid: 1, Format: "xlsx"}, bytes.NewReader(content)); err != nil {
				t.Fatal(err)
			}
		}
		waves, states := wavesAndStates(t, s, len(want))
		for i, w := range waves {
			if w.Synthetic != want[w.Name] || states[i].Synthetic != want[w.Name] {
				t.Errorf("wave %s: synthetic %v (state %v), want %v", w.Name, w.Synthetic, states[i].Synthetic, want[w.Name])
			}
		}
		// Each replacing load leaves the import before it replaced.
		replaced, err := s.Surveys.ReplacedImports(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(replaced) != 2 {
			t.Errorf("replaced imports %v, want the first loads of the two replaced waves", replaced)
		}
		direct, err := s.Jobs.DirectImports(ctx, 100) // newest first
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, imp := range direct {
			if want := seen[imp.WaveName]; replaced[imp.ID] != want {
				t.Errorf("import %d of %s: replaced %v, want %v", imp.ID, imp.WaveName, replaced[imp.ID], want)
			}
			seen[imp.WaveName] = true
		}
		deleted, err := s.Surveys.DeleteSyntheticWaves(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, d := range deleted {
			names = append(names, d.Name)
			if d.Responses != 1 || d.Imports < 1 {
				t.Errorf("deleted %+v: want its one response and its imports counted", d)
			}
		}
		if len(names) != 2 || names[0] != "demo-a" || names[1] != "real-then-demo" {
			t.Errorf("deleted %v, want [demo-a real-then-demo]", names)
		}
		left, err := s.Surveys.Waves(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range left {
			if want[w.Name] {
				t.Errorf("synthetic wave %s is still there", w.Name)
			}
		}
		if len(left) != 2 {
			t.Errorf("%d waves left, want the 2 real ones", len(left))
		}
		if again, err := s.Surveys.DeleteSyntheticWaves(ctx); err != nil || len(again) != 0 {
			t.Errorf("second delete: %v, %v; want nothing to delete", again, err)
		}
	})
}

// wavesAndStates reads the waves both ways a reader sees them (the list
// and the states), which must hold n waves in the same order.
func wavesAndStates(t *testing.T, s *store.DB, n int) ([]store.WaveSummary, []store.WaveState) {
	t.Helper()
	waves, err := s.Surveys.Waves(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	states, err := s.Surveys.WaveStates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(waves) != n || len(states) != n {
		t.Fatalf("%d waves, %d states, want %d", len(waves), len(states), n)
	}
	return waves, states
}
