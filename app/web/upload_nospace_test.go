package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/app/tmproot/tmproottest"
	"axdash/app/web"
	"axdash/configs"
)

// TestUploadNoSpace fills a small disk under the temp area or the SQLite
// database: the upload is answered 507 with where space ran out, the cause
// is logged, no job is made and no spill is left.
func TestUploadNoSpace(t *testing.T) {
	const mib = 1 << 20
	tests := []struct {
		name     string
		dbOnDisk bool  // the database on the small disk, else the temp area
		margin   int64 // jobs.upload_free_margin_bytes
		left     int64 // free space left on the disk before the upload
		size     int   // the file's bytes
		chunked  bool  // no declared size (Content-Length)
		want     error
	}{
		{name: "below the margin", margin: 8 * mib, left: 4 * mib, size: 1024, want: model.ErrTempFull},
		{name: "declared size over free space", left: 2 * mib, size: 3 * mib, want: model.ErrTempFull},
		{name: "the spill fills the disk", left: 2 * mib, size: 3 * mib, chunked: true, want: model.ErrTempFull},
		{name: "the database fills its disk", dbOnDisk: true, left: 1 * mib, size: 3 * mib, want: model.ErrDatabaseFull},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			disk := tmproottest.Tmpfs(t, 24*mib)
			var logs bytes.Buffer // written before the answer is sent
			log := slog.New(slog.NewTextHandler(&logs, nil))
			tmp, dbDir := disk, t.TempDir()
			if tc.dbOnDisk {
				tmp, dbDir = t.TempDir(), disk
			}
			s := storetest.OpenLogged(t, configs.DatabaseConfig{DataDir: dbDir, MaxOpenConns: 4}, log)
			ts := newServerWith(t, s, "", nil, func(d *web.Deps) {
				d.TempDir, d.Log, d.Config.Jobs.UploadFreeMargin = tmp, log, tc.margin
			})
			c, tok := analystSession(t, s, ts.URL)
			tmproottest.Fill(t, disk, tc.left)
			status, body := postUpload(t, c, ts.URL, tok, bytes.Repeat([]byte{'x'}, tc.size), tc.chunked)
			if status != http.StatusInsufficientStorage || !strings.Contains(body, model.NoSpaceMessage(tc.want)) {
				t.Errorf("upload = %d %s, want 507 with %q", status, body, model.NoSpaceMessage(tc.want))
			}
			if !strings.Contains(logs.String(), "no space left") {
				t.Errorf("the cause is not logged:\n%s", logs.String())
			}
			checkNoUploadLeft(t, s, tmp)
		})
	}
}

// postUpload posts content as a workbook, with its size declared or sent
// chunked.
func postUpload(t *testing.T, c *http.Client, base, tok string, content []byte, chunked bool) (int, string) {
	t.Helper()
	ctype, body := multipartBody(t, map[string]string{"wave": "W"}, "w.xlsx", content)
	var rd io.Reader = body
	if chunked {
		rd = struct{ io.Reader }{body} // a length the client cannot see
	}
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/imports", rd)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("X-CSRF-Token", tok)
	return do(t, c, req)
}

// checkNoUploadLeft: no job was made and the temp area holds no spill.
func checkNoUploadLeft(t *testing.T, s *store.DB, tmp string) {
	t.Helper()
	if jobs, err := s.Jobs.Jobs(context.Background(), 10); err != nil || len(jobs) != 0 {
		t.Errorf("jobs after a refused upload: %+v, %v", jobs, err)
	}
	entries, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "axdash-upload-") {
			t.Errorf("a spill was left in the temp area: %s", e.Name())
		}
	}
}
