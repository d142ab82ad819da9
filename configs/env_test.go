package configs

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// defaults is the embedded configuration before any file or variable.
func defaults(t *testing.T) Config {
	t.Helper()
	var c Config
	if err := decodeStrict(defaultYAML, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

// fieldOf is the field of c that the variable name sets.
func fieldOf(t *testing.T, c *Config, name string) reflect.Value {
	t.Helper()
	for _, v := range envVars(c) {
		if v.name == name {
			return v.field
		}
	}
	t.Fatalf("no field is tagged %s", name)
	return reflect.Value{}
}

// otherValue is a spelling of a value unlike the field's default, and the
// value it should parse to; the test fails on a field type it cannot vary.
func otherValue(t *testing.T, f reflect.Value) (string, any) {
	t.Helper()
	switch x := f.Interface().(type) {
	case time.Duration:
		return (x + 90*time.Second).String(), x + 90*time.Second
	case string:
		return x + "-other", x + "-other"
	case bool:
		return strconv.FormatBool(!x), !x
	case int:
		return strconv.Itoa(x + 3), x + 3
	case int64:
		return strconv.FormatInt(x+3, 10), x + 3
	case float64:
		return strconv.FormatFloat(x+0.5, 'g', -1, 64), x + 0.5
	case []string:
		return " 10.0.0.0/8,,192.0.2.7 ", []string{"10.0.0.0/8", "192.0.2.7"}
	}
	t.Fatalf("no test value for a %s field", f.Type())
	return "", nil
}

// Every tagged variable sets its own field and nothing else; a secret's
// _FILE variant does the same, and "-" clears a list. The cases come from
// the tags, so a new field is tested as soon as it is tagged.
func TestEnvVarsSetTheirField(t *testing.T) {
	type setCase struct {
		how  string
		vars map[string]string
		want reflect.Value
	}
	base := defaults(t)
	for _, v := range envVars(&base) {
		raw, want := otherValue(t, v.field)
		cases := []setCase{{"variable", map[string]string{v.name: raw}, reflect.ValueOf(want)}}
		if v.secret() {
			cases = append(cases, setCase{"file", map[string]string{v.name + fileSuffix: writeConfig(t, raw+"\n")}, reflect.ValueOf(want)})
		}
		if v.field.Kind() == reflect.Slice {
			cases = append(cases, setCase{"cleared", map[string]string{v.name: "-"}, reflect.Zero(v.field.Type())})
		}
		for _, tc := range cases {
			t.Run(v.name+"/"+tc.how, func(t *testing.T) {
				got := defaults(t)
				if err := applyEnv(&got, envOf(tc.vars)); err != nil {
					t.Fatal(err)
				}
				expect := defaults(t)
				fieldOf(t, &expect, v.name).Set(tc.want)
				if !reflect.DeepEqual(got, expect) {
					t.Errorf("%v: field = %#v, want %#v (or another field changed)", tc.vars, fieldOf(t, &got, v.name).Interface(), tc.want.Interface())
				}
			})
		}
	}
}

// A value of the wrong type stops the start, naming the variable, the value
// and what it should be.
func TestEnvVarRejects(t *testing.T) {
	bad := map[reflect.Kind]struct{ value, want string }{
		reflect.Bool:    {"maybe", "is not true or false"},
		reflect.Int:     {"five", "is not an integer"},
		reflect.Int64:   {"1.5", "is not an integer"},
		reflect.Float64: {"high", "is not a number"},
	}
	base := defaults(t)
	for _, v := range envVars(&base) {
		tc, ok := bad[v.field.Kind()]
		if v.field.Type() == reflect.TypeOf(time.Duration(0)) {
			tc, ok = struct{ value, want string }{"7d", "is not a duration"}, true
		}
		if !ok { // strings and lists take any value
			continue
		}
		t.Run(v.name, func(t *testing.T) {
			c := defaults(t)
			err := applyEnv(&c, envOf(map[string]string{v.name: tc.value}))
			if want := v.name + "=" + strconv.Quote(tc.value) + " " + tc.want; err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("err = %v, want one mentioning %q", err, want)
			}
		})
	}
}

func TestSecretFile(t *testing.T) {
	url := "postgres://axdash:s3cret@db/axdash"
	tests := []struct {
		name    string
		env     map[string]string
		want    string
		wantErr string
	}{
		{"file, newline trimmed", map[string]string{"AXDASH_DATABASE_URL_FILE": writeConfig(t, url+"\n")}, url, ""},
		{"file, CRLF trimmed", map[string]string{"AXDASH_DATABASE_URL_FILE": writeConfig(t, url+"\r\n")}, url, ""},
		{"file over AXDASH_CONFIG", map[string]string{"AXDASH_CONFIG": writeConfig(t, "database:\n  url: postgres://file@x/y\n"),
			"AXDASH_DATABASE_URL_FILE": writeConfig(t, url)}, url, ""},
		{"both set", map[string]string{"AXDASH_DATABASE_URL": url, "AXDASH_DATABASE_URL_FILE": writeConfig(t, url)}, "",
			"AXDASH_DATABASE_URL and AXDASH_DATABASE_URL_FILE are both set"},
		{"missing file", map[string]string{"AXDASH_DATABASE_URL_FILE": filepath.Join(t.TempDir(), "none")}, "", "read AXDASH_DATABASE_URL_FILE"},
		{"empty file", map[string]string{"AXDASH_DATABASE_URL_FILE": writeConfig(t, "\n")}, "", "which is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(envOf(tt.env))
			switch {
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("err = %v, want one mentioning %q", err, tt.wantErr)
			case tt.wantErr != "" && strings.Contains(err.Error(), "s3cret"):
				t.Errorf("the error shows the secret: %v", err)
			case tt.wantErr == "" && err != nil:
				t.Errorf("err = %v", err)
			case tt.wantErr == "" && c.Database.URL != tt.want:
				t.Errorf("url = %q, want %q", c.Database.URL, tt.want)
			}
		})
	}
}

