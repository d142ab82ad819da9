package demo

// The tables below are the priors of the synthetic survey. They are package
// level only because Go has no constant slices: nothing writes to them.
// Sources for the shape of each prior are in shared/notes
// (go-echarts-and-maps.md, "Published figures for realistic synthetic data").

// regionPrior is one 시도: its share of Korean SMEs (roughly the 중소기업
// 사업체 수 by 시도, 경기 and 서울 largest, 세종 smallest) and a few real
// 시군구 where SMEs cluster.
type regionPrior struct {
	code    string
	share   float64
	sigungu []string
}

var regionPriors = []regionPrior{
	{"11", 21.0, []string{"강남구", "서초구", "송파구", "영등포구", "구로구", "금천구", "마포구", "성동구", "중구", "강서구"}},
	{"26", 6.5, []string{"강서구", "사상구", "사하구", "해운대구", "부산진구", "기장군", "연제구"}},
	{"27", 4.8, []string{"달서구", "북구", "달성군", "동구", "수성구", "서구"}},
	{"28", 5.6, []string{"남동구", "서구", "부평구", "연수구", "계양구", "미추홀구"}},
	{"29", 2.8, []string{"광산구", "북구", "서구", "남구", "동구"}},
	{"30", 2.8, []string{"유성구", "대덕구", "서구", "중구", "동구"}},
	{"31", 1.9, []string{"울주군", "남구", "북구", "중구", "동구"}},
	{"36", 0.6, nil}, // 세종 has no 시군구
	{"41", 25.5, []string{"수원시", "성남시", "화성시", "안산시", "용인시", "부천시", "고양시", "평택시", "시흥시", "김포시", "파주시", "안양시", "광주시", "이천시"}},
	{"51", 3.0, []string{"춘천시", "원주시", "강릉시", "동해시", "속초시", "홍천군"}},
	{"43", 3.2, []string{"청주시", "충주시", "제천시", "음성군", "진천군"}},
	{"44", 4.1, []string{"천안시", "아산시", "당진시", "서산시", "논산시", "공주시"}},
	{"52", 3.5, []string{"전주시", "군산시", "익산시", "완주군", "정읍시"}},
	{"46", 3.6, []string{"여수시", "순천시", "목포시", "광양시", "나주시", "영암군"}},
	{"47", 5.3, []string{"포항시", "구미시", "경산시", "경주시", "안동시", "칠곡군"}},
	{"48", 6.3, []string{"창원시", "김해시", "양산시", "진주시", "거제시", "통영시", "함안군"}},
	{"50", 1.4, []string{"제주시", "서귀포시"}},
}

// capitalArea reports whether a region code is 수도권 (서울, 인천, 경기),
// where published surveys find adoption about twice that of other regions.
func capitalArea(code string) bool { return code == "11" || code == "28" || code == "41" }

// industryPrior is one KSIC section: its share of the sample, its relative
// adoption propensity (manufacturing C = 1; services average about 2, as in
// the 대한상의·산업연구원 2024 and 중소기업중앙회 2024 surveys), revenue per
// employee in 원, and name endings that sound like the trade.
type industryPrior struct {
	code   string
	share  float64
	factor float64
	perEmp float64
	ending []string
}

var industryPriors = []industryPrior{
	{"C", 30, 1.0, 2.5e8, []string{"정밀", "산업", "기계", "금속", "화학", "전자", "테크", "소재", "공업", "플라스틱"}},
	{"G", 15, 1.8, 4.0e8, []string{"상사", "유통", "무역", "인터내셔널", "커머스"}},
	{"J", 8, 2.8, 1.8e8, []string{"소프트", "정보통신", "시스템즈", "랩스", "데이터", "네트웍스"}},
	{"M", 8, 2.5, 1.5e8, []string{"엔지니어링", "컨설팅", "기술연구소", "디자인", "분석센터"}},
	{"F", 8, 0.7, 3.0e8, []string{"건설", "종합건설", "개발", "토건"}},
	{"H", 5, 1.5, 2.0e8, []string{"물류", "운수", "해운", "익스프레스"}},
	{"I", 6, 1.1, 0.6e8, []string{"푸드", "외식", "호텔", "F&B"}},
	{"N", 5, 1.8, 0.7e8, []string{"서비스", "아웃소싱", "시설관리", "렌탈"}},
	{"K", 2, 3.0, 5.0e8, []string{"인베스트", "캐피탈", "보험중개", "파트너스"}},
	{"P", 3, 2.4, 0.8e8, []string{"에듀", "교육", "아카데미", "러닝"}},
	{"Q", 3, 1.6, 0.9e8, []string{"메디컬", "헬스케어", "의료기기서비스", "케어"}},
	{"L", 2, 1.0, 3.0e8, []string{"부동산", "자산관리", "개발"}},
	{"S", 2, 1.0, 0.7e8, []string{"서비스", "수리센터", "클린"}},
	{"R", 1, 1.6, 0.8e8, []string{"엔터테인먼트", "스포츠", "미디어"}},
	{"E", 1, 0.9, 2.5e8, []string{"환경", "자원", "리사이클링"}},
	{"A", 0.5, 0.6, 1.5e8, []string{"농산", "영농조합", "수산"}},
}

