"""The command line: `netwerk` and its subcommands.

Each command lives in a module by topic; importing them registers them on `app`.
"""

from netwerk.cli import circles, contacts, daily, forget  # noqa: F401  (registers commands)
from netwerk.cli.app import app


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
