package cube

import (
	"testing"

	"axdash/app/model"
)

// Every grouping's cell keeps the two largest w·y contributions of its own
// responses, whichever base cells they sit in, and the sum of their keys.
func TestTopsAndKeysOfEveryGrouping(t *testing.T) {
	type firm struct {
		region, size string
		cost         int64
		key          int
	}
	firms := []firm{{"11", "1-9", 5, 1}, {"11", "1-9", 9, 2}, {"11", "300+", 7, 3}, {"26", "1-9", 20, 4}, {"26", "300+", 1, 250}}
	b := NewBuilder()
	for _, f := range firms {
		cost := f.cost
		if err := b.Add(&model.Response{Region: f.region, Industry: "C", SizeBand: f.size, Stage: "도입", Weight: 2,
			AdoptionCost: &cost, RecordKey: f.key}); err != nil {
			t.Fatal(err)
		}
	}
	cells := map[Key]Cell{}
	for _, c := range b.Build(false).Cells {
		cells[c.Key] = c
	}
	tests := []struct {
		key  Key
		top  [2]float64 // w·cost, w = 2
		keys int64
	}{
		{Key{All, All, All}, [2]float64{40, 18}, 260},
		{Key{"11", All, All}, [2]float64{18, 14}, 6},
		{Key{All, All, "1-9"}, [2]float64{40, 18}, 7},
		{Key{"26", "C", "300+"}, [2]float64{2, 0}, 250},
	}
	for _, tt := range tests {
		c := cells[tt.key]
		if c.Tops[TopCost] != tt.top || c.Sums.Keys != tt.keys {
			t.Errorf("%v: cost tops %v, keys %d; want %v, %d", tt.key, c.Tops[TopCost], c.Sums.Keys, tt.top, tt.keys)
		}
	}
}
