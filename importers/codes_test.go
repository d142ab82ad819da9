package importers

import (
	"reflect"
	"testing"

	"axdash/app/model"
	"axdash/configs"
	"axdash/configs/regionstest"
)

// testSchema builds the lookup tables from the real embedded configs.
func testSchema(t testing.TB) *schema {
	t.Helper()
	s, r := loadConfigs(t)
	return newSchema(model.Fields(), s, r)
}

func loadConfigs(t testing.TB) (*configs.Survey, *configs.Regions) {
	t.Helper()
	s, r, err := configs.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	return s, r
}

// TestParseRegion: the region column accepts exactly the spellings of the
// shared list, which the web filters, the CLI and the boundary map are
// tested against too.
func TestParseRegion(t *testing.T) {
	s := testSchema(t)
	for _, tt := range regionstest.Spellings() {
		got, p := s.parseRegion(tt.Text)
		if got != tt.Code || (tt.Code == "") != (p != nil) {
			t.Errorf("parseRegion(%q) = %q, %v; want %q", tt.Text, got, p, tt.Code)
		}
		if tt.Code == "" && code(p) != "unknown" {
			t.Errorf("parseRegion(%q) problem = %q, want unknown", tt.Text, code(p))
		}
	}
}

func TestParseIndustry(t *testing.T) {
	s := testSchema(t)
	tests := []struct{ raw, want, code string }{
		{"C", "C", ""}, {"c", "C", ""}, {"Ｃ", "C", ""}, {"제조업", "C", ""}, {"C. 제조업", "C", ""},
		{"제조업(C)", "C", ""}, {"(C)제조업", "C", ""}, {"C 제조업", "C", ""}, {"J", "J", ""},
		{"정보통신업", "J", ""}, {"도매 및 소매업", "G", ""}, {"도소매업", "G", ""},
		{"전기, 가스, 증기 및 공기 조절 공급업", "D", ""}, {"농업, 임업 및 어업", "A", ""},
		{"10", "C", ""}, {"C10", "C", ""}, {"62010", "J", ""}, {"U", "U", ""},
		{"C. 건설업", "", "conflict"}, {"V", "", "unknown"}, {"우주산업", "", "unknown"},
	}
	for _, tt := range tests {
		if got, p := s.parseIndustry(tt.raw); got != tt.want || code(p) != tt.code {
			t.Errorf("parseIndustry(%q) = %q, %q; want %q, %q", tt.raw, got, code(p), tt.want, tt.code)
		}
	}
}

func TestParseStage(t *testing.T) {
	s := testSchema(t)
	tests := []struct{ raw, want string }{
		{"미도입", "미도입"}, {"검토", "검토"}, {"시범도입", "시범도입"}, {"도입", "도입"}, {"확산", "확산"},
		{"Y", "도입"}, {"y", "도입"}, {"N", "미도입"}, {"O", "도입"}, {"X", "미도입"}, {"예", "도입"},
		{"아니오", "미도입"}, {"PoC", "시범도입"}, {"poc", "시범도입"}, {"검토 중", "검토"},
		{"Ｙ", "도입"}, {"미도입(계획없음)", "미도입"}, {"도입(완료)", "도입"}, {"모름", ""},
	}
	for _, tt := range tests {
		got, p := s.parseStage(tt.raw)
		if got != tt.want || (tt.want == "") != (code(p) == "unknown") {
			t.Errorf("parseStage(%q) = %q, %v; want %q", tt.raw, got, p, tt.want)
		}
	}
}

func TestParseMulti(t *testing.T) {
	s := testSchema(t)
	tests := []struct {
		raw      string
		want     []string
		warnings int
	}{
		{"품질검사;수요예측", []string{"품질검사", "수요예측"}, 0},
		{"품질검사(비전), 챗봇 상담", []string{"품질검사", "고객응대"}, 0},
		{"마케팅/영업", []string{"마케팅"}, 0},
		{"생산·품질ㆍ물류", []string{"생산공정", "품질검사", "재고물류"}, 0},
		{"RPA\n챗봇\n챗봇", []string{"사무자동화", "고객응대"}, 0},
		{"품질검사; 우주탐사", []string{"품질검사"}, 1},
		{"우주탐사", nil, 1},
	}
	for _, tt := range tests {
		got, probs := parseMulti(s.useAreas, tt.raw)
		if !reflect.DeepEqual(got, tt.want) || len(probs) != tt.warnings {
			t.Errorf("parseMulti(%q) = %v, %d problems; want %v, %d", tt.raw, got, len(probs), tt.want, tt.warnings)
		}
		for _, p := range probs {
			if !p.warn || p.code != "unknown" {
				t.Errorf("parseMulti(%q) problem %+v, want an unknown warning", tt.raw, p)
			}
		}
	}
	if got, _ := parseMulti(s.barriers, "비용, 인력부족, 데이터 부족"); !reflect.DeepEqual(got, []string{"비용부담", "전문인력부족", "데이터부족"}) {
		t.Errorf("barriers = %v", got)
	}
}

func TestMatchHeader(t *testing.T) {
	s := testSchema(t)
	tests := []struct{ text, key, note string }{
		{"기업명", "firm_name", ""},
		{"기업명(상호)", "firm_name", "상호"},
		{"기업명（상호）", "firm_name", "상호"}, // full-width brackets
		{"업체명", "firm_name", ""},
		{"ＡＩ 도입 단계", "stage", ""},
		{"AI도입\n단계", "stage", ""},
		{"시·도", "region", ""}, {"시ㆍ도", "region", ""}, {"시/도", "region", ""}, {"시 도", "region", ""},
		{"종업원수(명)", "employees", "명"},
		{"AI도입비용(백만원)", "adoption_cost", "백만원"},
		{"매출액 [천원]", "revenue", "천원"},
		{"업종(A~U)", "industry", "a~u"},
		{"생산성향상률(%)", "productivity_gain", "%"},
		{"[필수] 기업명", "firm_name", ""},
		{"1. 기업명", "firm_name", ""},
		{"Q3. AI 도입단계", "stage", ""},
		{"* 시도", "region", ""},
		{"Company Name", "firm_name", ""},
		{"비고", "", ""},
	}
	for _, tt := range tests {
		f, note := s.matchHeader(tt.text)
		key := ""
		if f != nil {
			key = f.Key
		}
		if key != tt.key || note != tt.note {
			t.Errorf("matchHeader(%q) = %q, %q; want %q, %q", tt.text, key, note, tt.key, tt.note)
		}
	}
}
