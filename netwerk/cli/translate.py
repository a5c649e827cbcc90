"""The command line in the user's language: help texts, Click's and Typer's own words, errors.

Help texts are written in English as command docstrings and `help=` strings (the catalog
tools extract both, see tools/i18n.py); `translate_tree` replaces them with their
translations once per run, when the root group starts, so the language is the one chosen
for this process and `--help` costs one dictionary lookup per text.

Typer 0.29 vendors a Click without gettext, so Click's words are written here once, marked
with `N_`, and put in place by a formatter ("Usage:", section headings, "Show this message
and exit.") and by `show_usage_error` (the error lines, for the message shapes Click and
Typer produce). Typer's own `typer.core` does call the standard library's gettext for
"Options", "Commands", "Arguments", "default: ...", "required", "Missing command.",
"No such command ..." and "Aborted!": in Dutch its `_` is pointed at ours. In English
nothing here runs and Click prints what it always printed.

What stays English: messages Click or pydantic (Typer's type coercion) produce in shapes not
listed in CLICK_MESSAGES below; metavars such as <str> and <list[str]>.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

import typer
from typer import _click

from netwerk.i18n import N_, _, language

USAGE = N_("Usage: ")
HELP_OPTION = N_("Show this message and exit.")
TRY_HELP = N_("Try '{command} {option}' for help.")
ERROR = N_("Error: {message}")
ABORTED = N_("Aborted!")
# Typer's own gettext messages (typer.core): listed so that the catalog has them
TYPER_WORDS = (
    N_("Arguments"),
    N_("Options"),
    N_("Commands"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("(dynamic)"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("Aborted!"),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
    N_("Install completion for the specified shell."),
    N_("Show completion for the specified shell, to copy it or customize the installation."),
)
OPTIONS_METAVAR = N_("[OPTIONS]")
SUBCOMMAND_METAVAR = N_("COMMAND [ARGS]...")
HEADINGS = frozenset({"Arguments", "Options", "Commands"})

# Click's (and pydantic's) messages, as regular expressions over the English text and the
# translated sentence with the same named groups.
CLICK_MESSAGES: tuple[tuple[str, str], ...] = (
    (
        r"(?P<message>.*)\. Did you mean (?P<suggestions>.*)\?",
        N_("{message}. Did you mean {suggestions}?"),
    ),
    (r"Missing argument '(?P<name>[^']*)'\.", N_("Missing argument '{name}'.")),
    (r"Missing option '(?P<name>[^']*)'\.", N_("Missing option '{name}'.")),
    (r"Missing parameter '(?P<name>[^']*)'\.", N_("Missing parameter '{name}'.")),
    (r"Missing command\.", N_("Missing command.")),
    (r"No such option: (?P<option>\S+)", N_("No such option: {option}")),
    (
        r"No such option: (?P<option>\S+) \(Possible options: (?P<options>.*)\)",
        N_("No such option: {option} (Possible options: {options})"),
    ),
    (r"No such command '(?P<name>.*)'\.", N_("No such command '{name}'.")),
    (
        r"Got unexpected extra arguments? \((?P<arguments>.*)\)",
        N_("Got unexpected extra argument(s) ({arguments})"),
    ),
    (
        r"Option '(?P<option>[^']*)' requires an argument\.",
        N_("Option '{option}' requires a value."),
    ),
    (
        r"Option '(?P<option>[^']*)' requires (?P<n>\d+) arguments\.",
        N_("Option '{option}' requires {n} values."),
    ),
    (
        r"Option '(?P<option>[^']*)' does not take a value\.",
        N_("Option '{option}' does not take a value."),
    ),
    (
        r"Invalid value for (?P<name>.*?): (?P<problem>.*)",
        N_("Invalid value for {name}: {problem}"),
    ),
    (r"Invalid value: (?P<problem>.*)", N_("Invalid value: {problem}")),
    (
        r"Input should be a valid integer, unable to parse string as an integer",
        N_("this is not a whole number"),
    ),
    (r"Input should be a valid integer.*", N_("this is not a whole number")),
    (r"Input should be a valid number.*", N_("this is not a number")),
    (r"Input should be a valid boolean.*", N_("this is not yes or no")),
    (
        r"'(?P<value>.*)' is not one of (?P<choices>.*)\.",
        N_("'{value}' is not one of {choices}."),
    ),
    (r"'(?P<value>.*)' is not a valid integer\.", N_("'{value}' is not a whole number.")),
    (r"'(?P<value>.*)' is not a valid float\.", N_("'{value}' is not a number.")),
    (r"Repeat for confirmation", N_("Repeat for confirmation")),
)
_COMPILED: list[tuple[re.Pattern[str], str]] | None = None


def click_message(text: str) -> str:
    """A message Click produced, in the user's language when its shape is known."""
    global _COMPILED
    if _COMPILED is None:
        _COMPILED = [(re.compile(p, re.S), m) for p, m in CLICK_MESSAGES]
    for pattern, message in _COMPILED:
        found = pattern.fullmatch(text)
        if found:
            parts = {
                k: click_message(v) if k in ("problem", "message") else v
                for k, v in found.groupdict().items()
            }
            return _(message).format(**parts)
    return text


