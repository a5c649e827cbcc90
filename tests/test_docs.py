"""Every command has help text, and the README mentions every command."""

from __future__ import annotations

from pathlib import Path

import typer

from netwerk.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text()


def _walk(command, path=()):  # type: ignore[no-untyped-def]
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _walk(sub, (*path, name))


COMMANDS = list(_walk(typer.main.get_command(app)))


def test_every_command_has_help():
    for path, command in COMMANDS:
        assert (command.help or "").strip(), f"netwerk {' '.join(path)} has no help text"
        for param in command.params:
            if param.param_type_name == "option" and param.name not in ("help",):
                assert getattr(param, "help", None), f"{' '.join(path)} --{param.name}: no help"


def test_readme_documents_every_command():
    for path, _command in COMMANDS:
        if path:
            assert f"netwerk {' '.join(path)}" in README, f"README lacks 'netwerk {' '.join(path)}'"


def test_every_command_answers_help(run):
    for path, _command in COMMANDS:
        result = run.ok(*path, "--help")
        assert "Usage:" in result.stdout
