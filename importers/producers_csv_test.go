package importers

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// CSV as Korean Excel and government exporters save it, and workbooks that
// LibreOffice itself wrote.

// excelCSV is a table with the producer header, rows separated by CRLF.
func excelCSV(sep string, rows ...string) string {
	head := []string{"기업명", "시도", "업종", "종업원수", "AI도입단계", "AI도입비용(백만원)", "생산성향상률(%)", "조사일", "우수사례여부"}
	return strings.Join(append([]string{strings.Join(head, sep)}, rows...), "\r\n") + "\r\n"
}

func TestReadProducerCSV(t *testing.T) {
	tests := []struct {
		name  string
		data  func(t *testing.T) []byte
		want  []string
		codes []string
	}{
		{"cp949 with CRLF and extended syllables", func(t *testing.T) []byte {
			return cp949(t, excelCSV(",", "똠방각하,서울,C,25,도입,30,35%,2026-07-01,Y", "쀍,서울,C,25,도입,,,,"))
		}, []string{"똠방각하|11|C|25|도입|cost=30000000|gain=35|on=2026-07-01|exemplar", "쀍|11|C|25|도입"}, nil},
		{"BOM and a sep= line", func(t *testing.T) []byte {
			return []byte("\uFEFFsep=,\r\n" + excelCSV(",", "가나전자,서울,C,25,도입,,,,"))
		}, []string{base}, nil},
		// The hint decides even where another delimiter would win the vote.
		{"BOM and a sep=; line against commas in cells", func(t *testing.T) []byte {
			return []byte("\uFEFFsep=;\r\n" + excelCSV(";", "가나,전자;서울;C;25;도입;;;;", "다,라,마,바;서울;C;7;도입;;;;"))
		}, []string{"가나,전자|11|C|25|도입", "다,라,마,바|11|C|7|도입"}, nil},
		{"trailing empty columns", func(t *testing.T) []byte {
			return []byte(excelCSV(",", "가나전자,서울,C,25,도입,,,,,,,,", ",,,,,,,,,,,,", "가나전자,서울,C,25,도입,,,2026. 7. 1.,,,,,"))
		}, []string{base, base + "|on=2026-07-01"}, nil},
		{"utf-16le unicode text", func(t *testing.T) []byte {
			return utf16le(t, excelCSV("\t", "가나전자\t서울\tC\t25\t도입\t\"1,500\"\t12.5%\t2026-07-01\tN", "\"다라\t정밀\"\t서울\tC\t7\t도입\t\t\t\t"))
		}, []string{base + "|cost=1500000000|gain=12.5|on=2026-07-01", "다라 정밀|11|C|7|도입"}, nil},
		// CP949 has no ₩: Korean Excel saves the won sign of its accounting
		// format as the backslash byte, which Korean fonts draw as ₩.
		{"shown values: E notation, long dates, times, accounting", func(t *testing.T) []byte {
			return cp949(t, excelCSV(",", "가나전자,서울,C,25,도입,1.23457E+11,,,", "가나전자,서울,C,1.2E+12,도입,,,,",
				"가나전자,서울,C,25,도입,,,2026년 7월 1일 수요일,", "가나전자,서울,C,25,도입,,,2026-07-01 오후 3:00:00,",
				"가나전자,서울,C,25,도입,,,2026년 7월 1일 (수),", `가나전자,서울,C,25,도입," \ - ",,,`, `가나전자,서울,C,25,도입," ￦ 1,500 ",,,`))
		}, []string{base + "|on=2026-07-01", base + "|on=2026-07-01", base + "|on=2026-07-01", base + "|cost=0", base + "|cost=1500"},
			[]string{"adoption_cost.rounded", "employees.rounded"}},
		{"text kept by =\"…\" formulas", func(t *testing.T) []byte {
			return cp949(t, excelCSV(",", `"=""가나전자""",서울,C,"=""25""",도입,,,,`, `"=""다라 """"정밀""""""",서울,C,7,도입,,,,`,
				`"=""마바""&""사""",서울,C,7,도입,,,,`))
		}, []string{base, `다라 "정밀"|11|C|7|도입`, `="마바"&"사"|11|C|7|도입`}, nil},
		{"error values as Excel writes them", func(t *testing.T) []byte {
			return cp949(t, excelCSV(",", "가나전자,서울,C,25,도입,#DIV/0!,,,", "#N/A,서울,C,25,도입,,,,"))
		}, nil, []string{"adoption_cost.formula_error", "firm_name.formula_error"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readPath(t, writeRaw(t, "조사.csv", tt.data(t)), Options{})
			checkProducerResult(t, res, tt.want, tt.codes)
		})
	}
}

// TestReadLibreOfficeConversions reads workbooks that LibreOffice Calc
// wrote from a CSV and from an .ods: its SpreadsheetML (no r on empty
// cells' rows, its own styles and shared strings) is what the many
// government systems that export through LibreOffice produce. It skips
// where LibreOffice is missing unless AXDASH_REQUIRE_OFFICE=1 (CI).
func TestReadLibreOfficeConversions(t *testing.T) {
	soffice := sofficeOrSkip(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "조사.csv")
	text := excelCSV(",", "가나전자,서울,C,25,도입,30,35%,2026-07-01,Y", "다라정밀,부산,C,\"1,234\",도입,1.5,12.5,2026-07-02,N")
	if err := os.WriteFile(src, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	// CSV options: comma, double quote, UTF-8 (76), from line 1, Korean
	// locale (1042) so that 35% and 2026-07-01 are read as Calc reads them.
	const csvFilter = `--infilter=CSV:44,34,76,1,,1042`
	ods := convert(t, soffice, src, "ods", csvFilter)
	want := []string{"가나전자|11|C|25|도입|cost=30000000|gain=35|on=2026-07-01|exemplar",
		"다라정밀|26|C|1234|도입|cost=1500000|gain=12.5|on=2026-07-02"}
	for _, from := range []string{src, ods} {
		t.Run(filepath.Ext(from), func(t *testing.T) {
			filter := ""
			if from == src {
				filter = csvFilter
			}
			res := readPath(t, convert(t, soffice, from, "xlsx", filter), Options{})
			checkProducerResult(t, res, want, nil)
		})
	}
}

// sofficeOrSkip is LibreOffice's soffice; the test skips where it is
// missing unless AXDASH_REQUIRE_OFFICE=1 (CI).
func sofficeOrSkip(t *testing.T) string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("AXDASH_REQUIRE_OFFICE") == "1" {
			t.Fatal("AXDASH_REQUIRE_OFFICE=1 but soffice (Debian libreoffice-calc) is missing")
		}
		t.Skip("LibreOffice not installed")
	}
	return soffice
}

// convert runs soffice --convert-to into a folder of its own and returns
// the converted file. filter is an --infilter option, or "".
func convert(t *testing.T, soffice, src, to, filter string) string {
	t.Helper()
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := []string{"-env:UserInstallation=file://" + filepath.Join(t.TempDir(), "lo-profile"), "--headless", "--norestore"}
	if filter != "" {
		args = append(args, filter)
	}
	args = append(args, "--convert-to", to, "--outdir", out, src)
	if b, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	p := filepath.Join(out, strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))+"."+to)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("LibreOffice wrote no %s: %v", to, err)
	}
	return p
}
