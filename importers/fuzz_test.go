package importers

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"axdash/app/model"

	"axdash/configs"
)

// Seed corpora live in testdata/fuzz/<FuzzName>/; crashers the fuzzer finds
// are added there so that `go test` replays them.

// headerUnits are the multipliers a header can give parseMoney (unitNote
// yields nothing else), indexed by the fuzzer's choice.
var headerUnits = []int64{0, 1, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9}

func FuzzParseMoney(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw string, unit uint8) {
		won, p := parseMoney(raw, headerUnits[int(unit)%len(headerUnits)])
		switch {
		case p == nil && won < 0:
			t.Errorf("parseMoney(%q) = %d without a problem", raw, won)
		case p != nil && (p.code == "" || p.msg == "" || p.warn):
			t.Errorf("parseMoney(%q): malformed problem %+v", raw, p)
		}
	})
}

func FuzzParseDate(f *testing.F) {
	f.Fuzz(func(t *testing.T, raw string, date1904 bool) {
		d, p := parseDate(raw, date1904)
		if p == nil && (d.Year() < minYear || d.Year() > maxYear || d.Location() != time.UTC ||
			d.Hour()+d.Minute()+d.Second()+d.Nanosecond() != 0) {
			t.Errorf("parseDate(%q) = %v", raw, d)
		}
	})
}

func FuzzRegion(f *testing.F) {
	s := testSchema(f)
	codes := map[string]bool{}
	for _, r := range s.regions.Regions {
		codes[r.Code] = true
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c, p := s.parseRegion(raw)
		if (p == nil) != codes[c] {
			t.Errorf("parseRegion(%q) = %q, %v", raw, c, p)
		}
	})
}

func FuzzHeaderMatch(f *testing.F) {
	s := testSchema(f)
	f.Fuzz(func(t *testing.T, text string) {
		field, note := s.matchHeader(text)
		// Spaces around a header never change its meaning.
		if len(text)+2 <= maxHeaderBytes {
			if g, n := s.matchHeader(" " + text + "\u3000"); g != field || n != note {
				t.Errorf("matchHeader(%q) = %v %q, padded %v %q", text, field, note, g, n)
			}
		}
		if field != nil && configs.Fold(text) == "" {
			t.Errorf("matchHeader(%q) matched %s on nothing", text, field.Key)
		}
		// Keys fold to themselves, so that config and sheet agree.
		if k := configs.Fold(text); configs.Fold(k) != k {
			t.Errorf("configs.Fold(%q) = %q is not stable: %q", text, k, configs.Fold(k))
		}
	})
}

// FuzzCSV feeds any bytes to Read as a file: whatever they are, Read must
// answer with a well-formed report and never panic.
func FuzzCSV(f *testing.F) {
	s, r := loadConfigs(f)
	im := New(s, r, Options{MaxRows: 200, HeaderScanRows: 10, MaxIssues: 50})
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(dir, "fuzz.csv")
		if err := os.WriteFile(p, data, 0o600); err != nil {
			t.Fatal(err)
		}
		valid := 0
		res, err := im.Read(context.Background(), p, func(Record) error { valid++; return nil })
		if err != nil || res == nil {
			t.Fatalf("Read: %v, %v", res, err)
		}
		checkFuzzReport(t, res, valid)
	})
}

// checkFuzzReport fails on a malformed report: a status other than checked
// or refused, counts that disagree, or an issue without code or message.
func checkFuzzReport(t *testing.T, res *Result, valid int) {
	t.Helper()
	rep := res.Report
	switch {
	case rep.Status != model.StatusChecked && rep.Status != model.StatusRefused:
		t.Errorf("status %q", rep.Status)
	case rep.Valid > rep.Rows || valid != rep.Valid:
		t.Errorf("rows %d valid %d sink %d", rep.Rows, rep.Valid, valid)
	case rep.IssuesTotal < len(rep.Issues)-1 || (rep.Status == model.StatusRefused && len(rep.Issues) == 0):
		t.Errorf("issues %d total %d", len(rep.Issues), rep.IssuesTotal)
	}
	for _, is := range rep.Issues {
		if is.Code == "" || is.Message == "" || (is.Severity != model.SeverityError && is.Severity != model.SeverityWarning) {
			t.Errorf("malformed issue %+v", is)
		}
	}
}
