package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
	"axdash/configs"
	"axdash/configs/regionstest"
)

const conformanceHeader = "기업명,사업자등록번호,시도,업종,종업원수,매출액(백만원),AI도입단계,AI도입비용(백만원),가중치\n"

// The exit codes and JSON of `import` (design §6): a path that names no
// file is a usage error; a commit that would store no response is refused
// with file.empty; a dry run predicts the real run's exit code, flags
// included; the stored import's id is import_id, never a job's id.
func TestImportExitCodesAndJSON(t *testing.T) {
	eachDB(t, func(t *testing.T) {
		dir := t.TempDir()
		write := func(name, body string) string {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			return p
		}
		good := conformanceHeader + "가나,,서울,C,10,100,도입,20,1\n"
		mixed := good + "다라,,서울시티,C,10,100,도입,20,1\n"
		tests := []struct {
			name   string
			args   []string
			code   int
			status string // "" when no JSON is printed
			codes  []string
		}{
			{"missing file", []string{filepath.Join(dir, "nope.xlsx"), "--wave", "A", "--json"}, exitUsage, "", nil},
			{"a directory", []string{dir, "--wave", "A", "--json"}, exitUsage, "", nil},
			{"header only, dry run", []string{write("h.csv", conformanceHeader), "--wave", "H", "--dry-run", "--json"}, exitRefused, "checked", []string{"file.empty"}},
			{"header only", []string{write("h.csv", conformanceHeader), "--wave", "H", "--json"}, exitRefused, "refused", []string{"file.empty"}},
			{"all invalid, skipping", []string{write("bad.csv", conformanceHeader+"다라,,서울시티,C,10,100,도입,20,1\n"), "--wave", "B", "--skip-invalid", "--json"}, exitRefused, "refused", []string{"region.unknown", "file.empty"}},
			{"row errors, dry run", []string{write("m.csv", mixed), "--wave", "M", "--dry-run", "--json"}, exitRefused, "checked", []string{"region.unknown"}},
			{"row errors, dry run skipping", []string{write("m.csv", mixed), "--wave", "M", "--dry-run", "--skip-invalid", "--json"}, exitOK, "checked", []string{"region.unknown"}},
			{"row errors, skipping", []string{write("m.csv", mixed), "--wave", "M", "--skip-invalid", "--json"}, exitOK, "stored", []string{"region.unknown"}},
			{"the same file again, dry run skipping", []string{write("m.csv", mixed), "--wave", "M2", "--dry-run", "--skip-invalid", "--json"}, exitRefused, "checked", []string{"region.unknown", "file.duplicate"}},
		}
		for _, tt := range tests {
			code, out, errOut := cli(t, append([]string{"import"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("%s: exit %d, want %d; %s %s", tt.name, code, tt.code, out, errOut)
			}
			if tt.status == "" {
				if out != "" || !strings.Contains(errOut, "찾을 수 없습니다") {
					t.Errorf("%s: out %q err %q, want only a Korean message on stderr", tt.name, out, errOut)
				}
				continue
			}
			var rep map[string]any
			if err := json.Unmarshal([]byte(out), &rep); err != nil {
				t.Fatalf("%s: %v in %q", tt.name, err, out)
			}
			var codes []string
			for _, is := range rep["issues"].([]any) {
				codes = append(codes, is.(map[string]any)["code"].(string))
			}
			_, hasID := rep["import_id"]
			if rep["status"] != tt.status || !slices.Equal(codes, tt.codes) || hasID != (tt.status == "stored") || rep["id"] != nil {
				t.Errorf("%s: status %v, codes %v, import_id %v, id %v; want %s, %v", tt.name, rep["status"], codes,
					rep["import_id"], rep["id"], tt.status, tt.codes)
			}
		}
		_, st := testEnvStore(t)
		waves, err := st.Surveys.WaveStates(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(waves) != 1 || waves[0].Name != "M" {
			t.Errorf("waves after the refusals: %+v, want only M", waves)
		}
	})
}

// The plain report of a CSV names the cell without a sheet in front.
func TestImportReportCSVLocation(t *testing.T) {
	rep := &model.ImportReport{File: "a.csv", Format: "csv", Issues: []model.Issue{
		{Severity: "error", Code: "region.unknown", Cell: "C3", Message: "m"},
		{Severity: "error", Code: "region.unknown", Sheet: "조사표", Cell: "C4", Message: "m"},
	}}
	var b strings.Builder
	printReport(&b, rep)
	if !strings.Contains(b.String(), " C3 ") || strings.Contains(b.String(), "!C3") || !strings.Contains(b.String(), "조사표!C4") {
		t.Errorf("report:\n%s", b.String())
	}
}

func TestDemoWorkbookNeedsXLSXName(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		out  string
		code int
	}{
		{"w.xlsx", exitOK},
		{"W.XLSX", exitOK},
		{"w.csv", exitUsage},
		{"w", exitUsage},
	}
	for _, tt := range tests {
		p := filepath.Join(dir, tt.out)
		code, _, errOut := cli(t, "demo-workbook", "--rows", "5", "--out", p)
		_, statErr := os.Stat(p)
		if code != tt.code || (statErr == nil) != (tt.code == exitOK) {
			t.Errorf("--out %s: exit %d (want %d), file written: %v; %s", tt.out, code, tt.code, statErr == nil, errOut)
		}
	}
}

// TestExportRegionSpellings: --region accepts every spelling of the shared
// list that the importer, the web filters and the boundary map accept, as
// the same region (the workbook names it), and refuses the rest.
func TestExportRegionSpellings(t *testing.T) {
	dir := importedDemo(t, 200, 3)
	regions, err := configs.LoadRegions()
	if err != nil {
		t.Fatal(err)
	}
	for i, sp := range regionstest.Spellings() {
		out := filepath.Join(dir, fmt.Sprintf("r%d.xlsx", i))
		code, stdout, stderr := cli(t, "export", "cost-by-size", "--wave", "2026-H1", "--region", sp.Text, "--out", out)
		if sp.Code == "" {
			if code != exitUsage || !strings.Contains(stderr, "알 수 없는 시도") {
				t.Errorf("--region %q: exit %d %s, want %d naming the region", sp.Text, code, stderr, exitUsage)
			}
			continue
		}
		if code != exitOK {
			t.Errorf("--region %q: exit %d: %s %s", sp.Text, code, stdout, stderr)
			continue
		}
		x, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := x.GetCellValue(x.GetSheetList()[0], "B4"); v != regions.Name(sp.Code) { // the demo wave is synthetic: 자료 구분 first
			t.Errorf("--region %q: filter cell = %q, want %s", sp.Text, v, regions.Name(sp.Code))
		}
		x.Close()
	}
}

// serve refuses a malformed --addr as a usage error before it opens
// anything.
func TestServeAddrUsage(t *testing.T) {
	t.Setenv("AXDASH_CONFIG", "")
	dbCases[0].setup(t)
	for _, addr := range []string{"nonsense", "8080", "http://127.0.0.1:8080"} {
		if code, _, errOut := cli(t, "serve", "--addr", addr); code != exitUsage || !strings.Contains(errOut, "HOST:PORT") {
			t.Errorf("serve --addr %s: exit %d, %q", addr, code, errOut)
		}
	}
}
