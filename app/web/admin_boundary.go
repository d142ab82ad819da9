package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"

	"github.com/labstack/echo/v4"

	"axdash/app/store"
)

type adminBoundaryPage struct {
	adminBase
	Stored   *store.BoundaryMap
	FileMap  bool // the file option is configured (the fallback)
	MaxMiB   int
	Regions  int
	Accepted string
}

func (s *Server) adminBoundary(c echo.Context) error {
	return s.renderBoundary(c, http.StatusOK, "")
}

func (s *Server) renderBoundary(c echo.Context, status int, errMsg string) error {
	s.maps.reset()
	m, err := s.activeMap(c.Request().Context())
	if err != nil {
		return err
	}
	page := adminBoundaryPage{adminBase: s.adminBase(c, "경계 지도 관리", "boundary"), Stored: m.stored,
		FileMap: s.boundary != nil, MaxMiB: maxBoundaryBytes >> 20, Regions: len(s.deps.Regions.Regions)}
	page.Error = errMsg
	return c.Render(status, "admin_boundary.html", page)
}

// adminUploadBoundary validates the GeoJSON with the same loader as the
// file option and stores it in the database, so every process serves it.
func (s *Server) adminUploadBoundary(c echo.Context) error {
	raw, err := s.receiveBoundary(c)
	var he *echo.HTTPError
	if errors.As(err, &he) {
		msg, _ := he.Message.(string)
		return s.renderBoundary(c, he.Code, msg)
	}
	if err != nil {
		return err
	}
	data, matched, features, err := parseBoundary(raw, s.deps.Regions)
	if err != nil {
		return s.renderBoundary(c, http.StatusBadRequest, boundaryFileError(err))
	}
	if matched == 0 {
		return s.renderBoundary(c, http.StatusBadRequest,
			fmt.Sprintf("경계 지도를 쓸 수 없습니다: 도형 %d개 가운데 시도와 맞는 것이 없습니다 (이름이나 시도 코드 속성이 필요합니다).", features))
	}
	_, err = s.deps.Ops.SaveBoundary(c.Request().Context(), store.BoundaryMap{Content: data, Features: features,
		Matched: matched, UploadedBy: currentUser(c).Login, UploadedAt: s.now()})
	if err != nil {
		return err
	}
	s.maps.reset()
	s.audit(c, "boundary map saved", slog.Int("features", features), slog.Int("matched", matched), slog.Int("bytes", len(data)))
	return doneRedirect(c, "/admin/boundary", "boundary")
}

// receiveBoundary reads the uploaded map; its refusals are HTTP errors with
// a Korean message for the page.
func (s *Server) receiveBoundary(c echo.Context) ([]byte, error) {
	form, err := readMultipart(c, uploadSpec{file: "file", maxFile: maxBoundaryBytes,
		tooBig: func() error { return badRequest(boundaryFileError(errBoundaryTooLarge)) }})
	if err != nil {
		return nil, err
	}
	if form.file == nil || form.file.size == 0 {
		return nil, badRequest("GeoJSON 파일을 고르세요.")
	}
	raw, err := os.ReadFile(form.file.path)
	if err != nil {
		return nil, fmt.Errorf("web: read uploaded boundary: %w", err)
	}
	return raw, nil
}

// boundaryFileError says in Korean why the file cannot be the map.
func boundaryFileError(err error) string {
	if errors.Is(err, errBoundaryTooLarge) {
		return fmt.Sprintf("경계 지도를 쓸 수 없습니다: 파일이 %d MiB를 넘습니다.", maxBoundaryBytes>>20)
	}
	return "경계 지도를 쓸 수 없습니다: 파일이 GeoJSON FeatureCollection이 아닙니다."
}

func (s *Server) adminDeleteBoundary(c echo.Context) error {
	if err := s.deps.Ops.DeleteBoundary(c.Request().Context()); err != nil {
		return err
	}
	s.maps.reset()
	s.audit(c, "boundary map removed")
	return doneRedirect(c, "/admin/boundary", "boundary-removed")
}
