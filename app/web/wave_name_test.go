package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"axdash/app/model"
	"axdash/app/store"
	"axdash/app/store/storetest"
)

// TestWaveNameNotText: a new wave name that is not UTF-8 text is refused
// in Korean, not stored as garbage (SQLite) or failed on (PostgreSQL).
func TestWaveNameNotText(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		base := authServer(t, s, newTestClock(), nil)
		admin := loginClient(t, base, "boss", newUser(t, s, "boss", model.RoleAdmin))
		w, err := s.Surveys.Waves(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		path := "/admin/waves/" + itoa(int(w[0].ID)) + "/rename"
		postExpect(t, admin, base, path, url.Values{"name": {"새 이름\xff"}}, http.StatusBadRequest, "UTF-8")
		if got, _ := s.Surveys.Waves(t.Context()); got[0].Name != w[0].Name {
			t.Errorf("the wave was renamed to %q", got[0].Name)
		}
	})
}
