package auth

import (
	"strings"
	"testing"
)

// fast keeps the tests quick; the encoding carries the parameters.
var fast = Params{Memory: 64, Time: 1, Threads: 1}

func TestHashAndVerify(t *testing.T) {
	h, err := HashPassword("correct horse battery", fast)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Errorf("hash %q does not encode its parameters", h)
	}
	h2, _ := HashPassword("correct horse battery", fast)
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	tests := []struct {
		name, hash, pw string
		ok             bool
	}{
		{"right", h, "correct horse battery", true},
		{"wrong", h, "correct horse batterY", false},
		{"empty", h, "", false},
		{"default params", mustHash(t, "pw-default-1", DefaultParams()), "pw-default-1", true},
		{"not a hash", "plain", "plain", false},
		{"bcrypt", "$2a$10$abcdefghijklmnopqrstuv", "x", false},
		{"huge memory", "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5", "x", false},
		{"bad base64", "$argon2id$v=19$m=64,t=1,p=1$!!!$!!!", "x", false},
	}
	for _, tt := range tests {
		err := VerifyPassword(tt.hash, tt.pw)
		if (err == nil) != tt.ok {
			t.Errorf("%s: VerifyPassword = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

func mustHash(t *testing.T, pw string, p Params) string {
	t.Helper()
	h, err := HashPassword(pw, p)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		pw   string
		ok   bool
		want string
	}{
		{"", false, "비어"},
		{"          ", false, "비어"},
		{"short", false, "10자 이상"},
		{"한글비밀번호열자리다", true, ""},
		{"0123456789", true, ""},
		{strings.Repeat("x", MaxPasswordLen+1), false, "바이트 이하"},
	}
	for _, tt := range tests {
		err := CheckPassword(tt.pw)
		if (err == nil) != tt.ok || (err != nil && !strings.Contains(err.Error(), tt.want)) {
			t.Errorf("CheckPassword(%q) = %v, want ok=%v %q", tt.pw, err, tt.ok, tt.want)
		}
	}
}

func TestTokens(t *testing.T) {
	a, ha, err := NewToken()
	if err != nil {
		t.Fatal(err)
	}
	b, hb, _ := NewToken()
	if a == b || ha == hb {
		t.Error("two tokens are equal")
	}
	if len(a) != 43 || len(ha) != 64 || HashToken(a) != ha || strings.Contains(ha, a) {
		t.Errorf("token %q hash %q", a, ha)
	}
	p, err := RandomPassword(20)
	if err != nil || len(p) != 20 || CheckPassword(p) != nil {
		t.Errorf("RandomPassword = %q, %v", p, err)
	}
}

// TestDummyHashMatchesDefaults keeps the unknown-account hash as costly as
// a real one: if DefaultParams change, the constant must be made again.
func TestDummyHashMatchesDefaults(t *testing.T) {
	p, _, _, err := decodeHash(dummyHash)
	if err != nil || p != DefaultParams() {
		t.Errorf("dummyHash params %+v (%v), DefaultParams %+v", p, err, DefaultParams())
	}
	if err := VerifyPassword(dummyHash, "axdash-no-such-account"); err != ErrMismatch {
		t.Errorf("a guessable password matches the dummy hash: %v", err)
	}
}
