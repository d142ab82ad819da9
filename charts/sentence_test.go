package charts

import "testing"

func TestSentence(t *testing.T) {
	yes, no := true, false
	rate := func(v, ch any, differs *bool) Measure {
		return Measure{Label: "AI 도입률", Unit: "%", Value: v, Change: ch, ChangeUnit: "%p", Differs: differs}
	}
	cases := []struct {
		subject, against string
		m                Measure
		want             string
	}{
		{"경남", "전국 평균", rate(18.24, -4.06, &yes), "경남의 AI 도입률은 18.2%로 전국 평균보다 4.1%p 낮습니다."},
		{"서울", "전국 평균", rate(30.0, 2.0, &yes), "서울의 AI 도입률은 30.0%로 전국 평균보다 2.0%p 높습니다."},
		{"서울", "전국 평균", rate(30.0, 0.01, &yes), "서울의 AI 도입률은 30.0%로 전국 평균과 같은 수준입니다."},
		{"경남", "전국 평균", rate(16.3, -4.3, &no), "경남의 AI 도입률(16.3%)은 전국 평균과 통계적으로 유의한 차이가 없습니다."},
		{"전국", "이전 차수(2025-H2)", rate(21.0, 1.5, &no), "전국의 AI 도입률(21.0%)은 이전 차수(2025-H2)와 통계적으로 유의한 차이가 없습니다."},
		{"전국", "이전 차수(2025-H2)", rate(21.0, 0.0, &yes), "전국의 AI 도입률은 21.0%로 이전 차수(2025-H2)와 같은 수준입니다."},
		{"전국", "이전 차수", rate(21.0, 1.5, nil), "전국의 AI 도입률은 21.0%입니다."}, // untested: no claim
		{"전국", "이전 차수", rate(nil, nil, nil), "전국의 AI 도입률은 응답이 적어 공개하지 않습니다."},
		{"전국", "", rate(21.0, nil, nil), "전국의 AI 도입률은 21.0%입니다."},
		{"부산", "전국 평균", Measure{Label: "평균 AI 도입비용", Unit: "원", Value: 45.6e6, Change: 12.34, ChangeUnit: "%", Differs: &yes},
			"부산의 평균 AI 도입비용은 45.6백만원으로 전국 평균보다 12.3% 많습니다."},
		{"부산", "전국 평균", Measure{Label: "정부지원 기업 수", Unit: "개", Value: 12.0, Change: 3.0, ChangeUnit: "%", Differs: &no},
			"부산의 정부지원 기업 수(12개)는 전국 평균과 통계적으로 유의한 차이가 없습니다."},
		{"부산", "전국 평균", Measure{Label: "우수사례 기업 수", Unit: "개", Value: 12.0},
			"부산의 우수사례 기업 수는 12개입니다."},
	}
	for _, c := range cases {
		if got := Sentence(c.subject, c.against, c.m); got != c.want {
			t.Errorf("Sentence = %q\n          want %q", got, c.want)
		}
	}
}
