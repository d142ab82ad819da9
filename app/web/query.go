package web

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"axdash/app/model"
	"axdash/app/report"
	"axdash/app/store"
	"axdash/charts"

	"github.com/labstack/echo/v4"
)

// view is the wave and filters a request asks for, resolved by the report
// layer (report.Reporter.Resolve) as the CLI's are. Every page and the API
// read the same four query parameters, so any view is a bookmarkable URL.
type view struct {
	report.View
	// Version identifies the data behind the view: every wave's rollup
	// version and name and the boundary map's version, so a cached figure
	// or page is never served after a commit or an admin change.
	Version string
	// Boundary says whether a boundary map is in use.
	Boundary bool
	// compare is the wave the user chose to compare with, kept in links.
	compare string
}

// InternalNotice is the internal view's banner, on every page that shows
// a figure (the files carry it as their first line, see report.Meta).
func (v view) InternalNotice() string {
	if v.Internal {
		return charts.InternalNotice
	}
	return ""
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
	if v.compare != "" {
		q.Set("compare", v.compare)
	}
	if len(v.Highlight) > 0 {
		q.Set("highlight", strings.Join(v.Highlight, ","))
	}
	return q.Encode()
}

// Highlighted reports whether the view's trend highlights the region, for
// the filter form's checkboxes.
func (v view) Highlighted(code string) bool { return slices.Contains(v.Highlight, code) }

// key identifies the view's data for the figure cache.
func (v view) key() string {
	prev := int64(0)
	if v.Prev != nil {
		prev = v.Prev.ID
	}
	return fmt.Sprintf("%s|%t|%d|%d|%s|%s|%s|%s", v.Version, v.Internal, v.Wave.ID, prev, v.Region, v.Industry, v.Size,
		strings.Join(v.Highlight, ","))
}

// readView parses wave, region, industry and size. An empty wave means the
// newest; report.ErrNoWaves when nothing has been imported.
func (s *Server) readView(ctx context.Context, c echo.Context) (view, error) {
	var v view
	states, err := s.states.get(ctx, s.readStates)
	if err != nil {
		return v, err
	}
	s.markStale(c)
	m, err := s.activeMap(ctx)
	if err != nil {
		return v, err
	}
	v.Boundary = m.data != nil
	v.Version = states.version + "map:" + m.version
	v.View, err = s.report.Resolve(states.list, report.Query{Wave: c.QueryParam("wave"), Region: c.QueryParam("region"),
		Industry: c.QueryParam("industry"), Size: c.QueryParam("size"), Compare: c.QueryParam("compare"),
		Highlight: c.QueryParams()["highlight"], // "11,26" or a checkbox each
		Regions:   c.QueryParams()["regions"]})
	v.compare = strings.TrimSpace(c.QueryParam("compare"))
	// The one place that chooses the view: an analyst or admin gets the
	// internal one, which no cache outside the server may keep.
	if u := currentUser(c); u != nil && u.Role.AtLeast(model.RoleAnalyst) {
		v.Internal = true
		privateNoStore(c)
	}
	var unknown *report.UnknownWaveError
	var bad *report.FilterError
	switch {
	case errors.As(err, &unknown):
		return v, echo.NewHTTPError(http.StatusNotFound, unknown.Error())
	case errors.As(err, &bad):
		return v, badRequest(bad.Message)
	}
	return v, err
}

// readStates reads the wave states for the memo, with their version.
func (s *Server) readStates(ctx context.Context) (waveStates, error) {
	list, err := s.deps.Surveys.WaveStates(ctx)
	if err != nil {
		return waveStates{}, err
	}
	return waveStates{list: list, version: statesVersion(list)}, nil
}

// statesVersion is the waves' part of a view's version.
func statesVersion(waves []store.WaveState) string {
	var version strings.Builder
	for _, w := range waves {
		// The name, agency and design note are part of it: pages and
		// exports show them (the note through the comparison warnings),
		// and an admin may change them without changing the data.
		fmt.Fprintf(&version, "%d:%d:%q:%s,", w.ID, w.Version, w.Name, describedKey(w))
	}
	return version.String()
}

// describedKey stands for a wave's agency and design note in the view's
// version: a short hash, as the note may run to 2,000 characters and the
// version leads every cache key.
func describedKey(w store.WaveState) string {
	h := fnv.New64a()
	h.Write([]byte(w.Agency + "\x00" + w.Note))
	return strconv.FormatUint(h.Sum64(), 36)
}
