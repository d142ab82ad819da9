package importers

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// Namespaces whose attributes name a relationship of the part: r:id and
// its kin in transitional and strict OOXML, and VML's o:relid.
const (
	nsRels       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsRelsStrict = "http://purl.oclc.org/ooxml/officeDocument/relationships"
	nsVMLOffice  = "urn:schemas-microsoft-com:office:office"
)

// recorder is the XML decoder's byte source. It keeps what the decoder
// has read, so that each token can be copied as its own bytes.
type recorder struct {
	r    *bufio.Reader
	buf  []byte
	used int   // buf[:used] was handed out by the last take
	base int64 // input offset of buf[used]
}

// ReadByte makes the decoder read byte by byte from here rather than
// buffer ahead on its own, so every byte it has consumed is in buf.
func (r *recorder) ReadByte() (byte, error) {
	b, err := r.r.ReadByte()
	if err == nil {
		r.buf = append(r.buf, b)
	}
	return b, err
}

func (r *recorder) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.buf = append(r.buf, p[:n]...)
	return n, err
}

// take returns the bytes from the previous take up to input offset off:
// one token. The slice is valid until the next take.
func (r *recorder) take(off int64) []byte {
	if r.used > 0 {
		r.buf = r.buf[:copy(r.buf, r.buf[r.used:])]
	}
	r.used = int(off - r.base)
	r.base = off
	return r.buf[:r.used]
}

// action is what a part's rules do with an element.
type action int

const (
	keepElem action = iota
	dropElem        // leave the element and everything in it out
	holdElem        // keep its bytes until its end, then ask the rules' end
)

// elem is an open element of the part being filtered.
type elem struct {
	tok   xml.StartElement // as written: Name.Space is the prefix
	ns    map[string]string
	drop  bool
	hold  *bytes.Buffer
	head  int     // the length of the start tag that begins hold
	kept  int     // child elements written
	text  *[]byte // where its character data is collected, if anywhere
	cell  *cellValue
	depth int  // 1 for the root
	self  bool // written as <x/>
}

// partRules are a kind of part's choices. start is called for every
// element outside a dropped one; gone says the element names a
// relationship that was left out, and such an element is dropped whatever
// start answers. tag, when not nil, replaces the element's start tag. end
// is called for held elements after they left the stack, and writes what
// stays with keep.
type partRules interface {
	start(pf *partFilter, e *elem, gone bool) (act action, tag []byte)
	end(pf *partFilter, e *elem)
}

// partFilter copies one XML part token by token as the part's own bytes,
// leaving out or rewriting what its rules pick. Copying bytes rather than
// re-encoding keeps every namespace prefix as written: encoding/xml's
// encoder would invent its own.
type partFilter struct {
	dec   *xml.Decoder
	src   *recorder
	out   io.Writer
	gone  map[string]bool // ids of the part's relationships left out
	rules partRules
	stack []*elem
	free  []*bytes.Buffer
}

// filterPart copies the XML of r to w through rules.
func filterPart(r io.Reader, w io.Writer, gone map[string]bool, rules partRules) error {
	src := &recorder{r: bufio.NewReaderSize(r, 64<<10)}
	pf := &partFilter{dec: xml.NewDecoder(src), src: src, out: w, gone: gone, rules: rules}
	for {
		tok, err := pf.dec.RawToken()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		raw := src.take(pf.dec.InputOffset())
		switch t := tok.(type) {
		case xml.StartElement:
			pf.startElem(t, raw)
		case xml.EndElement:
			if err := pf.endElem(t, raw); err != nil {
				return err
			}
		case xml.CharData:
			if top := pf.top(); top == nil || !top.drop {
				pf.write(raw)
				if top != nil && top.text != nil {
					*top.text = append(*top.text, t...)
				}
			}
		case xml.Directive:
			// A DTD: OOXML parts have none, and a reader of the copy
			// might fetch the entities it names.
		default: // comments, processing instructions, the declaration
			if top := pf.top(); top == nil || !top.drop {
				pf.write(raw)
			}
		}
	}
	if len(pf.stack) > 0 {
		return fmt.Errorf("XML ends inside <%s>", pf.top().tok.Name.Local)
	}
	return nil
}