// variables is every variable axdash reads, and whether it is a secret:
// the fields' tags, the secrets' _FILE variants and AXDASH_CONFIG.
func variables(t *testing.T) map[string]bool {
	t.Helper()
	var c Config
	out := map[string]bool{FileVar: false}
	name := regexp.MustCompile(`^AXDASH_[A-Z0-9_]+$`)
	for _, v := range envVars(&c) {
		_, twice := out[v.name]
		if _, fileTwice := out[v.name+fileSuffix]; !name.MatchString(v.name) || twice || fileTwice {
			t.Errorf("variable %q is misspelt or tagged twice", v.name)
		}
		if v.option != "" && v.option != envFileOption {
			t.Errorf("%s: unknown tag option %q (only %q)", v.name, v.option, envFileOption)
		}
		out[v.name] = v.secret()
		if v.secret() {
			out[v.name+fileSuffix] = true
		}
	}
	return out
}

// readmeVariables maps each variable README's environment table names to
// the meaning in its row.
func readmeVariables(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## Environment\n")
	if !ok {
		t.Fatal("README has no Environment section")
	}
	section, _, _ = strings.Cut(section, "\n## ")
	out := map[string]string{}
	name := regexp.MustCompile("`(AXDASH_[A-Z0-9_]+)`")
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, " | ")
		if !strings.HasPrefix(line, "| `AXDASH_") || len(cells) < 2 {
			continue
		}
		for _, m := range name.FindAllStringSubmatch(cells[0], -1) {
			out[m[1]] = cells[1]
		}
	}
	return out
}

// README's environment table and the tags cannot drift apart: every
// variable has a row, a secret's says so, and every row but the tests'
// names a variable.
func TestEnvVarsDocumented(t *testing.T) {
	vars, documented := variables(t), readmeVariables(t)
	for name, secret := range vars {
		meaning, ok := documented[name]
		switch {
		case !ok:
			t.Errorf("%s is not in README's environment table", name)
		case secret && !strings.HasPrefix(meaning, "secret"):
			t.Errorf("README does not say %s is a secret (a _FILE variant): %q", name, meaning)
		}
	}
	for name, meaning := range documented {
		if _, ok := vars[name]; !ok && !strings.HasPrefix(meaning, "tests only") {
			t.Errorf("README documents %s, which no configuration field reads (mark test variables \"tests only\")", name)
		}
	}
}
