"""The launcher answers --version, `where` and the hidden NAME lookup of the completion scripts
without Typer: --version and `where` exactly as the Typer application would (each case asks
both and compares), `__names` with the names `netwerk.store.completion` matches. The shipped
bash script is run in a real bash (no rc files, no parent shell) to show a Tab offers names,
commands and options."""

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
SHELL_DIR = Path(launch.__file__).parent / "shell"


def both(args: list[str], env: dict[str, str]) -> tuple[tuple[str | None, int], tuple[str, int]]:
    """(output, exit code) of the launcher's fast answer and of the Typer application, for the
    same command line and environment; the fast answer must exist."""
    fast = launch.quick_answer(args, env)
    assert fast is not None, "the launcher left this to Typer"
    runner = CliRunner()
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


NAMES = {
    "first name": ("show pi", ["Piet Jansen", "Pim"]),
    "surname": ("edit jans", ["Piet Jansen"]),
    "accents and words": ("show zoe", ["Zoë de Vries"]),
    "tussenvoegsel": ("archive|de v", ["Zoë de Vries"]),
    "alias": ("log pim", ["Pim"]),
    "log second name": ("log Piet zo", ["Zoë de Vries"]),
    "merge second": ("merge Piet kla", ["Klaas Bakker"]),
    "intro second": ("intro Piet an", ['Anne-Marie d\'Hondt: "AM"']),
    "give": ("give an", ['Anne-Marie d\'Hondt: "AM"']),
    "via": ("add Jan --via pi", ["Piet Jansen", "Pim"]),
    "edit via": ("edit Jan --via zo", ["Zoë de Vries"]),
    "global db": ("--db DB show pi", ["Piet Jansen", "Pim"]),
    "nothing matches": ("show xyz", []),
}


def words(line: str, db: Path) -> list[str]:
    return [w.replace("DB", str(db)) for w in (line.split("|") if "|" in line else line.split(" "))]


@pytest.mark.parametrize("case", sorted(NAMES))
def test_names_lookup(case, names):
    line, expected = NAMES[case]
    # with --db on the line, $NETWERK_DB points elsewhere: the line's database must be used
    default = names.parent / "not-this.db" if "global db" in case else names
    out, code = launch.quick_answer(["__names", *words(line, names)], env_for(default))
    assert (out.splitlines(), code) == (expected, 0)


@pytest.mark.parametrize(
    "line",
    ["sh", "show --", "snooze Piet vo", "log Piet --when gis", "show Piet extra", "where x", ""],
)
def test_names_lookup_declines_what_is_not_a_name(line, names):
    """A command, an option, a date, a word past the NAMEs: exit 1 and nothing printed, so the
    script asks Typer's protocol instead."""
    assert launch.quick_answer(["__names", *line.split(" ")], env_for(names)) == (None, 1)


SLOW = {
    "help": (["--help"], {}),
    "where help": (["where", "--help"], {}),
    "where extra word": (["where", "now"], {}),
    "where cut short": (["--db"], {}),
    "Typer's completion protocol": ([], {"_NETWERK_COMPLETE": "complete_bash"}),
}


@pytest.mark.parametrize("case", sorted(SLOW))
def test_everything_else_goes_to_typer(case, db_file):
    args, extra = SLOW[case]
    assert launch.quick_answer(args, env_for(db_file, **extra)) is None


def test_the_launcher_knows_every_name_argument():
    """NAME_ARGUMENTS and VIA_OPTION list exactly the commands whose arguments complete names."""
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


@pytest.mark.parametrize("args", [["--version"], ["where"], ["__names", "show", "pi"]])
def test_the_console_script_answers_without_loading_typer(names, args):
    env = env_for(names)
    script = subprocess.run([EXE, *args], capture_output=True, text=True, env=env)
    fast = launch.quick_answer(args, env)
    assert fast is not None
    assert (script.stdout, script.returncode) == (fast[0] or "", fast[1])
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


def tab(line: str, db: Path) -> list[str]:
    """What a Tab at the end of `line` offers in a real bash with the shipped script loaded."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    typed = line.split(" ")
    program = (
        f"source {SHELL_DIR / 'netwerk.bash'}\n"
        'COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))\n'
        "_netwerk_complete\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {
        "PATH": f"{Path(EXE).parent}{os.pathsep}{os.environ['PATH']}",
        "NETWERK_DB": str(db),
        "HOME": str(db.parent),
        "LC_ALL": "C.UTF-8",  # as a user's terminal has it (printf %q keeps the letters)
    }
    done = subprocess.run(
        [bash, "--norc", "--noprofile", "-c", program, "bash", *typed],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return [w for w in done.stdout.splitlines() if w]


def test_the_bash_script_completes_names_commands_and_options(names):
    assert tab("netwerk show pi", names) == ["Piet\\ Jansen", "Pim"]
    assert tab("netwerk edit Jan --via zo", names) == ["Zoë\\ de\\ Vries"]
    assert "show" in tab("netwerk sh", names)  # a command: Typer's protocol
    assert "--json" in tab("netwerk show Piet --j", names)  # an option: Typer's protocol
    assert tab("netwerk show xyz", names) == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_every_script_asks_the_names_lookup_first(run, shell):
    script = run.ok("completion", shell).stdout
    assert "netwerk __names" in script  # netwerk's own lookup for NAMEs
    assert "_NETWERK_COMPLETE=complete_" in script or "complete_powershell" in script