class NetwerkFormatter(_click.HelpFormatter):
    """Click's help formatter with its fixed words translated."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _(USAGE) if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_(heading) if heading in HEADINGS else heading)

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        rows = [(term, _(text) if text == HELP_OPTION else text) for term, text in rows]
        super().write_dl(rows, col_max, col_spacing)


class NetwerkContext(_click.Context):
    formatter_class = NetwerkFormatter


def _commands(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def translate_tree(root: Any) -> None:
    """Put the help texts of `root` and everything under it in the user's language (once)."""
    if getattr(root, "_netwerk_translated", False):
        return
    root._netwerk_translated = True
    if language() == "en":
        return
    import typer.core

    typer.core._ = _  # Typer's own gettext calls (see the module docstring)
    for command in _commands(root):
        command.context_class = NetwerkContext
        if command.options_metavar == "[OPTIONS]":
            command.options_metavar = _(OPTIONS_METAVAR)
        if getattr(command, "subcommand_metavar", None) == "COMMAND [ARGS]...":
            command.subcommand_metavar = _(SUBCOMMAND_METAVAR)
        for attribute in ("help", "short_help"):
            text = getattr(command, attribute, None)
            if text:
                setattr(command, attribute, _(text))
        for param in command.params:
            if getattr(param, "help", None):
                param.help = _(param.help)


def show_usage_error(error: Any) -> None:
    """Click's usage error, in the user's language (English: exactly what Click prints)."""
    if language() == "en" or isinstance(error, _click.exceptions.NoArgsIsHelpError):
        error.show()
        return
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = _(TRY_HELP).format(command=ctx.command_path, option=ctx.help_option_names[0])
            hint += "\n"
        _click.echo(f"{ctx.get_usage()}\n{hint}", err=True, color=ctx.color)
    message = click_message(error.format_message())
    _click.echo(_(ERROR).format(message=message), err=True)


def run(group: Any, main: Any, args: Any, prog_name: Any, complete_var: Any, extra: Any) -> Any:
    """The root group's main: translated help, then Click's errors in the user's language."""
    translate_tree(group)
    if language() == "en":
        return main(args=args, prog_name=prog_name, complete_var=complete_var, **extra)
    standalone = extra.pop("standalone_mode", True)
    try:
        result = main(
            args=args,
            prog_name=prog_name,
            complete_var=complete_var,
            standalone_mode=False,
            **extra,
        )
    except _click.exceptions.ClickException as e:
        if not standalone:
            raise
        show_usage_error(e)
        sys.exit(e.exit_code)
    except typer.Abort:
        if not standalone:
            raise
        _click.echo(_(ABORTED), err=True)
        sys.exit(1)
    if not standalone:
        return result
    sys.exit(result if isinstance(result, int) else 0)
