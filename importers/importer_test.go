package importers

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"reflect"
	"strconv"
	"testing"
	"time"

	"axdash/app/model"
)

func TestReadFileFindsHeaderBelowTitleAndJunk(t *testing.T) {
	spec := oneSheet(
		[]any{"2026년 상반기 지역 중소기업 AI 도입 실태조사"},
		[]any{"작성기관", "중소벤처기업부"},
		[]any{"", "", "※ 응답 기준일 2026-06-30"},
		stdHeader,
		[]any{"가나전자", "124-81-00998", "서울", "C", 25, "도입", 30, ""},
		[]any{"다라정밀", "2208162517", "경기도 수원시 영통구", "제조업", "1,234", "Y", "1.2억", "메모"},
	)
	spec.sheets[0].merges = []string{"A1:H1"}
	path := writeBook(t, spec)
	res := readPath(t, path, Options{})
	rep := res.Report
	if rep.Status != model.StatusChecked || rep.Format != "xlsx" || rep.File != "조사표.xlsx" || rep.Sheet != "조사표" {
		t.Fatalf("report = %+v", rep)
	}
	if rep.HeaderRow != 4 || rep.Rows != 2 || rep.Valid != 2 || len(res.Records) != 2 {
		t.Fatalf("header row %d, rows %d, valid %d, records %d; issues %v", rep.HeaderRow, rep.Rows, rep.Valid, len(res.Records), codes(res))
	}
	wantMap := []model.ColumnMapping{
		{Column: "A", Header: "기업명", Field: "firm_name"}, {Column: "B", Header: "사업자등록번호", Field: "business_no"},
		{Column: "C", Header: "시도", Field: "region"}, {Column: "D", Header: "업종", Field: "industry"},
		{Column: "E", Header: "종업원수", Field: "employees"}, {Column: "F", Header: "AI도입단계", Field: "stage"},
		{Column: "G", Header: "AI도입비용(백만원)", Field: "adoption_cost"},
	}
	if !reflect.DeepEqual(rep.Mapping, wantMap) || !reflect.DeepEqual(rep.Unmapped, []string{"비고"}) {
		t.Errorf("mapping %+v, unmapped %v", rep.Mapping, rep.Unmapped)
	}
	r0, r1 := res.Records[0], res.Records[1]
	if r0.Response.FirmName != "가나전자" || r0.BusinessNo != "1248100998" || r0.Response.Region != "11" ||
		r0.Response.Industry != "C" || r0.Response.Employees != 25 || r0.Response.SizeBand != "10-49" ||
		r0.Response.Stage != "도입" || *r0.Response.AdoptionCost != 30_000_000 || r0.Response.SourceRow != 5 ||
		r0.Response.Weight != 1 {
		t.Errorf("record 0 = %+v", r0)
	}
	if r1.Response.Region != "41" || r1.Response.Employees != 1234 || r1.Response.SizeBand != "300+" ||
		*r1.Response.AdoptionCost != 120_000_000 || r1.Response.SourceRow != 6 {
		t.Errorf("record 1 = %+v", r1)
	}
	b, _ := os.ReadFile(path)
	if sum := sha256.Sum256(b); res.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("SHA256 = %s", res.SHA256)
	}
}

func TestReadFileAliasesWidthsAndUnits(t *testing.T) {
	surveyed := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	res := read(t, oneSheet(
		[]any{"(단위: 만원)"},
		[]any{"No.", "기업명（상호）", "ＡＩ 도입 단계", "종업원수(명)", "AI도입비용(백만원)", "업종(A~U)", "시ㆍ도",
			"매출액 (천원)", "정부지원금", "가중치", "조사일", "우수사례여부", "AI활용분야", "애로사항",
			"AI 인력 현원", "AI인력필요", "생산성향상률(%)", "시군구", "우수사례내용"},
		[]any{1, "가나", "시범도입", 12, 5, "제조업(C)", "강원도", "250,000", "100", "1.5", surveyed, "O",
			"품질검사;챗봇", "비용, 인력부족", 1, 3, "12.5%", "춘천시", "비전검사\n도입"},
	), Options{})
	if res.Report.Valid != 1 || res.Report.HeaderRow != 2 {
		t.Fatalf("valid %d, header %d, issues %v", res.Report.Valid, res.Report.HeaderRow, codes(res))
	}
	r := res.Records[0].Response
	checks := []struct {
		name      string
		got, want any
	}{
		{"firm", r.FirmName, "가나"}, {"stage", r.Stage, "시범도입"}, {"employees", r.Employees, 12},
		{"cost", *r.AdoptionCost, int64(5_000_000)}, {"industry", r.Industry, "C"}, {"region", r.Region, "51"},
		{"revenue", *r.Revenue, int64(250_000_000)}, {"support (sheet unit 만원)", *r.GovSupport, int64(1_000_000)},
		{"weight", r.Weight, 1.5}, {"surveyed", *r.SurveyedOn, surveyed}, {"exemplar", r.Exemplar, true},
		{"use areas", r.UseAreas, []model.ResponseUseArea{{Code: "품질검사"}, {Code: "고객응대"}}},
		{"barriers", r.Barriers, []model.ResponseBarrier{{Code: "비용부담"}, {Code: "전문인력부족"}}},
		{"staff current", *r.AIStaffCurrent, 1}, {"staff needed", *r.AIStaffNeeded, 3},
		{"gain", *r.ProductivityGain, 12.5}, {"sigungu", r.Sigungu, "춘천시"}, {"note", r.ExemplarNote, "비전검사\n도입"},
		{"unmapped", res.Report.Unmapped, []string{"No."}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s = %#v, want %#v", c.name, c.got, c.want)
		}
	}
}

