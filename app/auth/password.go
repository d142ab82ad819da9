// Package auth holds the secrets arithmetic of accounts: password hashes
// (argon2id) and session tokens. It knows neither the database nor HTTP.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Password length bounds. The upper bound keeps a hostile form from making
// the server hash megabytes.
const (
	MinPasswordLen = 10
	MaxPasswordLen = 256
)

// Params are the argon2id cost parameters. They are encoded in every hash,
// so raising them later still verifies the old hashes.
type Params struct {
	Memory  uint32 // KiB
	Time    uint32
	Threads uint8
}

// DefaultParams are OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane):
// about 30 ms on one core, cheap enough for a 2-core server under a login
// rate limit, memory-hard against GPU guessing. A function, not a variable,
// so that no code can lower them for everyone.
func DefaultParams() Params { return Params{Memory: 19 * 1024, Time: 2, Threads: 1} }

const (
	saltLen = 16
	keyLen  = 32
)

// ErrMismatch is a wrong password.
var ErrMismatch = errors.New("auth: password does not match")

// CheckPassword says why a new password is refused, in Korean for the user.
func CheckPassword(pw string) error {
	switch n := utf8.RuneCountInString(pw); {
	case strings.TrimSpace(pw) == "":
		return errors.New("비밀번호가 비어 있습니다")
	case n < MinPasswordLen:
		return fmt.Errorf("비밀번호는 %d자 이상이어야 합니다 (지금 %d자)", MinPasswordLen, n)
	case len(pw) > MaxPasswordLen:
		return fmt.Errorf("비밀번호는 %d바이트 이하여야 합니다", MaxPasswordLen)
	}
	return nil
}

// HashPassword returns the PHC-style string
// $argon2id$v=19$m=…,t=…,p=…$salt$key with a fresh random salt.
func HashPassword(pw string, p Params) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("auth: salt: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, keyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// VerifyPassword compares pw with an encoded hash in constant time; a
// malformed hash is an error, never a match.
func VerifyPassword(encoded, pw string) error {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return err
	}
	got := argon2.IDKey([]byte(pw), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	if subtle.ConstantTimeCompare(got, key) != 1 {
		return ErrMismatch
	}
	return nil
}

// dummyHash is verified against when an account does not exist, so that a
// wrong login costs as long as a wrong password and does not reveal which
// accounts exist. It is a constant made once with DefaultParams (a test
// keeps them in step) for a password nobody knows: computing it at start
// would cost every command, the CLI too, a hash's time and memory.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$drl7McRKOH4rvl8FE26feQ$shlwmUEzpZf7KUJLqB1OWi3P2Zw4NhZ7ZT8hngSCstc"

// BurnTime spends the time of one verification.
func BurnTime(pw string) { _ = VerifyPassword(dummyHash, pw) }

// Upper bounds on decoded parameters, so that a tampered row cannot make a
// verification allocate gigabytes.
const (
	maxMemory = 1 << 20 // 1 GiB in KiB
	maxTime   = 16
)

func decodeHash(encoded string) (Params, []byte, []byte, error) {
	parts := strings.Split(encoded, "$")
	bad := fmt.Errorf("auth: malformed password hash")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return Params{}, nil, nil, bad
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return Params{}, nil, nil, bad
	}
	var p Params
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.Memory, &p.Time, &p.Threads); err != nil ||
		p.Memory == 0 || p.Memory > maxMemory || p.Time == 0 || p.Time > maxTime || p.Threads == 0 {
		return Params{}, nil, nil, bad
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	key, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(salt) < 8 || len(key) < 16 {
		return Params{}, nil, nil, bad
	}
	return p, salt, key, nil
}

// NewToken returns a random 32-byte session token, URL-safe, and the hash
// under which the database keeps it.
func NewToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("auth: token: %w", err)
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token), nil
}

// HashToken is the hex SHA-256 of a token: the only form that is stored.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// RandomPassword returns a password of n URL-safe characters.
func RandomPassword(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("auth: random password: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b)[:n], nil
}
