//go:build !linux

package main

import (
	"os"
	"syscall"
)

// dieWithParent: only Linux has a parent-death signal. Elsewhere the pinned host stays in this
// process's group, which the CLI signals when it stops a plugin and which watchParent's caller
// signals when the CLI dies.
func dieWithParent() *syscall.SysProcAttr {
	return nil
}

// parentDeathHints: no parent-death signal here; watchParent polls alone.
func parentDeathHints() <-chan os.Signal {
	return nil
}
