package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"axdash/app/store"
	"axdash/app/store/storetest"
)

// TestUploadProvenance: the agency and design note typed with a browser
// upload are checked like the admin's edit (a note longer than the field's
// 8 KiB is refused, never kept cut), wait with the job, and its commit
// stores them with the wave.
func TestUploadProvenance(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.DB) {
		ts := newServer(t, s, "", nil)
		r := jobRunner(t, s)
		c, tok := analystSession(t, s, ts.URL)
		book := damagedWorkbook(t, 30, 5)
		refusals := []struct{ agency, note, has string }{
			{"기관\t갑", "", "제어 문자"},
			{"", strings.Repeat("가", store.MaxNoteLen+1), "2000자"},
			{"", strings.Repeat("a", 9000), "2000자"}, // cut at 8 KiB, still too long
		}
		for _, tt := range refusals {
			got, body := uploadFields(t, c, ts.URL, tok, map[string]string{"wave": "W", "agency": tt.agency, "note": tt.note},
				"a.xlsx", book)
			if got != http.StatusBadRequest || !strings.Contains(body, tt.has) {
				t.Errorf("agency %q, note of %d bytes: %d %.200s; want 400 with %q", tt.agency, len(tt.note), got, body, tt.has)
			}
		}
		note := strings.Repeat("층화 추출, ", 150) + "목표 1,500개" // over 1 KiB: the note needs the 8 KiB field limit
		got, body := uploadFields(t, c, ts.URL, tok, map[string]string{"wave": "W", "agency": " 기관 갑 ", "note": note + "\n"},
			"a.xlsx", book)
		if got != http.StatusAccepted {
			t.Fatalf("upload = %d: %s", got, body)
		}
		var created struct{ ID int64 }
		decode(t, body, &created)
		runJob(t, r)
		base := fmt.Sprintf("%s/api/v1/imports/%d", ts.URL, created.ID)
		var job struct{ Agency, Note string }
		_, js := call(t, c, "GET", base, "", nil)
		decode(t, js, &job)
		if job.Agency != "기관 갑" || job.Note != note {
			t.Errorf("job agency %q, note of %d bytes; want 기관 갑 and %d bytes", job.Agency, len(job.Note), len(note))
		}
		commitJob(t, c, r, base, tok)
		states, err := s.Surveys.WaveStates(t.Context())
		if err != nil || len(states) != 1 {
			t.Fatalf("waves %+v, %v", states, err)
		}
		if states[0].Agency != "기관 갑" || states[0].Note != note {
			t.Errorf("wave agency %q, note of %d bytes; want 기관 갑 and %d bytes", states[0].Agency, len(states[0].Note), len(note))
		}
	})
}
