#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs `xunjian --data-dir DIR team join CONNINFO --user NAME` on a
# pseudo-terminal and types PASSWORD once it is asked for; prints what the
# terminal showed.  Exit status 0 when the join succeeded.
# usage: type-password.py XUNJIAN DIR CONNINFO NAME PASSWORD
import os
import pty
import signal
import sys

binary, data_dir, conninfo, user, password = sys.argv[1:6]
pid, fd = pty.fork()
if pid == 0:
    os.execv(binary, [binary, "--data-dir", data_dir, "team", "join", conninfo, "--user", user])

# A join that never ends fails the test instead of hanging it.
signal.signal(signal.SIGALRM, lambda *_: (os.kill(pid, signal.SIGKILL), sys.exit(1)))
signal.alarm(60)
seen = b""


def read():
    global seen
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        return False
    seen += chunk
    return bool(chunk)


while b"password" not in seen and read():
    pass
os.write(fd, password.encode() + b"\n")
while read():
    pass
sys.stdout.write(seen.decode("utf-8", "replace"))
sys.exit(os.waitpid(pid, 0)[1] != 0)
