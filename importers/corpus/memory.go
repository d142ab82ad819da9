package corpus

import (
	"bytes"
	"fmt"
	"math/rand/v2"
)

// SharedStringFlood is a workbook that passes every zip pre-check — a
// shared-strings part of items×14 bytes, well under the part and unzipped
// limits, compressing about 4:1 — whose in-memory form is many times its
// size: excelize keeps, for each shared string, a slice of two offsets
// (about 40 bytes) once the part is too large to decode in memory, however
// empty the string. A data row refers to the table, so the reader must load
// it. It is not among Cases: read in-process it takes the test's own memory;
// through the parse worker with a lowered ceiling it must end as file.limit.
func SharedStringFlood(items int) ([]byte, error) {
	r := rand.New(rand.NewPCG(1, 2)) // the same file every run
	var sst bytes.Buffer
	sst.WriteString(SST(`<si><t>서울</t></si>`))
	sst.Truncate(sst.Len() - len("</sst>"))
	for range items {
		fmt.Fprintf(&sst, `<si x="%04x"/>`, r.IntN(1<<16))
	}
	sst.WriteString("</sst>")
	row := `<row r="2"><c r="A2" t="inlineStr"><is><t>가</t></is></c><c r="B2" t="s"><v>0</v></c>` +
		`<c r="C2" t="inlineStr"><is><t>C</t></is></c><c r="D2"><v>25</v></c>` +
		`<c r="E2" t="inlineStr"><is><t>도입</t></is></c></row>`
	return Zip(With(With(Book(""), Part{Name: "xl/worksheets/sheet1.xml", Body: []byte(Sheet(row))}),
		Part{Name: "xl/sharedStrings.xml", Body: sst.Bytes()}))
}
