package model

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestRoleAtLeast(t *testing.T) {
	tests := []struct {
		r, min Role
		want   bool
	}{
		{RoleViewer, RoleViewer, true},
		{RoleViewer, RoleAnalyst, false},
		{RoleViewer, RoleAdmin, false},
		{RoleAnalyst, RoleViewer, true},
		{RoleAnalyst, RoleAnalyst, true},
		{RoleAnalyst, RoleAdmin, false},
		{RoleAdmin, RoleViewer, true},
		{RoleAdmin, RoleAdmin, true},
		{Role("root"), RoleViewer, false},
		{Role(""), RoleViewer, false},
	}
	for _, tt := range tests {
		if got := tt.r.AtLeast(tt.min); got != tt.want {
			t.Errorf("%q.AtLeast(%q) = %v, want %v", tt.r, tt.min, got, tt.want)
		}
	}
}

func TestParseRole(t *testing.T) {
	tests := []struct {
		in   string
		want Role
		ok   bool
	}{
		{"admin", RoleAdmin, true},
		{" Analyst ", RoleAnalyst, true},
		{"VIEWER", RoleViewer, true},
		{"root", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, err := ParseRole(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseRole(%q) = %q, %v; want %q, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestValidLogin(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"kim.analyst", true},
		{"a@b-c_d", true},
		{"", false},
		{"with space", false},
		{"한글", false},
		{"<script>", false},
		{strings.Repeat("a", MaxLoginLen), true},
		{strings.Repeat("a", MaxLoginLen+1), false},
	}
	for _, tt := range tests {
		if err := ValidLogin(tt.in); (err == nil) != tt.ok {
			t.Errorf("ValidLogin(%q) = %v, want ok=%v", tt.in, err, tt.ok)
		}
	}
	if got := FoldLogin("  Kim.A "); got != "kim.a" {
		t.Errorf("FoldLogin = %q", got)
	}
}

func TestUserJSONHasNoHash(t *testing.T) {
	b, err := json.Marshal(User{ID: 1, Login: "kim", Role: RoleAdmin, PasswordHash: "$argon2id$secret"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "argon2id") || strings.Contains(string(b), "password") {
		t.Errorf("user JSON leaks the hash: %s", b)
	}
}
