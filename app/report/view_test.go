package report_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/report"
	"axdash/app/store"
	"axdash/configs"
)

func newReporter(t *testing.T) *report.Reporter {
	t.Helper()
	survey, regions, err := configs.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	return &report.Reporter{Survey: survey, Regions: regions, Source: "테스트 조사"}
}

func waves(names ...string) []store.WaveState {
	var out []store.WaveState
	for i, n := range names {
		var w store.WaveState
		w.ID, w.Name = int64(i+1), n
		out = append(out, w)
	}
	return out
}

// synthetic marks the named waves as demo data.
func synthetic(ws []store.WaveState, names ...string) []store.WaveState {
	out := append([]store.WaveState(nil), ws...)
	for i := range out {
		for _, n := range names {
			if out[i].Name == n {
				out[i].Synthetic = true
			}
		}
	}
	return out
}

// TestResolve: the wave by name or the newest, the one before it, filters
// as codes (a region in any spelling, an industry in either case), and the
// errors the web and the CLI turn into their answers.
func TestResolve(t *testing.T) {
	r := newReporter(t)
	all := waves("2025-H1", "2025-H2", "2026-H1")
	demoThenReal := synthetic(waves("demo-1", "demo-2", "2026-H1"), "demo-1", "demo-2")
	mixed := synthetic(waves("2025-H1", "demo-2", "2026-H1", "demo-4"), "demo-2", "demo-4")
	size := model.SizeBands[0]
	tests := []struct {
		name       string
		waves      []store.WaveState
		q          report.Query
		wave, prev string
		filter     model.Filter
		err        func(error) bool
	}{
		{"newest by default", all, report.Query{}, "2026-H1", "2025-H2", model.Filter{WaveID: 3}, nil},
		{"by name", all, report.Query{Wave: " 2025-H2 "}, "2025-H2", "2025-H1", model.Filter{WaveID: 2}, nil},
		{"first has no previous", all, report.Query{Wave: "2025-H1"}, "2025-H1", "", model.Filter{WaveID: 1}, nil},
		{"filters as codes", all, report.Query{Region: "경상남도", Industry: "c", Size: size}, "2026-H1", "2025-H2",
			model.Filter{WaveID: 3, Region: "48", Industry: "C", Size: size}, nil},
		{"old region code", all, report.Query{Region: "42"}, "2026-H1", "2025-H2", model.Filter{WaveID: 3, Region: "51"}, nil},
		{"unknown wave", all, report.Query{Wave: "2099-H9", Region: "99"}, "", "", model.Filter{},
			func(err error) bool {
				var u *report.UnknownWaveError
				return errors.As(err, &u) && errors.Is(err, store.ErrNotFound)
			}},
		{"unknown region", all, report.Query{Region: "99"}, "", "", model.Filter{}, isFilterError},
		{"unknown industry", all, report.Query{Industry: "V"}, "", "", model.Filter{}, isFilterError},
		{"unknown size", all, report.Query{Size: "huge"}, "", "", model.Filter{}, isFilterError},
		{"real wave skips the demo waves", demoThenReal, report.Query{}, "2026-H1", "", model.Filter{WaveID: 3}, nil},
		{"real wave reaches past a demo wave", mixed, report.Query{Wave: "2026-H1"}, "2026-H1", "2025-H1",
			model.Filter{WaveID: 3}, nil},
		{"demo wave compares with the one before", demoThenReal, report.Query{Wave: "demo-2"}, "demo-2", "demo-1",
			model.Filter{WaveID: 2}, nil},
		{"demo wave may compare with a real one", mixed, report.Query{}, "demo-4", "2026-H1", model.Filter{WaveID: 4}, nil},
		{"the user may compare with a demo wave", demoThenReal, report.Query{Compare: "demo-1"}, "2026-H1", "demo-1",
			model.Filter{WaveID: 3}, nil},
		{"compare with a later wave", all, report.Query{Wave: "2025-H2", Compare: "2026-H1"}, "", "", model.Filter{}, isFilterError},
		{"compare with an unknown wave", all, report.Query{Compare: "nope"}, "", "", model.Filter{}, isFilterError},
		{"no waves", nil, report.Query{}, "", "", model.Filter{}, func(err error) bool { return errors.Is(err, report.ErrNoWaves) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := r.Resolve(tt.waves, tt.q)
			if tt.err != nil {
				if !tt.err(err) {
					t.Fatalf("Resolve(%+v) error = %v", tt.q, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			prev := ""
			if v.Prev != nil {
				prev = v.Prev.Name
			}
			if v.Wave.Name != tt.wave || prev != tt.prev || v.Filter() != tt.filter {
				t.Errorf("Resolve(%+v) = %s (prev %q) %+v; want %s (prev %q) %+v", tt.q, v.Wave.Name, prev, v.Filter(), tt.wave, tt.prev, tt.filter)
			}
		})
	}
}

func isFilterError(err error) bool {
	var f *report.FilterError
	return errors.As(err, &f) && f.Message != ""
}

// TestResolveRegionLists: the trend's highlighted 시도 and the 시도 a
// comparison sets side by side are accepted as codes, names, English names
// and old codes, comma-separated or repeated, each once, in the order
// asked; more than three highlighted or four compared, or an unknown one,
// is a filter error naming the parameter.
func TestResolveRegionLists(t *testing.T) {
	r := newReporter(t)
	tests := []struct {
		name  string
		asked []string
		want  []string
		err   bool
	}{
		{"none", nil, nil, false},
		{"codes, comma-separated", []string{"11,26,48"}, []string{"11", "26", "48"}, false},
		{"names and a repeat", []string{"부산", "경상남도", "26"}, []string{"26", "48"}, false},
		{"old code and English", []string{"42, Gyeongnam", ""}, []string{"51", "48"}, false},
		{"four", []string{"11,26,27,28"}, []string{"11", "26", "27", "28"}, false},
		{"five", []string{"11,26,27,28,29"}, nil, true},
		{"unknown", []string{"11,99"}, nil, true},
	}
	for _, tt := range tests {
		for _, param := range []string{"highlight", "regions"} {
			t.Run(tt.name+"/"+param, func(t *testing.T) {
				q, most := report.Query{Highlight: tt.asked}, 3
				if param == "regions" {
					q, most = report.Query{Regions: tt.asked}, 4
				}
				v, err := r.Resolve(waves("2026-H1"), q)
				got := map[string][]string{"highlight": v.Highlight, "regions": v.Regions}[param]
				if tt.err || len(tt.want) > most {
					if !isFilterError(err) || !strings.Contains(err.Error(), param+"=") && !strings.Contains(err.Error(), "곳까지") {
						t.Errorf("err = %v, want a filter error naming %s or its limit", err, param)
					}
					return
				}
				if err != nil || !slices.Equal(got, tt.want) {
					t.Errorf("%s = %v (%v), want %v", param, got, err, tt.want)
				}
			})
		}
	}
}
