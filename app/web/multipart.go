package web

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"os"
	"slices"

	"github.com/labstack/echo/v4"

	"axdash/app/private"
)

// Every multipart body is read here, part by part: text fields into memory
// (a few kilobytes at most), files straight into temp files in the
// server's temp area, never the whole body in memory and never through
// Go's ReadForm (whose spill goes to the OS temp folder and whose memory
// share is Echo's 32 MiB).

// spoolKey is where guard leaves an upload request's spool.
const spoolKey = "axdash.spool"

// Bounds of a multipart body's text parts: each is cut to maxFieldBytes;
// the CSRF check reads at most maxLeadingParts of them before the token.
// 8 KiB holds the longest design note (store.MaxNoteLen characters of
// three bytes), and a note cut there is longer than that in any script,
// so the form's check refuses it rather than keep it cut.
const (
	maxFieldBytes   = 8 << 10
	maxLeadingParts = 8
)

// spool is one upload request's multipart stream and the temp files read
// from it; guard removes the files when the request ends.
type spool struct {
	dir   string // the temp area; "" is the OS temp folder
	req   *http.Request
	mr    *multipart.Reader
	early map[string]string // text parts read before the CSRF token
	paths []string
}

func (s *Server) withSpool(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if err := s.checkFreeSpace(c.Request()); err != nil {
			return err
		}
		sp := &spool{dir: s.tmpDir, req: c.Request(), early: map[string]string{}}
		c.Set(spoolKey, sp)
		defer sp.removeAll(s.logger(c))
		return next(c)
	}
}

func (sp *spool) removeAll(log *slog.Logger) {
	for _, p := range sp.paths {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			log.Error("remove upload temp file", slog.String("path", p), slog.Any("err", err))
		}
	}
}

// reader is the body's multipart reader, made on first use.
func (sp *spool) reader() (*multipart.Reader, error) {
	if sp.mr == nil {
		mr, err := sp.req.MultipartReader()
		if err != nil {
			return nil, badRequest("파일 올리기 형식(multipart/form-data)이 아닙니다.")
		}
		sp.mr = mr
	}
	return sp.mr, nil
}

// leadingToken reads the text parts before the first file, up to the
// _csrf part, keeping the others for readMultipart; "" when a file, the
// end or too many parts come first: the file is then refused unread.
func (sp *spool) leadingToken() (string, error) {
	mr, err := sp.reader()
	if err != nil {
		return "", nil
	}
	for range maxLeadingParts {
		part, err := mr.NextPart()
		if err != nil {
			return "", readFailure(err)
		}
		if part.FileName() != "" {
			return "", nil
		}
		v, err := readField(part)
		if err != nil {
			return "", err
		}
		if part.FormName() == "_csrf" {
			return v, nil
		}
		if _, seen := sp.early[part.FormName()]; !seen {
			sp.early[part.FormName()] = v
		}
	}
	return "", nil
}

// uploadSpec says which parts of a multipart body a handler takes.
type uploadSpec struct {
	fields  []string     // the text fields kept; others are skipped
	file    string       // the file part's name; one file at most
	maxFile int64        // the file's limit in bytes
	tooBig  func() error // the refusal of a file over maxFile
}

// multipartForm is a multipart body as read: its text fields and its file.
type multipartForm struct {
	fields map[string]string
	file   *spooledFile // nil when none was sent
}

// spooledFile is an uploaded file in the temp area.
type spooledFile struct {
	name   string // the client's name for it, as sent
	path   string
	size   int64
	sha256 string
}

// readMultipart reads the request's multipart body after whatever the CSRF
// check read of it. The route must be registered with upload. A body over
// the route's limit is a file over its limit: the envelope is small.
func readMultipart(c echo.Context, spec uploadSpec) (*multipartForm, error) {
	sp, ok := c.Get(spoolKey).(*spool)
	if !ok {
		return nil, fmt.Errorf("web: %s %s reads a multipart body but is not registered as an upload", c.Request().Method, c.Path())
	}
	form, err := sp.read(spec)
	if errors.Is(err, echo.ErrStatusRequestEntityTooLarge) {
		return nil, spec.tooBig()
	}
	return form, err
}

