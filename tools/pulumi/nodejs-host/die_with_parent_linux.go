package main

import (
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/sys/unix"
)

// dieWithParent has Linux kill the pinned host when this process dies, even by SIGKILL (which the
// CLI sends when a plugin does not stop within 5 s), so no host outlives its relay.
func dieWithParent() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// parentDeathHints asks Linux for a signal (SIGUSR1) when the process that started this one
// exits: the fast path of watchParent, which still confirms with os.Getppid. Only a hint, because
// prctl(2) ties the parent-death signal to the *thread* that forked us ("the signal will be sent
// when that thread terminates ... rather than after all of the threads in the parent process
// terminate"): a Go parent may end that thread while it lives on.
func parentDeathHints() <-chan os.Signal {
	hints := make(chan os.Signal, 1)
	signal.Notify(hints, syscall.SIGUSR1)
	if err := unix.Prctl(unix.PR_SET_PDEATHSIG, uintptr(syscall.SIGUSR1), 0, 0, 0); err != nil {
		signal.Stop(hints)
		return nil
	}
	return hints
}
