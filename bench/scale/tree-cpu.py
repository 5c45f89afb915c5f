#!/usr/bin/env python3
"""Runs a command and reports the CPU time of its whole process tree on fd 3.

Usage: tree-cpu.py COMMAND [ARG...]   (exits with COMMAND's exit code)

Writes one line to fd 3: the user and system seconds of COMMAND and of every process it started,
however deep, as two decimals ("12.340 1.250").

Why not bash's `times`: it counts only the children a process waited for, and the Pulumi CLI
ends its language host without the host having waited for the program's Node process, so the
program's CPU (seconds at N = 300) is lost; so may a plugin's. Here this process makes itself
the "child subreaper" (Linux prctl PR_SET_CHILD_SUBREAPER): every orphaned descendant is
re-parented to it instead of to init, and it reaps them all, so getrusage(RUSAGE_CHILDREN)
holds the whole tree. After COMMAND exits it keeps reaping until no descendant is left, for at
most LINGER_S seconds, then reports anyway (and names the stragglers on stderr).
"""
import ctypes
import errno
import os
import resource
import sys
import time

PR_SET_CHILD_SUBREAPER = 36
LINGER_S = 20.0


def main(argv):
    if len(argv) < 2:
        sys.stderr.write("usage: tree-cpu.py COMMAND [ARG...]\n")
        return 2
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.stderr.write("tree-cpu.py: prctl(PR_SET_CHILD_SUBREAPER) failed: errno %d\n"
                         % ctypes.get_errno())
        return 2
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[1], argv[1:])
        except OSError as e:
            sys.stderr.write("tree-cpu.py: cannot run %s: %s\n" % (argv[1], e))
            os._exit(127)
    code = None
    deadline = None
    while True:
        try:
            if deadline is None:
                waited, status = os.waitpid(-1, 0)
            else:
                waited, status = os.waitpid(-1, os.WNOHANG)
                if waited == 0:
                    if time.monotonic() > deadline:
                        sys.stderr.write("tree-cpu.py: descendants still running after %.0f s;"
                                         " their CPU is not counted\n" % LINGER_S)
                        break
                    time.sleep(0.01)
                    continue
        except ChildProcessError:
            break
        except OSError as e:
            if e.errno == errno.EINTR:
                continue
            raise
        if waited == pid:
            code = os.waitstatus_to_exitcode(status)
            deadline = time.monotonic() + LINGER_S
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with os.fdopen(3, "w") as out:
        out.write("%.3f %.3f\n" % (usage.ru_utime, usage.ru_stime))
    if code is None:
        return 1
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