func (sp *spool) read(spec uploadSpec) (*multipartForm, error) {
	mr, err := sp.reader()
	if err != nil {
		return nil, err
	}
	form := &multipartForm{fields: map[string]string{}}
	for _, name := range spec.fields {
		if v, ok := sp.early[name]; ok {
			form.fields[name] = v
		}
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return form, nil
		}
		if err != nil {
			return nil, readFailure(err)
		}
		if err := form.take(sp, spec, part); err != nil {
			return nil, err
		}
	}
}

// take reads one part into the form: a wanted field, the file, or nothing.
func (f *multipartForm) take(sp *spool, spec uploadSpec, part *multipart.Part) error {
	name := part.FormName()
	if name == spec.file {
		if f.file != nil {
			return badRequest("파일은 한 번에 하나만 올릴 수 있습니다.")
		}
		var err error
		f.file, err = sp.save(part, spec)
		return err
	}
	if _, seen := f.fields[name]; seen || !slices.Contains(spec.fields, name) {
		return nil // NextPart skips what is left of it
	}
	v, err := readField(part)
	f.fields[name] = v
	return err
}

// save copies a file part into a new temp file (0600), hashing as it goes.
func (sp *spool) save(part *multipart.Part, spec uploadSpec) (*spooledFile, error) {
	f, err := os.CreateTemp(sp.dir, "axdash-upload-*")
	if err != nil {
		return nil, fmt.Errorf("web: upload temp file: %w", err)
	}
	defer f.Close()
	sp.paths = append(sp.paths, f.Name())
	h := sha256.New()
	// A failed write (a full disk) is the server's, not a broken upload.
	w := &errWriter{w: f}
	n, err := io.Copy(io.MultiWriter(w, h), io.LimitReader(part, spec.maxFile+1))
	if w.err != nil {
		return nil, fmt.Errorf("web: write upload temp file: %w", w.err)
	}
	if err != nil {
		return nil, readFailure(err)
	}
	if n > spec.maxFile {
		return nil, spec.tooBig()
	}
	if err := f.Close(); err != nil {
		return nil, fmt.Errorf("web: write upload temp file: %w", err)
	}
	return &spooledFile{name: part.FileName(), path: f.Name(), size: n, sha256: hex.EncodeToString(h.Sum(nil))}, nil
}

// errWriter keeps the error of its writer, which io.Copy does not tell
// apart from the reader's.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	n, err := e.w.Write(p)
	if err != nil {
		e.err = err
	}
	return n, err
}

func readField(part *multipart.Part) (string, error) {
	b, err := io.ReadAll(io.LimitReader(part, maxFieldBytes))
	if err != nil {
		return "", readFailure(err)
	}
	return string(b), nil
}

// readFailure tells a body over the route's limit (413) from a broken or
// cut-off upload (400).
func readFailure(err error) error {
	if errors.Is(err, echo.ErrStatusRequestEntityTooLarge) {
		return err
	}
	return badRequest("파일을 받는 중 연결이 끊겼거나 형식이 잘못되었습니다. 다시 올려 주세요.")
}

// makeTempDir creates the temp area for the operator's account alone: an
// upload is survey data.
func makeTempDir(dir string) error {
	if dir == "" {
		return nil
	}
	if err := private.MkdirAll(dir); err != nil {
		return fmt.Errorf("web: create upload temp area: %w", err)
	}
	// A folder an older version made wider is narrowed: it holds uploads.
	if err := os.Chmod(dir, private.DirMode); err != nil {
		return fmt.Errorf("web: restrict upload temp area %s: %w", dir, err)
	}
	return nil
}
