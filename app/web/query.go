package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/configs"
)

// view is the wave and filters a request asks for, checked against the
// region table, the KSIC sections and the size bands. Every page and the
// API read the same four query parameters, so any view is a bookmarkable
// URL.
type view struct {
	Wave     *store.WaveState
	Prev     *store.WaveState // the wave before Wave, if any
	Waves    []store.WaveState
	Region   string
	Industry string
	Size     string
	// Version identifies the data behind the view: every wave's rollup
	// version and name and the boundary map's version, so a cached figure
	// or page is never served after a commit or an admin change.
	Version string
	// Boundary says whether a boundary map is in use.
	Boundary bool
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

// Query is the view as URL query parameters, for links that keep it.
func (v view) Query() string { return v.query(true) }

// Href and HrefNoRegion are Query for templates: url.Values.Encode output
// is already percent-encoded, so html/template must keep its = and &
// instead of escaping them as data. HrefNoRegion drops the region, for
// links to region pages.
func (v view) Href() template.URL { return template.URL(v.query(true)) }

// HrefNoRegion is Href without the region.
func (v view) HrefNoRegion() template.URL { return template.URL(v.query(false)) }

func (v view) query(withRegion bool) string {
	q := url.Values{}
	if v.Wave != nil {
		q.Set("wave", v.Wave.Name)
	}
	if v.Region != "" && withRegion {
		q.Set("region", v.Region)
	}
	if v.Industry != "" {
		q.Set("industry", v.Industry)
	}
	if v.Size != "" {
		q.Set("size", v.Size)
	}
	return q.Encode()
}

// key identifies the view's data for the figure cache.
func (v view) key() string {
	return fmt.Sprintf("%s|%d|%s|%s|%s", v.Version, v.Wave.ID, v.Region, v.Industry, v.Size)
}

var errNoWaves = errors.New("no waves stored yet")

// readView parses wave, region, industry and size. An empty wave means the
// newest; errNoWaves when nothing has been imported.
func (s *Server) readView(ctx context.Context, c echo.Context) (view, error) {
	var v view
	waves, err := s.states.get(ctx, s.deps.Store.WaveStates)
	if err != nil {
		return v, err
	}
	v.Waves = waves
	m, err := s.activeMap(ctx)
	if err != nil {
		return v, err
	}
	v.Boundary = m.data != nil
	if len(waves) == 0 {
		return v, errNoWaves
	}
	var version strings.Builder
	for _, w := range waves {
		// The name is part of it: pages and exports show it, and an admin
		// may rename a wave without changing its data.
		fmt.Fprintf(&version, "%d:%d:%q,", w.ID, w.Version, w.Name)
	}
	v.Version = version.String() + "map:" + m.version
	idx := len(waves) - 1
	if name := strings.TrimSpace(c.QueryParam("wave")); name != "" {
		idx = slices.IndexFunc(waves, func(w store.WaveState) bool { return w.Name == name })
		if idx < 0 {
			return v, echo.NewHTTPError(http.StatusNotFound, fmt.Sprintf("조사 차수(wave) %q를 찾을 수 없습니다.", name))
		}
	}
	v.Wave = &waves[idx]
	if idx > 0 {
		v.Prev = &waves[idx-1]
	}
	return v, s.readFilters(c, &v)
}

func (s *Server) readFilters(c echo.Context, v *view) error {
	v.Region, v.Industry, v.Size = c.QueryParam("region"), strings.ToUpper(c.QueryParam("industry")), c.QueryParam("size")
	if v.Region != "" {
		code, ok := s.deps.Regions.Lookup(v.Region)
		if !ok {
			return badRequest("알 수 없는 시도입니다: region=" + v.Region + " (시도 코드, 예: 11, 48)")
		}
		v.Region = code
	}
	if v.Industry != "" && !slices.ContainsFunc(s.deps.Survey.Industries, func(i configs.Industry) bool { return i.Code == v.Industry }) {
		return badRequest("알 수 없는 업종(KSIC 대분류)입니다: industry=" + v.Industry)
	}
	if v.Size != "" && !slices.Contains(model.SizeBands, v.Size) {
		return badRequest("알 수 없는 규모 구간입니다: size=" + v.Size)
	}
	return nil
}
