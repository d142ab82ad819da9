package charts

import "testing"

func TestAltText(t *testing.T) {
	region := []Column{{Key: "region", Label: "시도 코드"}, {Key: "region_name", Label: "시도"},
		{Key: "n", Label: "응답 기업 수", Unit: "개"}, {Key: "adoption_rate", Label: "AI 도입률", Unit: "%"}}
	cases := []struct {
		name string
		cols []Column
		rows [][]any
		want string
	}{
		{"highest and lowest, suppressed skipped", region,
			[][]any{{"11", "서울", 120, 31.26}, {"29", "광주", 3, nil}, {"41", "경기", 200, 44.0}, {"36", "세종", 40, 12.04}},
			"AI 도입률: 가장 높은 경기 44.0%, 가장 낮은 세종 12.0% (3개 항목)."},
		{"one row", region, [][]any{{"11", "서울", 120, 31.26}}, "서울 AI 도입률 31.3%."},
		{"all suppressed", region, [][]any{{"11", "서울", 2, nil}}, "AI 도입률: 공개할 수 있는 값이 없습니다."},
		{"rate before count", []Column{{Key: "size", Label: "종업원 규모", Names: map[string]string{"S": "소기업", "M": "중기업"}},
			{Key: "n", Label: "응답 기업 수", Unit: "개"}, {Key: "mean_cost", Label: "평균 도입비용", Unit: "원"}},
			[][]any{{"S", 500, 12_000_000.0}, {"M", 90, 55_500_000.0}},
			"평균 도입비용: 가장 높은 중기업 55.5백만원, 가장 낮은 소기업 12.0백만원 (2개 항목)."},
		{"two text cells name a row", []Column{{Key: "firm_name", Label: "기업명"}, {Key: "region_name", Label: "시도"},
			{Key: "stage", Label: "AI 도입단계"}, {Key: "productivity_gain", Label: "생산성 향상률", Unit: "%"}, {Key: "note", Label: "우수사례 내용"}},
			[][]any{{"가나다", "서울", "도입", 20.0, "긴 설명"}, {"라마", "부산", "확산", 5.0, "설명"}},
			"생산성 향상률: 가장 높은 가나다 서울 20.0%, 가장 낮은 라마 부산 5.0% (2개 항목)."},
		{"no numbers", []Column{{Key: "firm", Label: "기업명"}}, [][]any{{"가"}}, "표에 같은 수치가 있습니다."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := AltText(&Table{Columns: tc.cols, Rows: tc.rows}); got != tc.want {
				t.Errorf("AltText = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCompareAlt(t *testing.T) {
	ms := []Measure{{Label: "AI 도입률", Unit: "%", Value: 30.04, Other: 25.0},
		{Label: "평균 도입비용", Unit: "원", Value: 1e7, Other: 2e7}, {Label: "정부지원 비중", Unit: "%", Value: nil, Other: 10.0}}
	want := "경남: AI 도입률 30.0%(전국 25.0%), 정부지원 비중 비공개(전국 10.0%)."
	if got := CompareAlt("경남", ms); got != want {
		t.Errorf("CompareAlt = %q, want %q", got, want)
	}
	if got := CompareAlt("경남", ms[1:2]); got != "표에 같은 수치가 있습니다." {
		t.Errorf("CompareAlt without rates = %q", got)
	}
}

func TestKeyValues(t *testing.T) {
	cols := []Column{{Key: "region", Label: "시도 코드"}, {Key: "region_name", Label: "시도"},
		{Key: "n", Label: "응답 기업 수", Unit: "개"}, {Key: "adoption_rate", Label: "AI 도입률", Unit: "%"}}
	got := KeyValues(&Table{Columns: cols, Rows: [][]any{{"11", "서울", 120, 31.26}, {"29", "광주", 3, nil}, {"50", "제주", 0, nil}}})
	want := KeyTable{Label: "AI 도입률(%)", Rows: []KeyRow{{"서울", "31.3%"}, {"광주", "비공개"}, {"제주", "자료 없음"}}}
	if got.Label != want.Label || len(got.Rows) != len(want.Rows) {
		t.Fatalf("KeyValues = %+v, want %+v", got, want)
	}
	for i := range want.Rows {
		if got.Rows[i] != want.Rows[i] {
			t.Errorf("row %d = %+v, want %+v", i, got.Rows[i], want.Rows[i])
		}
	}
	if kt := KeyValues(&Table{Columns: []Column{{Key: "firm", Label: "기업명"}}, Rows: [][]any{{"가"}}}); kt.Label != "" || kt.Rows != nil {
		t.Errorf("KeyValues without numbers = %+v", kt)
	}
}
