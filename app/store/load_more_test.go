package store_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// firmStat is, for one business number (or NULL), the responses that point
// at such firms and how many distinct firms they are.
func firmStat(t *testing.T, s *store.DB, no *string) (responses, firms int64) {
	t.Helper()
	q := "SELECT COUNT(*), COUNT(DISTINCT r.firm_id) FROM responses r JOIN firms f ON f.id = r.firm_id WHERE "
	args := []any{}
	if no == nil {
		q += "f.business_no IS NULL"
	} else {
		q += "f.business_no = ?"
		args = append(args, *no)
	}
	if err := store.DBForTest(s).Raw(q, args...).Row().Scan(&responses, &firms); err != nil {
		t.Fatal(err)
	}
	return responses, firms
}

func TestLoadLinksFirms(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		x, y, z := "1000000001", "1000000002", "1000000003"
		add := func(l *store.Load, nos ...string) {
			for i, no := range nos {
				if err := l.Add(loadRow(i, no)); err != nil {
					t.Fatal(err)
				}
			}
		}
		l := begin(t, s, "A", "a", false, 2)
		add(l, x, y, "", "")
		if _, err := l.Commit(model.Import{}, nil); err != nil {
			t.Fatal(err)
		}
		// z twice in one batch and again in a later one; x is already stored.
		l = begin(t, s, "B", "b", false, 3)
		add(l, x, z, z, "", y, z)
		if _, err := l.Commit(model.Import{}, nil); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			no               *string
			responses, firms int64
		}{{&x, 2, 1}, {&y, 2, 1}, {&z, 3, 1}, {nil, 3, 3}} {
			if r, f := firmStat(t, s, c.no); r != c.responses || f != c.firms {
				t.Errorf("business no %v: %d responses over %d firms, want %d over %d", c.no, r, f, c.responses, c.firms)
			}
		}
		var n int64
		if err := store.DBForTest(s).Raw("SELECT COUNT(*) FROM firms").Row().Scan(&n); err != nil || n != 6 {
			t.Errorf("firms = %d, %v; want 6", n, err)
		}
	})
}

// choices lists "wave/source_row/code" for every stored multi-select.
func choices(t *testing.T, s *store.DB, tbl string) []string {
	t.Helper()
	rows, err := store.DBForTest(s).Raw("SELECT w.name, r.source_row, c.code FROM " + tbl + " c " +
		"JOIN responses r ON r.id = c.response_id JOIN waves w ON w.id = r.wave_id").Rows()
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var w, code string
		var row int
		if err := rows.Scan(&w, &row, &code); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s/%d/%s", w, row, code))
	}
	sort.Strings(out)
	return out
}

func TestLoadIDsAndMultiSelects(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		var wantAreas, wantBarriers []string
		for _, w := range []string{"A", "B"} {
			loadN(t, s, w, "sha-"+w, 10, false)
			for i := 0; i < 10; i++ {
				r := loadRow(i, "").Response
				for _, a := range r.UseAreas {
					wantAreas = append(wantAreas, fmt.Sprintf("%s/%d/%s", w, r.SourceRow, a.Code))
				}
				for _, b := range r.Barriers {
					wantBarriers = append(wantBarriers, fmt.Sprintf("%s/%d/%s", w, r.SourceRow, b.Code))
				}
			}
		}
		sort.Strings(wantAreas)
		sort.Strings(wantBarriers)
		if got := choices(t, s, "response_use_areas"); strings.Join(got, " ") != strings.Join(wantAreas, " ") {
			t.Errorf("use areas = %v\nwant %v", got, wantAreas)
		}
		if got := choices(t, s, "response_barriers"); strings.Join(got, " ") != strings.Join(wantBarriers, " ") {
			t.Errorf("barriers = %v\nwant %v", got, wantBarriers)
		}
		db := store.DBForTest(s)
		var n, distinct int64
		if err := db.Raw("SELECT COUNT(*), COUNT(DISTINCT id) FROM responses").Row().Scan(&n, &distinct); err != nil || n != 20 || distinct != 20 {
			t.Errorf("responses = %d with %d distinct ids, %v; want 20", n, distinct, err)
		}
		// Inserts that let the database choose the id still find a free one.
		if err := db.Exec("INSERT INTO firms (name) VALUES ('after')").Error; err != nil {
			t.Errorf("insert after a load: %v", err)
		}
		// Every field comes back as written.
		var got model.Response
		if err := db.Where("source_row = ?", 7+5).Take(&got).Error; err != nil {
			t.Fatal(err)
		}
		want := loadRow(7, "").Response
		want.ID, want.WaveID, want.ImportID, want.FirmID, want.UseAreas, want.Barriers = got.ID, got.WaveID, got.ImportID, got.FirmID, nil, nil
		if g, w := fmt.Sprintf("%+v", deref(got)), fmt.Sprintf("%+v", deref(want)); g != w {
			t.Errorf("stored response\n got %s\nwant %s", g, w)
		}
	})
}

