package charts

import (
	"context"
	"math"
	"testing"

	"axdash/app/model"
)

// TestExemplarHeadlineIsAShare: waves of different size are compared by
// the share of responses flagged as exemplars, in %p, never by the count
// (4 of 275 against 26 of 1,500 is not "−84.6%").
func TestExemplarHeadlineIsAShare(t *testing.T) {
	c := newCatalogue(t)
	cur, prev := model.Filter{WaveID: 2}, model.Filter{WaveID: 1}
	tests := []struct {
		name               string
		n, k, prevN, prevK int
		wantShown          bool
	}{
		{"small wave against a large one", 275, 4, 1500, 26, true},
		{"same share, different sizes", 200, 10, 1000, 50, true},
		{"too few responses to publish", 4, 1, 1500, 26, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &filterSource{totals: map[model.Filter]model.Cell{
				cur: estimated(model.Cell{N: tt.n, NExemplar: tt.k}, 0.01), prev: estimated(model.Cell{N: tt.prevN, NExemplar: tt.prevK}, 0.01)}}
			hs, err := c.Headlines(context.Background(), src, cur, 1)
			if err != nil {
				t.Fatal(err)
			}
			m := hs[len(hs)-1]
			if m.Key != "exemplars" || m.Unit != "%" || m.ChangeUnit != "%p" {
				t.Fatalf("exemplar headline = %+v, want a share in %% changing in %%p", m)
			}
			if !tt.wantShown {
				if m.Value != nil || m.Change != nil {
					t.Errorf("unpublishable share shown: %+v", m)
				}
				return
			}
			share, prevShare := 100*float64(tt.k)/float64(tt.n), 100*float64(tt.prevK)/float64(tt.prevN)
			v, _ := m.Value.(float64)
			ch, _ := m.Change.(float64)
			if math.Abs(v-share) > 1e-9 || math.Abs(ch-(share-prevShare)) > 1e-9 {
				t.Errorf("share %v (%v%%p), want %v (%v%%p)", m.Value, m.Change, share, share-prevShare)
			}
		})
	}
}

// TestMeasureInterval: a summary value's interval reads in the page's units,
// the unit once at the end; none without both ends.
func TestMeasureInterval(t *testing.T) {
	tests := []struct {
		m    Measure
		want string
	}{
		{Measure{Unit: "%", Value: 16.3, Low: 12.14, High: 20.46}, "95% 신뢰구간 12.1–20.5%"},
		{Measure{Unit: "원", Value: 2.5e7, Low: 1.84e7, High: 3.16e7}, "95% 신뢰구간 18.4–31.6백만원"},
		{Measure{Unit: "%", Value: 16.3, Low: 12.1}, ""},
		{Measure{Unit: "%"}, ""},
	}
	for _, tt := range tests {
		if got := tt.m.Interval(); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.m, got, tt.want)
		}
	}
}
