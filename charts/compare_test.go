package charts

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"axdash/app/model"
)

// compareSource is a wave (2) and the one before (1): 경남 (48) adopts far
// more than the rest of the country, 부산 (26) as much as its rest, 서울
// (11) has 3 firms (withheld); the trend's first wave has no 부산.
func compareSource() *filterSource {
	cur := func(region string) model.Filter { return model.Filter{WaveID: 2, Region: region} }
	src := &filterSource{
		totals: map[model.Filter]model.Cell{
			cur(""): estimated(rateCell("", 103, 1, 33), 0.01), {WaveID: 1}: estimated(rateCell("", 50, 1, 10), 0.01),
			cur("48"): estimated(rateCell("48", 20, 1, 16), 0.01), cur("26"): estimated(rateCell("26", 20, 1, 5), 0.01),
			cur("11"): estimated(rateCell("11", 3, 1, 1), 0.01),
		},
		rests: map[model.Filter]model.Cell{
			cur("48"): estimated(rateCell("", 83, 1, 17), 0.01), cur("26"): estimated(rateCell("", 83, 1, 28), 0.3),
			cur("11"): estimated(rateCell("", 100, 1, 32), 0.01),
		},
	}
	src.trend = []model.Cell{
		{Key: "48", WaveID: 1, Wave: "2025-H2", N: 10, Weight: 10, WAdopted: 4, WNone: 6},
		{Key: "48", WaveID: 2, Wave: "2026-H1", N: 20, Weight: 20, WAdopted: 16, WNone: 4},
		{Key: "26", WaveID: 2, Wave: "2026-H1", N: 20, Weight: 20, WAdopted: 5, WNone: 15},
	}
	return src
}

// TestCompareRegions: each chosen 시도 and 전국 get a row of every headline
// measure (a withheld 시도 blank, n too, with its rule), the trend has a
// row per wave and population in survey order (n 0 where a 시도 had no
// responses), barriers and use areas a block per population, and the
// sentences state only the significant differences.
func TestCompareRegions(t *testing.T) {
	c := newCatalogue(t)
	tests := []struct {
		name      string
		regions   []string
		differing []string // the 시도 a sentence is about
		withheld  []string
		wantErr   bool
	}{
		{"경남 differs, 부산 does not", []string{"48", "26"}, []string{"48"}, nil, false},
		{"서울 withheld", []string{"11", "48"}, []string{"48"}, []string{"11"}, false},
		{"one 시도", []string{"48"}, nil, nil, true},
		{"five 시도", []string{"48", "26", "11", "41", "27"}, nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc, err := c.CompareRegions(context.Background(), compareSource(), model.Filter{WaveID: 2}, tt.regions)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want error %t", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			checkCompareMeasures(t, rc.Measures, tt.regions, tt.withheld)
			checkCompareTrend(t, rc.Trend, tt.regions)
			for _, code := range tt.regions {
				name, said := c.regions.Name(code), false
				for _, s := range rc.Sentences {
					said = said || strings.HasPrefix(s, name+"의 ")
				}
				if want := slices.Contains(tt.differing, code); said != want {
					t.Errorf("a sentence about %s: %t, want %t (%q)", name, said, want, rc.Sentences)
				}
			}
			for _, s := range rc.Sentences {
				if strings.Contains(s, "유의한 차이가 없습니다") {
					t.Errorf("a sentence states no difference: %q", s)
				}
			}
			if len(rc.Choices) != 2 {
				t.Fatalf("%d multi-select tables, want barriers and use areas", len(rc.Choices))
			}
			for i, kind := range []string{model.ChoiceBarrier, model.ChoiceUseArea} {
				tab := rc.Choices[i]
				if per := len(c.choiceCodes(kind)); len(tab.Rows) != per*(1+len(tt.regions)) {
					t.Errorf("%s: %d rows, want %d per population", tab.Figure.ID, len(tab.Rows), per)
				}
				if tab.Rows[0][0] != NationCode || tab.Rows[len(tab.Rows)-1][0] != tt.regions[len(tt.regions)-1] {
					t.Errorf("%s: rows from %v to %v, want 전국 first and the last 시도 last", tab.Figure.ID, tab.Rows[0][:2], tab.Rows[len(tab.Rows)-1][:2])
				}
			}
		})
	}
}

