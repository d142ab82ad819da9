package static_test

import (
	"bytes"
	"io/fs"
	"testing"

	"axdash/static"
)

func TestEChartsEmbedded(t *testing.T) {
	b, err := fs.ReadFile(static.FS(), "vendor/echarts/echarts.min.js")
	if err != nil {
		t.Fatalf("read echarts.min.js: %v", err)
	}
	if len(b) < 500_000 {
		t.Fatalf("echarts.min.js is %d bytes, want the full minified build", len(b))
	}
	head := b[:min(len(b), 2048)]
	if !bytes.Contains(head, []byte("Licensed to the Apache Software Foundation")) {
		t.Errorf("echarts.min.js does not start with the Apache licence banner: %q", head[:min(len(head), 120)])
	}
	if !bytes.Contains(b, []byte("echarts")) {
		t.Errorf("echarts.min.js does not look like an ECharts build")
	}
}

func TestLicencesEmbedded(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"vendor/echarts/LICENSE", "Apache License"},
		{"vendor/echarts/NOTICE", "Apache ECharts"},
		{"vendor/echarts/licenses/LICENSE-d3", "Mike Bostock"},
	} {
		b, err := fs.ReadFile(static.FS(), tc.path)
		if err != nil {
			t.Errorf("read %s: %v", tc.path, err)
			continue
		}
		if !bytes.Contains(b, []byte(tc.want)) {
			t.Errorf("%s does not mention %q", tc.path, tc.want)
		}
	}
}

func TestOwnAssetsEmbedded(t *testing.T) {
	for _, p := range []string{"css/axdash.css", "js/axdash.js"} {
		if _, err := fs.Stat(static.FS(), p); err != nil {
			t.Errorf("stat %s: %v", p, err)
		}
	}
}
