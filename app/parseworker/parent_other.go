//go:build !linux

package parseworker

import "os/exec"

// dieWithParent needs Linux's parent-death signal; elsewhere a child of a
// killed parent runs on until its time limit.
func dieWithParent(*exec.Cmd) {}
