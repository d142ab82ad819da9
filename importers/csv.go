package importers

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/text/transform"
)

// delimiters are the separators detected in CSV files, in order of
// preference on a tie: Excel writes commas, "text (tab delimited)" writes
// tabs, and European-locale Excel writes semicolons.
var delimiters = []rune{',', '\t', ';'}

// sniffRecords is how many records of the prefix the delimiter vote uses.
const sniffRecords = 50

// detectDelimiter picks the delimiter that splits the first records most
// consistently: the one whose most common per-record count (above zero) is
// shared by the most records, then the larger count. Counting ignores
// quoted text, so "3,000만원" in quotes does not vote for the comma. A first
// line "sep=;" (Excel's hint) decides outright.
func detectDelimiter(text string) (comma rune, sepLine bool) {
	if line, _, _ := strings.Cut(text, "\n"); strings.HasPrefix(strings.TrimSpace(line), "sep=") {
		if r := []rune(strings.TrimSpace(line)); len(r) == 5 && validDelimiter(r[4]) {
			return r[4], true
		}
	}
	counts := recordCounts(text)
	best, bestScore, bestMode := ',', 0, 0
	for i, d := range delimiters {
		freq := map[int]int{}
		for _, c := range counts {
			if c[i] > 0 {
				freq[c[i]]++
			}
		}
		mode, score := 0, 0
		for n, k := range freq {
			if k > score || (k == score && n > mode) {
				mode, score = n, k
			}
		}
		if score > bestScore || (score == bestScore && mode > bestMode) {
			best, bestScore, bestMode = d, score, mode
		}
	}
	return best, false
}

func validDelimiter(r rune) bool {
	return r == ',' || r == '\t' || r == ';' || r == '|'
}

// recordCounts counts each delimiter outside quotes in each of the first
// records, where a record ends at a newline outside quotes.
func recordCounts(text string) [][3]int {
	var out [][3]int
	var cur [3]int
	quoted, nonEmpty := false, false
	for _, r := range text {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '\n':
			if nonEmpty {
				out = append(out, cur)
			}
			if len(out) == sniffRecords {
				return out
			}
			cur, nonEmpty = [3]int{}, false
			continue
		default:
			for i, d := range delimiters {
				if r == d {
					cur[i]++
				}
			}
		}
		if r != '\r' {
			nonEmpty = true
		}
	}
	if nonEmpty {
		out = append(out, cur)
	}
	return out
}

// csvSource reads the records of a CSV file as rows, numbered as Excel
// numbers them when it opens the file, so that a cell named in an issue
// (C17) is the cell the analyst sees: a record with a quoted line break is
// one row, and an empty line, which encoding/csv skips, is an empty row.
type csvSource struct {
	f       *os.File
	r       *csv.Reader
	rec     []string
	err     error
	skip    bool // the "sep=" line is still to be dropped
	lastEnd int  // the physical line the previous record ended on
	blanks  int  // empty lines still to be handed out before held
	held    []string
}

// openCSV opens the file with the sniffed encoding and delimiter.
func openCSV(p string, lay textLayout) (*csvSource, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("importers: open %s: %w", p, err)
	}
	var r io.Reader = f
	if d := lay.enc.decoder(); d != nil {
		r = transform.NewReader(f, d)
	}
	if lay.crOnly {
		r = crToLF{r}
	}
	r = &recordGuard{r: r, comma: byte(lay.comma)}
	cr := csv.NewReader(bufio.NewReaderSize(r, 64<<10))
	cr.Comma = lay.comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	cr.ReuseRecord = true
	return &csvSource{f: f, r: cr, skip: lay.sepLine}, nil
}

func (s *csvSource) Next() bool {
	if s.blanks > 0 {
		s.blanks--
		s.rec = nil
		return true
	}
	if s.held != nil {
		s.rec, s.held = s.held, nil
		return true
	}
	if s.err != nil {
		return false
	}
	rec, err := s.read()
	if err != nil {
		if err != io.EOF {
			s.err = err
		}
		return false
	}
	if s.blanks > 0 {
		s.held = rec
		return s.Next()
	}
	s.rec = rec
	return true
}

// read reads the next record and counts the empty lines before it. The
// record's last line is where its last field starts plus the line breaks
// inside that field (csv has turned CRLF into LF).
func (s *csvSource) read() ([]string, error) {
	rec, err := s.r.Read()
	if err == nil && s.skip {
		s.skip = false
		s.lastEnd, _ = s.r.FieldPos(len(rec) - 1)
		rec, err = s.r.Read()
	}
	if err != nil {
		return nil, err
	}
	first, _ := s.r.FieldPos(0)
	last, _ := s.r.FieldPos(len(rec) - 1)
	s.blanks = max(first-s.lastEnd-1, 0)
	s.lastEnd = last + strings.Count(rec[len(rec)-1], "\n")
	return rec, nil
}

func (s *csvSource) Columns() ([]string, error) { return s.rec, nil }
func (s *csvSource) Error() error               { return s.err }
func (s *csvSource) Close() error               { return s.f.Close() }

// readCSV reads a CSV file through the same header detection and row
// pipeline as a worksheet. A CSV file is one table without a sheet, so
// Report.Sheet and the issues' Sheet stay empty. The file is opened twice,
// once for the header and once for the rows, as a sheet is.
func (im *Importer) readCSV(ctx context.Context, p string, lay textLayout, st *state, sink func(Record) error) error {
	src, err := openCSV(p, lay)
	if err != nil {
		return err
	}
	head, ok := im.scanHead(src, "", st)
	src.Close()
	if !ok {
		return nil
	}
	h := im.schema.detectHeader(head)
	if h == nil {
		st.refuse(CodeHeaderNotFound, "머리글 행을 찾지 못했습니다. 파일의 처음 %d행 안에 기업명·시도·업종·종업원수·AI도입단계 같은 "+
			"머리글이 한 행에 %d개 이상 있어야 합니다. 구분 기호(쉼표·탭·세미콜론)와 인코딩을 확인해 주세요.",
			im.limits().HeaderScanRows, minHeaderMatches)
		return nil
	}
	if !im.settleHeader(h, st) {
		return nil
	}
	if src, err = openCSV(p, lay); err != nil {
		return err
	}
	defer src.Close()
	rr := newRowReader(im, st, "", h, sink)
	rr.displayed = true
	return rr.stream(ctx, src)
}
