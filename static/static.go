// Package static holds the browser assets that axdash serves itself: its own
// stylesheet and scripts, and the vendored Apache ECharts build with its
// licence. Nothing is fetched from the internet at run time.
package static

import (
	"embed"
	"io/fs"
)

//go:embed vendor css js
var files embed.FS

// FS returns the embedded assets, rooted so that paths look like
// "vendor/echarts/echarts.min.js", "css/axdash.css" and "js/axdash.js".
func FS() fs.FS {
	return files
}
