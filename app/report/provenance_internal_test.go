package report

import (
	"testing"

	"axdash/app/store"
	"axdash/charts"
)

// TestTrendPairs: a table by wave sets each wave it shows against the next
// (repeated rows of a wave count once, waves not stored are skipped); any
// other table sets none.
func TestTrendPairs(t *testing.T) {
	stored := make([]store.WaveState, 3)
	for i, n := range []string{"W1", "W2", "W3"} {
		stored[i].ID, stored[i].Name = int64(i+1), n
	}
	byWave := []charts.Column{{Key: "wave"}, {Key: "region"}}
	tests := []struct {
		name    string
		columns []charts.Column
		rows    [][]any
		want    [][2]string
	}{
		{name: "not by wave", columns: []charts.Column{{Key: "region"}}, rows: [][]any{{"W1"}, {"W2"}}},
		{name: "one wave", columns: byWave, rows: [][]any{{"W3", "11"}, {"W3", "00"}}},
		{name: "three waves", columns: byWave, rows: [][]any{{"W1", "11"}, {"W1", "00"}, {"W2", "11"}, {"W3", "11"}},
			want: [][2]string{{"W1", "W2"}, {"W2", "W3"}}},
		{name: "a wave not stored", columns: byWave, rows: [][]any{{"W1", "11"}, {"gone", "11"}, {"W3", "11"}},
			want: [][2]string{{"W1", "W3"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := consecutive(stored, tableWaves(&charts.Table{Columns: tc.columns, Rows: tc.rows}))
			if len(got) != len(tc.want) {
				t.Fatalf("%d pairs, want %v", len(got), tc.want)
			}
			for i, p := range got {
				if p[0].Name != tc.want[i][0] || p[1].Name != tc.want[i][1] {
					t.Errorf("pair %d: %s→%s, want %v", i, p[0].Name, p[1].Name, tc.want[i])
				}
			}
		})
	}
}
