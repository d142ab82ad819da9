package charts

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"axdash/app/cube"
	"axdash/app/model"
)

// TestMeasureTrends: each measure's trend reads its value and interval from
// the cells' estimates (never the raw sums), draws it in the chart's unit,
// and shows a withheld estimate as withheld.
func TestMeasureTrends(t *testing.T) {
	c := newCatalogue(t)
	tests := []struct {
		id, key, measure string
		base             float64 // an estimate's order of size
		div              float64 // table unit to chart unit
		scale            float64 // estimate to table unit
	}{
		{"cost-trend", "mean_cost", cube.MeasureCost, 1.5e6, 1e6, 1},
		{"support-share-trend", "support_share", cube.MeasureSupportShare, 0.013, 1, 100},
		{"talent-gap-trend", "gap_rate", cube.MeasureTalentGap, 0.017, 1, 100},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			src := &fakeSource{}
			value := map[string]float64{} // "wave|region" → the estimate
			for w, wave := range []string{"2025-H2", "2026-H1"} {
				for i, code := range []string{"11", "26"} {
					v := float64(1+w*10+i) * tt.base
					cell := rateCell(code, 20, 1, 3)
					cell.WaveID, cell.Wave, cell.NCost = int64(w+1), wave, 20
					e := model.Estimate{Value: v, Low: v * 0.9, High: v * 1.1, SE: v / 20, Interval: true, N: 20}
					if w == 1 && code == "26" {
						e = model.Estimate{Rule: model.RuleSmall, Hidden: true, N: 20}
					}
					cell.Est = model.EstimatesOf(map[string]model.Estimate{tt.measure: e})
					value[wave+"|"+code] = v
					src.trend = append(src.trend, cell)
				}
			}
			tab, err := c.Build(context.Background(), src, tt.id, model.Filter{WaveID: 2})
			if err != nil {
				t.Fatal(err)
			}
			vc, lc := colIndex(tab, tt.key), colIndex(tab, tt.key+"_"+StatLow)
			if vc < 0 || lc < 0 {
				t.Fatalf("columns %v lack %s and its interval", tab.Columns, tt.key)
			}
			seen := 0
			for i, row := range tab.Rows {
				if row[1] != "11" && row[1] != "26" {
					continue
				}
				seen++
				want, k := value[row[0].(string)+"|"+row[1].(string)], row[0].(string)+" "+row[1].(string)
				if k == "2026-H1 26" {
					if row[vc] != nil || row[lc] != nil || !tab.MarksOf(i)[tt.key].Hidden {
						t.Errorf("%s: withheld estimate shown: %v, marks %v", k, row, tab.MarksOf(i))
					}
					continue
				}
				got, _ := number(row[vc])
				lo, _ := number(row[lc])
				if math.Abs(got-want*tt.scale) > 1e-6 || math.Abs(lo-0.9*want*tt.scale) > 1e-6 {
					t.Errorf("%s: value %v low %v, want %v and %v (the estimate's)", k, got, lo, want*tt.scale, 0.9*want*tt.scale)
				}
			}
			if seen != 4 {
				t.Errorf("%d 시도 rows, want 4: %v", seen, tab.Rows)
			}
			b, err := c.Option(tab, "w")
			if err != nil {
				t.Fatal(err)
			}
			var o struct {
				Series []struct {
					Name string
					Data []struct{ Value any }
				}
			}
			if err := json.Unmarshal(b, &o); err != nil {
				t.Fatal(err)
			}
			first := value["2025-H2|11"] * tt.scale / tt.div
			if len(o.Series) == 0 || len(o.Series[0].Data) == 0 {
				t.Fatalf("no series in %s", b)
			}
			if got, _ := o.Series[0].Data[0].Value.(float64); math.Abs(got-round(first, 1)) > 1e-9 {
				t.Errorf("first point %v, want %v in the chart's unit", o.Series[0].Data[0].Value, round(first, 1))
			}
		})
	}
}
