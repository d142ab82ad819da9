package web_test

import (
	"fmt"
	"io"
	"net/http"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
	"axdash/importers/importerstest"
)

// TestAnnotatedCopyOfHostileUpload: the copy that GET
// /api/v1/imports/{id}/annotated.xlsx hands to analysts, of a
// macro-enabled upload full of live content, is a plain .xlsx of the
// cached values without the upload's formulas, links, connections or
// macros.
func TestAnnotatedCopyOfHostileUpload(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ts := newServer(t, s, "", nil)
		r := jobRunner(t, s)
		c := loginClient(t, ts.URL, "ana", newUser(t, s, "ana", model.RoleAnalyst))
		got, body := uploadAs(t, c, ts.URL, csrfToken(t, c, ts.URL), "2026-H1", "조사표.xlsm", importerstest.Hostile(t))
		if got != http.StatusAccepted {
			t.Fatalf("upload = %d: %s", got, body)
		}
		var created struct{ ID int64 }
		decode(t, body, &created)
		runJob(t, r)
		res, err := c.Get(fmt.Sprintf("%s/api/v1/imports/%d/annotated.xlsx", ts.URL, created.ID))
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("annotated copy: %d (%v): %s", res.StatusCode, err, b)
		}
		importerstest.Check(t, b)
	})
}
