package charts

import (
	"bytes"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestSignificance: a change is called significant only when tested and
// found larger than the sampling error; untested says nothing.
func TestSignificance(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		differs *bool
		want    string
	}{{&yes, "유의"}, {&no, "유의하지 않음"}, {nil, ""}}
	for _, tt := range tests {
		if got := (Measure{Differs: tt.differs}).Significance(); got != tt.want {
			t.Errorf("Differs %v: %q, want %q", tt.differs, got, tt.want)
		}
	}
}

// TestBriefingCoverSignificance: the briefing workbook's cover says, beside
// each change (against the previous wave, then the nation), whether it is
// significant.
func TestBriefingCoverSignificance(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		name          string
		trend, nation *bool
		wantG, wantK  string
	}{
		{"prev significant, nation not", &yes, &no, "유의", "유의하지 않음"},
		{"prev not, nation untested", &no, nil, "유의하지 않음", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Measure{Key: "adoption_rate", Label: "AI 도입률", Unit: "%", Value: 30.0, Other: 20.0, Change: 10.0, ChangeUnit: "%p", Differs: tt.trend}
			n := m
			n.Differs = tt.nation
			var buf bytes.Buffer
			if err := WriteBriefingXLSX(&buf, "브리핑", []BriefingMeasure{{Trend: m, Nation: &n}}, nil, ExportMeta{Wave: "W"}); err != nil {
				t.Fatal(err)
			}
			x, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			row := strconv.Itoa(findRow(t, x, "요약", "AI 도입률"))
			for col, want := range map[string]string{"G": tt.wantG, "K": tt.wantK} {
				if got, _ := x.GetCellValue("요약", col+row); got != want {
					t.Errorf("%s%s = %q, want %q", col, row, got, want)
				}
			}
		})
	}
}
