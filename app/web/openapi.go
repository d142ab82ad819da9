package web

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/labstack/echo/v4"

	"axdash/charts"
	"axdash/configs"
)

// The public API's OpenAPI 3.1 document (GET /api/v1/openapi.json) and the
// /api page are both written from apiDoc, which is generated from the
// figure registry, the region table and the survey's code lists when the
// server starts: a figure added to the registry is documented with the
// columns its answers have, and no hand-written copy can drift.

// jsonSchema is a JSON Schema 2020-12 object, as OpenAPI 3.1 takes it.
type jsonSchema = map[string]any

type apiDoc struct {
	OpenAPI    string                 `json:"openapi"`
	Info       apiInfo                `json:"info"`
	Paths      map[string]apiPathItem `json:"paths"`
	Components apiComponents          `json:"components"`
	// order lists the paths as the page shows them: the lists first, then
	// every figure in registry order.
	order []string
}

type apiInfo struct {
	Title       string `json:"title"`
	Version     string `json:"version"`
	Description string `json:"description"`
}

type apiPathItem struct {
	Get apiOperation `json:"get"`
}

type apiOperation struct {
	OperationID string                 `json:"operationId"`
	Summary     string                 `json:"summary"`
	Description string                 `json:"description,omitempty"`
	Tags        []string               `json:"tags"`
	Parameters  []apiRef               `json:"parameters,omitempty"`
	Responses   map[string]apiResponse `json:"responses"`
}

type apiRef struct {
	Ref string `json:"$ref"`
}

type apiParameter struct {
	Name        string     `json:"name"`
	In          string     `json:"in"`
	Required    bool       `json:"required,omitempty"`
	Description string     `json:"description"`
	Schema      jsonSchema `json:"schema"`
	Example     string     `json:"example,omitempty"`
}

type apiResponse struct {
	Ref         string               `json:"$ref,omitempty"`
	Description string               `json:"description,omitempty"`
	Headers     map[string]apiHeader `json:"headers,omitempty"`
	Content     map[string]apiMedia  `json:"content,omitempty"`
}

type apiHeader struct {
	Description string     `json:"description"`
	Schema      jsonSchema `json:"schema"`
}

type apiMedia struct {
	Schema  jsonSchema `json:"schema"`
	Example any        `json:"example,omitempty"`
}

type apiComponents struct {
	Parameters map[string]apiParameter `json:"parameters"`
	Responses  map[string]apiResponse  `json:"responses"`
	Schemas    map[string]jsonSchema   `json:"schemas"`
}

// apiDocs is the generator's input: what the document describes.
type apiDocs struct {
	cat     *charts.Catalogue
	survey  *configs.Survey
	regions *configs.Regions
}

// Paths of the lists and the document itself.
const (
	openAPIPath    = "/api/v1/openapi.json"
	apiWavesPath   = "/api/v1/waves"
	apiFiguresPath = "/api/v1/figures"
)

// build generates the document.
func (g apiDocs) build(ctx context.Context) (*apiDoc, error) {
	doc := &apiDoc{OpenAPI: "3.1.0", Paths: map[string]apiPathItem{},
		Info: apiInfo{Title: "axdash 공개 API", Version: "v1", Description: g.disclosureNote()},
		Components: apiComponents{Parameters: g.parameters(), Responses: errorResponses(),
			Schemas: map[string]jsonSchema{"Error": errorSchema(), "Wave": structSchema(waveType())}}}
	doc.add(openAPIPath, apiOperation{OperationID: "openapi", Summary: "이 API 문서(OpenAPI 3.1)", Tags: []string{"문서"},
		Responses: ok("OpenAPI 3.1 문서", echo.MIMEApplicationJSON, jsonSchema{"type": "object", "required": []string{"openapi", "paths"}}, nil)})
	doc.add(apiWavesPath, apiOperation{OperationID: "waves", Summary: "조사 차수(wave) 목록, 오래된 차수부터", Tags: []string{"목록"},
		Responses: ok("조사 차수 목록", echo.MIMEApplicationJSON, objectOf(jsonSchema{
			"waves": jsonSchema{"type": "array", "items": jsonSchema{"$ref": "#/components/schemas/Wave"}}}), nil)})
	doc.add(apiFiguresPath, apiOperation{OperationID: "figures", Summary: "그림(figure) 목록", Tags: []string{"목록"},
		Responses: ok("그림 목록", echo.MIMEApplicationJSON, figureListSchema(), nil)})
	for _, f := range g.cat.Figures() {
		shape, err := g.cat.Shape(ctx, f.ID)
		if err != nil {
			return nil, err
		}
		g.addFigure(doc, f, shape)
	}
	return doc, g.addCompare(ctx, doc)
}