func checkCompareMeasures(t *testing.T, m *Table, regions, withheld []string) {
	t.Helper()
	src := compareSource()
	rate, n := colIndex(m, "adoption_rate"), colIndex(m, "n")
	status := StatusColumnOf(m)
	for i, code := range append([]string{NationCode}, regions...) {
		row := m.Rows[i]
		if row[0] != code {
			t.Fatalf("row %d = %v, want %s", i, row, code)
		}
		f := model.Filter{WaveID: 2}
		if code != NationCode {
			f.Region = code
		}
		cell := src.totals[f]
		if slices.Contains(withheld, code) {
			if row[n] != nil || row[rate] != nil || !strings.HasPrefix(status[i], Withheld+"(") {
				t.Errorf("%s = %v (%q), want withheld with its reason", code, row, status[i])
			}
			continue
		}
		want := scaled(Column{Unit: "%"}, cell.Est.Of("adoption").Value)
		if row[n] != cell.N || row[rate] != want || row[colIndex(m, "adoption_rate_"+StatLow)] == nil {
			t.Errorf("%s = %v, want n %d rate %v with its interval", code, row, cell.N, want)
		}
	}
}

func checkCompareTrend(t *testing.T, tr *Table, regions []string) {
	t.Helper()
	var got []string
	for _, row := range tr.Rows {
		got = append(got, fmt.Sprintf("%v/%v/%v", row[0], row[1], row[3]))
	}
	var want []string
	for _, w := range []string{"2025-H2", "2026-H1"} {
		for _, code := range append([]string{NationCode}, regions...) {
			n, ok := map[string]map[string]int{"2025-H2": {NationCode: 50, "48": 10}, "2026-H1": {NationCode: 103, "48": 20, "26": 20}}[w][code]
			if !ok {
				n = 0 // no responses that wave: n 0, no values (자료 없음)
			}
			want = append(want, fmt.Sprintf("%v/%v/%v", w, code, n))
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("trend rows (wave/code/n) = %v, want %v", got, want)
	}
}

// TestComparisonFiles: the CSV holds the sentences and each table under
// its title, labelled first in the internal view; the workbook has a sheet
// per table.
func TestComparisonFiles(t *testing.T) {
	c := newCatalogue(t)
	rc, err := c.CompareRegions(context.Background(), compareSource(), model.Filter{WaveID: 2}, []string{"48", "26"})
	if err != nil {
		t.Fatal(err)
	}
	for _, internal := range []bool{false, true} {
		var buf bytes.Buffer
		if err := WriteComparisonCSV(&buf, rc, ExportMeta{Wave: "2026-H1", Internal: internal}); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(buf.Bytes(), []byte(utf8BOM))))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if (recs[0][0] == InternalNotice) != internal {
			t.Errorf("internal %t: first line %q", internal, recs[0])
		}
		var titles []string
		for _, rec := range recs {
			if len(rec) == 1 && strings.HasPrefix(rec[0], "시도 비교: ") {
				titles = append(titles, rec[0])
			}
		}
		if len(titles) != len(rc.Tables()) || !slices.Contains(recs[len(rc.Sentences)-1+b2i(internal)], rc.Sentences[len(rc.Sentences)-1]) {
			t.Errorf("internal %t: titles %q, sentences %q", internal, titles, rc.Sentences)
		}
	}
	var buf bytes.Buffer
	if err := WriteComparisonXLSX(&buf, rc, ExportMeta{Wave: "2026-H1"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := len(f.GetSheetList()); got != len(rc.Tables()) {
		t.Errorf("%d sheets, want %d", got, len(rc.Tables()))
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