// sizePrior is one employee band: its share of the sample (skewed small),
// its adoption propensity (larger firms adopt more), the sampling weight
// (small firms are under-sampled, so they weigh more), the cost scale and
// the usual number of AI staff a firm of that size plans for.
type sizePrior struct {
	min, max  int
	share     float64
	factor    float64
	weight    float64
	costScale float64
	staffMin  int
	staffMax  int
}

var sizePriors = []sizePrior{
	{1, 9, 36, 0.7, 3.0, 0.6, 1, 2},
	{10, 49, 40, 1.0, 1.8, 0.9, 1, 3},
	{50, 99, 12, 1.3, 1.1, 1.3, 2, 5},
	{100, 299, 9, 1.6, 0.8, 1.8, 3, 8},
	{300, 999, 3, 2.0, 0.6, 2.5, 5, 14},
}

// useAreaPrior weighs the survey.yaml use-area codes, separately for
// manufacturing (production-floor uses dominate) and for other industries,
// and lists the outcomes an exemplar note in that area may report.
type useAreaPrior struct {
	code     string
	mfg, svc float64
	outcomes []outcome
}

// outcome is a technology and the metric it moved, as in "비전검사 도입으로
// 불량률 32% 감소". The metric's last word is a mark that picks the verb
// (see outcomeVerb), so the pair always reads as one plausible claim.
type outcome struct{ tech, metric string }

var useAreaPriors = []useAreaPrior{
	{"생산공정", 30, 4, []outcome{{"공정 최적화 AI", "생산량 +"}, {"공정 최적화 AI", "에너지 사용량 -"}, {"AI 생산계획", "생산 리드타임 <"}}},
	{"품질검사", 32, 3, []outcome{{"비전검사", "불량률 -"}, {"AI 외관검사", "불량률 -"}, {"AI 외관검사", "검사 인력 투입 -"}}},
	{"설비보전", 22, 2, []outcome{{"예지보전", "설비 비가동 시간 -"}, {"설비 이상탐지 AI", "정비 비용 -"}}},
	{"수요예측", 12, 14, []outcome{{"AI 수요예측", "재고 비용 -"}, {"AI 수요예측", "예측 정확도 ^"}, {"AI 판매예측", "결품률 -"}}},
	{"재고물류", 10, 10, []outcome{{"AI 물류 경로 최적화", "배송비 -"}, {"AI 재고관리", "재고 회전일수 <"}}},
	{"마케팅", 6, 22, []outcome{{"AI 맞춤형 추천", "온라인 매출 +"}, {"생성형 AI 광고 제작", "광고 제작 기간 <"}, {"AI 고객 분석", "재구매율 +"}}},
	{"고객응대", 5, 24, []outcome{{"AI 챗봇", "상담 응대시간 <"}, {"AI 음성상담", "고객 만족도 ^"}, {"AI 챗봇", "상담 인력 부담 -"}}},
	{"사무자동화", 14, 26, []outcome{{"생성형 AI 문서작성", "보고서 작성 시간 <"}, {"RPA·AI 업무자동화", "사무 처리시간 -"}}},
	{"연구개발", 9, 10, []outcome{{"AI 기반 제품 설계", "개발 기간 <"}, {"AI 시뮬레이션", "시제품 제작 횟수 -"}}},
	{"보안", 3, 6, []outcome{{"AI 이상접속 탐지", "보안 사고 대응시간 <"}}},
	{"인사", 2, 5, []outcome{{"AI 채용 서류심사", "채용 소요기간 <"}}},
	{"기타", 2, 3, []outcome{{"AI 에너지 관리", "전력 사용량 -"}}},
}

// barrierPrior weighs the survey.yaml barrier codes after the published
// reasons for not adopting (cost ~40–75%, staff ~35–60%, data ~43%).
type barrierPrior struct {
	code   string
	weight float64
}

var barrierPriors = []barrierPrior{
	{"비용부담", 40}, {"전문인력부족", 35}, {"데이터부족", 25}, {"기술이해부족", 20},
	{"효과불확실", 20}, {"보안우려", 8}, {"시스템연계", 10}, {"기타", 3},
}

// noteTails vary exemplar notes so the exemplar list does not read as one
// sentence repeated.
// mfgTails only fit manufacturers.
var (
	noteTails = []string{
		"", "", "", ", AI 바우처 지원사업 활용", ", 지역 대학과 공동 개발",
		", 사내 데이터 담당자 1명 양성", ", 타 사업장으로 확산 중", ", 공급기업과 3개월 실증 후 확대",
	}
	mfgTails = []string{", 스마트공장 고도화 사업 연계", ", 제조 데이터 플랫폼 연계"}
)

// namePrefixes are two-syllable stems common in Korean SME names; the
// endings come from industryPrior. Chaebol names are left out on purpose.
var namePrefixes = []string{
	"한빛", "대성", "세진", "동일", "삼영", "우진", "신흥", "태광", "미래", "정우",
	"새한", "동진", "영신", "하나", "금강", "백두", "청운", "은하", "보람", "진성",
	"가온", "누리", "다온", "한결", "푸른", "서광", "대원", "유진", "성원", "제일",
	"경원", "한성", "동아", "신일", "광명", "대한", "우리", "아름", "해솔", "나래",
}
