// Package quality holds axdash's data-quality checks: the rules of
// configs/rules.yaml, compiled once with expr-lang against a typed row
// environment and run on every imported row, and the outlier test that
// compares money values with their industry × size band on a log scale.
// It knows app/model and configs, never the database or HTTP.
package quality

import (
	"errors"
	"fmt"
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
	prog     *vm.Program
}

// Rules is the compiled rule set; it is read-only and shared.
type Rules struct {
	list []*Rule
	vars map[string]envVar // the names a check may use (see env.go)
}

// Load compiles the embedded rules layered with the file at path (none
// when empty), as configs.LoadRules reads them.
func Load(path string) (*Rules, error) {
	specs, err := configs.LoadRules(path)
	if err != nil {
		return nil, err
	}
	return Compile(specs)
}

// Compile checks and compiles every rule against the survey's field
// table. A syntax or type error (an unknown field, a string compared with a
// number, a check that is not true/false) refuses the whole set, naming the
// rule and the position in its check.
func Compile(specs []configs.Rule) (*Rules, error) {
	return CompileFields(model.Fields(), specs)
}

// CompileFields is Compile against another field table.
func CompileFields(fields *model.Table, specs []configs.Rule) (*Rules, error) {
	rs := &Rules{vars: envVars(fields)}
	zero := make(map[string]any, len(rs.vars))
	for name, v := range rs.vars {
		zero[name] = v.zero
	}
	for _, s := range specs {
		r, err := rs.compileRule(s, zero)
		if err != nil {
			return nil, err
		}
		rs.list = append(rs.list, r)
	}
	return rs, nil
}

func (rs *Rules) compileRule(s configs.Rule, zero map[string]any) (*Rule, error) {
	prog, err := expr.Compile(s.Check, expr.Env(zero), expr.AsBool())
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
		if _, ok := rs.vars[f]; !ok {
			return nil, fmt.Errorf("quality: rule %s: fields: unknown field %q", s.Code, f)
		}
	}
	r.names = identifiers(prog.Node(), rs.vars)
	if len(r.Fields) == 0 {
		r.Fields = r.names
	}
	return r, nil
}

// identifiers lists the env names an expression reads, sorted.
func identifiers(n ast.Node, vars map[string]envVar) []string {
	v := &identVisitor{vars: vars, seen: map[string]bool{}}
	ast.Walk(&n, v)
	out := make([]string, 0, len(v.seen))
	for k := range v.seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

type identVisitor struct {
	vars map[string]envVar
	seen map[string]bool
}

func (v *identVisitor) Visit(n *ast.Node) {
	if id, ok := (*n).(*ast.IdentifierNode); ok && v.vars[id.Value].get != nil {
		v.seen[id.Value] = true
	}
}

// Len is the number of rules.
func (rs *Rules) Len() int { return len(rs.list) }

// Checker runs the rules on the rows of one file. It is not safe for
// concurrent use: it reuses one VM and one environment.
type Checker struct {
	rules  []*Rule
	needs  [][]int // per rule, the indexes in vars of the names it reads
	vars   []checkVar
	period *model.Period
	env    map[string]any
	absent []bool // per var, whether the current row lacks it
	vm     vm.VM
}

// checkVar is a name the checker's rules read.
type checkVar struct {
	name string
	envVar
}

// Checker returns a checker for a sheet whose mapped columns are those for
// which mapped answers true, in a wave with the given period (nil: none).
// Rules that read a field the sheet has no column for are left out: the
// value is unknown, not blank. The environment holds only the names the
// kept rules read, so a row costs what its rules use.
func (rs *Rules) Checker(mapped func(field string) bool, period *model.Period) *Checker {
	c := &Checker{period: period, env: map[string]any{}}
	if rs == nil {
		return c
	}
	index := map[string]int{}
outer:
	for _, r := range rs.list {
		for _, n := range r.names {
			if col := rs.vars[n].column; col != "" && !mapped(col) {
				continue outer
			}
		}
		need := make([]int, len(r.names))
		for k, n := range r.names {
			i, ok := index[n]
			if !ok {
				i = len(c.vars)
				index[n] = i
				c.vars = append(c.vars, checkVar{n, rs.vars[n]})
			}
			need[k] = i
		}
		c.rules, c.needs = append(c.rules, r), append(c.needs, need)
	}
	c.absent = make([]bool, len(c.vars))
	return c
}

// Check runs every rule on rec and calls fail for each one the row breaks.
// A rule is skipped when a number or date it reads is blank. A check that
// fails to run (which the typed compile makes unlikely) counts as broken,
// so that nothing passes unexamined.
func (c *Checker) Check(rec *model.FirmResponse, fail func(*Rule)) {
	if len(c.rules) == 0 {
		return
	}
	for i, v := range c.vars {
		val, ok := v.get(rec, c.period)
		c.env[v.name], c.absent[i] = val, !ok
	}
outer:
	for k, rule := range c.rules {
		for _, i := range c.needs[k] {
			if c.absent[i] {
				continue outer
			}
		}
		out, err := c.vm.Run(rule.prog, c.env)
		if ok, _ := out.(bool); err != nil || !ok {
			fail(rule)
		}
	}
}
