package importers

import (
	"testing"

	"axdash/importers/corpus"
)

// cfbFile builds a minimal compound file whose root holds empty streams
// with the given names (see corpus.CFB), with no binary test file committed.
func cfbFile(t *testing.T, streams ...string) []byte {
	t.Helper()
	b, err := corpus.CFB(streams...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCFBFileIsRead(t *testing.T) {
	p := writeRaw(t, "a.xls", cfbFile(t, "Workbook", "\x05SummaryInformation"))
	if k := oleContent(p); k != oleXLS {
		t.Errorf("oleContent = %v, want oleXLS", k)
	}
}
