package cube

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"axdash/app/model"
	"axdash/configs"
)

// benchRows makes n responses spread over 17 시도 × 21 industries × 5 size
// bands with costs, staff and multi-select codes, as a real wave has.
func benchRows(n int) []model.Response {
	r := rand.New(rand.NewPCG(1, 2))
	sizes := []string{"1-9", "10-49", "50-99", "100-299", "300+"}
	out := make([]model.Response, n)
	for i := range out {
		cost, support := int64(r.IntN(5e8)), int64(r.IntN(1e8))
		cur, need := r.IntN(5), r.IntN(8)
		out[i] = model.Response{Region: fmt.Sprintf("%02d", 11+r.IntN(17)), Industry: string(rune('A' + r.IntN(21))),
			SizeBand: sizes[r.IntN(len(sizes))], Weight: 1 + 50*r.Float64(), Stage: model.Stages[r.IntN(len(model.Stages))],
			AdoptionCost: &cost, GovSupport: &support, AIStaffCurrent: &cur, AIStaffNeeded: &need}
		for c := range 3 {
			if r.IntN(2) == 0 {
				out[i].Barriers = append(out[i].Barriers, model.ResponseBarrier{Code: fmt.Sprintf("b%d", c)})
			}
		}
	}
	return out
}

// BenchmarkNewWave is the work a serving process does when a wave changes:
// indexing the stored cube and computing every cell's estimates.
func BenchmarkNewWave(b *testing.B) {
	for _, n := range []int{1500, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			bl := NewBuilder()
			rows := benchRows(n)
			for i := range rows {
				if err := bl.Add(&rows[i]); err != nil {
					b.Fatal(err)
				}
			}
			cube := bl.Build(false)
			b.ResetTimer()
			for b.Loop() {
				NewWave(1, "W", 1, cube, configs.DefaultDesign())
			}
		})
	}
}
