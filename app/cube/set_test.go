package cube

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"axdash/app/model"
	"axdash/configs"
)

// testWave builds a wave from a few responses through the Builder, as the
// store does, and indexes it.
func testWave(id int64, name string) *Wave {
	b := NewBuilder()
	for i, k := range []Key{{"11", "C", "1-9"}, {"11", "J", "1-9"}, {"26", "C", "10-49"}, {"11", "C", "10-49"}} {
		cost := int64(1000 * (i + 1))
		r := &model.Response{Region: k.Region, Industry: k.Industry, SizeBand: k.Size, Weight: float64(i + 1),
			Stage: model.Stages[i%len(model.Stages)], AdoptionCost: &cost,
			Barriers: []model.ResponseBarrier{{Code: "b" + fmt.Sprint(i%2)}}}
		if err := b.Add(r); err != nil {
			panic(err)
		}
	}
	rows := b.Build(true)
	rows.Exemplars = []model.ExemplarFirm{{FirmName: "가", Region: "11"}, {FirmName: "나", Region: "26"}, {FirmName: "다", Region: "11"}}
	return NewWave(id, name, 1, rows, configs.DefaultDesign())
}

func TestSetAnswersFromMemory(t *testing.T) {
	ctx := context.Background()
	set := NewSet([]*Wave{testWave(1, "W1"), testWave(2, "W2")})
	keys := func(cells []model.Cell) string {
		var out []string
		for _, c := range cells {
			out = append(out, fmt.Sprintf("%s:%d", c.Key, c.N))
		}
		return fmt.Sprint(out)
	}
	tests := []struct {
		name string
		got  func() (string, error)
		want string
	}{
		{"regions", func() (string, error) {
			c, err := set.CellsBy(ctx, ByRegion, model.Filter{WaveID: 1})
			return keys(c), err
		}, "[11:3 26:1]"},
		{"sizes in 11", func() (string, error) {
			c, err := set.CellsBy(ctx, BySize, model.Filter{WaveID: 1, Region: "11"})
			return keys(c), err
		}, "[1-9:2 10-49:1]"},
		{"the filtered dimension", func() (string, error) {
			c, err := set.CellsBy(ctx, ByRegion, model.Filter{WaveID: 1, Region: "26"})
			return keys(c), err
		}, "[26:1]"},
		{"no such wave", func() (string, error) {
			c, err := set.CellsBy(ctx, ByRegion, model.Filter{WaveID: 9})
			return keys(c), err
		}, "[]"},
		{"total", func() (string, error) {
			c, err := set.CellTotal(ctx, model.Filter{WaveID: 2, Industry: "C"})
			return fmt.Sprint(c.N, c.NCost, *c.MedianCost), err
		}, "3 3 3000"},
		{"empty total", func() (string, error) {
			c, err := set.CellTotal(ctx, model.Filter{WaveID: 2, Industry: "Q"})
			return fmt.Sprint(c.WaveID, c.N, c.MedianCost), err
		}, "2 0 <nil>"},
		{"trend", func() (string, error) {
			c, err := set.TrendBy(ctx, ByIndustry, model.Filter{Region: "11"})
			var out []string
			for _, x := range c {
				out = append(out, fmt.Sprintf("%s/%s:%d", x.Wave, x.Key, x.N))
			}
			return fmt.Sprint(out), err
		}, "[W1/C:2 W1/J:1 W2/C:2 W2/J:1]"},
		{"choices", func() (string, error) {
			c, err := set.Choices(ctx, model.ChoiceBarrier, model.Filter{WaveID: 1, Region: "11"})
			var out []string
			for _, x := range c {
				out = append(out, fmt.Sprintf("%s:%d:%g:%.3f", x.Code, x.N, x.Weight, x.Est.Value))
			}
			return fmt.Sprint(out), err
		}, "[b0:1:1:0.143 b1:2:6:0.857]"},
		{"exemplars", func() (string, error) {
			e, err := set.ExemplarFirms(ctx, model.Filter{WaveID: 1, Region: "11"}, 1)
			return fmt.Sprintf("%d %s", len(e), e[0].FirmName), err
		}, "1 가"},
	}
	for _, tt := range tests {
		if got, err := tt.got(); err != nil || got != tt.want {
			t.Errorf("%s = %s, %v; want %s", tt.name, got, err, tt.want)
		}
	}
	if _, err := set.CellsBy(ctx, "region; DROP", model.Filter{WaveID: 1}); err == nil {
		t.Error("an unknown dimension was accepted")
	}
	if _, err := set.Choices(ctx, "nope", model.Filter{WaveID: 1}); err == nil {
		t.Error("an unknown choice kind was accepted")
	}
	if err := NewBuilder().Add(&model.Response{Region: All, Industry: "C", SizeBand: "1-9"}); !errors.Is(err, ErrReservedCode) {
		t.Errorf("a '*' region: %v, want ErrReservedCode", err)
	}
}
