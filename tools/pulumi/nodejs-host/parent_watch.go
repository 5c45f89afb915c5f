package main

import (
	"os"
	"time"
)

// parentPollInterval is how often watchParent checks who its parent is.
const parentPollInterval = 500 * time.Millisecond

// watchParent returns a channel closed once the process that started this one (parent, its pid
// read first thing in main) has exited, which the CLI does without stopping its plugins when it
// is killed (SIGKILL, an OOM kill, a crashed CI runner). The sign is a change of os.Getppid:
// an orphan is re-parented to init or to the nearest subreaper. It is checked every
// parentPollInterval and at once on each hint (the Linux parent-death signal). A parent that was
// gone before main ran (parent is then already init's pid) is not noticed.
func watchParent(parent int, hints <-chan os.Signal) <-chan struct{} {
	gone := make(chan struct{})
	go func() {
		tick := time.NewTicker(parentPollInterval)
		defer tick.Stop()
		for os.Getppid() == parent {
			select {
			case <-tick.C:
			case <-hints:
			}
		}
		close(gone)
	}()
	return gone
}
