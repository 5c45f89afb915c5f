package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// treeGrace is how long endTree lets the pinned host and the program stop on SIGTERM before
// SIGKILL.
const treeGrace = 2 * time.Second

// pinnedHostRelPath is where scripts/setup-pulumi.sh puts the pinned v3.68.0 host, relative to
// this executable's folder (.tools/bin → .tools/libexec): off PATH, so the CLI never picks it.
const pinnedHostRelPath = "../libexec/pulumi-language-nodejs"

// pinnedHostPath finds the pinned host next to this executable, after resolving symlinks.
func pinnedHostPath() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	path := filepath.Join(filepath.Dir(exe), filepath.FromSlash(pinnedHostRelPath))
	if info, err := os.Stat(path); err != nil || info.IsDir() || info.Mode()&0o111 == 0 {
		return "", fmt.Errorf("the pinned Node.js language host is missing at %s: run `npm run setup:pulumi`", path)
	}
	return path, nil
}

// pinnedHost is the running child process of the pinned language host.
type pinnedHost struct {
	cmd    *exec.Cmd
	addr   string
	stdout *bufio.Reader
	// exited is closed once the process has ended; waitErr is its result.
	exited  chan struct{}
	waitErr error
}

// startPinnedHost runs the host at path with the CLI's arguments (flags, then the engine address)
// and reads the port it serves on from its first stdout line, as the CLI itself would.
func startPinnedHost(path string, args []string) (*pinnedHost, error) {
	// An os.Pipe rather than cmd.StdoutPipe: Wait must not close the read end while the rest of
	// the output is still being copied.
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(path, args...)
	cmd.Stdout = w
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = dieWithParent()
	if err := cmd.Start(); err != nil {
		_ = r.Close()
		_ = w.Close()
		return nil, fmt.Errorf("starting the pinned language host %s: %w", path, err)
	}
	_ = w.Close()
	h := &pinnedHost{cmd: cmd, stdout: bufio.NewReader(r), exited: make(chan struct{})}
	go func() {
		h.waitErr = cmd.Wait()
		close(h.exited)
	}()

	line, err := h.stdout.ReadString('\n')
	if err != nil {
		<-h.exited
		return nil, fmt.Errorf("the pinned language host %s ended before printing its port (%v)", path, h.waitErr)
	}
	port, err := parsePortLine(line)
	if err != nil {
		h.stop()
		return nil, fmt.Errorf("the pinned language host %s: %w", path, err)
	}
	h.addr = "127.0.0.1:" + strconv.Itoa(port)
	return h, nil
}

// parsePortLine reads the port a plugin prints as its first stdout line.
func parsePortLine(line string) (int, error) {
	port, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil || port <= 0 || port > 65535 {
		return 0, fmt.Errorf("expected a port on the first stdout line, got %q", line)
	}
	return port, nil
}

// copyOutput copies what the pinned host prints after its port line to w, until it ends.
func (h *pinnedHost) copyOutput(w io.Writer) {
	_, _ = io.Copy(w, h.stdout)
}

// exitCode is the pinned host's exit code, 1 when it did not exit normally.
func (h *pinnedHost) exitCode() int {
	<-h.exited
	var exitErr *exec.ExitError
	switch {
	case h.waitErr == nil:
		return 0
	case errors.As(h.waitErr, &exitErr) && exitErr.ExitCode() >= 0:
		return exitErr.ExitCode()
	default:
		return 1
	}
}

// stop kills the pinned host unless it has ended already.
func (h *pinnedHost) stop() {
	select {
	case <-h.exited:
	default:
		_ = h.cmd.Process.Kill()
		<-h.exited
	}
}

// endTree ends the pinned host and everything it started (the program's node process), for when
// the CLI died without stopping us. With group set (this process leads a process group, which
// they share), the whole group gets SIGTERM, then SIGKILL once the pinned host has exited or
// treeGrace has passed — which ends this process too. Otherwise only the pinned host is stopped.
func (h *pinnedHost) endTree(group bool) {
	if !group {
		_ = h.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-h.exited:
		case <-time.After(treeGrace):
		}
		h.stop()
		return
	}
	// Caught, so this process outlives its own SIGTERM and sends the SIGKILL.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGTERM)
	signalGroup(syscall.SIGTERM)
	select {
	case <-h.exited:
		// The program may still be stopping (or ignore SIGTERM): the SIGKILL ends it.
	case <-time.After(treeGrace):
	}
	signalGroup(syscall.SIGKILL)
}
