package disclosure

import (
	"context"
	"testing"

	"axdash/app/cube"
	"axdash/app/model"
)

// The rest of the country: the internal view is the cube's; the public
// view gives it only when the region's own cell is published, then with
// the cube's estimates and no counts, and withholds it otherwise.
func TestRestOnlyBesideAPublishedRegion(t *testing.T) {
	w, _ := thinWave(t)
	pub, in := views(w)
	set := cube.NewSet([]*cube.Wave{w})
	ctx := context.Background()
	tests := []struct {
		name   string
		f      model.Filter
		hidden bool // in the public view
	}{
		{"region published", model.Filter{WaveID: 1, Region: "11", Industry: "C"}, false},
		{"region withheld", model.Filter{WaveID: 1, Region: "11", Size: "300+"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, _ := set.CellRest(ctx, tt.f)
			if want.N == 0 {
				t.Fatalf("%+v: the rest has no responses, the test shows nothing", tt.f)
			}
			internal, err := in.CellRest(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if internal.N != want.N || internal.Est.Of(cube.MeasureAdoption) != want.Est.Of(cube.MeasureAdoption) {
				t.Errorf("internal rest n %d, %+v; the cube's %d, %+v", internal.N, internal.Est.Of(cube.MeasureAdoption),
					want.N, want.Est.Of(cube.MeasureAdoption))
			}
			public, err := pub.CellRest(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if public.Hidden != tt.hidden {
				t.Fatalf("public rest hidden %v, want %v", public.Hidden, tt.hidden)
			}
			if tt.hidden {
				if public.Est.Len() != 0 || public.N != 0 {
					t.Errorf("withheld rest holds n %d and %d estimates", public.N, public.Est.Len())
				}
				return
			}
			if public.N != 0 || public.Weight != 0 || public.Est.Of(cube.MeasureAdoption) != want.Est.Of(cube.MeasureAdoption) {
				t.Errorf("public rest n %d, weight %v, %+v; want no counts and the cube's %+v", public.N, public.Weight,
					public.Est.Of(cube.MeasureAdoption), want.Est.Of(cube.MeasureAdoption))
			}
		})
	}
}
