"""One place chooses human output or --json: `netwerk.output.formatter`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from netwerk.output.formatter import Human, Json, output


def test_the_flag_picks_the_output():
    assert isinstance(output(False), Human)
    assert isinstance(output(True), Json)


def test_human_calls_the_rendering_and_prints_no_json(capsys):
    said = []
    output(False).show({"a": 1}, lambda: said.append("human"), as_json=lambda d: 1 / 0)
    assert said == ["human"]
    assert capsys.readouterr().out == ""


def test_json_prints_the_data_or_its_documented_shape(capsys):
    output(True).show({"on": date(2026, 11, 22)}, lambda: 1 / 0)
    assert json.loads(capsys.readouterr().out) == {"on": "2026-11-22"}
    output(True).show([1, 2], lambda: 1 / 0, as_json=lambda d: {"n": len(d)})
    assert json.loads(capsys.readouterr().out) == {"n": 2}


def test_no_command_branches_on_json_itself():
    """The CLI modules hand their data to `output(json)`; none prints JSON on its own."""
    cli = Path(__file__).resolve().parent.parent / "netwerk" / "cli"
    offenders = [p.name for p in cli.glob("*.py") if "print_json(" in p.read_text()]
    assert offenders == []