// addCompare documents the comparison's JSON twin: its tables are the
// shapes the comparison builds from no data.
func (g apiDocs) addCompare(ctx context.Context, doc *apiDoc) error {
	figs, shapes, err := g.cat.CompareShapes(ctx)
	if err != nil {
		return err
	}
	var tables []any
	for i, f := range figs {
		tables = append(tables, g.figureSchema(f, shapes[i]))
	}
	strs := jsonSchema{"type": "array", "items": jsonSchema{"type": "string"}}
	schema := objectOf(jsonSchema{
		"wave":    jsonSchema{"type": "string", "description": "답한 조사 차수"},
		"filters": jsonSchema{"type": "object", "additionalProperties": jsonSchema{"type": "string"}, "description": "적용한 필터(코드)"},
		"regions": jsonSchema{"type": "array", "description": "비교한 시도, 요청한 순서대로",
			"items": objectOf(jsonSchema{"code": jsonSchema{"type": "string"}, "name": jsonSchema{"type": "string"}})},
		"sentences": strs,
		"tables": jsonSchema{"type": "array", "description": "주요 지표(전국과 시도별), 조사 차수별 추이, 애로사항, 활용분야",
			"prefixItems": tables, "minItems": len(tables), "maxItems": len(tables)},
	})
	doc.add(apiComparePath, apiOperation{OperationID: "compare", Summary: "시도 비교(2–4곳, 전국 기준)", Tags: []string{"비교"},
		Description: "고른 시도와 전국의 주요 지표(신뢰구간 포함), 조사 차수별 추이, 애로사항·활용분야를 나란히 보여 주고, " +
			"나머지 지역과 통계적으로 유의하게 다른 지표만 문장으로 적습니다. 같은 내용을 /compare.csv, /compare.xlsx로 내려받을 수 있습니다.",
		Parameters: []apiRef{{Ref: "#/components/parameters/wave"}, {Ref: "#/components/parameters/regions"},
			{Ref: "#/components/parameters/" + charts.ByIndustry}, {Ref: "#/components/parameters/" + charts.BySize}},
		Responses: ok("시도 비교", echo.MIMEApplicationJSON, schema, nil)})
	return nil
}

func (d *apiDoc) add(path string, op apiOperation) {
	for code, r := range errorRefs() {
		if _, set := op.Responses[code]; !set {
			op.Responses[code] = r
		}
	}
	d.Paths[path] = apiPathItem{Get: op}
	d.order = append(d.order, path)
}

// addFigure documents a figure's three paths: JSON, CSV and XLSX.
func (g apiDocs) addFigure(doc *apiDoc, f charts.Figure, shape charts.Shape) {
	params := []apiRef{{Ref: "#/components/parameters/wave"}}
	for _, dim := range f.Filters {
		params = append(params, apiRef{Ref: "#/components/parameters/" + dim})
	}
	params = append(params, apiRef{Ref: "#/components/parameters/highlight"})
	base := apiFiguresPath + "/" + f.ID
	doc.add(base, apiOperation{OperationID: f.ID, Summary: f.Title, Description: f.Description, Tags: []string{"그림"},
		Parameters: params, Responses: ok(f.Title, echo.MIMEApplicationJSON, g.figureSchema(f, shape), g.figureExample(f, shape))})
	doc.add(base+".csv", apiOperation{OperationID: f.ID + "-csv", Summary: f.Title + " (CSV)", Tags: []string{"내려받기"},
		Description: "JSON과 같은 표를 UTF-8 CSV로 내려받습니다. 첫 줄들은 차수·필터·출처를 적은 머리말입니다.",
		Parameters:  params, Responses: ok("CSV 파일", "text/csv", jsonSchema{"type": "string"}, nil)})
	doc.add(base+".xlsx", apiOperation{OperationID: f.ID + "-xlsx", Summary: f.Title + " (XLSX)", Tags: []string{"내려받기"},
		Description: "JSON과 같은 표를 엑셀 통합 문서(차트 포함)로 내려받습니다.",
		Parameters:  params, Responses: ok("엑셀 파일", mimeXLSX, jsonSchema{"type": "string", "contentMediaType": mimeXLSX}, nil)})
}

