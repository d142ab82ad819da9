package web_test

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/web"
)

// TestUploadSpill: an upload's file is spooled to the server's temp area
// (created 0700, the file 0600) while it arrives, and nothing is left there
// once the request ends: accepted, refused after the file, over the limit,
// or cut off by the client mid-body.
func TestUploadSpill(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		tmp := filepath.Join(t.TempDir(), "data", "tmp")
		h, base := gateServer(t, s, func(d *web.Deps) {
			d.TempDir = tmp
			d.Config.Import.MaxFileBytes = 2 << 20
		})
		if fi, err := os.Stat(tmp); err != nil || fi.Mode().Perm() != 0o700 {
			t.Fatalf("temp area: %v, %v; want a 0700 folder", fi, err)
		}
		ana := signedInCaller(t, s, base, "ana", model.RoleAnalyst)
		end := func(pw *io.PipeWriter, w *multipart.Writer, rest int) error {
			if _, err := pw.Write(make([]byte, rest)); err != nil {
				return err
			}
			if err := w.Close(); err != nil {
				return err
			}
			return pw.Close()
		}
		tests := []struct {
			name   string
			wave   string
			finish func(pw *io.PipeWriter, w *multipart.Writer) error
			want   int
			says   string
		}{
			{"accepted", "W2", func(pw *io.PipeWriter, w *multipart.Writer) error { return end(pw, w, 1<<20) }, http.StatusAccepted, `"state"`},
			{"refused after the file", "", func(pw *io.PipeWriter, w *multipart.Writer) error { return end(pw, w, 1<<20) }, http.StatusBadRequest, "조사 차수"},
			{"over the limit", "W2", func(pw *io.PipeWriter, w *multipart.Writer) error { return end(pw, w, 2<<20) }, http.StatusRequestEntityTooLarge, "2 MiB 이하"},
			{"client gone mid-body", "W2", func(pw *io.PipeWriter, _ *multipart.Writer) error {
				return pw.CloseWithError(io.ErrUnexpectedEOF)
			}, http.StatusBadRequest, "연결이 끊겼거나"},
		}
		for _, tt := range tests {
			pr, pw := io.Pipe()
			w := multipart.NewWriter(pw)
			req := ana.request(http.MethodPost, "/api/v1/imports", w.FormDataContentType(), pr, true)
			done := make(chan *httptest.ResponseRecorder)
			go func() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				pr.CloseWithError(errors.New("the handler returned")) // a write the server never reads fails
				done <- rec
			}()
			// The first MiB of the file has been read once the write
			// returns, so the file is being spooled.
			err := w.WriteField("wave", tt.wave)
			if err == nil {
				var fw io.Writer
				if fw, err = w.CreateFormFile("file", "a.xlsx"); err == nil {
					_, err = fw.Write(bytes.Repeat([]byte{'x'}, 1<<20))
				}
			}
			if err != nil {
				rec := <-done
				t.Fatalf("%s: the server stopped reading: %v; %d %s", tt.name, err, rec.Code, rec.Body)
			}
			if files := spooled(t, tmp); len(files) != 1 || files[0].Mode().Perm() != 0o600 {
				t.Errorf("%s: temp area while the file arrives: %v, want one 0600 file", tt.name, files)
			}
			_ = tt.finish(pw, w)
			rec := <-done
			if rec.Code != tt.want || !strings.Contains(rec.Body.String(), tt.says) {
				t.Errorf("%s: %d %.200s, want %d with %q", tt.name, rec.Code, rec.Body, tt.want, tt.says)
			}
			if files := spooled(t, tmp); len(files) != 0 {
				t.Errorf("%s: temp area after the request: %v", tt.name, files)
			}
		}
	})
}

func spooled(t *testing.T, dir string) []os.FileInfo {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []os.FileInfo
	for _, e := range ents {
		fi, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fi)
	}
	return out
}
