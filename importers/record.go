package importers

import (
	"strconv"
	"time"
	"unicode/utf8"

	"axdash/app/model"
)

// defaultTextLimit holds a text without a Limit in the field table.
const defaultTextLimit = 255

// setField parses one cell by its field's type and stores the result in the
// record. Types, not keys, decide the parsing, so survey.yaml can add
// aliases and columns without code changes.
func (rr *rowReader) setField(rec *Record, c *column, raw string) {
	f := c.field
	if rr.displayed {
		raw = formulaText(raw)
	}
	if isErrorValue(raw) {
		rr.report(c, raw, errorf("formula_error", "수식 오류 값(%s)입니다. 원본 파일에서 수식을 고치거나 값을 "+
			"직접 입력한 뒤 다시 올려 주세요.", raw))
		return
	}
	if isEmpty(raw) && f.Type != "weight" && f.Type != "bool" {
		if f.Required {
			rr.report(c, raw, errorf("required", "필수 값(%s)이 비어 있습니다.", f.Header))
		}
		return
	}
	v, probs := rr.parse(c, raw)
	failed := false
	for _, p := range probs {
		rr.report(c, raw, p)
		failed = failed || !p.warn
	}
	if !failed {
		assign(rec, c.slot, v)
	}
}

// parse dispatches on the field type.
func (rr *rowReader) parse(c *column, raw string) (any, []*problem) {
	if rr.displayed && (c.field.Type == "integer" || c.field.Type == "money") && displayRounded(raw) {
		return nil, []*problem{errorf("rounded", "엑셀이 CSV로 저장하면서 지수 표기(%s)로 줄인 값이라 원래 숫자를 알 수 없습니다. "+
			"열 서식을 '숫자'로 바꾸어 다시 저장하거나 .xlsx 파일을 올려 주세요.", truncateRunes(raw, 40))}
	}
	if exp, ok := rr.scaleAt(c); ok { // only number fields are scanned for these
		raw = scaleDecimal(raw, exp)
	}
	switch c.field.Type {
	case "text":
		return one(rr.parseText(c, raw))
	case "business_no":
		return one(rr.parseBusinessNo(raw))
	case "region", "industry", "stage", "use_areas", "barriers", "bool":
		return rr.codes.parse(rr.im.schema, c.field.Type, raw)
	case "integer":
		return one(parseInteger(raw))
	case "money":
		return one(parseMoney(raw, c.unit))
	case "percent":
		return one(parsePercent(raw))
	case "weight":
		return one(parseWeight(raw))
	case "date":
		return one(parseDate(raw, rr.date1904))
	}
	return one(cleanText(raw, false))
}

func one[T any](v T, p *problem) (any, []*problem) {
	if p != nil {
		return v, []*problem{p}
	}
	return v, nil
}

// parseText cleans free text and holds it to the store's column size (the
// field table's Limit): a longer value is an error here rather than a
// failed commit later. A required text that is nothing but control
// characters counts as empty.
func (rr *rowReader) parseText(c *column, raw string) (string, *problem) {
	limit := c.slot.Limit
	if limit <= 0 {
		limit = defaultTextLimit
	}
	// Past this many bytes no cleaning can bring a text under the limit
	// (a composed Hangul syllable is at most 9 bytes decomposed), so a huge
	// cell is refused without being normalised.
	if len(raw) > 12*limit {
		return "", errorf("too_long", "%d자를 넘습니다.", limit)
	}
	v, p := cleanText(raw, c.slot.Lines)
	if p != nil {
		return "", p
	}
	switch {
	case v == "" && c.field.Required:
		return "", errorf("required", "필수 값(%s)이 비어 있습니다.", c.field.Header)
	case utf8.RuneCountInString(v) > limit:
		return "", errorf("too_long", "%d자를 넘습니다 (%d자).", limit, utf8.RuneCountInString(v))
	}
	return v, nil
}

// parseBusinessNo also warns when the same firm appears twice in a file,
// which in one wave is almost always a copy-paste slip. The numbers seen
// are kept as integers: memory grows with the distinct firms (about 20
// bytes each), not with the rows.
func (rr *rowReader) parseBusinessNo(raw string) (string, *problem) {
	v, p := parseBusinessNo(raw)
	if p != nil {
		return "", p
	}
	key, _ := strconv.ParseUint(v, 10, 64)
	if first, ok := rr.seen[key]; ok {
		return v, warnf("duplicate", "%d행과 같은 사업자등록번호입니다.", first)
	}
	rr.seen[key] = int32(rr.row)
	return v, nil
}

// assign stores a parsed value through the field's entry in the table. The
// parsers give each kind's Go type, and model.Table.Validate holds every
// entry's access to its kind's type, so the assertions below cannot fail
// for a table that passed it.
func assign(rec *Record, f *model.Field, v any) {
	switch a := f.Access.(type) {
	case model.Access[string]:
		a.Set(rec, v.(string))
	case model.Access[int]:
		a.Set(rec, v.(int))
	case model.Access[*int]:
		x := v.(int)
		a.Set(rec, &x)
	case model.Access[*int64]:
		x := v.(int64)
		a.Set(rec, &x)
	case model.Access[float64]:
		a.Set(rec, v.(float64))
	case model.Access[*float64]:
		x := v.(float64)
		a.Set(rec, &x)
	case model.Access[bool]:
		a.Set(rec, v.(bool))
	case model.Access[*time.Time]:
		x := v.(time.Time)
		a.Set(rec, &x)
	case model.Access[[]string]:
		// An empty selection leaves the list nil, as a blank cell does.
		if x := v.([]string); len(x) > 0 {
			a.Set(rec, x)
		}
	}
}
