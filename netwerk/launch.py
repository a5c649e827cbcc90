"""The `netwerk` console script: answers the start-up-critical requests before Typer loads.

Tab completion re-runs the program on every keystroke, and `--version` and `where` are what
scripts and shells call. Typer (with rich and, for any command with options, pydantic) costs
0.1-0.2 s to import, several times what these answers need, so the common cases are answered
here with the standard library:

- `netwerk --version`;
- `netwerk [--db PATH] where [--db PATH]`;
- completion of a contact NAME (`_NETWERK_COMPLETE=complete_<shell>`, bash/zsh/fish/powershell)
  when the word is a command's NAME argument or the value of its `--via`, in the shapes Typer's
  completion classes print.

Anything else, including every error and any shape not recognised here, goes to the full
Typer application (`netwerk.cli.main`), which stays the one authority on the command line: a
test runs each fast answer through Typer as well and compares the output byte for byte, and
another keeps the table below in step with the commands' NAME arguments.
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
SHELLS = frozenset({"bash", "zsh", "fish", "powershell", "pwsh"})


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
    instruction = env.get("_NETWERK_COMPLETE")
    if instruction:
        return _complete(instruction, env)
    if argv == ["--version"]:
        from netwerk import __version__

        return f"netwerk {__version__}\n", 0
    db = _where_db(argv)
    if db is not None:
        return f"{_database(db[0], env)}\n", 0
    return None


def _database(option: str | None, env: Env) -> Path:
    """The database `--db` (else $NETWERK_DB in `env`, else the default) names."""
    from netwerk.store.db import ENV_DB, resolve_path

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


def _split(line: str) -> list[str]:
    """Words of a partial command line, as Typer's `split_arg_string` splits them."""
    import shlex

    lexer = shlex.shlex(line, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    words: list[str] = []
    try:
        words.extend(lexer)
    except ValueError:  # an open quote or a trailing escape: keep the partial word
        words.append(lexer.token)
    return words


def _completion_words(shell: str, env: Env) -> tuple[list[str], str] | None:
    """(the complete words after the program name, the word being completed) as Typer's
    completion class for `shell` reads them from the environment; None if they are missing."""
    if shell == "bash":
        if "COMP_WORDS" not in env or "COMP_CWORD" not in env:
            return None
        words = _split(env["COMP_WORDS"])
        try:
            cword = int(env["COMP_CWORD"])
        except ValueError:
            return None
        return words[1:cword], words[cword] if cword < len(words) else ""
    line = env.get("_TYPER_COMPLETE_ARGS", "")
    words = _split(line)
    if shell in ("powershell", "pwsh"):
        incomplete = env.get("_TYPER_COMPLETE_WORD_TO_COMPLETE", "")
        return (words[1:-1] if incomplete else words[1:]), incomplete
    args = words[1:]
    if args and not line.endswith(" "):
        return args[:-1], args[-1]
    return args, ""


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


def _complete(instruction: str, env: Env) -> tuple[str | None, int] | None:
    kind, _, shell = instruction.partition("_")
    if kind != "complete" or shell not in SHELLS:
        return None  # `source_bash` (the script itself) and errors: Typer
    found = _completion_words(shell, env)
    if found is None:
        return None
    args, incomplete = found
    wanted = _names_wanted(args, incomplete)
    if wanted is None:
        return None
    from netwerk.store.completion import matching_names

    names = matching_names(_database(wanted[0], env), incomplete)
    return _format(shell, names, env)


def _format(shell: str, names: list[str], env: Env) -> tuple[str | None, int]:
    """The completion answer exactly as Typer's completion class for `shell` prints it."""
    if shell == "bash":
        return "\n".join(names) + "\n", 0
    if shell == "zsh":
        if not names:
            return "_files\n", 0
        quoted = "\n".join(f'"{_zsh_escape(n)}"' for n in names)
        return f"_arguments '*: :(({quoted}))'\n", 0
    if shell == "fish":
        action = env.get("_TYPER_COMPLETE_FISH_ACTION", "")
        if action == "is-args":
            return None, 0 if names else 1
        if action == "get-args" and names:
            return "\n".join(names) + "\n", 0
        return "\n", 0
    return "\n".join(f"{n}::: " for n in names) + "\n", 0  # powershell, pwsh


def _zsh_escape(value: str) -> str:
    return (
        value.replace('"', '""')
        .replace("'", "''")
        .replace("$", "\\$")
        .replace("`", "\\`")
        .replace(":", r"\\:")
    )
