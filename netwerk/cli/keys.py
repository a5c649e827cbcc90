"""Single-key input for `netwerk review`, on the standard library's termios.

Why termios and not Textual or readchar: the review needs one key at a time and a few line
prompts, nothing more. termios and tty are part of Python (POSIX), so they add no dependency
and cost well under a millisecond to import (Textual costs ~0.2 s and tens of MB; readchar is
small but another package to pin). Only `netwerk review` imports this module, inside the
command; a guard test checks that no other command loads it.

The terminal is put in cbreak mode only while a key is read, and restored in a `finally`, so
an error, Ctrl-C or a closed terminal never leaves it raw. ISIG stays on: Ctrl-C raises
KeyboardInterrupt as usual. Line prompts read a line in cooked mode (see `ask_line`).
"""

from __future__ import annotations

import os
import select
import sys
import termios
import tty

ESCAPE = "\x1b"
# what a key read returns for Enter, and for arrows and other escape sequences
ENTER = "\n"


def read_key() -> str:
    """One key press as text ('l', ' ', ENTER, ESCAPE…). EOFError when the terminal is gone."""
    fd = sys.stdin.fileno()
    old = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd, termios.TCSANOW)
        first = os.read(fd, 1)
        if not first:
            raise EOFError
        data = first
        if first == b"\x1b" or first[0] >= 0xC0:
            # the rest of an escape sequence or of a UTF-8 character, if it came with it
            while select.select([fd], [], [], 0.03)[0]:
                more = os.read(fd, 8)
                if not more:
                    break
                data += more
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)
    if data.startswith(b"\x1b"):
        return ESCAPE
    if data in (b"\r", b"\n"):
        return ENTER
    if data == b"\x04":  # Ctrl-D
        raise EOFError
    return data.decode("utf-8", errors="replace")[:1]


def ask_line(prompt: str, default: str = "") -> str:
    """A line typed after `prompt`; Enter alone gives `default`. EOFError when the
    terminal is gone.

    Not `input(prompt)`: it writes the prompt and blocks in read() within one C call, so a
    Ctrl-C pressed as the prompt appears (before the read begins) is only noticed after the
    next Enter. Waiting in short selects gives Python a moment between them to raise it."""
    sys.stdout.write(prompt)
    sys.stdout.flush()
    fd = sys.stdin.fileno()
    while not select.select([fd], [], [], 0.2)[0]:
        pass  # cooked mode: readable once a whole line is typed
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.strip() or default
