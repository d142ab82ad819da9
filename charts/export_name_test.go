package charts

import (
	"strings"
	"testing"
)

func TestExportName(t *testing.T) {
	cases := []struct {
		id, wave string
		filters  []string
		want     string
	}{
		{"adoption-by-region", "2026-H1", nil, "adoption-by-region_2026-H1"},
		{"cost-by-size", "2026-H1", []string{"48", "", "10-49"}, "cost-by-size_2026-H1_48_10-49"},
		{"barriers", "../../etc/passwd\r\n", nil, "barriers_..-..-etc-passwd--"},
		{"x", "2026 상반기", nil, "x_2026----"},
	}
	for _, c := range cases {
		if got := ExportName(c.id, c.wave, c.filters...); got != c.want {
			t.Errorf("ExportName(%q, %q, %q) = %q, want %q", c.id, c.wave, c.filters, got, c.want)
		}
	}
}

func TestExportNameUnicode(t *testing.T) {
	cases := []struct {
		id, wave string
		filters  []string
		want     string
	}{
		{"adoption-by-region", "2026-H1", nil, "adoption-by-region_2026-H1"},
		{"x", "2026년 상반기", []string{"", "", "300+"}, "x_2026년-상반기_300+"},
		{"barriers", "../../etc/passwd\r\n\"", nil, "barriers_..-..-etc-passwd---"},
		{"x", "a;b=c%", nil, "x_a-b-c-"},
		{"x", strings.Repeat("가", 200), nil, "x_" + strings.Repeat("가", 118)},
	}
	for _, c := range cases {
		if got := ExportNameUnicode(c.id, c.wave, c.filters...); got != c.want {
			t.Errorf("ExportNameUnicode(%q, %q, %q) = %q, want %q", c.id, c.wave, c.filters, got, c.want)
		}
	}
}
