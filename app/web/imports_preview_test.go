package web_test

import (
	"fmt"
	"strings"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

type previewIssue struct {
	Severity, Code, Message, Label, Field, Cell string
	Row                                         int
	FieldLabel                                  string `json:"field_label"`
}

// checkIssueOrder: errors before warnings, and by row within each.
func checkIssueOrder(t *testing.T, where string, issues []previewIssue) {
	t.Helper()
	for i := 1; i < len(issues); i++ {
		a, b := issues[i-1], issues[i]
		if a.Severity == model.SeverityWarning && b.Severity == model.SeverityError ||
			a.Severity == b.Severity && a.Row > b.Row {
			t.Errorf("%s: issue %d (%s row %d) comes before %d (%s row %d)", where, i-1, a.Severity, a.Row, i, b.Severity, b.Row)
		}
	}
}

// TestImportPreviewWording: an upload into a wave that holds data shows
// that first, in the page's words (never --replace); issues come sorted by
// severity then row, each named in Korean before its code; once the
// replace is stored the page says so, and the history marks the replaced
// import 교체됨.
func TestImportPreviewWording(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		u := uploadIntoFullWave(t, s)
		ts, r, c, tok, base := u.ts, u.r, u.c, u.tok, u.jobURL
		page := fmt.Sprintf("%s/imports/%d", ts.URL, u.id)
		var v struct {
			State    string
			Blocking []previewIssue
			Issues   []previewIssue
			Codes    []struct{ Code, Label string } `json:"issue_codes"`
		}
		_, body := call(t, c, "GET", base, "", nil)
		decode(t, body, &v)
		if len(v.Blocking) == 0 || v.Blocking[0].Code != "wave.exists" || v.Blocking[0].Label == v.Blocking[0].Code ||
			!strings.Contains(v.Blocking[0].Message, "교체하여 저장") || strings.Contains(body, "--replace") {
			t.Errorf("blocking reasons %+v; want wave.exists first, in Korean, naming 교체하여 저장 and never --replace", v.Blocking)
		}
		var issues struct{ Issues []previewIssue }
		_, ibody := call(t, c, "GET", base+"/issues", "", nil)
		decode(t, ibody, &issues)
		checkIssueOrder(t, "preview", v.Issues)
		checkIssueOrder(t, "issues page", issues.Issues)
		named := 0
		for _, is := range issues.Issues {
			if strings.HasPrefix(is.Code, "rule.") || is.FieldLabel != "" {
				named++
				if is.Label == is.Code || strings.ContainsAny(is.Label, "._") {
					t.Errorf("issue %s named %q, want a Korean name", is.Code, is.Label)
				}
			}
		}
		if named == 0 {
			t.Errorf("no rule or field issue to check the names of: %.300s", ibody)
		}
		for _, cc := range v.Codes {
			if cc.Label == "" {
				t.Errorf("code %s has no label", cc.Code)
			}
		}
		if _, html := clientGet(t, c, page); !strings.Contains(html, "가져오기 미리보기") || !strings.Contains(html, `id="job-blocking"`) {
			t.Errorf("preview page lacks its title or the blocking box")
		}
		if got, body := call(t, c, "POST", base+"/commit", tok, map[string]bool{"skip_invalid": true, "replace": true}); got != 202 {
			t.Fatalf("replace = %d: %s", got, body)
		}
		runJob(t, r)
		_, html := clientGet(t, c, page)
		if !strings.Contains(html, "<title>가져오기 저장 완료") || strings.Contains(html, "가져오기 미리보기") ||
			strings.Contains(html, `id="job-stored-note" role="status" hidden`) {
			t.Errorf("the stored job's page still reads as a preview or hides its success note")
		}
		_, hist := clientGet(t, c, ts.URL+"/imports")
		if strings.Count(hist, `class="replaced">교체됨`) != 1 {
			t.Errorf("history marks %d imports 교체됨, want the one the upload replaced", strings.Count(hist, `class="replaced">교체됨`))
		}
	})
}
