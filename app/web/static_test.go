package web_test

import (
	"io/fs"
	"net/http"
	"strings"
	"testing"

	"axdash/app/store/storetest"
	"axdash/static"
)

// mainOf is a page's <main> element: what an error page says, without the
// per-visitor parts around it (the CSRF token).
func mainOf(body string) string {
	_, after, _ := strings.Cut(body, "<main")
	_, after, _ = strings.Cut(after, ">")
	main, _, _ := strings.Cut(after, "</main>")
	return main
}

// Every file of the embedded assets is served whole with its cache header;
// every folder, with or without its trailing slash, answers the Korean 404
// of an unknown path instead of listing its files, as do a file's name with
// a slash after it and a path that climbs out of /static/.
func TestStaticServesFilesOnly(t *testing.T) {
	ts := newServer(t, storetest.SQLite(t), "W", nil)
	c := newClient(t)
	fetch := func(path string) (*http.Response, string) {
		t.Helper()
		res, err := c.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		return res, readBody(t, res)
	}
	unknownRes, unknown := fetch("/no/such/page")
	if unknownRes.StatusCode != http.StatusNotFound || !strings.Contains(mainOf(unknown), "찾을 수 없습니다") {
		t.Fatalf("an unknown path = %d: %s", unknownRes.StatusCode, unknown)
	}
	var folders []string
	files := map[string]string{} // URL path: content
	err := fs.WalkDir(static.FS(), ".", func(name string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case name == ".":
			folders = append(folders, "/static", "/static/")
		case d.IsDir():
			folders = append(folders, "/static/"+name, "/static/"+name+"/")
		default:
			b, err := fs.ReadFile(static.FS(), name)
			files["/static/"+name] = string(b)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(folders) <= 2 || len(files) == 0 { // the walk went below the root
		t.Fatalf("walked %d folder paths and %d files of the assets", len(folders), len(files))
	}
	notFound := append(folders, "/static/js/csrf.js/", "/static/nope.js", "/static/js/../css/axdash.css", "/static/..")
	for _, path := range notFound {
		res, body := fetch(path)
		if res.StatusCode != http.StatusNotFound || mainOf(body) != mainOf(unknown) {
			t.Errorf("GET %s = %d, want the unknown path's 404; body %.300s", path, res.StatusCode, body)
		}
	}
	for path, want := range files {
		res, body := fetch(path)
		if res.StatusCode != http.StatusOK || body != want || res.Header.Get("Cache-Control") != "public, max-age=3600" {
			t.Errorf("GET %s = %d, %d of %d bytes, Cache-Control %q", path, res.StatusCode, len(body), len(want),
				res.Header.Get("Cache-Control"))
		}
	}
}
