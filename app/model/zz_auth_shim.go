package model

// TEMPORARY: stands in for the auth branch's contract until it is merged.

// Role is an account's role.
type Role string

// Roles.
const (
	RoleViewer  Role = "viewer"
	RoleAnalyst Role = "analyst"
	RoleAdmin   Role = "admin"
)

func (r Role) rank() int {
	return map[Role]int{RoleViewer: 1, RoleAnalyst: 2, RoleAdmin: 3}[r]
}

// AtLeast reports whether r may do what min may.
func (r Role) AtLeast(min Role) bool { return r.rank() > 0 && r.rank() >= min.rank() }

// User is an account.
type User struct {
	ID    int64
	Login string
	Role  Role
}
