package charts

import "slices"

// The notes several figures share.
const (
	weightNote  = "비율·평균·중위값은 표본 가중치를 적용한 추정값이며 n은 응답 기업 수(가중치 미적용)입니다."
	adoptedNote = "AI 도입: 도입단계가 ‘도입’ 또는 ‘확산’인 기업."
	// intervalNote says what the precision columns and the page's "±" are.
	intervalNote = "표준오차와 95% 신뢰구간은 층화 표본 설계를 반영한 추정이며, 화면 표의 ±는 신뢰구간 폭의 절반입니다."
)

// rateNotes are the notes of a figure of weighted estimates: its own notes,
// then how the weights and the disclosure rule work.
func rateNotes(own ...string) func(*Catalogue, *Table) []string {
	return func(c *Catalogue, _ *Table) []string {
		return append(slices.Clone(own), weightNote, intervalNote, c.suppressionNote())
	}
}

// MethodNotes are the briefing's notes on weights, adoption and the
// disclosure rule.
func (c *Catalogue) MethodNotes() []string {
	return []string{adoptedNote, weightNote, c.suppressionNote(), costNote}
}
