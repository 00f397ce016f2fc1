#!/usr/bin/env python3
# interactive.py — makemcp on a terminal: questions, shell completion, ^C
#
# Copyright 2026 The makemcp-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   interactive.py MAKEMCP EXAMPLE-SERVER FEATURE-SERVER [LINE-EDITING]
#
# LINE-EDITING is what makemcp was built with (libedit, readline, none);
# without line editing, completion is not tried.
#
# Runs makemcp on a pseudo-terminal, as a person would: it answers the
# server's elicitation on the terminal, completes tool names in the shell
# with the tab key, and cancels a call on ^C.

import os
import pty
import select
import signal
import sys
import time


class Terminal:
    def __init__(self, argv):
        env = dict(os.environ, TERM='xterm', NO_COLOR='1')
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(argv[0], argv, env)
        self.seen = b''

    def expect(self, text, timeout=15):
        deadline = time.monotonic() + timeout
        wanted = text.encode()
        while wanted not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f'did not see {text!r}; got {self.seen.decode(errors="replace")!r}')
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.fd, 4096)
                except OSError:
                    chunk = b''
                if not chunk:
                    raise AssertionError(f'end of output before {text!r}; got {self.seen.decode(errors="replace")!r}')
                self.seen += chunk
        # Consume up to the match, so that the next expect looks further.
        self.seen = self.seen[self.seen.index(wanted) + len(wanted):]

    def send(self, text):
        os.write(self.fd, text.encode())

    def wait(self, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            # Drain, so that the program never blocks on a full terminal.
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    os.read(self.fd, 4096)
                except OSError:
                    pass
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                return os.waitstatus_to_exitcode(status)
        os.kill(self.pid, signal.SIGKILL)
        raise AssertionError('the program did not exit')


def check(condition, what):
    if not condition:
        print(f'not ok: {what}')
        sys.exit(1)
    print(f'ok: {what}')


def main():
    makemcp, example, feature = sys.argv[1:4]
    line_editing = sys.argv[4] if len(sys.argv) > 4 else 'libedit'

    # An elicitation, answered on the terminal.
    term = Terminal([makemcp, 'call', '-o', 'text', feature, 'confirm_clear'])
    term.expect('The server asks: Really clear every note?')
    term.expect('Answer? [y/N]')
    term.send('y\r')
    term.expect('Clear every note (boolean')
    term.send('y\r')
    term.expect('All notes were cleared')
    check(term.wait() == 0, 'an elicitation answered on the terminal')

    # Declined.
    term = Terminal([makemcp, 'call', '-o', 'text', '--legacy', feature, 'confirm_clear'])
    term.expect('Answer? [y/N]')
    term.send('n\r')
    term.expect('Nothing was cleared')
    check(term.wait() == 0, 'an elicitation declined on the terminal (legacy)')

    # The shell: completion of commands and tool names.
    if line_editing == 'none':
        print('skip: completion (makemcp was built without line editing)')
        return 0
    term = Terminal([makemcp, 'shell', feature])
    term.expect('mcp> ')
    # What the line editor echoes is a redraw, not the text: the command
    # only works if both words were completed.
    term.send('cal\t')
    time.sleep(0.3)
    term.send('add_n\t')
    time.sleep(0.3)
    term.send('text=hello\r')
    term.expect('notes://note/1')
    term.expect('mcp> ')
    term.send('read notes://in\t')
    time.sleep(0.3)
    term.send('\r')
    term.expect('1. hello')
    term.expect('mcp> ')
    term.send('quit\r')
    check(term.wait() == 0, 'the shell completes commands, tool names and URIs')

    # ^D ends the shell too.
    term = Terminal([makemcp, 'shell', example])
    term.expect('mcp> ')
    term.send('\x04')
    check(term.wait() == 0, '^D ends the shell')

    # ^C cancels a call: the program ends, interrupted.
    term = Terminal([makemcp, 'call', example, 'sleep', 'ms=60000'])
    time.sleep(1.0)
    started = time.monotonic()
    term.send('\x03')
    status = term.wait()
    check(status == 130 and time.monotonic() - started < 10, f'^C cancels a call (status {status})')

    return 0


if __name__ == '__main__':
    sys.exit(main())
