// Package quality holds axdash's data-quality checks: the rules of
// configs/rules.yaml, compiled once with expr-lang against a typed row
// environment and run on every imported row, and the outlier test that
// compares money values with their industry × size band on a log scale.
// It knows app/model and configs, never the database or HTTP.
package quality

import (
	"errors"
	"fmt"
	"reflect"
	"sort"

	"github.com/expr-lang/expr"
	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/file"
	"github.com/expr-lang/expr/vm"

	"axdash/app/model"
	"axdash/configs"
)

// Rule is one compiled rule.
type Rule struct {
	Code     string
	Severity string
	Message  string
	Fields   []string // where a finding points, in order of preference
	names    []string // the env names the check reads
	need     uint32   // nullable fields the check reads (see env.go)
	prog     *vm.Program
}

// Rules is the compiled rule set; it is read-only and shared.
type Rules struct {
	list []*Rule
}

// envNames are the names a check may use: the expr tags of Env.
var envNames = func() map[string]bool {
	m := map[string]bool{}
	t := reflect.TypeFor[Env]()
	for i := range t.NumField() {
		m[t.Field(i).Tag.Get("expr")] = true
	}
	return m
}()

// Load compiles the embedded rules layered with the file at path (none
// when empty), as configs.LoadRules reads them.
func Load(path string) (*Rules, error) {
	specs, err := configs.LoadRules(path)
	if err != nil {
		return nil, err
	}
	return Compile(specs)
}

// Compile checks and compiles every rule. A syntax or type error (an
// unknown field, a string compared with a number, a check that is not
// true/false) refuses the whole set, naming the rule and the position in
// its check.
func Compile(specs []configs.Rule) (*Rules, error) {
	rs := &Rules{}
	for _, s := range specs {
		r, err := compileRule(s)
		if err != nil {
			return nil, err
		}
		rs.list = append(rs.list, r)
	}
	return rs, nil
}

func compileRule(s configs.Rule) (*Rule, error) {
	prog, err := expr.Compile(s.Check, expr.Env(Env{}), expr.AsBool())
	if err != nil {
		var fe *file.Error
		if errors.As(err, &fe) {
			return nil, fmt.Errorf("quality: rule %s: check %q, line %d, column %d: %s",
				s.Code, s.Check, fe.Line, fe.Column+1, fe.Message)
		}
		return nil, fmt.Errorf("quality: rule %s: check %q: %w", s.Code, s.Check, err)
	}
	r := &Rule{Code: s.Code, Severity: s.Severity, Message: s.Message, Fields: s.Fields, prog: prog}
	for _, f := range s.Fields {
		if !envNames[f] {
			return nil, fmt.Errorf("quality: rule %s: fields: unknown field %q", s.Code, f)
		}
	}
	r.names = identifiers(prog.Node())
	for _, n := range r.names {
		r.need |= nullable[n]
	}
	if len(r.Fields) == 0 {
		r.Fields = r.names
	}
	return r, nil
}

// identifiers lists the env names an expression reads, sorted.
func identifiers(n ast.Node) []string {
	v := &identVisitor{seen: map[string]bool{}}
	ast.Walk(&n, v)
	out := make([]string, 0, len(v.seen))
	for k := range v.seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

type identVisitor struct{ seen map[string]bool }

func (v *identVisitor) Visit(n *ast.Node) {
	if id, ok := (*n).(*ast.IdentifierNode); ok && envNames[id.Value] {
		v.seen[id.Value] = true
	}
}

// Len is the number of rules.
func (rs *Rules) Len() int { return len(rs.list) }

// Checker runs the rules on the rows of one file. It is not safe for
// concurrent use: it reuses one VM and one environment.
type Checker struct {
	rules  []*Rule
	period *model.Period
	env    Env
	vm     vm.VM
}

// Checker returns a checker for a sheet whose mapped columns are those for
// which mapped answers true, in a wave with the given period (nil: none).
// Rules that read a field the sheet has no column for are left out: the
// value is unknown, not blank.
func (rs *Rules) Checker(mapped func(field string) bool, period *model.Period) *Checker {
	c := &Checker{period: period}
	if rs == nil {
		return c
	}
outer:
	for _, r := range rs.list {
		for _, n := range r.names {
			col := n
			if d, ok := derived[n]; ok {
				col = d
			}
			if col != "" && !mapped(col) {
				continue outer
			}
		}
		c.rules = append(c.rules, r)
	}
	return c
}

// Check runs every rule on r and calls fail for each one the row breaks.
// A rule is skipped when a number or date it reads is blank. A check that
// fails to run (which the typed compile makes unlikely) counts as broken,
// so that nothing passes unexamined.
func (c *Checker) Check(r *model.Response, fail func(*Rule)) {
	if len(c.rules) == 0 {
		return
	}
	has := c.env.fill(r, c.period)
	for _, rule := range c.rules {
		if rule.need&has != rule.need {
			continue
		}
		out, err := c.vm.Run(rule.prog, &c.env)
		if ok, _ := out.(bool); err != nil || !ok {
			fail(rule)
		}
	}
}
