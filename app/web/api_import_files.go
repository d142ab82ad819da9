package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strconv"

	"github.com/labstack/echo/v4"
)

// importFileStore streams a stored import file and its annotated copy.
type importFileStore interface {
	CopyJobAnnotated(ctx context.Context, id int64, w io.Writer) error
	CopyImportFile(ctx context.Context, sha string, w io.Writer) error
	ImportFileSize(ctx context.Context, sha string) (int64, error)
	ImportFileFormat(ctx context.Context, sha string) (string, error)
}

// apiImportAnnotated sends the annotated workbook under a server-made name.
func (s *Server) apiImportAnnotated(c echo.Context) error {
	job, _, err := s.loadJob(c)
	if err != nil {
		return err
	}
	if err := filePurged(job); err != nil {
		return err
	}
	if job.AnnotatedSize == 0 {
		return echo.NewHTTPError(http.StatusNotFound, "이 가져오기에는 표시본(오류 표시 통합문서)이 없습니다.")
	}
	return s.sendFile(c, fmt.Sprintf("axdash-import-%d-annotated.xlsx", job.ID),
		"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", job.AnnotatedSize,
		func() error { return s.deps.Jobs.CopyJobAnnotated(c.Request().Context(), job.ID, c.Response()) })
}

// apiImportOriginal sends the uploaded bytes as they came (admins only).
func (s *Server) apiImportOriginal(c echo.Context) error {
	job, rep, err := s.loadJob(c)
	if err != nil {
		return err
	}
	if err := filePurged(job); err != nil {
		return err
	}
	var format string
	if rep != nil {
		format = rep.Format
	}
	return s.sendFile(c, fmt.Sprintf("axdash-import-%d-original.%s", job.ID, originalExt(format)), "application/octet-stream",
		job.FileSize, func() error { return s.deps.Jobs.CopyImportFile(c.Request().Context(), job.SHA256, c.Response()) })
}

// apiImportFile sends a kept original by its SHA-256 (admins only): the
// files of imports made without an upload job.
func (s *Server) apiImportFile(c echo.Context) error {
	sha := c.Param("sha256")
	if !sha256Hex.MatchString(sha) {
		return echo.NewHTTPError(http.StatusNotFound, "파일을 찾을 수 없습니다.")
	}
	size, err := s.deps.Jobs.ImportFileSize(c.Request().Context(), sha)
	if err != nil {
		return err
	}
	format, err := s.deps.Jobs.ImportFileFormat(c.Request().Context(), sha)
	if err != nil {
		return err
	}
	return s.sendFile(c, "axdash-import-"+sha[:12]+"."+originalExt(format), "application/octet-stream", size,
		func() error { return s.deps.Jobs.CopyImportFile(c.Request().Context(), sha, c.Response()) })
}

// originalExt is the file extension of an original in the given format:
// the reader's own name for a spreadsheet, else bin.
func originalExt(format string) string {
	switch format {
	case "xlsx", "xlsm", "csv":
		return format
	}
	return "bin"
}

var sha256Hex = regexp.MustCompile(`^[0-9a-f]{64}$`)

func (s *Server) sendFile(c echo.Context, name, contentType string, size int64, copyTo func() error) error {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, contentType)
	h.Set(echo.HeaderContentLength, strconv.FormatInt(size, 10))
	setDownload(h, `attachment; filename="`+name+`"`)
	c.Response().WriteHeader(http.StatusOK)
	return copyTo()
}
