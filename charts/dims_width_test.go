package charts

import "testing"

// width must count what columns lays out: the empty rows of a table are
// made that wide without building the columns.
func TestMeasureWidthCountsItsColumns(t *testing.T) {
	tests := []struct {
		name string
		m    measure
	}{
		{"adoption", adoptionMeasure()},
		{"compare", compareMeasure()},
		{"support", supportMeasure()},
		{"mean cost", meanCostMeasure()},
		{"gap rate", gapRateMeasure()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if w, n := tt.m.width(), len(tt.m.columns()); w != n {
				t.Errorf("width %d, columns %d", w, n)
			}
		})
	}
}
