"""The `netwerk` console script: answers the start-up-critical requests before Typer loads.

Tab completion re-runs the program on every keystroke, and `--version` and `where` are what
scripts and shells call. Typer (with rich) costs about 0.1 s to import, several times what these
answers need, so they are answered here with the standard library:

- `netwerk --version`;
- `netwerk [--db PATH] where [--db PATH]`;
- `netwerk __names WORD... TYPED`: the hidden name lookup the completion scripts netwerk ships
  (`netwerk/shell/`) call first on every Tab. When TYPED is a command's NAME argument or the
  value of its `--via`, it prints the matching contact names, one per line, and exits 0;
  otherwise it prints nothing and exits 1, and the script asks Typer's completion protocol
  (commands, options) instead.

Anything else, including every error, goes to the full Typer application (`netwerk.cli.main`),
which stays the one authority on the command line: a test runs `--version` and `where` through
Typer as well and compares the output byte for byte, and another keeps the table below in step
with the commands' NAME arguments.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    Env = Mapping[str, str]

# commands whose leading positionals name contacts -> how many (None: any number, like `log`)
NAME_ARGUMENTS: dict[str, int | None] = {
    "archive": 1,
    "ask": 1,
    "edit": 1,
    "forget": 1,
    "give": 1,
    "intro": 2,
    "knows": 2,
    "log": None,
    "merge": 2,
    "offer": 1,
    "path": 1,
    "remove": 1,
    "show": 1,
    "snooze": 1,
    "unarchive": 1,
}
# commands with a `--via NAME` option
VIA_OPTION = frozenset({"add", "edit"})
NAMES = "__names"


def main() -> None:
    """Console-script entry point."""
    answer = quick_answer(sys.argv[1:], os.environ)
    if answer is None:
        from netwerk.cli import main as full

        full()
        return
    text, code = answer
    if text is not None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            code = 1
    sys.exit(code)


def quick_answer(argv: list[str], env: Env) -> tuple[str | None, int] | None:
    """(output, exit code) for a request answered here, else None (Typer answers it)."""
    if argv[:1] == [NAMES]:
        return _names(argv[1:], env)
    if argv == ["--version"]:
        from netwerk import __version__

        return f"netwerk {__version__}\n", 0
    db = _where_db(argv)
    if db is not None:
        return f"{_database(db[0], env)}\n", 0
    return None


def _database(option: str | None, env: Env) -> Path:
    """The database `--db` (else $NETWERK_DB in `env`, else the default) names."""
    from netwerk.store.files import ENV_DB, resolve_path

    return resolve_path(option or env.get(ENV_DB) or None)


def _global_db(words: list[str]) -> tuple[str | None, list[str]] | None:
    """Leading `--db PATH` / `--db=PATH` options: (the last one's value, the rest);
    None when one is cut short or its value looks like an option (Typer decides those)."""
    db = None
    while words and (words[0] == "--db" or words[0].startswith("--db=")):
        if words[0] == "--db":
            if len(words) < 2 or words[1].startswith("-"):
                return None
            db, words = words[1], words[2:]
        else:
            db, words = words[0][len("--db=") :], words[1:]
    return db, words


def _where_db(argv: list[str]) -> tuple[str | None] | None:
    """For `[--db P] where [--db P]`: (the --db that counts,), else None."""
    outer = _global_db(argv)
    if outer is None or not outer[1] or outer[1][0] != "where":
        return None
    inner = _global_db(outer[1][1:])
    if inner is None or inner[1]:
        return None
    # the command's own --db wins over the global one, as in `netwerk.cli.app.db_path`
    return (inner[0] or outer[0],)


def _names_wanted(args: list[str], incomplete: str) -> tuple[str | None] | None:
    """(the global --db,) when `incomplete` is a contact NAME for these words, else None."""
    if incomplete.startswith("-") or "=" in incomplete:
        return None
    outer = _global_db(args)
    if outer is None or not outer[1]:
        return None
    db, (command, *rest) = outer
    if any(w.startswith("-") for w in rest[:-1]):
        return None  # options before: Typer knows which take values
    if rest and rest[-1] == "--via":
        return (db,) if command in VIA_OPTION else None
    if rest and rest[-1].startswith("-"):
        return None
    if command not in NAME_ARGUMENTS:
        return None
    limit = NAME_ARGUMENTS[command]
    return (db,) if limit is None or len(rest) < limit else None


def _names(words: list[str], env: Env) -> tuple[str | None, int]:
    """`__names`: the contact names for the last of `words` (the words after `netwerk`), or
    exit 1 when that word is not a contact NAME."""
    args, typed = (words[:-1], words[-1]) if words else ([], "")
    wanted = _names_wanted(args, typed)
    if wanted is None:
        return None, 1
    from netwerk.store.completion import matching_names

    return "".join(f"{name}\n" for name in matching_names(_database(wanted[0], env), typed)), 0
