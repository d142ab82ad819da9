package configs

import (
	_ "embed"
	"fmt"
	"os"

	"gopkg.in/yaml.v3"
)

//go:embed rules.yaml
var rulesYAML []byte

// Rule is one data-quality rule as written in rules.yaml; package quality
// compiles its Check.
type Rule struct {
	Code     string   `yaml:"code"`
	Name     string   `yaml:"name"` // short, in Korean, for people; the code stands in when empty
	Severity string   `yaml:"severity"`
	Fields   []string `yaml:"fields"`
	Message  string   `yaml:"message"`
	Check    string   `yaml:"check"`
	Disabled bool     `yaml:"disabled"`
}

type ruleFile struct {
	Rules []Rule `yaml:"rules"`
}

// LoadRules returns the embedded rules overlaid by the file at path (none
// when path is empty): a rule with a known code replaces it in place, a new
// code is appended, and a disabled rule is dropped. Shapes are checked here;
// expressions are checked when package quality compiles them.
func LoadRules(path string) ([]Rule, error) {
	base, err := parseRules(rulesYAML, "embedded rules.yaml")
	if err != nil {
		return nil, err
	}
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("configs: read rules file: %w", err)
		}
		over, err := parseRules(b, path)
		if err != nil {
			return nil, err
		}
		base = mergeRules(base, over)
	}
	out := base[:0]
	for _, r := range base {
		if !r.Disabled {
			out = append(out, r)
		}
	}
	return out, nil
}

func parseRules(b []byte, name string) ([]Rule, error) {
	var f ruleFile
	if err := yaml.Unmarshal(b, &f); err != nil {
		return nil, fmt.Errorf("configs: parse %s: %w", name, err)
	}
	seen := map[string]bool{}
	for i, r := range f.Rules {
		if err := r.validate(); err != nil {
			return nil, fmt.Errorf("configs: %s: rule %d: %w", name, i+1, err)
		}
		if seen[r.Code] {
			return nil, fmt.Errorf("configs: %s: rule %s appears twice", name, r.Code)
		}
		seen[r.Code] = true
	}
	return f.Rules, nil
}

func (r Rule) validate() error {
	switch {
	case r.Code == "":
		return fmt.Errorf("no code")
	case r.Disabled:
		return nil // only the code matters for dropping a rule
	case r.Severity != "error" && r.Severity != "warning":
		return fmt.Errorf("%s: severity must be error or warning, got %q", r.Code, r.Severity)
	case r.Message == "":
		return fmt.Errorf("%s: no message", r.Code)
	case r.Check == "":
		return fmt.Errorf("%s: no check expression", r.Code)
	}
	return nil
}

func mergeRules(base, over []Rule) []Rule {
	at := make(map[string]int, len(base))
	for i, r := range base {
		at[r.Code] = i
	}
	for _, r := range over {
		if i, ok := at[r.Code]; ok {
			base[i] = r
			continue
		}
		at[r.Code] = len(base)
		base = append(base, r)
	}
	return base
}