// deref prints a response's optional fields by value, and its date as a day.
func deref(r model.Response) []any {
	day := ""
	if r.SurveyedOn != nil {
		day = r.SurveyedOn.Format("2006-01-02")
	}
	return []any{r.SourceRow, r.FirmName, r.Region, r.Sigungu, r.Industry, r.Employees, r.SizeBand,
		*r.Revenue, r.Stage, *r.AdoptionCost, *r.GovSupport, *r.AIStaffCurrent, *r.AIStaffNeeded,
		*r.ProductivityGain, r.Exemplar, r.ExemplarNote, r.Weight, day}
}

func TestImportFileRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ctx := context.Background()
		content := make([]byte, 2_500_000)                   // three chunks, the last one partial
		if _, err := rand.Read(content[1000:]); err != nil { // leading zero bytes too
			t.Fatal(err)
		}
		sum := sha256.Sum256(content)
		sha := hex.EncodeToString(sum[:])
		l := begin(t, s, "W", sha, false, 0)
		for i := 0; i < 3; i++ {
			if err := l.Add(loadRow(i, "")); err != nil {
				t.Fatal(err)
			}
		}
		path := filepath.Join(t.TempDir(), "original.xlsx")
		if err := os.WriteFile(path, content, 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path) // a file, as the ingest passes it (seed passes a bytes.Reader)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		imp, err := l.Commit(model.Import{Rows: 5, Valid: 3, Skipped: 2, Stored: 99, Format: "csv", Sheet: "표2"}, f)
		if err != nil {
			t.Fatal(err)
		}
		stored, err := s.Surveys.ImportByID(ctx, imp.ID)
		if err != nil || stored.Rows != 5 || stored.Valid != 3 || stored.Skipped != 2 || stored.Stored != 3 ||
			stored.Status != model.StatusStored || stored.Sheet != "표2" || stored.Format != "csv" ||
			stored.HeaderRow != 4 || stored.FileName != sha+".xlsx" || stored.SHA256 != sha || !stored.CreatedAt.Equal(imp.CreatedAt) {
			t.Errorf("import record = %+v, %v", stored, err)
		}
		if stored.CreatedAt = imp.CreatedAt; *stored != *imp {
			t.Errorf("Commit returned %+v, the database holds %+v", imp, stored)
		}
		got, err := s.Jobs.ImportFile(ctx, sha)
		if err != nil || !bytes.Equal(got, content) {
			t.Errorf("ImportFile = %d bytes, %v; want the %d bytes stored", len(got), err, len(content))
		}
		if _, err := s.Jobs.ImportFile(ctx, strings.Repeat("0", 64)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown file: err = %v, want ErrNotFound", err)
		}
	})
}

// Names and codes come back byte for byte, whatever they hold: SQLite
// carries firms and multi-selects as JSON, which must not reinterpret them.
func TestLoadKeepsTextExactly(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		texts := []string{`따옴표 " 와 \ 역슬래시`, "tab\tnewline\n\x01\x1f", "😀 é 한글", "", `\u0041 [1,"x"]`}
		if s.Ops.Dialect() == store.DialectSQLite {
			texts = append(texts, "bad \xff\xfe utf-8") // PostgreSQL refuses such text outright
		}
		l := begin(t, s, "W", "text", false, 0)
		for i, text := range texts {
			r := loadRow(i, "")
			r.Response.FirmName = text
			r.Response.UseAreas = []model.ResponseUseArea{{Code: text}}
			if err := l.Add(r); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := l.Commit(model.Import{}, nil); err != nil {
			t.Fatal(err)
		}
		db := store.DBForTest(s)
		for i, text := range texts {
			var name, code string
			err := db.Raw("SELECT f.name, u.code FROM responses r JOIN firms f ON f.id = r.firm_id "+
				"JOIN response_use_areas u ON u.response_id = r.id WHERE r.source_row = ?", i+5).Row().Scan(&name, &code)
			if err != nil || name != text || code != text {
				t.Errorf("row %d: name %q, code %q, %v; want %q", i, name, code, err, text)
			}
		}
	})
}
