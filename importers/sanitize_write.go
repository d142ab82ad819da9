package importers

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"path"
	"strings"
)

// write copies the parts that stay into zw.
func (p *bookPlan) write(zw *zip.Writer) error {
	for _, f := range p.files {
		key := strings.ToLower(partName(f))
		if p.drop[key] {
			continue
		}
		src, isRels := relsSource(key)
		var err error
		switch {
		case key == strings.ToLower(contentTypesPart):
			err = p.writeXML(zw, f, p.plainTypes())
		case isRels && len(p.gone[src]) > 0:
			err = p.writeXML(zw, f, p.keptRels(key, src))
		case p.kind[key] != rawPart:
			err = p.filter(zw, f, key)
		default:
			err = zw.Copy(f)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	return nil
}

// filter copies one XML part through its kind's rules.
func (p *bookPlan) filter(zw *zip.Writer, f *zip.File, key string) error {
	w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	gone := p.gone[key]
	if p.kind[key] == workbookPart {
		b, err := readEntry(f, maxSmallPart)
		if err == nil {
			err = filterWorkbook(b, bw, gone)
		}
		if err != nil {
			return err
		}
		return bw.Flush()
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	rules := map[partKind]partRules{worksheetPart: sheetRules{}, tablePart: tableRules{}, refsPart: refRules{}}[p.kind[key]]
	if err := filterPart(rc, bw, gone, rules); err != nil {
		return err
	}
	return bw.Flush()
}

func (p *bookPlan) writeXML(zw *zip.Writer, f *zip.File, v any) error {
	b, err := xml.Marshal(v)
	if err != nil {
		return err
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
	if err == nil {
		_, err = w.Write(append([]byte(xml.Header), b...))
	}
	return err
}

// keptRels is a .rels part without the relationships left out.
func (p *bookPlan) keptRels(key, src string) relsPart {
	out := relsPart{}
	for _, r := range p.rels[key].Rels {
		if !p.gone[src][r.ID] {
			out.Rels = append(out.Rels, r)
		}
	}
	return out
}

// plainTypes are the content types of the parts that stay, with the
// workbook a plain (not macro-enabled, not template) one.
func (p *bookPlan) plainTypes() contentTypes {
	present := map[string]bool{}
	for _, f := range p.files {
		if key := strings.ToLower(partName(f)); !p.drop[key] {
			present["/"+key] = true
		}
	}
	out := contentTypes{}
	for _, d := range p.types.Defaults {
		if !droppedContentTypes[strings.ToLower(d.ContentType)] {
			out.Defaults = append(out.Defaults, d)
		}
	}
	main := "/" + strings.ToLower(p.workbook)
	for _, o := range p.types.Overrides {
		switch key := "/" + strings.TrimPrefix(strings.ToLower(o.PartName), "/"); {
		case key == main:
		case present[key]:
			out.Overrides = append(out.Overrides, o)
		}
	}
	out.Overrides = append(out.Overrides, ctOverride{PartName: "/" + p.workbook, ContentType: mainSheetType})
	return out
}

// contentTypes is [Content_Types].xml.
type contentTypes struct {
	XMLName   xml.Name     `xml:"http://schemas.openxmlformats.org/package/2006/content-types Types"`
	Defaults  []ctDefault  `xml:"Default"`
	Overrides []ctOverride `xml:"Override"`
}

type ctDefault struct {
	Extension   string `xml:"Extension,attr"`
	ContentType string `xml:"ContentType,attr"`
}

type ctOverride struct {
	PartName    string `xml:"PartName,attr"`
	ContentType string `xml:"ContentType,attr"`
}

// typeOf returns a part's content type: its override, else its
// extension's default.
func (c *contentTypes) typeOf() func(name string) string {
	overrides, defaults := map[string]string{}, map[string]string{}
	for _, o := range c.Overrides {
		overrides[strings.ToLower(strings.TrimPrefix(o.PartName, "/"))] = o.ContentType
	}
	for _, d := range c.Defaults {
		defaults[strings.ToLower(d.Extension)] = d.ContentType
	}
	return func(name string) string {
		if t, ok := overrides[strings.ToLower(name)]; ok {
			return t
		}
		return defaults[strings.ToLower(strings.TrimPrefix(path.Ext(name), "."))]
	}
}

// relsPart is a .rels part to write.
type relsPart struct {
	XMLName xml.Name       `xml:"http://schemas.openxmlformats.org/package/2006/relationships Relationships"`
	Rels    []relationship `xml:"Relationship"`
}
