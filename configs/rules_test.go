package configs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadRulesLayers(t *testing.T) {
	base, err := LoadRules("")
	if err != nil || len(base) != 7 {
		t.Fatalf("defaults: %d rules, %v", len(base), err)
	}
	tests := []struct {
		name, body string
		want       string // error text, or "" for success
		check      func(t *testing.T, rs []Rule)
	}{
		{"replace, drop and add", `rules:
  - code: rule.support_exceeds_cost
    severity: warning
    message: 바뀐 메시지
    check: "true"
  - code: rule.exemplar_without_note
    disabled: true
  - code: rule.new
    severity: error
    message: 새 규칙
    check: employees > 0
`, "", func(t *testing.T, rs []Rule) {
			if len(rs) != 7 || rs[0].Code != "rule.support_exceeds_cost" || rs[0].Severity != "warning" ||
				rs[6].Code != "rule.new" {
				t.Errorf("rules %+v", rs)
			}
			for _, r := range rs {
				if r.Code == "rule.exemplar_without_note" {
					t.Error("disabled rule kept")
				}
			}
		}},
		{"bad severity", "rules:\n  - code: rule.x\n    severity: fatal\n    message: m\n    check: \"true\"\n", "severity", nil},
		{"no check", "rules:\n  - code: rule.x\n    severity: error\n    message: m\n", "no check", nil},
		{"no code", "rules:\n  - severity: error\n    message: m\n    check: \"true\"\n", "no code", nil},
		{"twice", "rules:\n  - {code: rule.x, severity: error, message: m, check: \"true\"}\n  - {code: rule.x, severity: error, message: m, check: \"true\"}\n", "twice", nil},
		{"not yaml", "rules: [", "parse", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "rules.yaml")
			if err := os.WriteFile(path, []byte(tt.body), 0o600); err != nil {
				t.Fatal(err)
			}
			rs, err := LoadRules(path)
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("error %v, want %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, rs)
		})
	}
	if _, err := LoadRules(filepath.Join(t.TempDir(), "missing.yaml")); err == nil {
		t.Error("a missing rules file was accepted")
	}
}

func TestQualityConfig(t *testing.T) {
	c, err := Load(envOf(map[string]string{"AXDASH_OUTLIER_THRESHOLD": "3.5", "AXDASH_RULES_FILE": "/x.yaml"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Quality.OutlierThreshold != 3.5 || c.Quality.RulesFile != "/x.yaml" || c.Quality.OutlierMinGroup != 30 ||
		len(c.Quality.OutlierFields) != 3 {
		t.Errorf("quality %+v", c.Quality)
	}
	for _, v := range []string{"abc", "0", "-1"} {
		if _, err := Load(envOf(map[string]string{"AXDASH_OUTLIER_THRESHOLD": v})); err == nil {
			t.Errorf("threshold %q accepted", v)
		}
	}
}
