package charts

import (
	"math"
	"unicode/utf8"
)

// hasFinal reports whether the last sound of s, read aloud in Korean, ends
// in a consonant (받침), and whether that consonant is ㄹ. Numbers and
// symbols are read as Korean words ("%" is 퍼센트, "p" is 포인트).
func hasFinal(s string) (final, rieul bool) {
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

// Sentence writes a measure as a Korean sentence for a briefing: subject
// is the population ("경남", "전국"), against names what Other is ("전국
// 평균", "이전 차수"). "경남의 AI 도입률은 18.2%로 전국 평균보다 4.1%p
// 낮습니다."
func Sentence(subject, against string, m Measure) string {
	head := subject + "의 " + topic(m.Label)
	if _, ok := number(m.Value); !ok {
		return head + " 응답이 적어 공개하지 않습니다."
	}
	value := FormatValue(m.Unit, m.Value)
	ch, ok := number(m.Change)
	if !ok || against == "" {
		return head + " " + value + "입니다."
	}
	ch = round(ch, 1)
	if ch == 0 {
		return head + " " + instrumental(value) + " " + against + "과 같은 수준입니다."
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
