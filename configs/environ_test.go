package configs

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// No package but configs reads axdash's variables: a new setting is a tagged
// field, documented and tested with the others, not a stray os.Getenv.
// Other code may read the Go runtime's variables (GOGC, GOMEMLIMIT), by
// literal name; test files and test helper packages (storetest, …) may read
// their own.
func TestOnlyConfigsReadsTheEnvironment(t *testing.T) {
	root := ".."
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && path != root && (d.Name() == "configs" || strings.HasSuffix(d.Name(), "test") || strings.HasPrefix(d.Name(), ".")):
			return filepath.SkipDir
		case d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go"):
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && isEnvRead(call.Fun) && len(call.Args) == 1 {
				if name := literal(call.Args[0]); name != "" && !strings.HasPrefix(name, "AXDASH_") {
					return false // a runtime variable such as GOGC
				}
			}
			if isEnvRead(n) {
				t.Errorf("%s reads axdash's environment; make it a tagged field in configs", fset.Position(n.Pos()))
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// isEnvRead reports whether n is os.Getenv or os.LookupEnv, called or
// passed on (configs.Load(os.Getenv) would read every variable).
func isEnvRead(n ast.Node) bool {
	sel, ok := n.(*ast.SelectorExpr)
	if !ok || (sel.Sel.Name != "Getenv" && sel.Sel.Name != "LookupEnv") {
		return false
	}
	pkg, ok := sel.X.(*ast.Ident)
	return ok && pkg.Name == "os"
}

// literal is the string a literal spells, "" for any other expression.
func literal(e ast.Expr) string {
	if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
		s, _ := strconv.Unquote(lit.Value)
		return s
	}
	return ""
}
