package main

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestBriefingWorkbookSameFromCLIAndWeb: `axdash export briefing` and GET
// /briefing.xlsx write the same workbook for the same view, cell for cell
// (every sheet, every cell's raw value) with the same native charts, on
// both databases; only the documents' metadata (creation time) may
// differ, and it is not compared. The CLI names the region the way an
// official writes it and the web by its code.
func TestBriefingWorkbookSameFromCLIAndWeb(t *testing.T) {
	eachDB(t, func(t *testing.T) {
		dir := t.TempDir()
		for i, wave := range []string{"2025-H2", "2026-H1"} {
			book := filepath.Join(dir, wave+".xlsx")
			if code, _, errOut := cli(t, "demo-workbook", "--rows", "300", "--seed", strconv.Itoa(11+i), "--out", book); code != 0 {
				t.Fatalf("demo-workbook exit %d: %s", code, errOut)
			}
			if code, out, errOut := cli(t, "import", book, "--wave", wave); code != 0 {
				t.Fatalf("import exit %d: %s %s", code, out, errOut)
			}
		}
		base, _ := startServer(t)
		tests := []struct {
			name string
			cli  []string
			web  url.Values
			// header is the cover's table header: the previous wave's
			// columns always, the nation's for a region.
			header []string
		}{
			{"nation", []string{"--wave", "2026-H1"}, url.Values{"wave": {"2026-H1"}}, trendHeader},
			{"first wave", []string{"--wave", "2025-H2"}, url.Values{"wave": {"2025-H2"}}, trendHeader},
			{"region by name", []string{"--wave", "2026-H1", "--region", "경상남도"}, url.Values{"wave": {"2026-H1"}, "region": {"48"}},
				slices.Concat(trendHeader, nationHeader)},
			{"region and industry", []string{"--wave", "2026-H1", "--region", "Seoul", "--industry", "c"},
				url.Values{"wave": {"2026-H1"}, "region": {"11"}, "industry": {"C"}}, slices.Concat(trendHeader, nationHeader)},
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				out := filepath.Join(dir, "b"+strconv.Itoa(i)+".xlsx")
				if code, stdout, stderr := cli(t, append(append([]string{"export", "briefing"}, tt.cli...), "--out", out)...); code != exitOK {
					t.Fatalf("export exit %d: %s %s", code, stdout, stderr)
				}
				fromCLI, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				fromWeb := download(t, base+"/briefing.xlsx?"+tt.web.Encode())
				cliCells, webCells := workbookCells(t, fromCLI), workbookCells(t, fromWeb)
				if len(cliCells) < 2 || !reflect.DeepEqual(cliCells, webCells) {
					t.Errorf("the workbooks differ:\nCLI %v\nweb %v", cliCells, webCells)
				}
				cover := cliCells["0 요약"]
				if i := slices.IndexFunc(cover, func(r []string) bool { return len(r) > 0 && r[0] == "지표" }); i < 0 || !slices.Equal(cover[i], tt.header) {
					t.Errorf("cover = %q, want the header %q", cover, tt.header)
				}
				if c, w := chartKinds(t, fromCLI), chartKinds(t, fromWeb); len(c) == 0 || !slices.Equal(c, w) {
					t.Errorf("charts: CLI %q, web %q", c, w)
				}
			})
		}
	})
}

var (
	trendHeader  = []string{"지표", "값", "단위", "이전 차수 값", "변화", "변화 단위", "변화 유의성"}
	nationHeader = []string{"전국 값", "전국과 차이", "차이 단위", "차이 유의성"}
)

func download(t *testing.T, url string) []byte {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d %v %.200s", url, res.StatusCode, err, body)
	}
	return body
}

// workbookCells is every sheet's every cell as stored (raw values, not
// formatted), by sheet name in order.
func workbookCells(t *testing.T, book []byte) map[string][][]string {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(book))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	out := map[string][][]string{}
	for i, sheet := range x.GetSheetList() {
		rows, err := x.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		out[strconv.Itoa(i)+" "+sheet] = rows
	}
	return out
}

var chartKind = regexp.MustCompile(`<c:(\w+Chart)>`)

// chartKinds lists each chart part with the kinds of chart it draws.
func chartKinds(t *testing.T, book []byte) []string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/charts/chart") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, m := range chartKind.FindAllSubmatch(b, -1) {
			kinds = append(kinds, string(m[1]))
		}
		out = append(out, f.Name+":"+strings.Join(kinds, ","))
	}
	slices.Sort(out)
	return out
}
