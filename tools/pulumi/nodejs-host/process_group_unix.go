//go:build unix

package main

import "syscall"

// leadProcessGroup makes this process the leader of its own process group, which the pinned host
// and the program it runs inherit, and reports whether it is one. The CLI starts every plugin
// that way already (cmdutil.RegisterProcessGroup: Setpgid); this covers other parents, so that
// signalling the group can never reach the parent's own processes.
func leadProcessGroup() bool {
	_ = syscall.Setpgid(0, 0)
	return syscall.Getpgrp() == syscall.Getpid()
}

// signalGroup sends sig to every process of this process's group, this one included.
func signalGroup(sig syscall.Signal) {
	_ = syscall.Kill(0, sig)
}
