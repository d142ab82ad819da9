package web

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/configs"
)

// view is the wave and filters a request asks for, checked against the
// region table, the KSIC sections and the size bands.
type view struct {
	Wave     *model.Wave
	Waves    []store.WaveSummary
	Region   string
	Industry string
	Size     string
}

// Filter is the store filter for the view.
func (v view) Filter() model.Filter {
	return model.Filter{WaveID: v.Wave.ID, Region: v.Region, Industry: v.Industry, Size: v.Size}
}

// Filters is the view's filters as the API reports them.
func (v view) Filters() map[string]string {
	out := map[string]string{}
	for k, val := range map[string]string{"region": v.Region, "industry": v.Industry, "size": v.Size} {
		if val != "" {
			out[k] = val
		}
	}
	return out
}

var errNoWaves = errors.New("no waves stored yet")

// readView parses wave, region, industry and size. An empty wave means the
// newest; errNoWaves when nothing has been imported.
func (s *Server) readView(ctx context.Context, c echo.Context) (view, error) {
	var v view
	waves, err := s.deps.Store.Waves(ctx)
	if err != nil {
		return v, err
	}
	v.Waves = waves
	name := strings.TrimSpace(c.QueryParam("wave"))
	if name == "" {
		if len(waves) == 0 {
			return v, errNoWaves
		}
		w := waves[len(waves)-1].Wave
		v.Wave = &w
	} else {
		w, err := s.deps.Store.WaveByName(ctx, name)
		if err != nil {
			return v, err
		}
		v.Wave = w
	}
	v.Region, v.Industry, v.Size = c.QueryParam("region"), strings.ToUpper(c.QueryParam("industry")), c.QueryParam("size")
	if v.Region != "" && !slices.ContainsFunc(s.deps.Regions.Regions, func(r configs.Region) bool { return r.Code == v.Region }) {
		return v, badRequest("알 수 없는 시도 코드입니다: region=" + v.Region)
	}
	if v.Industry != "" && !slices.ContainsFunc(s.deps.Survey.Industries, func(i configs.Industry) bool { return i.Code == v.Industry }) {
		return v, badRequest("알 수 없는 업종(KSIC 대분류)입니다: industry=" + v.Industry)
	}
	if v.Size != "" && !slices.Contains(model.SizeBands, v.Size) {
		return v, badRequest("알 수 없는 규모 구간입니다: size=" + v.Size)
	}
	return v, nil
}
