"""Every command has help text, and the new command groups start as lightly as the rest."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import typer

from netwerk.cli import app


def _commands(group, prefix=()):  # type: ignore[no-untyped-def]
    for name, command in getattr(group, "commands", {}).items():
        yield (*prefix, name), command
        yield from _commands(command, (*prefix, name))


def test_every_command_has_help_text():
    root = typer.main.get_command(app)
    found = dict(_commands(root))
    for path in [("give",), ("asks", "done"), ("intros", "done"), ("event", "show"), ("who",)]:
        assert path in found
    for path, command in found.items():
        assert (command.help or "").strip(), " ".join(path)
        for param in command.params:
            assert getattr(param, "help", None), f"{' '.join(path)} {param.name}"


def test_new_commands_end_to_end(tmp_path):
    """The installed script: give, ask, intro, who, path, event, goal as a user types them."""
    exe = shutil.which("netwerk") or str(Path(sys.executable).parent / "netwerk")
    env = {**os.environ, "NETWERK_DB": str(tmp_path / "e2e.db"), "NETWERK_TODAY": "2026-11-22"}

    def netwerk(*args: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [exe, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        return result

    assert netwerk("add", "Piet Jansen", "--met-at", "BNI Utrecht").returncode == 0
    assert (
        netwerk("add", "Bram", "--expertise", "pannenkoeken", "--met", "2024-01-01").returncode == 0
    )
    assert netwerk("knows", "Piet", "Bram").returncode == 0
    asked = netwerk("ask", "Piet", "een intro")
    assert asked.returncode == 0 and "never given to Piet Jansen" in asked.stderr
    who = netwerk("who", "pannenkoeken")
    assert who.returncode == 0 and "via Piet Jansen" in who.stdout
    assert "you → Piet Jansen → Bram" in netwerk("path", "Bram").stdout
    assert "Piet Jansen" in netwerk("event", "show", "bni utrecht").stdout
    bad = netwerk("intros", "done", "5", "--outcome", "x")
    assert (
        bad.returncode == 1 and bad.stderr.count("\n") == 1 and "No introduction #5" in bad.stderr
    )


def test_help_shows_no_python_types_or_huge_ranges(run, monkeypatch):
    """Every command's --help: `--email TEXT`, `NAME`, `--limit N`; never `<list[str]>`,
    `name <str>`, `{name}` or `0<=x<=9223372036854775807`."""
    import re

    monkeypatch.setenv("COLUMNS", "100")
    root = typer.main.get_command(app)
    for path, _command in [((), root), *_commands(root)]:
        out = run.ok(*path, "--help").stdout
        bad = re.findall(r"<[a-z][^>]*>|\{[a-z]+\}|\d{7,}", out)  # a small range may show
        assert not bad, (" ".join(path), bad)
    add = run.ok("add", "--help").stdout
    assert "--email TEXT" in add and "Usage: netwerk add [OPTIONS] NAME" in add
    assert "--limit N" in run.ok("list", "--help").stdout
    assert "Usage: netwerk asks done [OPTIONS] ID" in run.ok("asks", "done", "--help").stdout


def test_a_bad_number_is_said_plainly(run, people, unchanged):
    people("Piet")
    with unchanged():
        for args in (["asks", "done", "abc"], ["goal", "done", "x1"], ["list", "--limit", "x"]):
            result = run.fails(*args, code=2)
            assert f"'{args[-1]}' is not a number." in result.output, result.output
            assert "Input should" not in result.output
        result = run.fails("list", "--limit", "0", code=2)
        assert "0 is too small: the least is 1." in result.output
