package importers

import (
	"bytes"
	"strings"
	"testing"

	"axdash/importers/corpus"
)

// TestZipLimitsFromOptions: each pre-check limit is taken from Options and
// named in its message.
func TestZipLimitsFromOptions(t *testing.T) {
	book := func(parts []corpus.Part) string {
		b, err := corpus.Zip(parts)
		if err != nil {
			t.Fatal(err)
		}
		return writeRaw(t, "a.xlsx", b)
	}
	plain := book(corpus.Book(corpus.Good(2, "가")))
	// 2 MiB of rows at about 400:1.
	chunk := bytes.Repeat([]byte(corpus.Good(2, "가")), 200)
	bomb := book(corpus.With(corpus.Book(""), corpus.Part{Name: "xl/worksheets/sheet1.xml",
		Raw: corpus.Bomb([]byte(corpus.SheetHead+corpus.Header), chunk, (2<<20)/len(chunk), []byte(corpus.SheetTail))}))
	tests := []struct {
		name string
		path string
		opts Options
		says string // "" for a file that passes the pre-check
	}{
		{"entries", plain, Options{MaxZipEntries: 5}, "최대 5개"},
		{"entries at the limit", plain, Options{MaxZipEntries: 7}, ""},
		{"one part", plain, Options{MaxPartBytes: 500}, "최대 500바이트"},
		{"part capped by the total", plain, Options{MaxPartBytes: 1 << 30, MaxUnzipped: 500}, "최대 500바이트"},
		{"ratio", bomb, Options{}, "100:1"},
		{"ratio raised", bomb, Options{MaxZipRatio: 5000}, ""},
		{"ratio lowered", bomb, Options{MaxZipRatio: 50}, "50:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := readPath(t, tt.path, tt.opts)
			is := issue(res, CodeFileLimit)
			switch {
			case tt.says == "" && is != nil && strings.Contains(is.Message, "압축"):
				t.Errorf("refused by the pre-check: %s", is.Message)
			case tt.says != "" && (is == nil || !strings.Contains(is.Message, tt.says)):
				t.Errorf("issues %v; want file.limit naming %q", codes(res), tt.says)
			}
		})
	}
}

// TestZipEntryNames: names that climb out, alias another part once
// cleaned, or are Windows paths are refused; ordinary ones pass.
func TestZipEntryNames(t *testing.T) {
	for name, ok := range map[string]bool{
		"xl/worksheets/sheet1.xml": true, "xl/media/": true, "[Content_Types].xml": true,
		"../x.xml": false, "xl/../../x.xml": false, "/xl/a.xml": false, `xl\a.xml`: false, "C:/a.xml": false,
		"xl//a.xml": false, "xl/./a.xml": false, "xl/a\x00.xml": false, "": false, "xl/a\n.xml": false,
	} {
		if got := entryNameOK(name); got != ok {
			t.Errorf("entryNameOK(%q) = %v", name, got)
		}
	}
}
