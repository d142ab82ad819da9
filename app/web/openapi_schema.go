package web

import (
	"reflect"
	"strings"
	"time"

	"axdash/app/store"
	"axdash/charts"
)

// The schemas of the API document's answers, each from the Go type or the
// registry entry that makes them.

// errorSchema is the body of every error under /api (handleError).
func errorSchema() jsonSchema {
	return objectOf(jsonSchema{
		"error":  jsonSchema{"type": "string", "description": "무엇이 잘못되었고 어떻게 하면 되는지, 한국어로"},
		"status": jsonSchema{"type": "integer", "description": "HTTP 상태 코드"},
	})
}

// errorResponses are the error answers the operations share.
func errorResponses() map[string]apiResponse {
	body := map[string]apiMedia{"application/json": {Schema: jsonSchema{"$ref": "#/components/schemas/Error"},
		Example: map[string]any{"error": "알 수 없는 시도입니다: region=99 (시도 코드, 예: 11, 48)", "status": 400}}}
	return map[string]apiResponse{
		"BadRequest":  {Description: "필터 값이 잘못되었습니다(알 수 없는 시도·업종·규모).", Content: body},
		"NotFound":    {Description: "없는 그림이나 조사 차수이거나, 아직 가져온 차수가 없습니다.", Content: body},
		"Unavailable": {Description: "데이터베이스에 잠시 닿지 않습니다. Retry-After 뒤에 다시 시도하세요.", Content: body},
	}
}

// errorRefs are every operation's error responses.
func errorRefs() map[string]apiResponse {
	return map[string]apiResponse{
		"400": {Ref: "#/components/responses/BadRequest"},
		"404": {Ref: "#/components/responses/NotFound"},
		"503": {Ref: "#/components/responses/Unavailable"},
	}
}

// objectOf is an object with exactly props, all required.
func objectOf(props jsonSchema) jsonSchema {
	var req []string
	for k := range props {
		req = append(req, k)
	}
	return jsonSchema{"type": "object", "properties": props, "required": req, "additionalProperties": false}
}

func figureListSchema() jsonSchema {
	item := structSchema(reflect.TypeFor[charts.Figure]())
	return objectOf(jsonSchema{"figures": jsonSchema{"type": "array", "items": item}})
}

// waveType is the Go type of /api/v1/waves' items.
func waveType() reflect.Type { return reflect.TypeFor[store.WaveState]() }

// structSchema is the schema of t's JSON encoding: its exported fields by
// their json names (embedded structs flattened), omitempty ones optional.
// Fields may be added (another part of the program may give a type more),
// so other properties are allowed.
func structSchema(t reflect.Type) jsonSchema {
	props, req := jsonSchema{}, []string{}
	var walk func(reflect.Type)
	walk = func(t reflect.Type) {
		for f := range t.Fields() {
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			switch {
			case name == "-" || !f.IsExported():
				continue
			case f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct:
				walk(f.Type)
				continue
			case name == "":
				name = f.Name
			}
			props[name] = valueSchema(f.Type)
			if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") {
				req = append(req, name)
			}
		}
	}
	walk(t)
	return jsonSchema{"type": "object", "properties": props, "required": req}
}

// valueSchema is the schema of a Go value's JSON encoding.
func valueSchema(t reflect.Type) jsonSchema {
	nullable := false
	if t.Kind() == reflect.Pointer {
		t, nullable = t.Elem(), true
	}
	var s jsonSchema
	switch {
	case t == reflect.TypeFor[time.Time]():
		s = jsonSchema{"type": "string", "format": "date-time"}
	case t.Kind() == reflect.String:
		s = jsonSchema{"type": "string"}
	case t.Kind() == reflect.Bool:
		s = jsonSchema{"type": "boolean"}
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Uint64:
		s = jsonSchema{"type": "integer"}
	case t.Kind() == reflect.Float32 || t.Kind() == reflect.Float64:
		s = jsonSchema{"type": "number"}
	case t.Kind() == reflect.Slice:
		// A nil slice encodes as null.
		return jsonSchema{"type": []string{"array", "null"}, "items": valueSchema(t.Elem())}
	case t.Kind() == reflect.Struct:
		s = structSchema(t)
	default:
		s = jsonSchema{}
	}
	if nullable {
		s["type"] = []any{s["type"], "null"}
	}
	return s
}

// figureSchema is the answer of GET /api/v1/figures/{id} (figureJSON) for
// the figure: its columns, labels and units as constants, each row one
// value per column, a value the view withholds null.
func (g apiDocs) figureSchema(f charts.Figure, shape charts.Shape) jsonSchema {
	keys, labels, units := columnLists(shape)
	var cells []any
	for _, col := range shape.Columns {
		cells = append(cells, cellSchema(col))
	}
	strs := jsonSchema{"type": "array", "items": jsonSchema{"type": "string"}}
	props := jsonSchema{
		"id":      jsonSchema{"const": f.ID},
		"title":   jsonSchema{"type": "string"},
		"wave":    jsonSchema{"type": "string", "description": "답한 조사 차수"},
		"filters": jsonSchema{"type": "object", "additionalProperties": jsonSchema{"type": "string"}, "description": "적용한 필터(코드)"},
		"n": jsonSchema{"type": []string{"integer", "null"},
			"description": "표의 응답 기업 수. 그 필터의 칸이 비공개면 null입니다."},
		"columns": jsonSchema{"const": keys},
		"labels":  jsonSchema{"const": labels},
		"units":   jsonSchema{"const": units},
		"rows": jsonSchema{"type": "array", "description": "행마다 열 하나에 값 하나. 공개하지 않은 값은 null입니다.",
			"items": jsonSchema{"type": "array", "prefixItems": cells, "minItems": len(cells), "maxItems": len(cells)}},
		"notes": strs,
	}
	s := objectOf(props)
	if shape.Status {
		props["status"] = jsonSchema{"type": "array", "items": jsonSchema{"type": "string"},
			"description": "행마다 상태: 빈 문자열, " + charts.Caution + "(정밀도가 낮음), " + charts.Withheld + "(사유), " + charts.NoData +
				". 행이 없으면 빠집니다."}
	}
	s["x-axdash-columns"] = shape.Columns
	return s
}

func columnLists(shape charts.Shape) (keys, labels, units []string) {
	keys, labels, units = []string{}, []string{}, []string{}
	for _, col := range shape.Columns {
		keys, labels, units = append(keys, col.Key), append(labels, col.Label), append(units, col.Unit)
	}
	return keys, labels, units
}

// cellSchema is one column's values: a number with a unit, else a code or
// a name; a number the view withholds is null.
func cellSchema(col charts.Column) jsonSchema {
	desc := col.Label
	if col.Unit != "" {
		desc += " (" + col.Unit + ")"
	}
	if col.Unit == "" {
		return jsonSchema{"type": "string", "description": desc}
	}
	return jsonSchema{"type": []string{"number", "null"}, "description": desc}
}
