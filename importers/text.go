package importers

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// textEncoding is the character encoding of a text (CSV) file.
type textEncoding int

const (
	encUTF8    textEncoding = iota
	encUTF8BOM              // what Excel's "CSV UTF-8" writes
	encCP949                // what Korean Excel's plain "CSV" writes (EUC-KR and its extension)
	encUTF16LE              // "Unicode text", with its BOM
	encUTF16BE
)

// sniffLen is how much of a text file is decoded to decide its encoding,
// its kind and its delimiter.
const sniffLen = 64 << 10

// textLayout is how to read a text file: encoding and delimiter, or why it
// is not read at all.
type textLayout struct {
	enc     textEncoding
	comma   rune
	sepLine bool // the first line is Excel's "sep=;" hint, not data
	crOnly  bool // lines end in a lone CR, as "CSV (Macintosh)" writes them
	refusal *refusal
}

// refusal is a not-a-spreadsheet verdict on a text or binary file.
type refusal struct{ format, msg string }

// sniffText decides how to read a file that is neither a zip nor an OLE2
// file, and refuses binaries and web pages saved under a spreadsheet name.
func sniffText(p string) (textLayout, error) {
	f, err := os.Open(p)
	if err != nil {
		return textLayout{}, err
	}
	defer f.Close()
	pre := make([]byte, sniffLen)
	n, err := io.ReadFull(f, pre)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return textLayout{}, err
	}
	pre = pre[:n]
	enc := detectEncoding(pre, f, n == sniffLen)
	text := decodePrefix(pre, enc)
	if r := textRefusal(text, enc); r != nil {
		return textLayout{refusal: r}, nil
	}
	crOnly := strings.Contains(text, "\r") && !strings.Contains(text, "\n")
	if crOnly {
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	comma, sepLine := detectDelimiter(text)
	return textLayout{enc: enc, comma: comma, sepLine: sepLine, crOnly: crOnly}, nil
}

// detectEncoding reads byte order marks first; without one, a file is
// UTF-8 when its first non-ASCII bytes are valid UTF-8 and CP949 otherwise.
// CP949 text is almost never valid UTF-8 by accident. rest is the file
// after the prefix, read only when the prefix is all ASCII.
func detectEncoding(pre []byte, rest io.Reader, more bool) textEncoding {
	switch {
	case bytes.HasPrefix(pre, []byte{0xEF, 0xBB, 0xBF}):
		return encUTF8BOM
	case bytes.HasPrefix(pre, []byte{0xFF, 0xFE}):
		return encUTF16LE
	case bytes.HasPrefix(pre, []byte{0xFE, 0xFF}):
		return encUTF16BE
	}
	window, truncated := pre, more
	if i := firstNonASCII(pre); i >= 0 {
		window = pre[i:]
	} else if more {
		window, truncated = nonASCIIWindow(rest)
	}
	if truncated {
		window = trimPartialRune(window)
	}
	if utf8.Valid(window) {
		return encUTF8
	}
	return encCP949
}

// nonASCIIWindow reads on to the first non-ASCII byte and returns up to 4 KB
// from there, so that a long ASCII preamble does not hide the encoding.
func nonASCIIWindow(r io.Reader) ([]byte, bool) {
	br := bufio.NewReaderSize(r, 64<<10)
	for {
		b, err := br.ReadByte()
		if err != nil {
			return nil, false
		}
		if b >= 0x80 {
			br.UnreadByte()
			w, _ := br.Peek(4 << 10)
			return w, len(w) == 4<<10
		}
	}
}

func firstNonASCII(b []byte) int {
	for i, c := range b {
		if c >= 0x80 {
			return i
		}
	}
	return -1
}

// trimPartialRune drops a UTF-8 sequence cut off by the end of a buffer.
func trimPartialRune(b []byte) []byte {
	for i := 1; i <= utf8.UTFMax && i <= len(b); i++ {
		if utf8.RuneStart(b[len(b)-i]) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			break
		}
	}
	return b
}

// decoder returns the transformer that turns the encoding into UTF-8, or
// nil for UTF-8 without a BOM, which needs none.
func (e textEncoding) decoder() transform.Transformer {
	switch e {
	case encUTF8BOM:
		return unicode.UTF8BOM.NewDecoder()
	case encCP949:
		return korean.EUCKR.NewDecoder()
	case encUTF16LE:
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
	case encUTF16BE:
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()
	}
	return nil
}

// decodePrefix decodes the sniffed prefix. A sequence cut by the prefix end
// becomes at most one replacement character, which the checks tolerate.
func decodePrefix(pre []byte, enc textEncoding) string {
	if enc == encUTF16LE || enc == encUTF16BE {
		pre = pre[:len(pre)&^1]
	}
	d := enc.decoder()
	if d == nil {
		return string(pre)
	}
	out, _, err := transform.Bytes(d, pre)
	if err != nil {
		return strings.ToValidUTF8(string(pre), "\uFFFD")
	}
	return string(out)
}

// textRefusal says why a decoded prefix is not a CSV file: binary bytes, or
// a web page or XML document that Excel saved under an .xls name.
func textRefusal(text string, enc textEncoding) *refusal {
	if looksBinary(text) {
		return &refusal{"", "엑셀 통합 문서(.xlsx)나 CSV 파일이 아닙니다. 조사표를 엑셀에서 열어 " +
			"[다른 이름으로 저장] → 'Excel 통합 문서(*.xlsx)'로 저장한 뒤 다시 올려 주세요."}
	}
	lead := strings.ToLower(strings.TrimLeft(text, " \t\r\n\uFEFF"))
	lead = lead[:min(len(lead), 4096)]
	resave := " 엑셀에서 이 파일을 열어 [다른 이름으로 저장] → 'Excel 통합 문서(*.xlsx)'로 저장한 뒤 다시 올려 주세요."
	switch {
	case strings.HasPrefix(lead, "mime-version:"):
		return &refusal{"mhtml", "웹 페이지 보관 파일(MHTML, '단일 파일 웹 페이지')을 .xls 이름으로 저장한 파일입니다." + resave}
	case strings.HasPrefix(lead, "<?xml") && (strings.Contains(lead, "excel.sheet") ||
		strings.Contains(lead, "urn:schemas-microsoft-com:office:spreadsheet")):
		return &refusal{"xml", "'XML 스프레드시트 2003' 형식의 파일입니다." + resave}
	case hasAnyPrefix(lead, []string{"<html", "<!doctype html", "<table", "<head", "<body", "<meta", "<style"}):
		return &refusal{"html", "웹 페이지(HTML) 표를 .xls 이름으로 저장한 파일입니다. 다른 시스템에서 '엑셀로 내려받기'한 " +
			"파일이 이런 경우가 많습니다." + resave}
	case strings.HasPrefix(lead, "<?xml"):
		return &refusal{"xml", "XML 문서입니다. 엑셀 통합 문서(.xlsx)나 CSV 파일을 올려 주세요."}
	}
	return nil
}

// crToLF turns the lone CRs of old Mac line endings into LFs, which is all
// encoding/csv recognises.
type crToLF struct{ r io.Reader }

func (c crToLF) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := range p[:n] {
		if p[i] == '\r' {
			p[i] = '\n'
		}
	}
	return n, err
}

// looksBinary reports NUL bytes, or more than 2% control or undecodable
// characters: text survey files have none, binary files are full of them.
func looksBinary(text string) bool {
	bad, total := 0, 0
	for _, r := range text {
		total++
		switch {
		case r == 0:
			return true
		case r == utf8.RuneError, r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' && r != 0x1A:
			bad++
		}
	}
	return bad > 2+total/50
}
