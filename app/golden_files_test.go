package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const goldenDir = "testdata/golden"

// goldenListFile holds GET /api/v1/figures; its leading underscore keeps it
// apart from any figure id.
const goldenListFile = "_figures.jsonl"

// goldenRecord is one request and its answer, one line of a golden file.
//
// Nothing is normalised: the figure JSON and the CSV carry no timestamp,
// request id or database id (waves appear by name), and the JSON bodies
// are kept byte for byte (json.RawMessage, which the server writes
// compact). What does vary between runs is left out: the X-Request-Id
// header and the wave ids of /api/v1/waves (which is not recorded).
// Floats are compared to the last bit, not rounded: SQLite and PostgreSQL
// agree exactly because the rollup sums are added in Go at commit
// (rollup_cube.go) and both keep them as 64-bit floats. The files were
// recorded on amd64; Go may fuse a*b+c into one rounding on arm64, which
// could move a last digit there.
type goldenRecord struct {
	Path   string `json:"path"`
	Status int    `json:"status"`
	// Disposition is the export's Content-Disposition: the file name a
	// briefing writer saves.
	Disposition string          `json:"disposition,omitempty"`
	JSON        json.RawMessage `json:"json,omitempty"`
	CSV         string          `json:"csv,omitempty"`
}

// goldenFigure is the part of a figure's JSON the coverage check reads.
type goldenFigure struct {
	N     int      `json:"n"`
	Notes []string `json:"notes"`
}

// recordGolden requests the list of figures, then every listed figure for
// every wave under every filter of the sample, and its CSV export under
// csvFilters; it returns the encoded lines per golden file.
func recordGolden(t *testing.T, base string, sample []goldenFilter) map[string][]string {
	t.Helper()
	files := map[string][]string{}
	files[goldenListFile] = []string{goldenLine(t, goldenGet(t, base, "/api/v1/figures"))}
	for _, id := range figureIDs(t, base) {
		var lines []string
		for _, w := range demoWaves {
			for _, f := range sample {
				lines = append(lines, goldenLine(t, goldenGet(t, base, "/api/v1/figures/"+id+"?"+f.query(w.name))))
			}
		}
		for _, w := range demoWaves {
			for _, f := range csvFilters(sample) {
				lines = append(lines, goldenLine(t, goldenGet(t, base, "/api/v1/figures/"+id+".csv?"+f.query(w.name))))
			}
		}
		files[id+".jsonl"] = lines
	}
	return files
}

// goldenGet fetches one path, which must answer 200: the sample holds only
// valid views.
func goldenGet(t *testing.T, base, path string) goldenRecord {
	t.Helper()
	res, err := http.Get(base + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("GET %s: read: %v", path, err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d: %s", path, res.StatusCode, body)
	}
	rec := goldenRecord{Path: path, Status: res.StatusCode, Disposition: res.Header.Get("Content-Disposition")}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		rec.CSV = string(body)
	} else {
		rec.JSON = body
	}
	return rec
}

// goldenLine encodes a record as one line, leaving <, > and & as they are
// so that the files stay readable.
func goldenLine(t *testing.T, rec goldenRecord) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(rec); err != nil {
		t.Fatalf("encode %s: %v", rec.Path, err)
	}
	return strings.TrimSuffix(buf.String(), "\n")
}

// checkSampleCoverage fails when the sample no longer reaches what the
// golden files are for: some figure blanking cells by the disclosure rule
// and some view with no response at all.
func checkSampleCoverage(t *testing.T, files map[string][]string) {
	t.Helper()
	suppressed, empty := 0, 0
	for name, lines := range files {
		for _, line := range lines {
			var rec goldenRecord
			var fig goldenFigure
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if rec.JSON == nil || name == goldenListFile {
				continue
			}
			if err := json.Unmarshal(rec.JSON, &fig); err != nil {
				t.Fatalf("%s: %v", rec.Path, err)
			}
			if slices.ContainsFunc(fig.Notes, func(n string) bool { return strings.Contains(n, "공개하지 않았습니다") }) {
				suppressed++
			}
			if fig.N == 0 {
				empty++
			}
		}
	}
	t.Logf("golden sample: %d files, %d answers with suppressed cells, %d with n=0", len(files), suppressed, empty)
	if suppressed == 0 || empty == 0 {
		t.Errorf("the sample must reach suppressed cells (%d answers) and empty views (%d)", suppressed, empty)
	}
}

// writeGolden replaces the golden files with files, removing any file of a
// figure that is no longer listed.
func writeGolden(t *testing.T, files map[string][]string) {
	t.Helper()
	if err := os.RemoveAll(goldenDir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(goldenDir, 0o755); err != nil {
		t.Fatal(err)
	}
	var size int
	for name, lines := range files {
		data := strings.Join(lines, "\n") + "\n"
		size += len(data)
		if err := os.WriteFile(filepath.Join(goldenDir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("wrote %d golden files, %d bytes, to %s", len(files), size, goldenDir)
}

// compareGolden compares files with the golden files, file by file and,
// where a file differs, request by request.
func compareGolden(t *testing.T, files map[string][]string) {
	t.Helper()
	entries, err := os.ReadDir(goldenDir)
	if err != nil {
		t.Fatalf("%v (create the golden files with: go test ./app -run TestGolden -update)", err)
	}
	for _, e := range entries {
		if _, ok := files[e.Name()]; !ok {
			t.Errorf("%s: golden file of nothing requested (a figure gone from the list?)", e.Name())
		}
	}
	for name, lines := range files {
		data, err := os.ReadFile(filepath.Join(goldenDir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if string(data) != strings.Join(lines, "\n")+"\n" {
			t.Errorf("%s differs from the golden file:\n%s", name, goldenDiff(strings.Split(strings.TrimSuffix(string(data), "\n"), "\n"), lines))
		}
	}
}

// goldenDiff describes how got differs from want, keyed by request: at most
// a few requests, each with the first difference in context.
func goldenDiff(want, got []string) string {
	const most = 5
	byPath := map[string]string{}
	for _, line := range want {
		byPath[goldenPath(line)] = line
	}
	var out []string
	for _, line := range got {
		p := goldenPath(line)
		w, ok := byPath[p]
		delete(byPath, p)
		switch {
		case !ok:
			out = append(out, "  new request "+p)
		case w != line:
			out = append(out, "  "+p+": "+firstDifference(w, line))
		}
	}
	for p := range byPath {
		out = append(out, "  no longer requested "+p)
	}
	slices.Sort(out)
	if len(out) == 0 {
		return "  the same requests and answers in another order"
	}
	if len(out) > most {
		out = append(out[:most], fmt.Sprintf("  … and %d more", len(out)-most))
	}
	return strings.Join(out, "\n")
}

func goldenPath(line string) string {
	var rec goldenRecord
	if err := json.Unmarshal([]byte(line), &rec); err != nil {
		return line
	}
	return rec.Path
}

// firstDifference shows where two lines part, with some context.
func firstDifference(want, got string) string {
	i := 0
	for i < len(want) && i < len(got) && want[i] == got[i] {
		i++
	}
	from := max(i-60, 0)
	// The cut may fall inside a Korean character.
	cut := func(s string) string { return strings.ToValidUTF8(s[from:min(i+60, len(s))], "") }
	return fmt.Sprintf("at byte %d\n    want …%s…\n    got  …%s…", i, cut(want), cut(got))
}
