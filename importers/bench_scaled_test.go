package importers

import (
	"archive/zip"
	"io"
	"regexp"
	"testing"
)

// BenchmarkReadScaled100k is the plain read of the demo workbook and of
// the same workbook whose default cell style shows a percent: there the
// scan reads the style of every number cell of a number field and hands
// over each cell of the percent column scaled, the most reading number
// formats can cost. Compare the two ratios of one run.
func BenchmarkReadScaled100k(b *testing.B) {
	p := demoBook(b, benchRows)
	scaled := rezip(b, p, map[string]string{"xl/styles.xml": percentDefault(b, p)})
	s, r := loadConfigs(b)
	for _, bc := range []struct{ name, path string }{{"demo", p}, {"percent-default", scaled}} {
		b.Run(bc.name, func(b *testing.B) { readRatio(b, New(s, r, Options{}), bc.path) })
	}
}

// firstCellXf is the first cell style of a styles part.
var firstCellXf = regexp.MustCompile(`(<cellXfs[^>]*>\s*<xf[^>]*?)numFmtId="\d+"`)

// percentDefault returns the workbook's styles part with cell style 0
// showing 0%.
func percentDefault(b *testing.B, p string) string {
	zr, err := zip.OpenReader(p)
	if err != nil {
		b.Fatal(err)
	}
	defer zr.Close()
	e := findEntry(&zr.Reader, "xl/styles.xml")
	if e == nil {
		b.Fatal("no styles part")
	}
	rc, err := e.Open()
	if err != nil {
		b.Fatal(err)
	}
	defer rc.Close()
	body, err := io.ReadAll(rc)
	if err != nil {
		b.Fatal(err)
	}
	out := firstCellXf.ReplaceAllString(string(body), `${1}numFmtId="9"`)
	if out == string(body) {
		b.Fatal("styles part has no cell style to change")
	}
	return out
}
