"""The launcher answers --version, `where` and NAME completion without Typer, and exactly as the
Typer application would: each case asks the launcher (`quick_answer`) and the Typer application
and compares what they print; the installed console script is run as a process to show it
takes the fast path without loading Typer."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from netwerk import launch
from netwerk.cli import app
from tests.conftest import TODAY

EXE = shutil.which("netwerk") or str(Path(sys.executable).parent / "netwerk")


def both(args: list[str], env: dict[str, str]) -> tuple[tuple[str | None, int], tuple[str, int]]:
    """(output, exit code) of the launcher's fast answer and of the Typer application, for the
    same command line and environment; the fast answer must exist."""
    fast = launch.quick_answer(args, env)
    assert fast is not None, "the launcher left this to Typer"
    runner = CliRunner()
    # Typer reads the completion variables from os.environ: give it exactly this environment
    extra = {k: v for k, v in env.items() if os.environ.get(k) != v}
    cleared = {k: None for k in os.environ if k not in env}
    full = runner.invoke(app, args, env={**cleared, **extra}, prog_name="netwerk")
    return fast, (full.stdout, full.exit_code)


@pytest.fixture(scope="module")
def names(tmp_path_factory) -> Path:
    """A database with a few names to complete (built once: completion only reads it)."""
    path = tmp_path_factory.mktemp("names") / "netwerk.db"
    runner = CliRunner()
    env = {"NETWERK_DB": str(path), "NETWERK_TODAY": TODAY}
    for args in [
        *(["add", n] for n in ("Piet Jansen", "Pieter ter Horst", "Zoë de Vries", "Klaas Bakker")),
        ["add", 'Anne-Marie d\'Hondt: "AM"', "--met", "2026-01-01"],
        ["edit", "Klaas", "--alias", "Pim"],
        ["archive", "Pieter"],
    ]:
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 0, result.output
    return path


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
    (out, code), full = both(args, env_for(db_file))
    assert (out, code) == full
    assert code == 0 and out and out.strip()


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
    (out, code), full = both([], env_for(default, **extra))
    assert (out or "", code) == full
    if case.endswith("nothing matches") or case.endswith("none") or "is-args" in case:
        return
    assert out and out.strip(), "a case meant to offer names offered none"


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


@pytest.mark.parametrize(
    "args, extra",
    [
        (["--version"], {}),
        (["where"], {}),
        ([], bash("netwerk show pi")),
        ([], other("zsh", "netwerk log Piet zo")),
    ],
)
def test_the_console_script_answers_without_loading_typer(names, args, extra):
    env = env_for(names, **extra)
    script = subprocess.run([EXE, *args], capture_output=True, text=True, env=env)
    fast = launch.quick_answer(args, env)
    assert fast is not None
    assert (script.stdout, script.returncode) == (fast[0], fast[1])
    report = (
        "import sys, atexit\n"
        "atexit.register(lambda: print('TYPER', 'typer' in sys.modules, file=sys.stderr))\n"
        "sys.argv[0] = 'netwerk'\nfrom netwerk.launch import main\nmain()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", report, *args], capture_output=True, text=True, env=env
    )
    assert (done.stdout, done.returncode) == (script.stdout, script.returncode)
    assert "TYPER False" in done.stderr
