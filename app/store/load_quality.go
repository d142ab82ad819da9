package store

import (
	"fmt"

	"axdash/app/model"
)

var (
	findingsTable = &table{"quality_findings", []string{"wave_id", "import_id", "source_row", "firm_name",
		"severity", "code", "sheet", "cell", "header", "value", "message"}}
	histogramsTable = &table{"quality_histograms", []string{"wave_id", "field", "industry", "size_band", "bin", "n"}}
)

// histograms are the wave's log-scale value counts per field, industry and
// size band (the field table's Histograms, model.LogBin), built as rows
// arrive: at most 5 fields × 21 sections × 5 bands of 6.4 kB, whatever the
// row count.
type histograms map[histKey][]uint32

type histKey struct {
	field    *model.Field
	industry string
	band     string
}

func (h histograms) add(rec *model.FirmResponse, fields []*model.Field) {
	r := &rec.Response
	for _, f := range fields {
		v, ok := model.HistValue(rec, f)
		if !ok {
			continue
		}
		k := histKey{f, r.Industry, r.SizeBand}
		b := h[k]
		if b == nil {
			b = make([]uint32, model.HistBins)
			h[k] = b
		}
		b[model.LogBin(v)]++
	}
}

type histRow struct {
	k   histKey
	bin int
	n   uint32
}

// writeHistograms stores the wave's histograms with the load.
func (l *Load) writeHistograms() error {
	var rows []histRow
	for k, b := range l.hist {
		for bin, n := range b {
			if n > 0 {
				rows = append(rows, histRow{k, bin, n})
			}
		}
	}
	err := l.tx.write(l.ctx, histogramsTable, len(rows), func(dst []any, i int) []any {
		r := &rows[i]
		return append(dst, l.imp.WaveID, r.k.field.Key, r.k.industry, r.k.band, int64(r.bin), int64(r.n))
	})
	if err != nil {
		return fmt.Errorf("store: write histograms: %w", err)
	}
	return nil
}

// bufferFindings keeps the row's data-quality findings for the next write.
func (l *Load) bufferFindings(rec *model.FirmResponse) {
	for _, is := range rec.Findings {
		l.findings = append(l.findings, findingOf(is, rec.Response.FirmName))
	}
}

func findingOf(is model.Issue, firm string) model.Finding {
	return model.Finding{SourceRow: is.Row, FirmName: firm, Severity: is.Severity, Code: is.Code,
		Sheet: is.Sheet, Cell: is.Cell, Header: is.Header, Value: is.Value, Message: is.Message}
}

// AddFinding stores a finding that is known only once the whole file has
// been read (an outlier), in the load's transaction; firm is the row's firm
// name as the finding's row was read.
func (l *Load) AddFinding(is model.Issue, firm string) error {
	if err := l.usable(); err != nil {
		return err
	}
	l.findings = append(l.findings, findingOf(is, firm))
	if len(l.findings) < l.batch {
		return nil
	}
	if err := l.flushFindings(); err != nil {
		l.fail(err)
		return err
	}
	return nil
}

// flushAll writes the buffered rows and then the buffered findings.
func (l *Load) flushAll() error {
	if err := l.flush(); err != nil {
		return err
	}
	return l.flushFindings()
}

func (l *Load) flushFindings() error {
	fs := l.findings
	err := l.tx.write(l.ctx, findingsTable, len(fs), func(dst []any, i int) []any {
		f := &fs[i]
		return append(dst, l.imp.WaveID, l.imp.ID, int64(f.SourceRow), f.FirmName, f.Severity, f.Code,
			f.Sheet, f.Cell, f.Header, f.Value, f.Message)
	})
	if err != nil {
		return fmt.Errorf("store: write findings: %w", err)
	}
	clear(fs)
	l.findings = fs[:0]
	return nil
}

// SetPeriod records the wave's survey period with the load.
func (l *Load) SetPeriod(p model.Period) error {
	if err := l.usable(); err != nil {
		return err
	}
	err := l.tx.exec(l.ctx, "UPDATE waves SET period_start = ?, period_end = ? WHERE id = ?",
		p.Start, p.End, l.imp.WaveID)
	if err != nil {
		l.fail(err)
		return fmt.Errorf("store: set period: %w", err)
	}
	return nil
}
