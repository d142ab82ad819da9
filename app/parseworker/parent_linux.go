package parseworker

import (
	"os/exec"
	"syscall"
)

// dieWithParent has the kernel kill the child when the parent ends,
// however it ends (kill -9 included).
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