func TestReadFileDate1904(t *testing.T) {
	spec := oneSheet(
		[]any{"기업명", "시도", "업종", "종업원수", "AI도입단계", "조사일"},
		[]any{"가", "서울", "C", 5, "N", time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)},
		[]any{"나", "서울", "C", 5, "N", "2026년 7월 2일"},
	)
	spec.date1904 = true
	res := read(t, spec, Options{})
	if len(res.Records) != 2 {
		t.Fatalf("records %d, issues %v", len(res.Records), codes(res))
	}
	for i, want := range []string{"2026-07-01", "2026-07-02"} {
		if got := res.Records[i].Response.SurveyedOn.Format(time.DateOnly); got != want {
			t.Errorf("record %d surveyed on %s, want %s", i, got, want)
		}
	}
}

func TestReadFileIssueCells(t *testing.T) {
	header := []any{"기업명", "사업자등록번호", "시도", "업종", "종업원수", "AI도입단계", "AI도입비용", "가중치", "조사일", "AI활용분야"}
	ok := []any{"가", "", "서울", "C", 5, "도입", "", "", "", ""}
	with := func(col int, v any) []any {
		row := append([]any(nil), ok...)
		row[col] = v
		return row
	}
	tests := []struct {
		row      []any
		code     string
		severity string
		cell     string
	}{
		{with(1, "1248100997"), "business_no.checksum", "error", "B"},
		{with(1, "12345"), "business_no.format", "error", "B"},
		{with(2, "서울시티"), "region.unknown", "error", "C"},
		{with(3, "우주산업"), "industry.unknown", "error", "D"},
		{with(4, "12.5"), "employees.not_integer", "error", "E"},
		{with(4, "-3"), "employees.negative", "error", "E"},
		{with(5, "모름"), "stage.unknown", "error", "F"},
		{with(6, "12000000"), "adoption_cost.no_unit", "error", "G"},
		{with(7, 0), "weight.not_positive", "error", "H"},
		{with(8, "어제"), "surveyed_on.invalid", "error", "I"},
		{with(9, "품질검사;우주"), "use_areas.unknown", "warning", "J"},
		{with(0, ""), "firm_name.required", "error", "A"},
	}
	rows := [][]any{{"제목"}, nil, header}
	for _, tt := range tests {
		rows = append(rows, tt.row)
	}
	res := read(t, oneSheet(rows...), Options{})
	if res.Report.Status != model.StatusChecked || res.Report.HeaderRow != 3 || res.Report.Rows != len(tests) {
		t.Fatalf("status %s, header %d, rows %d", res.Report.Status, res.Report.HeaderRow, res.Report.Rows)
	}
	for i, tt := range tests {
		is := issue(res, tt.code)
		row := i + 4
		if is == nil {
			t.Errorf("no %s issue; got %v", tt.code, codes(res))
			continue
		}
		want := tt.cell + strconv.Itoa(row)
		if is.Cell != want || is.Row != row || is.Severity != tt.severity || is.Sheet != "조사표" || is.Message == "" {
			t.Errorf("%s issue = %+v, want cell %s", tt.code, *is, want)
		}
	}
	if is := issue(res, "region.unknown"); is.Header != "시도" || is.Value != "서울시티" {
		t.Errorf("region issue = %+v", *is)
	}
	if res.Report.Valid != 1 || len(res.Records) != 1 || res.Records[0].Response.SourceRow != 14 {
		t.Errorf("valid %d, records %+v; only the row with a warning should be kept", res.Report.Valid, res.Records)
	}
}

func TestReadFileSkipsBlankTotalAndNoteRows(t *testing.T) {
	res := read(t, oneSheet(
		stdHeader,
		goodRow("가"),
		nil,
		[]any{"", "", "", "", "", "", "", ""},
		goodRow("나"),
		[]any{"합계", "", "", "", 37, "", 60},
		[]any{" 소 계 ", "", "", "", 37},
		nil,
		[]any{"※ 주: 가중치는 모집단 기준"},
	), Options{})
	rep := res.Report
	if rep.Rows != 2 || rep.Valid != 2 || rep.Status != model.StatusChecked {
		t.Fatalf("rows %d valid %d status %s issues %v", rep.Rows, rep.Valid, rep.Status, codes(res))
	}
	if is := issue(res, CodeRowTotal); is == nil || is.Cell != "A6" || is.Severity != model.SeverityWarning {
		t.Errorf("total row issue = %v", codes(res))
	}
	if is := issue(res, CodeRowNote); is == nil || is.Cell != "A9" {
		t.Errorf("note row issue = %v", codes(res))
	}
	if len(rep.Issues) != 3 {
		t.Errorf("issues = %v, want two totals and one note", codes(res))
	}
}
