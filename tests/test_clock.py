"""Guards that the suite never reads the real clock.

"Today" is fixed for the whole session in conftest.py. Two checks keep it that way:

- only `netwerk.rules.dates.today` may ask the system for today's date (a static read of the code);
- the daily-loop and fuzz tests pass when the system clock is years ahead, run under
  libfaketime (Debian's `faketime`, which `.ci/run` installs). A fixture or test that used the
  real date would see 2031 there and fail, as `log #1 --note` did once the real date passed
  the pinned one.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FUTURE = "2031-07-15 09:30:00"


def _clock_calls(tree: ast.AST) -> list[int]:
    """Lines that call date.today() or datetime.today(): the calendar date of the real clock."""
    lines = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "today"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id in {"date", "datetime"}
        ):
            lines.append(node.lineno)
    return lines


def test_only_one_function_reads_todays_date():
    found = {}
    for path in sorted((ROOT / "netwerk").rglob("*.py")):
        lines = _clock_calls(ast.parse(path.read_text(), filename=str(path)))
        if lines:
            found[str(path.relative_to(ROOT))] = lines
    assert list(found) == ["netwerk/rules/dates.py"], found
    assert len(found["netwerk/rules/dates.py"]) == 1


def test_the_clock_guard_sees_a_call():
    assert _clock_calls(ast.parse("from datetime import date\nx = date.today()\n")) == [2]


@pytest.mark.skipif(
    shutil.which("faketime") is None and not os.environ.get("CI"),
    reason="libfaketime is not installed (apt-get install faketime); CI installs it",
)
def test_the_daily_loop_passes_with_the_clock_years_ahead(tmp_path):
    assert shutil.which("faketime"), "CI must install faketime (see .ci/run)"
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETWERK_")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    probe = subprocess.run(
        ["faketime", FUTURE, sys.executable, "-c", "import datetime; print(datetime.date.today())"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert probe.stdout.strip() == FUTURE[:10], probe.stderr  # the fake clock really works
    result = subprocess.run(
        [
            "faketime",
            FUTURE,
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-n",
            "0",  # one process: this test already runs inside a worker
            "-p",
            "no:cacheprovider",
            "--basetemp",
            str(tmp_path / "inner"),
            "tests/test_core.py",
            "tests/test_fuzz.py",
            "-k",
            "not faketime",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
