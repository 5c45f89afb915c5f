package main

import "syscall"

// dieWithParent has Linux kill the pinned host when this process dies, even by SIGKILL (which the
// CLI sends when a plugin does not stop within 5 s), so no host outlives its relay.
func dieWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
