package charts

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestRegistryEntries checks each definition is whole and the places the
// registry gives figures: the region page's and the briefing's lists were
// once spelled by id in web, and must not change.
func TestRegistryEntries(t *testing.T) {
	c := newCatalogue(t)
	seen := map[string]bool{}
	for _, d := range registry() {
		if seen[d.ID] {
			t.Errorf("%s is registered twice", d.ID)
		}
		seen[d.ID] = true
		if d.Title == "" || d.Description == "" || len(d.Filters) == 0 || d.build == nil || d.notes == nil || d.chart == nil || d.excel == nil {
			t.Errorf("%s is incomplete: %+v", d.ID, d.Figure)
		}
	}
	tests := []struct {
		name string
		got  []Figure
		want []string
	}{
		{"region page", c.RegionFigures(), []string{"adoption-by-industry", "adoption-by-size", "adoption-trend", "cost-by-size",
			"talent-gap-by-industry", "barriers", "use-areas", "exemplar-firms"}},
		{"briefing page, nation", c.BriefingCharts(false), []string{"adoption-by-region", "adoption-by-size", "barriers", "cost-by-size"}},
		{"briefing page, region", c.BriefingCharts(true), []string{"adoption-by-industry", "adoption-by-size", "barriers", "cost-by-size"}},
		{"briefing workbook", c.BriefingFigures(), slices.DeleteFunc(ids(c.Figures()), func(id string) bool { return id == "region-tiles" })},
	}
	for _, tt := range tests {
		if got := ids(tt.got); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func ids(figs []Figure) []string {
	var out []string
	for _, f := range figs {
		out = append(out, f.ID)
	}
	return out
}

// TestFigureIDsSpelledOnce greps the module's non-test Go files for every
// registered id and asserts one file holds it: the catalogue, pages,
// exports and briefing must go through the registry. Only packages that
// can reach a figure count (charts and those importing it): elsewhere
// "barriers" is the survey field of that name, not the figure.
func TestFigureIDsSpelledOnce(t *testing.T) {
	files := figureAwareFiles(t, "..")
	for _, fig := range newCatalogue(t).Figures() {
		var holders []string
		for path, lits := range files {
			if slices.ContainsFunc(lits, func(s string) bool { return strings.Contains(s, fig.ID) }) {
				holders = append(holders, path)
			}
		}
		slices.Sort(holders)
		if len(holders) != 1 {
			t.Errorf("%s is spelled in %d non-test Go files, want 1: %v", fig.ID, len(holders), holders)
		}
	}
}

// figureAwareFiles maps each non-test Go file of charts and of the packages
// importing it, under root, to its string literals.
func figureAwareFiles(t *testing.T, root string) map[string][]string {
	t.Helper()
	byDir := map[string]map[string][]string{}
	aware := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		dir := filepath.Dir(path)
		if byDir[dir] == nil {
			byDir[dir] = map[string][]string{}
		}
		for _, imp := range f.Imports {
			aware[dir] = aware[dir] || imp.Path.Value == `"axdash/charts"`
		}
		aware[dir] = aware[dir] || f.Name.Name == "charts" && filepath.Base(dir) == "charts"
		var lits []string
		ast.Inspect(f, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil {
					lits = append(lits, s)
				}
			}
			return true
		})
		byDir[dir][path] = lits
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for dir, files := range byDir {
		for path, lits := range files {
			if aware[dir] {
				out[path] = lits
			}
		}
	}
	if len(out) == 0 {
		t.Fatal("no Go files found")
	}
	return out
}
