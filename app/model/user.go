package model

import (
	"fmt"
	"strings"
	"time"
)

// Role is what an account may do. Roles are ordered: each one may do
// everything the ones below it may.
type Role string

// The three roles: viewers browse, analysts also import, admins also manage
// users, waves and the boundary map.
const (
	RoleViewer  Role = "viewer"
	RoleAnalyst Role = "analyst"
	RoleAdmin   Role = "admin"
)

// Roles lists the roles from least to most powerful.
func Roles() []Role { return []Role{RoleViewer, RoleAnalyst, RoleAdmin} }

func (r Role) rank() int {
	switch r {
	case RoleViewer:
		return 1
	case RoleAnalyst:
		return 2
	case RoleAdmin:
		return 3
	default:
		return 0
	}
}

// AtLeast reports whether r may do what min may. An unknown role may do
// nothing, so a corrupted row never grants access.
func (r Role) AtLeast(min Role) bool { return r.rank() > 0 && r.rank() >= min.rank() }

// Label is the role's Korean name for pages.
func (r Role) Label() string {
	switch r {
	case RoleViewer:
		return "열람자"
	case RoleAnalyst:
		return "분석 담당자"
	case RoleAdmin:
		return "관리자"
	default:
		return string(r)
	}
}

// ParseRole accepts a role name in any letter case.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if r.rank() == 0 {
		return "", fmt.Errorf("알 수 없는 역할 %q: admin, analyst, viewer 중 하나여야 합니다", s)
	}
	return r, nil
}

// MaxLoginLen bounds an account name.
const MaxLoginLen = 64

// FoldLogin is the canonical form of an account name: logins are unique
// without regard to letter case or surrounding spaces.
func FoldLogin(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// ValidLogin reports whether a folded login is acceptable: 1 to 64 letters,
// digits or . _ - @, so that it is safe in URLs, logs and file names.
func ValidLogin(login string) error {
	if login == "" || len(login) > MaxLoginLen {
		return fmt.Errorf("login must be 1 to %d characters", MaxLoginLen)
	}
	for _, r := range login {
		ok := (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || strings.ContainsRune("._-@", r)
		if !ok {
			return fmt.Errorf("login %q may hold only a-z, 0-9, '.', '_', '-' and '@'", login)
		}
	}
	return nil
}

// User is an account. The password hash never leaves the server: it is not
// serialised to JSON.
type User struct {
	ID           int64     `gorm:"primaryKey" json:"id"`
	Login        string    `gorm:"size:64;uniqueIndex;not null" json:"login"`
	Role         Role      `gorm:"size:16;not null" json:"role"`
	PasswordHash string    `gorm:"size:255;not null" json:"-"`
	Disabled     bool      `gorm:"not null" json:"disabled"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Session is a signed-in browser. Only the SHA-256 of its token is stored,
// so a copy of the database does not let anyone sign in.
type Session struct {
	TokenHash  string    `gorm:"primaryKey;size:64"`
	UserID     int64     `gorm:"index;not null"`
	CreatedAt  time.Time `gorm:"not null"`
	LastSeenAt time.Time `gorm:"not null"`
	ExpiresAt  time.Time `gorm:"not null"`
}