func (pf *partFilter) top() *elem {
	if len(pf.stack) == 0 {
		return nil
	}
	return pf.stack[len(pf.stack)-1]
}

func (pf *partFilter) startElem(t xml.StartElement, raw []byte) {
	parent := pf.top()
	// RawToken allocates each start element's attributes afresh, so the
	// token is kept without a copy.
	e := &elem{tok: t, depth: len(pf.stack) + 1, self: selfClosing(raw)}
	for _, a := range t.Attr {
		if a.Name.Space == "xmlns" {
			if e.ns == nil {
				e.ns = map[string]string{}
			}
			e.ns[a.Name.Local] = a.Value
		}
	}
	pf.stack = append(pf.stack, e)
	if parent != nil && parent.drop {
		e.drop = true
		return
	}
	gone := pf.refsGone(t)
	act, tag := pf.rules.start(pf, e, gone)
	if gone || act == dropElem {
		e.drop = true
		return
	}
	if tag == nil {
		tag = raw
	}
	if act == holdElem {
		e.hold, e.head = pf.buffer(), len(tag)
	} else if parent != nil {
		parent.kept++
	}
	pf.write(tag)
}

func (pf *partFilter) endElem(t xml.EndElement, raw []byte) error {
	e := pf.top()
	if e == nil || e.tok.Name != t.Name {
		return fmt.Errorf("XML end tag </%s> does not match", t.Name.Local)
	}
	pf.stack = pf.stack[:len(pf.stack)-1]
	switch {
	case e.drop:
	case e.hold == nil:
		pf.write(raw)
	default:
		e.hold.Write(raw)
		pf.rules.end(pf, e)
		e.hold.Reset()
		pf.free = append(pf.free, e.hold) // end has written or copied what it kept
	}
	return nil
}

// buffer is a hold buffer, reused: a sheet holds each of its cells.
func (pf *partFilter) buffer() *bytes.Buffer {
	if n := len(pf.free); n > 0 {
		b := pf.free[n-1]
		pf.free = pf.free[:n-1]
		return b
	}
	return new(bytes.Buffer)
}

// write sends bytes to the innermost held element, or out.
func (pf *partFilter) write(b []byte) {
	for i := len(pf.stack) - 1; i >= 0; i-- {
		if h := pf.stack[i].hold; h != nil {
			h.Write(b)
			return
		}
	}
	pf.out.Write(b) // a bufio.Writer: its error comes back from Flush
}

// keep writes a held element's bytes where its parent's go and counts it
// as a child kept.
func (pf *partFilter) keep(b []byte) {
	if p := pf.top(); p != nil {
		p.kept++
	}
	pf.write(b)
}

// refsGone reports an element that names a relationship that was left out.
func (pf *partFilter) refsGone(t xml.StartElement) bool {
	if len(pf.gone) == 0 {
		return false
	}
	for _, a := range t.Attr {
		if a.Name.Space == "" || a.Name.Space == "xmlns" || !pf.gone[a.Value] {
			continue
		}
		switch pf.resolve(a.Name.Space) {
		case nsRels, nsRelsStrict:
			return true
		case nsVMLOffice:
			if a.Name.Local == "relid" {
				return true
			}
		}
	}
	return false
}

// resolve is the namespace bound to a prefix where the filter stands.
func (pf *partFilter) resolve(prefix string) string {
	for i := len(pf.stack) - 1; i >= 0; i-- {
		if ns, ok := pf.stack[i].ns[prefix]; ok {
			return ns
		}
	}
	return ""
}

// parent is the element e sits in, or nil for the root.
func (pf *partFilter) parent(e *elem) *elem {
	if e.depth < 2 {
		return nil
	}
	return pf.stack[e.depth-2]
}
