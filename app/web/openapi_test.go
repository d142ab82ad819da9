package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/configs"
)

// openAPIViews are the filters every documented path is called under: no
// filter, each filter, a 시도 the public view withholds (n=2), two at once
// and a trend's highlight.
var openAPIViews = []string{"", "region=11", "region=50", "industry=C", "size=10-49", "region=26&industry=C", "highlight=11,26",
	"wave=2026-H1&size=10-49"}

// loadOpenAPI fetches the server's document and validates it with
// kin-openapi as OpenAPI 3.1 (JSON Schema 2020-12), examples included.
func loadOpenAPI(t *testing.T, base string) *openapi3.T {
	t.Helper()
	res, body := get(t, base+"/api/v1/openapi.json")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/v1/openapi.json = %d: %.300s", res.StatusCode, body)
	}
	doc, err := openapi3.NewLoader().LoadFromData([]byte(body))
	if err != nil {
		t.Fatalf("load the document: %v", err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Fatalf("document is OpenAPI %s, want 3.1", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background(), openapi3.EnableExamplesValidation()); err != nil {
		t.Fatalf("the document is not valid OpenAPI 3.1: %v", err)
	}
	return doc
}

// TestOpenAPIDocument validates the document, checks that it names every
// figure of the registry with its allowed filter values, then calls every
// documented path under several filters and validates each request and
// answer against the document (openapi3filter).
func TestOpenAPIDocument(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ts := newServer(t, s, "2026-H1", map[string]int{"11": 6, "26": 8, "50": 2})
		doc := loadOpenAPI(t, ts.URL)
		checkRegistryCovered(t, ts.URL, doc)
		router, err := gorillamux.NewRouter(doc)
		if err != nil {
			t.Fatal(err)
		}
		calls := 0
		for _, path := range doc.Paths.InMatchingOrder() {
			for _, q := range openAPIViews {
				if doc.Paths.Find(path).Get.Parameters == nil && q != "" {
					continue // the lists take no parameters
				}
				checkAgainstDocument(t, router, ts.URL+path+"?"+withRequired(doc.Paths.Find(path).Get, q))
				calls++
			}
		}
		if min := 3 * len(openAPIViews); calls < min {
			t.Errorf("called %d documented paths, want at least %d", calls, min)
		}
	})
}

// checkRegistryCovered checks the document against what the server lists:
// every figure has its JSON, CSV and XLSX paths, and the filters take
// exactly the configured codes.
func checkRegistryCovered(t *testing.T, base string, doc *openapi3.T) {
	t.Helper()
	var list struct{ Figures []struct{ ID string } }
	getJSON(t, base+"/api/v1/figures", &list)
	if len(list.Figures) == 0 {
		t.Fatal("no figures listed")
	}
	for _, f := range list.Figures {
		for _, ext := range []string{"", ".csv", ".xlsx"} {
			if doc.Paths.Value("/api/v1/figures/"+f.ID+ext) == nil {
				t.Errorf("figure %s%s is not documented", f.ID, ext)
			}
		}
	}
	survey, regions, err := configs.LoadSchema()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{}
	for _, r := range regions.Regions {
		want["region"] = append(want["region"], r.Code)
	}
	for _, in := range survey.Industries {
		want["industry"] = append(want["industry"], in.Code)
	}
	for _, b := range survey.SizeBands {
		want["size"] = append(want["size"], b.Code)
	}
	for name, codes := range want {
		p := doc.Components.Parameters[name]
		if p == nil || p.Value.Schema == nil {
			t.Errorf("parameter %s is not documented", name)
			continue
		}
		var got []string
		for _, v := range p.Value.Schema.Value.Enum {
			got = append(got, v.(string))
		}
		if !slices.Equal(got, codes) {
			t.Errorf("parameter %s allows %v, want %v", name, got, codes)
		}
	}
}

// checkAgainstDocument calls a documented GET and validates the request
// and the answer against the document: status, headers and body (the
// figure's columns, labels and units, each row's values and types). A
// workbook's body is checked for the ZIP container only: it has no schema.
func checkAgainstDocument(t *testing.T, router routers.Router, rawURL string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		t.Fatal(err)
	}
	route, params, err := router.FindRoute(req)
	if err != nil {
		t.Errorf("GET %s: not in the document: %v", rawURL, err)
		return
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route}
	if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
		t.Errorf("GET %s: request does not match the document: %v", rawURL, err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET %s = %d, want 200: %.300s", rawURL, res.StatusCode, body)
	}
	opts := &openapi3filter.Options{IncludeResponseStatus: true}
	if strings.HasSuffix(req.URL.Path, ".xlsx") {
		opts.ExcludeResponseBody = true
		if !bytes.HasPrefix(body, []byte("PK\x03\x04")) {
			t.Errorf("GET %s: not a workbook: %.20q", rawURL, body)
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: res.StatusCode, Header: res.Header,
		Body: io.NopCloser(bytes.NewReader(body)), Options: opts}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("GET %s: answer does not match the document: %v\n%.500s", rawURL, err, body)
	}
}

// getJSON decodes a 200 JSON answer into v.
func getJSON(t *testing.T, rawURL string, v any) {
	t.Helper()
	res, body := get(t, rawURL)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s = %d", rawURL, res.StatusCode)
	}
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("GET %s: %v", rawURL, err)
	}
}

// withRequired is the query q with every required parameter the operation
// documents and q lacks, set to its documented example (the comparison's
// regions): each path is called as a client following the document would.
func withRequired(op *openapi3.Operation, q string) string {
	vals, _ := url.ParseQuery(q)
	for _, p := range op.Parameters {
		if p.Value.Required && !vals.Has(p.Value.Name) {
			vals.Set(p.Value.Name, fmt.Sprint(p.Value.Example))
		}
	}
	return vals.Encode()
}
