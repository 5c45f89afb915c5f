package main

import (
	"syscall"

	"golang.org/x/sys/unix"
)

// dieWithParent ends this host when the CLI that started it dies without stopping it, so no
// orphaned host keeps its port (Linux: the parent-death signal).
func dieWithParent() {
	_ = unix.Prctl(unix.PR_SET_PDEATHSIG, uintptr(syscall.SIGTERM), 0, 0, 0)
}
