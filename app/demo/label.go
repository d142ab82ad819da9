package demo

import (
	"archive/zip"
	"encoding/xml"
	"io"
	"strings"
)

// syntheticCategory is the document category Write gives every demo
// workbook (docProps); Labelled looks for it.
const syntheticCategory = "synthetic"

// maxCoreProps bounds how much of docProps/core.xml Labelled reads: the
// real part is under a kilobyte, and an upload may be hostile.
const maxCoreProps = 64 << 10

// Labelled reports whether the file at path is a workbook labelled as
// synthetic by Write, so that an analyst who imports a demo file by mistake
// gets a wave flagged as synthetic too. Anything unreadable is not
// labelled: the importer reports what is wrong with the file.
func Labelled(path string) bool {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return false
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "docProps/core.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return false
		}
		defer rc.Close()
		var core struct {
			Category string `xml:"category"`
		}
		if err := xml.NewDecoder(io.LimitReader(rc, maxCoreProps)).Decode(&core); err != nil {
			return false
		}
		return strings.EqualFold(strings.TrimSpace(core.Category), syntheticCategory)
	}
	return false
}
