package configs

import (
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// FileVar names the YAML file layered over the embedded defaults. It is the
// one variable that is not a field: it says where the fields come from.
const FileVar = "AXDASH_CONFIG"

// The env tag on a configuration field names the variable that overrides it,
// `env:"AXDASH_ADDR"`; the tag is the only table of variables. The option
// ",file" marks a secret, which may instead be read from the file named by
// the variable with _FILE appended (a container secret), so that it need
// not sit in the environment, visible to `ps e` and `docker inspect`.
const (
	envTag        = "env"
	envFileOption = "file"
	fileSuffix    = "_FILE"
)

// envVar is one tagged field of a Config.
type envVar struct {
	name   string
	option string        // after the comma: envFileOption or nothing
	field  reflect.Value // settable: it comes from a *Config
}

// envVars lists c's tagged fields, depth first in declaration order.
func envVars(c *Config) []envVar {
	return appendEnvVars(nil, reflect.ValueOf(c).Elem())
}

func appendEnvVars(out []envVar, v reflect.Value) []envVar {
	for i := 0; i < v.NumField(); i++ {
		f, sf := v.Field(i), v.Type().Field(i)
		if tag, ok := sf.Tag.Lookup(envTag); ok {
			name, opt, _ := strings.Cut(tag, ",")
			out = append(out, envVar{name: name, option: opt, field: f})
		} else if f.Kind() == reflect.Struct {
			out = appendEnvVars(out, f)
		}
	}
	return out
}

// applyEnv layers every variable that is set over c.
func applyEnv(c *Config, getenv func(string) string) error {
	for _, v := range envVars(c) {
		raw, err := v.lookup(getenv)
		if err != nil {
			return err
		}
		if raw == "" {
			continue
		}
		if err := setField(v.field, raw); err != nil {
			shown := strconv.Quote(raw)
			if v.secret() {
				shown = "(secret)"
			}
			return fmt.Errorf("configs: %s=%s is not %w", v.name, shown, err)
		}
	}
	return nil
}

// secret says the variable holds a secret (its tag's ",file" option).
func (v envVar) secret() bool { return v.option == envFileOption }

// lookup returns the variable's value, or a secret's file's content with
// its trailing newline trimmed; "" means unset.
func (v envVar) lookup(getenv func(string) string) (string, error) {
	raw := getenv(v.name)
	if !v.secret() {
		return raw, nil
	}
	path := getenv(v.name + fileSuffix)
	switch {
	case path == "":
		return raw, nil
	case raw != "":
		return "", fmt.Errorf("configs: %s and %s%s are both set; keep one", v.name, v.name, fileSuffix)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("configs: read %s%s: %w", v.name, fileSuffix, err)
	}
	if raw = strings.TrimRight(string(b), "\r\n"); raw == "" {
		return "", fmt.Errorf("configs: %s%s names %s, which is empty", v.name, fileSuffix, path)
	}
	return raw, nil
}

// typeError says what a value should have been; applyEnv names the variable.
type typeError string

func (e typeError) Error() string { return string(e) }

// setField parses raw into f by f's type. A list is comma-separated, and "-"
// is an explicit empty list, so that the environment can clear one the file
// set.
func setField(f reflect.Value, raw string) error {
	switch {
	case f.Type() == reflect.TypeOf(time.Duration(0)):
		d, err := time.ParseDuration(raw)
		if err != nil {
			return typeError("a duration such as 30s or 15m")
		}
		f.SetInt(int64(d))
	case f.Kind() == reflect.String:
		f.SetString(raw)
	case f.Kind() == reflect.Bool:
		b, err := strconv.ParseBool(raw)
		if err != nil {
			return typeError("true or false")
		}
		f.SetBool(b)
	case f.CanInt():
		n, err := strconv.ParseInt(raw, 10, f.Type().Bits())
		if err != nil {
			return typeError("an integer")
		}
		f.SetInt(n)
	case f.CanFloat():
		x, err := strconv.ParseFloat(raw, f.Type().Bits())
		if err != nil {
			return typeError("a number")
		}
		f.SetFloat(x)
	case f.Type() == reflect.TypeOf([]string(nil)):
		f.Set(reflect.ValueOf(splitList(raw)))
	default:
		return typeError("settable: configs has no parser for " + f.Type().String())
	}
	return nil
}

// splitList splits a comma-separated list, dropping blanks; "-" is empty.
func splitList(v string) []string {
	if v == "-" {
		return nil
	}
	var out []string
	for _, f := range strings.Split(v, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
