package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"axdash/app/store"
)

// boundaryStore keeps the uploaded boundary map; pages read it by version.
type boundaryStore interface {
	BoundaryVersion(ctx context.Context) (int64, error)
	Boundary(ctx context.Context) (*store.BoundaryMap, error)
	SaveBoundary(ctx context.Context, m store.BoundaryMap) (int64, error)
	DeleteBoundary(ctx context.Context) error
}

// boundaryPath serves the boundary GeoJSON; the page script fetches it and
// registers the map before drawing any chart.
const boundaryPath = "/maps/kr-sido.geojson"

// loadBoundary reads the configured file (figures.boundary_geojson), the
// fallback when no map is stored.
func (s *Server) loadBoundary() error {
	path := s.deps.Config.Figures.BoundaryGeoJSON
	if path == "" {
		return nil
	}
	b, matched, err := loadBoundary(path, s.deps.Regions)
	if err != nil {
		return err
	}
	s.deps.Log.Info("boundary map loaded", slog.String("file", path), slog.Int("regions_matched", matched))
	s.boundary = b
	return nil
}

// activeMap is the boundary map in use: the one an admin stored, else the
// file's, else none. version keys caches and the GeoJSON's ETag.
type activeMap struct {
	data    []byte
	version string
	stored  *store.BoundaryMap // nil unless it came from the database
}

// boundaryMemo keeps the stored map between requests; its version (one
// small query) is checked at most once per ttl, and the bytes are loaded
// only when the version changed, so an upload on any process reaches every
// other.
type boundaryMemo = memo[storedMap]

// storedMap is the stored boundary map (nil: none) with its version (0:
// none).
type storedMap struct {
	version int64
	m       *store.BoundaryMap
}

// readStoredMap reads the map's version and, when it differs from last's,
// the map.
func readStoredMap(st boundaryStore) func(context.Context, storedMap, bool) (storedMap, error) {
	return func(ctx context.Context, last storedMap, have bool) (storedMap, error) {
		v, err := st.BoundaryVersion(ctx)
		if err != nil || (have && v == last.version) {
			return last, err
		}
		next := storedMap{version: v}
		if v != 0 {
			if next.m, err = st.Boundary(ctx); err != nil && !errors.Is(err, store.ErrNotFound) {
				return last, err
			}
		}
		return next, nil
	}
}

func (s *Server) activeMap(ctx context.Context) (activeMap, error) {
	sm, err := s.maps.update(ctx, readStoredMap(s.deps.Ops))
	if err != nil {
		return activeMap{}, err
	}
	stored := sm.m
	switch {
	case stored != nil:
		return activeMap{data: stored.Content, version: "db" + strconv.FormatInt(stored.ID, 10), stored: stored}, nil
	case s.boundary != nil:
		return activeMap{data: s.boundary, version: "file"}, nil
	default:
		return activeMap{}, nil
	}
}

// boundaryGeoJSON serves the map. Browsers revalidate it (ETag) because an
// admin may replace it at any time.
func (s *Server) boundaryGeoJSON(c echo.Context) error {
	m, err := s.activeMap(c.Request().Context())
	if err != nil {
		return err
	}
	if m.data == nil {
		return echo.NewHTTPError(http.StatusNotFound, "경계 지도가 없습니다.")
	}
	etag := `"` + m.version + `"`
	h := c.Response().Header()
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", etag)
	if c.Request().Header.Get("If-None-Match") == etag {
		return c.NoContent(http.StatusNotModified)
	}
	return c.Blob(http.StatusOK, "application/geo+json", m.data)
}
