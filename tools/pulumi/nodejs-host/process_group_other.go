//go:build !unix

package main

import "syscall"

// leadProcessGroup: no process groups to signal here; only the pinned host itself is stopped.
func leadProcessGroup() bool { return false }

// signalGroup is never called where leadProcessGroup is false.
func signalGroup(syscall.Signal) {}
