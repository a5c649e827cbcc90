"""The command line: `netwerk` and its subcommands.

Each command lives in a module by topic; importing them registers them on `app`. The command
modules do not use `from __future__ import annotations`: Typer reads every command's signature
on every run (to build the command tree), and string annotations would cost an `eval` each.
"""

import os
import sys

from netwerk.cli import (  # noqa: F401  (registers commands)
    circles,
    contacts,
    corrections,
    daily,
    events,
    forget,
    giving,
    goals,
    housekeeping,
    insight,
    network,
    review,
    sync,
    transfer,
)
from netwerk.cli.app import app


def main() -> None:
    """Console-script entry point: the app, plus the last line of defence for the terminal."""
    try:
        app()
    except BrokenPipeError:
        # `netwerk list | head`: the reader left; stop quietly, as other Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except Exception as e:  # a bug, not a user error: say so in one line, keep the details
        if os.environ.get("NETWERK_DEBUG"):
            raise
        sys.stderr.write(
            f"netwerk: internal error ({type(e).__name__}: {e}). This is a bug; run again "
            "with NETWERK_DEBUG=1 for the details and please report it.\n"
        )
        sys.exit(70)


__all__ = ["app", "main"]
