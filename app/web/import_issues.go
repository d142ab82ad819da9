package web

import (
	"cmp"
	"fmt"
	"strings"

	"axdash/app/model"
	"axdash/configs"
)

// issueView is an issue as the import page shows it: its Korean name and
// field first, the code and field key after them.
type issueView struct {
	model.Issue
	Label      string `json:"label"`                 // the code in Korean ("지원금이 비용보다 큼")
	Field      string `json:"field,omitempty"`       // the survey field key the code names ("firm_name")
	FieldLabel string `json:"field_label,omitempty"` // that field in Korean ("기업명")
}

// issueNames names issue codes in Korean: a rule by its configs/rules.yaml
// name, a cell problem ("region.unknown") by its field's Korean label and
// the kind of problem, the file's problems by fixed names.
type issueNames struct {
	rules  map[string]string
	fields map[string]string
}

func newIssueNames(survey *configs.Survey, rules []configs.Rule) issueNames {
	n := issueNames{rules: map[string]string{}, fields: map[string]string{}}
	for _, r := range rules {
		if r.Name != "" {
			n.rules[r.Code] = r.Name
		}
	}
	if survey != nil {
		for _, f := range survey.Fields {
			n.fields[f.Key] = f.Header
		}
	}
	return n
}

// fileIssueNames are the codes about the file or the wave as a whole.
var fileIssueNames = map[string]string{
	"wave.exists": "이미 자료가 있는 조사 차수", "file.duplicate": "이미 가져온 파일", "file.empty": "저장할 행 없음",
	"file.too_large": "파일이 너무 큼", "file.corrupt": "손상된 파일", "file.encrypted": "암호가 걸린 파일",
	"file.legacy_xls": "옛 엑셀 형식(.xls)", "file.not_spreadsheet": "스프레드시트가 아님", "file.limit": "한도를 넘는 파일",
	"file.merged": "병합된 셀", "header.not_found": "머리글 행을 찾지 못함", "header.missing": "없는 필수 열",
	"header.duplicate": "겹치는 열 이름", "row.total": "합계 행", "row.note": "메모 행", "row.header": "반복된 머리글 행",
	"issues.truncated": "문제가 너무 많음",
}

// kindNames are the kinds of cell problems, the part after the field key.
var kindNames = map[string]string{
	"invalid": "올바르지 않은 값", "unknown": "알 수 없는 값", "too_long": "너무 긴 값", "too_large": "너무 큰 값",
	"required": "빈 필수 값", "negative": "음수", "rounded": "자릿수를 잃은 숫자", "out_of_range": "범위 밖의 값",
	"not_positive": "0 이하의 값", "not_integer": "정수가 아님", "no_unit": "단위 없는 값",
	"formula_no_value": "계산되지 않은 수식", "formula_error": "수식 오류 값", "format": "형식 오류",
	"conflict": "서로 맞지 않는 값", "checksum": "검증 숫자 불일치", "duplicate": "중복",
}

// view names one issue; an unknown code is shown as it is.
func (n issueNames) view(is model.Issue) issueView {
	v := issueView{Issue: is, Label: is.Code}
	if name, ok := n.rules[is.Code]; ok {
		v.Label = name
	} else if name, ok := fileIssueNames[is.Code]; ok {
		v.Label = name
	} else if key, kind, ok := strings.Cut(is.Code, "."); ok {
		if field, known := n.fields[key]; known {
			v.Field, v.FieldLabel = key, field
			v.Label = field + ": " + cmp.Or(kindNames[kind], kind)
		}
	}
	return v
}

// forPage words an issue for the import page where the report speaks to
// the command line: a wave that holds data names the page's choice, never
// --replace.
func forPage(is model.Issue, wave string) model.Issue {
	if is.Code == "wave.exists" {
		is.Message = fmt.Sprintf("조사 차수 %q에는 이미 저장된 자료가 있습니다. 이 파일로 바꾸려면 ‘이 차수의 자료를 교체하여 저장’을 누르고, "+
			"기존 자료를 그대로 두려면 취소한 뒤 다른 조사 차수 이름으로 다시 올리세요.", wave)
	}
	return is
}

// pageIssues are a job's issues for the page: worded for it, named, and
// sorted by severity, then row (model.SortIssues).
func (n issueNames) pageIssues(issues []model.Issue, wave string) []issueView {
	sorted := model.SortIssues(issues)
	out := make([]issueView, len(sorted))
	for i, is := range sorted {
		out[i] = n.view(forPage(is, wave))
	}
	return out
}

// blocking are the issues that keep every commit button away or that the
// analyst must choose about: errors about the file or the wave as a whole.
func blocking(issues []issueView) []issueView {
	out := []issueView{}
	for _, is := range issues {
		if is.Severity == model.SeverityError && is.Cell == "" && is.Row == 0 {
			out = append(out, is)
		}
	}
	return out
}
