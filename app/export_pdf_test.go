package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The configured browser (export.chrome_path, AXDASH_CHROME_PATH) is used
// as given; one that cannot run is an error saying how to get a PDF, never
// a silent fall back to another browser on the PATH.
func TestChromiumPathConfigured(t *testing.T) {
	exe, err := os.Executable() // any runnable file stands in for a browser
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		configured string
		want       string
		wantErr    string
	}{
		{"runnable", exe, exe, ""},
		{"missing", filepath.Join(t.TempDir(), "chromium"), "", "AXDASH_CHROME_PATH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := chromiumPath(tt.configured)
			switch {
			case tt.wantErr == "" && (err != nil || got != tt.want):
				t.Errorf("chromiumPath(%q) = %q, %v; want %q", tt.configured, got, err, tt.want)
			case tt.wantErr != "" && (!errors.Is(err, errNoChromium) || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("chromiumPath(%q) = %q, %v; want errNoChromium mentioning %q", tt.configured, got, err, tt.wantErr)
			}
		})
	}
}
