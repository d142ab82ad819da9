package web

import (
	"strings"
	"testing"
	"time"

	"axdash/configs"
)

func TestPurgedMessage(t *testing.T) {
	tests := []struct {
		retention time.Duration
		want      string
	}{
		{7 * 24 * time.Hour, "7일이 지나"},
		{36 * time.Hour, "36시간이 지나"},
		{90 * time.Minute, "90분이 지나"},
		{0, "보관 기간이 지나"}, // the rule was turned off after the purge
	}
	for _, tt := range tests {
		s := &Server{deps: Deps{Config: &configs.Config{Jobs: configs.JobsConfig{UnstoredFileRetention: tt.retention}}}}
		if got := s.purgedMessage(); !strings.Contains(got, tt.want) {
			t.Errorf("purgedMessage(%s) = %q, want it to say %q", tt.retention, got, tt.want)
		}
	}
}
