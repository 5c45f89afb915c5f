//go:build !linux

package main

import "syscall"

// dieWithParent: only Linux has a parent-death signal. Elsewhere the pinned host stays in the
// CLI's process group, which the CLI signals when it stops a plugin.
func dieWithParent() *syscall.SysProcAttr {
	return nil
}
