package charts

import (
	"math"
	"strings"
	"unicode/utf8"
)

// hasFinal reports whether the last sound of s, read aloud in Korean, ends
// in a consonant (받침), and whether that consonant is ㄹ. Numbers and
// symbols are read as Korean words ("%" is 퍼센트, "p" is 포인트). A
// closing bracketed note is not read: the particle follows the word before
// it ("AI 도입률(16.3%)은", "이전 차수(2025-H2)와").
func hasFinal(s string) (final, rieul bool) {
	if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i]
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	switch {
	case r >= 0xAC00 && r <= 0xD7A3:
		jong := (r - 0xAC00) % 28
		return jong != 0, jong == 8
	case r == '%' || r == 'p':
		return false, false
	case r >= '0' && r <= '9':
		// 영 일 이 삼 사 오 육 칠 팔 구
		return "1101001110"[r-'0'] == '1', r == '1' || r == '7' || r == '8'
	}
	return false, false
}

// topic is s with 은 or 는.
func topic(s string) string {
	if final, _ := hasFinal(s); final {
		return s + "은"
	}
	return s + "는"
}

// instrumental is s with 로 or 으로 (ㄹ takes 로).
func instrumental(s string) string {
	if final, rieul := hasFinal(s); final && !rieul {
		return s + "으로"
	}
	return s + "로"
}

// DifferenceNote says when the sentences call a change a difference, and
// that waves are taken as independent samples: no panel link between
// waves is configured (docs/statistics.md).
const DifferenceNote = "차이는 95% 신뢰구간이 0을 포함하지 않을 때만 높다·낮다고 씀(시도는 나머지 지역과 비교, 차수는 독립 표본으로 봄)."

// comitative is s with 과 or 와.
func comitative(s string) string {
	if final, _ := hasFinal(s); final {
		return s + "과"
	}
	return s + "와"
}

// Sentence writes a measure as a Korean sentence for a briefing: subject
// is the population ("경남", "전국"), against names what Other is ("전국
// 평균", "이전 차수"). It calls the change a difference only when its 95%
// interval excludes zero (m.Differs): "경남의 AI 도입률은 18.2%로 전국
// 평균보다 4.1%p 낮습니다." or else "경남의 AI 도입률(16.3%)은 전국 평균과
// 통계적으로 유의한 차이가 없습니다."; a change that could not be tested
// is not stated.
func Sentence(subject, against string, m Measure) string {
	head := subject + "의 " + topic(m.Label)
	if _, ok := number(m.Value); !ok {
		return head + " 응답이 적어 공개하지 않습니다."
	}
	value := FormatValue(m.Unit, m.Value)
	ch, ok := number(m.Change)
	if !ok || against == "" || m.Differs == nil {
		return head + " " + value + "입니다."
	}
	if !*m.Differs {
		return subject + "의 " + topic(m.Label+"("+value+")") + " " + comitative(against) + " 통계적으로 유의한 차이가 없습니다."
	}
	ch = round(ch, 1)
	if ch == 0 {
		return head + " " + instrumental(value) + " " + comitative(against) + " 같은 수준입니다."
	}
	diff := grouped(math.Abs(ch), 1) + m.ChangeUnit
	word := "높습니다"
	if ch < 0 {
		word = "낮습니다"
	}
	if m.Unit == "원" || m.Unit == "개" {
		word = map[bool]string{true: "많습니다", false: "적습니다"}[ch > 0]
	}
	return head + " " + instrumental(value) + " " + against + "보다 " + diff + " " + word + "."
}
