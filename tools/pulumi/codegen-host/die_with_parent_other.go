//go:build !linux

package main

// dieWithParent does nothing here: the CLI stops its plugins when it closes them.
func dieWithParent() {}
