package importers

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/private/privatetest"
)

// The importer's scratch folder, and the sheet files excelize spills into
// it, are 0700 and 0600 whatever the umask: they hold the answers. The
// folder is looked at from the sink, while the read is under way.
func TestReadScratchPrivate(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads an 18 MB sheet")
	}
	base := writeBook(t, oneSheet(stdHeader, goodRow("가")))
	// Over excelize's in-memory size (16 MiB), so it goes to a temp file.
	big := craftedSheet(`<row r="2"><c r="A2" t="inlineStr"><is><t>가</t></is></c>` +
		`<c r="B2" t="inlineStr"><is><t>서울</t></is></c><c r="C2" t="inlineStr"><is><t>C</t></is></c>` +
		`<c r="D2"><v>25</v></c><c r="E2" t="inlineStr"><is><t>도입</t></is></c>` +
		`<c r="F2" t="inlineStr"><is><t>` + strings.Repeat("가", 6<<20) + `</t></is></c></row>`)
	spilled := rezip(t, base, map[string]string{"xl/worksheets/sheet1.xml": big})
	tests := []struct {
		name      string
		path      string
		wantFiles bool // excelize keeps a sheet on disk
	}{
		{"small sheet", base, false},
		{"sheet over excelize's memory size", spilled, true},
	}
	s, r := loadConfigs(t)
	privatetest.EachUmask(t, func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tmp := privatetest.TempDir(t)
				w := privatetest.Watch(tmp)
				im := New(s, r, Options{TmpDir: tmp, MaxUnzipped: 64 << 20, MaxZipRatio: 1 << 20})
				res, err := im.Read(context.Background(), tt.path, func(Record) error {
					w.Look()
					return nil
				})
				if err != nil {
					t.Fatalf("Read: %v", err)
				}
				scan := w.Result(t)
				if res.Report.Rows != 1 {
					t.Errorf("read %d rows, want 1: %v", res.Report.Rows, res.Report.Issues)
				}
				if len(scan.Dirs) != 2 || !strings.HasPrefix(scan.Dirs[1], "axdash-import-") {
					t.Errorf("folders during the read: %v, want the scratch folder", scan.Dirs)
				}
				if tt.wantFiles != (len(scan.Files) > 0) || len(scan.Loose) > 0 {
					t.Errorf("files during the read: %v, open to others: %v", scan.Files, scan.Loose)
				}
			})
		}
	})
}

// An annotated copy shows the rows with their problems: it is written
// 0600 whatever the umask, also over a file that was open to others, and
// also from a source named without an extension (as a job's upload is).
func TestAnnotatePrivate(t *testing.T) {
	book := writeBook(t, oneSheet(stdHeader, goodRow("가"), []any{"나", "", "서울시티", "C", 5, "도입", 1, ""}))
	raw, err := os.ReadFile(book)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		src  string
		old  bool // a file open to others is at the output path already
	}{
		{"workbook", book, false},
		{"CSV", writeRaw(t, "a.csv", []byte("기업명,시도,업종,종업원수,AI도입단계\n가,서울시티,C,5,도입\n")), false},
		{"upload without an extension", writeRaw(t, "upload", raw), false},
		{"over an existing copy", book, true},
	}
	privatetest.EachUmask(t, func(t *testing.T) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res := readPath(t, tt.src, Options{})
				out := filepath.Join(t.TempDir(), "annotated.xlsx")
				if tt.old {
					if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				if err := Annotate(tt.src, &res.Report, out); err != nil {
					t.Fatalf("Annotate: %v", err)
				}
				if m := privatetest.Mode(t, out); m != 0o600 {
					t.Errorf("annotated copy is %04o, want 0600", m)
				}
				f, err := excelize.OpenFile(out)
				if err != nil {
					t.Fatalf("the copy does not open: %v", err)
				}
				defer f.Close()
				if list := f.GetSheetList(); len(list) == 0 {
					t.Errorf("the copy has no sheets")
				}
			})
		}
	})
}
