package cube

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"axdash/app/model"
)

// TestTrendStopsAtTheChosenWaveInSetOrder: the trend follows the set's
// (survey) order, not the waves' ids, and stops at the chosen wave even
// when the chosen wave has no cell under the filter.
func TestTrendStopsAtTheChosenWaveInSetOrder(t *testing.T) {
	ctx := context.Background()
	// Surveyed in the order 3, 1, 2: ids and names sort otherwise.
	set := NewSet([]*Wave{testWave(3, "C-first"), testWave(1, "A-second"), testWave(2, "B-third")})
	tests := []struct {
		chosen int64
		region string
		want   []string
	}{
		{3, "11", []string{"C-first"}},
		{1, "11", []string{"C-first", "A-second"}},
		{2, "11", []string{"C-first", "A-second", "B-third"}},
		{0, "11", []string{"C-first", "A-second", "B-third"}},
		{1, "48", nil}, // nobody in 경남: no wave after the chosen one either
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.chosen, tt.region), func(t *testing.T) {
			cells, err := set.TrendBy(ctx, ByRegion, model.Filter{WaveID: tt.chosen, Region: tt.region})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cells {
				if !slices.Contains(got, c.Wave) {
					got = append(got, c.Wave)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("waves %v, want %v", got, tt.want)
			}
		})
	}
}