// ok is the responses of a GET: the answer with its ETag, and 304.
func ok(desc, mime string, schema jsonSchema, example any) map[string]apiResponse {
	return map[string]apiResponse{
		"200": {Description: desc, Content: map[string]apiMedia{mime: {Schema: schema, Example: example}},
			Headers: map[string]apiHeader{
				"ETag": {Description: "응답 본문의 태그. 다음 요청의 If-None-Match에 넣으면 바뀌지 않았을 때 304로 답합니다.",
					Schema: jsonSchema{"type": "string"}},
				"Access-Control-Allow-Origin": {Description: "로그인 세션 없이 부른 요청에만 *(다른 출처의 GET 허용).",
					Schema: jsonSchema{"type": "string", "const": "*"}}}},
		"304": {Description: "If-None-Match의 태그와 같아 본문 없이 답합니다."},
	}
}

// parameters are the query parameters: the wave, the filters (with the
// codes they take) and the 시도 a trend highlights.
func (g apiDocs) parameters() map[string]apiParameter {
	out := map[string]apiParameter{
		"wave": {Name: "wave", In: "query", Schema: jsonSchema{"type": "string"},
			Description: "조사 차수 이름(/api/v1/waves의 name). 생략하면 가장 최근 차수입니다."},
		"regions": {Name: "regions", In: "query", Required: true, Schema: jsonSchema{"type": "string"}, Example: "48,26,11",
			Description: fmt.Sprintf("비교할 시도, 쉼표로 %d–%d곳(예: 48,26,11). 시도 이름과 옛 코드도 받습니다.", charts.MinCompare, charts.MaxCompare)},
		"highlight": {Name: "highlight", In: "query", Schema: jsonSchema{"type": "string"},
			Description: fmt.Sprintf("추세 그림에서 강조할 시도, 쉼표로 %d곳까지(예: 11,26). 다른 그림에는 영향이 없습니다.", charts.MaxHighlight)},
	}
	what := map[string]string{charts.ByRegion: "시도 코드 (화면처럼 시도 이름과 옛 코드도 받습니다)",
		charts.ByIndustry: "업종(KSIC 대분류) 코드", charts.BySize: "종업원 규모 구간"}
	for dim, choices := range g.choices() {
		var codes, named []string
		for _, c := range choices {
			codes, named = append(codes, c[0]), append(named, c[0]+" "+c[1])
		}
		out[dim] = apiParameter{Name: dim, In: "query", Schema: jsonSchema{"type": "string", "enum": codes}, Example: codes[0],
			Description: what[dim] + ": " + strings.Join(named, ", ")}
	}
	return out
}

// choices are each filter's codes with their Korean names, in the
// configured order.
func (g apiDocs) choices() map[string][][2]string {
	out := map[string][][2]string{}
	for _, r := range g.regions.Regions {
		out[charts.ByRegion] = append(out[charts.ByRegion], [2]string{r.Code, r.Name})
	}
	for _, in := range g.survey.Industries {
		out[charts.ByIndustry] = append(out[charts.ByIndustry], [2]string{in.Code, in.Short})
	}
	for _, b := range g.survey.SizeBands {
		out[charts.BySize] = append(out[charts.BySize], [2]string{b.Code, b.Label})
	}
	return out
}

// disclosureNote is the document's description: what the numbers are and
// how the public view protects the respondents (docs/disclosure.md).
func (g apiDocs) disclosureNote() string {
	return "지역 중소기업 AI 도입 조사의 공개 수치입니다. 모든 그림은 /api/v1/figures/{id}에서 JSON으로, " +
		".csv와 .xlsx로 같은 표를 내려받습니다. 공개 보호: " + g.cat.SuppressionNote() +
		" 공개하지 않은 값은 JSON에서 null이며, 표의 n도 그 필터의 칸이 비공개면 null입니다. " +
		"추정값 X마다 X_se(표준오차), X_ci_low·X_ci_high(95% 신뢰구간)가 같은 단위로 따르며, status는 행마다 " +
		charts.Withheld + "(사유), " + charts.Caution + "(정밀도가 낮은 추정), " + charts.NoData + " 또는 빈 문자열입니다. " +
		"오류는 {\"error\": 한국어 설명, \"status\": HTTP 상태}로 답합니다. " +
		"로그인 세션 없이 부른 GET에는 Access-Control-Allow-Origin: *를 붙입니다."
}

// newAPIDoc generates the document and its JSON.
func newAPIDoc(d Deps) (*apiDoc, []byte, error) {
	doc, err := apiDocs{cat: d.Catalogue, survey: d.Survey, regions: d.Regions}.build(context.Background())
	if err != nil {
		return nil, nil, fmt.Errorf("web: generate the API document: %w", err)
	}
	b, err := json.Marshal(doc)
	if err != nil {
		return nil, nil, fmt.Errorf("web: marshal the API document: %w", err)
	}
	return doc, b, nil
}
