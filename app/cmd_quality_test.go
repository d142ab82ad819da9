package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/demo"
	"axdash/app/model"
	"axdash/app/store"
)

// qualityWorkbook is a generated wave in which one firm's public support
// exceeds its cost (an error rule) and one firm's cost is a 원-for-백만원
// slip (an outlier); it returns the file and the two data rows' indexes.
func qualityWorkbook(t *testing.T) (string, int, int) {
	t.Helper()
	opts := demo.Options{Rows: 3000, Seed: 5}
	rows, err := demo.Generate(opts)
	if err != nil {
		t.Fatal(err)
	}
	adopter := func(from int) int {
		return from + slices.IndexFunc(rows[from:], func(r demo.Row) bool {
			return r.AdoptionCost > 0 && r.Industry == "C" && r.Employees >= 10 && r.Employees < 50
		})
	}
	bad := adopter(0)
	rows[bad].GovSupport = rows[bad].AdoptionCost + 10_000_000
	slip := adopter(bad + 1)
	rows[slip].AdoptionCost, rows[slip].GovSupport = rows[slip].AdoptionCost*1_000_000, 0
	path := filepath.Join(t.TempDir(), "wave.xlsx")
	if err := demo.WriteRows(path, rows, opts); err != nil {
		t.Fatal(err)
	}
	return path, bad, slip
}

func findIssue(rep *model.ImportReport, code, cell string) *model.Issue {
	for i, is := range rep.Issues {
		if is.Code == code && is.Cell == cell {
			return &rep.Issues[i]
		}
	}
	return nil
}

func TestImportReportsQualityFindings(t *testing.T) {
	eachDB(t, func(t *testing.T) {
		path, bad, slip := qualityWorkbook(t)
		annotated := filepath.Join(t.TempDir(), "annotated.xlsx")
		code, out, errOut := cli(t, "import", path, "--wave", "2026", "--json", "--period", "2026-06-01..2026-09-30",
			"--annotate", annotated)
		var rep model.ImportReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil || code != exitRefused || rep.Status != model.StatusRefused {
			t.Fatalf("exit %d, status %q: want refused by the error rule; %v %s", code, rep.Status, err, errOut)
		}
		badCell, slipCell := "K"+strconv.Itoa(rep.HeaderRow+1+bad), "J"+strconv.Itoa(rep.HeaderRow+1+slip)
		if is := findIssue(&rep, "rule.support_exceeds_cost", badCell); is == nil || is.Severity != model.SeverityError {
			t.Errorf("no error at %s: %+v", badCell, rep.Issues)
		}
		if is := findIssue(&rep, "adoption_cost.outlier", slipCell); is == nil || is.Severity != model.SeverityWarning {
			t.Errorf("no outlier at %s", slipCell)
		}
		book, err := excelize.OpenFile(annotated)
		if err != nil {
			t.Fatal(err)
		}
		comments, _ := book.GetComments(rep.Sheet)
		book.Close()
		for _, cell := range []string{badCell, slipCell} {
			if !slices.ContainsFunc(comments, func(c excelize.Comment) bool { return c.Cell == cell }) {
				t.Errorf("annotated workbook has no comment at %s", cell)
			}
		}

		code, out, errOut = cli(t, "import", path, "--wave", "2026", "--json", "--period", "2026-06-01..2026-09-30", "--skip-invalid")
		if err := json.Unmarshal([]byte(out), &rep); err != nil || code != exitOK || rep.Stored != 2999 {
			t.Fatalf("skip-invalid: exit %d, stored %d: %v %s", code, rep.Stored, err, errOut)
		}
		_, st := startServer(t)
		ctx := context.Background()
		if p, err := st.Surveys.WavePeriod(ctx, "2026"); err != nil || p == nil || p.String() != "2026-06-01..2026-09-30" {
			t.Errorf("stored period %v, %v", p, err)
		}
		w, _ := st.Surveys.WaveByName(ctx, "2026")
		found, total, err := st.Surveys.Findings(ctx, store.FindingFilter{WaveID: w.ID})
		if err != nil || int(total) != countQuality(rep.Issues) {
			t.Errorf("stored %d findings, the report has %d quality warnings: %v", total, countQuality(rep.Issues), err)
		}
		if slices.ContainsFunc(found, func(f model.Finding) bool { return f.Cell == badCell }) {
			t.Error("the skipped row's error was stored with the wave")
		}
		// The stored period applies to a later import into the wave; a
		// period given on the command line overrides it.
		for _, args := range [][]string{{}, {"--period", "2026-01-01..2026-03-31"}} {
			args = append([]string{"import", path, "--wave", "2026", "--replace", "--dry-run", "--json"}, args...)
			_, out, _ = cli(t, args...)
			var dry model.ImportReport
			if err := json.Unmarshal([]byte(out), &dry); err != nil {
				t.Fatal(err)
			}
			outside := findIssueCode(&dry, "rule.surveyed_outside_period")
			if wantOutside := len(args) > 7; outside != wantOutside {
				t.Errorf("%v: surveyed_outside_period reported %v, want %v", args[6:], outside, wantOutside)
			}
		}
	})
}

func findIssueCode(rep *model.ImportReport, code string) bool {
	return slices.ContainsFunc(rep.Issues, func(is model.Issue) bool { return is.Code == code })
}

// countQuality counts the rule and outlier warnings: what a commit stores
// (an error's row is skipped, and its finding with it).
func countQuality(issues []model.Issue) int {
	n := 0
	for _, is := range issues {
		quality := strings.HasPrefix(is.Code, "rule.") || strings.HasSuffix(is.Code, ".outlier")
		if quality && is.Severity == model.SeverityWarning {
			n++
		}
	}
	return n
}

func TestBadRulesFileRefusedAtStart(t *testing.T) {
	dir := t.TempDir()
	tests := []struct{ name, check, want string }{
		{"syntax", "gov_support <=", "line 1, column"},
		{"unknown field", "gov_suport <= adoption_cost", "line 1, column 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(dir, tt.name+".yaml")
			body := "rules:\n  - code: rule.mine\n    severity: error\n    message: 틀림\n    check: " + strconv.Quote(tt.check) + "\n"
			if err := os.WriteFile(file, []byte(body), 0o600); err != nil {
				t.Fatal(err)
			}
			t.Setenv("AXDASH_RULES_FILE", file)
			t.Setenv("AXDASH_DATA_DIR", t.TempDir())
			code, _, errOut := cli(t, "migrate")
			if code == exitOK || !strings.Contains(errOut, "rule.mine") || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q", code, errOut)
			}
		})
	}
}
