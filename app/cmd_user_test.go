package main

import (
	"strings"
	"testing"
)

func TestUserCommands(t *testing.T) {
	eachDB(t, func(t *testing.T) {
		tests := []struct {
			name   string
			stdin  string
			args   []string
			code   int
			output string
		}{
			{"add", "correct-horse-1\n", []string{"user", "add", "Kim", "--role", "analyst"}, exitOK, "created kim (analyst)"},
			{"add, flags first", "correct-horse-2", []string{"user", "add", "--role", "ADMIN", "lee"}, exitOK, "created lee (admin)"},
			{"same login, other case", "correct-horse-3\n", []string{"user", "add", "KIM", "--role", "viewer"}, exitRefused, "이미 있는 아이디"},
			{"empty password", "\n", []string{"user", "add", "park", "--role", "viewer"}, exitUsage, "비어 있습니다"},
			{"no input", "", []string{"user", "add", "park", "--role", "viewer"}, exitUsage, "비어 있습니다"},
			{"short password", "short\n", []string{"user", "add", "park", "--role", "viewer"}, exitRefused, "10자 이상"},
			{"unknown role", "correct-horse-4\n", []string{"user", "add", "park", "--role", "root"}, exitUsage, "알 수 없는 역할"},
			{"bad login", "correct-horse-4\n", []string{"user", "add", "a b", "--role", "viewer"}, exitUsage, "login"},
			{"no role", "correct-horse-4\n", []string{"user", "add", "park"}, exitUsage, "usage"},
			{"unknown subcommand", "", []string{"user", "remove", "kim"}, exitUsage, "usage"},
			{"passwd", "another-horse-1\n", []string{"user", "passwd", "kim"}, exitOK, "password changed for kim"},
			{"passwd too short", "x\n", []string{"user", "passwd", "kim"}, exitRefused, "10자 이상"},
			{"passwd unknown", "another-horse-1\n", []string{"user", "passwd", "nobody"}, exitRefused, "없는 아이디"},
			{"disable", "", []string{"user", "disable", "KIM"}, exitOK, "kim disabled"},
			{"list", "", []string{"user", "list"}, exitOK, "kim    analyst  disabled"},
			{"enable", "", []string{"user", "enable", "kim"}, exitOK, "kim enabled"},
		}
		for _, tt := range tests {
			code, out, errOut := cliIn(t, tt.stdin, tt.args...)
			if code != tt.code || !strings.Contains(out+errOut, tt.output) {
				t.Errorf("%s: exit %d, output %q%q; want exit %d containing %q", tt.name, code, out, errOut, tt.code, tt.output)
			}
		}
		// A taken login is a plain Korean refusal, with no SQL error logged.
		if code, _, errOut := cliIn(t, "correct-horse-5\n", "user", "add", "kim", "--role", "viewer"); code != exitRefused ||
			strings.Contains(errOut, "SQL") || strings.Contains(errOut, "level=ERROR") {
			t.Errorf("taken login: exit %d, stderr %q", code, errOut)
		}
		code, out, _ := cli(t, "user", "list")
		if code != exitOK || !strings.Contains(out, "lee    admin    active") || strings.Contains(out, "park") {
			t.Errorf("user list: %d %q", code, out)
		}
	})
}
