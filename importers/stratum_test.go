package importers

import (
	"context"
	"slices"
	"testing"

	"axdash/configs"
)

// The stratum column (층, or an alias) is read as text; a blank is no
// stratum. When the design's strata are the column (configs makes the
// field required then), a blank is an error naming its cell and a file
// without the column is refused.
func TestStratumColumn(t *testing.T) {
	header := []any{"기업명", "시도", "업종", "종업원수", "AI도입단계", "표본층"}
	rows := [][]any{header, {"가", "서울", "C", 5, "도입", "수도권-1"}, {"나", "부산", "C", 7, "검토", ""}}
	for _, tt := range []struct {
		name     string
		required bool
		rows     [][]any
		strata   []string // of the records kept
		issue    string   // an issue's code
		cell     string   // and cell
	}{
		{"optional", false, rows, []string{"수도권-1", ""}, "", ""},
		{"required", true, rows, []string{"수도권-1"}, "stratum.required", "F3"},
		{"required, no column", true, [][]any{header[:5], {"가", "서울", "C", 5, "도입"}}, nil, CodeHeaderMissing, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, r := loadConfigs(t)
			s.Field(configs.StratumField).Required = tt.required // as under design.strata: column
			res, err := New(s, r, Options{}).ReadFile(context.Background(), writeBook(t, oneSheet(tt.rows...)))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, rec := range res.Records {
				got = append(got, rec.Response.Stratum)
			}
			if !slices.Equal(got, tt.strata) {
				t.Errorf("strata %q, want %q (issues %v)", got, tt.strata, codes(res))
			}
			if tt.issue == "" {
				if len(res.Report.Issues) != 0 {
					t.Errorf("issues %v, want none", codes(res))
				}
				return
			}
			if is := issue(res, tt.issue); is == nil || is.Cell != tt.cell || tt.issue == CodeHeaderMissing && is.Header != "층" {
				t.Errorf("issues %+v, want %s at %q", res.Report.Issues, tt.issue, tt.cell)
			}
		})
	}
}
