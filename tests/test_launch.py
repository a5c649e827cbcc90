"""The launcher answers --version, `where` and NAME completion without Typer, and exactly as the
Typer application would: each case runs the installed console script (fast path) and the full
application (`netwerk.cli.main`) side by side and compares what they print."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from netwerk import launch
from netwerk.cli import app

EXE = shutil.which("netwerk") or str(Path(sys.executable).parent / "netwerk")
FULL = (
    "import sys\nsys.argv[0] = 'netwerk'\nfrom netwerk.cli import main\n"
    "try:\n    main()\nfinally:\n    sys.stdout.flush()\n"
)
REPORT = (
    "import sys, atexit\n"
    "atexit.register(lambda: print('TYPER', 'typer' in sys.modules, file=sys.stderr))\n"
)


def both(args: list[str], env: dict[str, str]) -> tuple[tuple[str, int, bool], tuple[str, int]]:
    """(stdout, exit code, Typer loaded?) of the console script, and (stdout, exit code) of the
    full application, for the same command line and environment."""
    fast_code = REPORT + "\nsys.argv[0] = 'netwerk'\nfrom netwerk.launch import main\nmain()\n"
    fast = subprocess.run(
        [sys.executable, "-c", fast_code, *args], capture_output=True, text=True, env=env
    )
    typer_loaded = "TYPER True" in fast.stderr
    script = subprocess.run([EXE, *args], capture_output=True, text=True, env=env)
    assert (script.stdout, script.returncode) == (fast.stdout, fast.returncode)
    full = subprocess.run(
        [sys.executable, "-c", FULL, *args], capture_output=True, text=True, env=env
    )
    return (fast.stdout, fast.returncode, typer_loaded), (full.stdout, full.returncode)


@pytest.fixture
def names(run, people, db_file) -> Path:
    people("Piet Jansen", "Pieter ter Horst", "Zoë de Vries", "Klaas Bakker")
    run.ok("add", 'Anne-Marie d\'Hondt: "AM"', "--met", "2026-01-01")
    run.ok("edit", "Klaas", "--alias", "Pim")
    run.ok("archive", "Pieter")
    return db_file


def env_for(db: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "NETWERK_DB": str(db), **extra}


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["where"],
        ["--db", "/tmp/elsewhere.db", "where"],
        ["where", "--db", "~/mine.db"],
        ["--db", "a.db", "where", "--db", "b.db"],
        ["--db=a.db", "where"],
    ],
)
def test_version_and_where_answer_like_typer(args, db_file):
    (out, code, typer_loaded), full = both(args, env_for(db_file))
    assert (out, code) == full
    assert code == 0 and out.strip()
    assert not typer_loaded


def bash(line: str, cword: int | None = None) -> dict[str, str]:
    words = line.split(" ")
    return {
        "_NETWERK_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1 if cword is None else cword),
    }


def other(shell: str, line: str, **extra: str) -> dict[str, str]:
    return {"_NETWERK_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line, **extra}


FAST_COMPLETIONS = {
    "bash first name": bash("netwerk show pi"),
    "bash surname": bash("netwerk edit jans"),
    "bash accents and words": bash("netwerk show zoe"),
    "bash tussenvoegsel": bash("netwerk archive 'de v", 2),
    "bash empty word": bash("netwerk show "),
    "bash alias": bash("netwerk log pim"),
    "bash log second name": bash("netwerk log Piet zo"),
    "bash merge second": bash("netwerk merge Piet kla"),
    "bash intro second": bash("netwerk intro Piet an"),
    "bash give": bash("netwerk give an"),
    "bash via": bash("netwerk add Jan --via pi"),
    "bash edit via": bash("netwerk edit Jan --via zo"),
    "bash global db": bash("netwerk --db DB show pi"),
    "bash nothing matches": bash("netwerk show xyz"),
    "zsh": other("zsh", "netwerk show pi"),
    "zsh quotes and colons": other("zsh", "netwerk show anne"),
    "zsh after a space": other("zsh", "netwerk path "),
    "zsh nothing matches": other("zsh", "netwerk show xyz"),
    "fish get-args": other("fish", "netwerk show pi", _TYPER_COMPLETE_FISH_ACTION="get-args"),
    "fish is-args": other("fish", "netwerk show pi", _TYPER_COMPLETE_FISH_ACTION="is-args"),
    "fish is-args none": other("fish", "netwerk show x", _TYPER_COMPLETE_FISH_ACTION="is-args"),
    "fish get-args none": other("fish", "netwerk show x", _TYPER_COMPLETE_FISH_ACTION="get-args"),
    "powershell": other("powershell", "netwerk show pi", _TYPER_COMPLETE_WORD_TO_COMPLETE="pi"),
    "pwsh": other("pwsh", "netwerk forget ", _TYPER_COMPLETE_WORD_TO_COMPLETE=""),
}


@pytest.mark.parametrize("case", sorted(FAST_COMPLETIONS))
def test_name_completion_answers_like_typer_without_it(case, names):
    extra = {k: v.replace("DB", str(names)) for k, v in FAST_COMPLETIONS[case].items()}
    # with --db on the line, $NETWERK_DB points elsewhere: the line's database must be used
    default = names.parent / "not-this.db" if "global db" in case else names
    (out, code, typer_loaded), full = both([], env_for(default, **extra))
    assert (out, code) == full
    assert not typer_loaded
    if case.endswith("nothing matches") or case.endswith("none") or "is-args" in case:
        return
    assert out.strip(), "a case meant to offer names offered none"


SLOW = {
    "help": (["--help"], {}),
    "where help": (["where", "--help"], {}),
    "where extra word": (["where", "now"], {}),
    "where cut short": (["--db"], {}),
    "a command name": ([], bash("netwerk sh")),
    "an option name": ([], bash("netwerk show --")),
    "a second argument that is a date": ([], bash("netwerk snooze Piet vo")),
    "after an option": ([], bash("netwerk log Piet --when gis")),
    "the completion script": ([], {"_NETWERK_COMPLETE": "source_bash"}),
    "an unknown shell": ([], {"_NETWERK_COMPLETE": "complete_tcsh"}),
}


@pytest.mark.parametrize("case", sorted(SLOW))
def test_everything_else_goes_to_typer(case, db_file):
    args, extra = SLOW[case]
    assert launch.quick_answer(args, env_for(db_file, **extra)) is None


def test_the_launcher_knows_every_name_argument():
    """NAME_ARGUMENTS and VIA_OPTION list exactly the commands whose arguments complete names."""
    from netwerk.cli.complete import contact_names

    found: dict[str, int | None] = {}
    via: set[str] = set()

    def walk(command, path: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])
        if hasattr(command, "commands"):
            return
        count: int | None = 0
        for param in command.params:
            completes = getattr(param, "_custom_shell_complete", None) is not None
            if param.param_type_name == "argument" and completes and count is not None:
                count = None if param.nargs == -1 else count + 1
            elif param.param_type_name == "option" and completes:
                assert param.opts == ["--via"], param.opts
                via.add(" ".join(path))
        if count != 0:
            found[" ".join(path)] = count

    walk(typer.main.get_command(app), [])
    assert found == launch.NAME_ARGUMENTS
    assert via == launch.VIA_OPTION
    assert contact_names  # the hook those parameters carry
