"""Help and usage errors in the user's words, whatever the Typer version prints by itself.

Newer Typers show Python types and SQLite's integer limits in `--help` (`--email <list[str]>`,
`name <str>`, `{name}`, `[default: 20; 0<=x<=9223372036854775807]`) and pass pydantic's
sentences through for a bad number ("Input should be a valid integer, unable to parse
string as an integer"). Here every parameter gets a plain metavar (`NAME`, `TEXT`, `N`, `ID`),
the huge upper bound is left out of help, and a bad number reads "'abc' is not a number".

Standard library and typer only: `--help` runs through here.
"""

from __future__ import annotations

import re
from typing import Any

import typer

from netwerk.i18n import _

# an upper bound this large is "no limit" to a person (SQLite's largest integer, see app.py)
_HUGE = 2**31


def tidy_later(command: Any) -> None:
    """Tidy `command` (and its subcommands) only when its help or usage is printed: reading a
    parameter's type would import pydantic on Typer 0.2x, and a command that just runs must
    not pay for that."""
    if getattr(command, "_netwerk_later", False):
        return
    command._netwerk_later = True
    for method in ("format_help", "format_usage"):
        original = getattr(command, method)

        def tidied(ctx: Any, formatter: Any, _original: Any = original) -> None:
            tidy(command)
            _original(ctx, formatter)

        setattr(command, method, tidied)
    for sub in getattr(command, "commands", {}).values():
        tidy_later(sub)


def tidy(command: Any) -> None:
    """Give every parameter of `command` (and of its subcommands) a plain metavar, once."""
    if getattr(command, "_netwerk_tidy", False):
        return
    command._netwerk_tidy = True
    for param in getattr(command, "params", []):
        _tidy_param(param)
    for sub in getattr(command, "commands", {}).values():
        tidy(sub)


def _tidy_param(param: Any) -> None:
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return
    if param.metavar is None:
        param.metavar = _metavar(param)
    if isinstance(param, typer.core.TyperArgument):
        # Typer 0.2x shows a required argument as {NAME}; a person expects NAME
        plain = param.metavar + ("..." if param.nargs != 1 else "")
        shown = plain if param.required else f"[{plain}]"
        if hasattr(param, "_usage_display_name"):
            param._usage_display_name = lambda: shown
        param.get_usage_pieces = lambda ctx: [shown]
        if hasattr(param, "display_type_rich"):
            param.display_type_rich = lambda ctx: None  # 'NAME <str>': the type says nothing
    if hasattr(param, "_get_number_range_help_str"):
        original = param._get_number_range_help_str

        def number_range() -> str | None:
            text = original()
            if text and _huge(text):
                low = re.match(r"(-?\d+)<=x<=", text)
                return f"x>={low.group(1)}" if low and int(low.group(1)) > 0 else None
            return text

        param._get_number_range_help_str = number_range
    kind = getattr(param, "type", None)
    if hasattr(kind, "_describe_range") and not getattr(kind, "_netwerk_tidy", False):
        # Click's IntRange (Typer 0.2x) puts its range in help: the same, without the huge end
        describe = kind._describe_range

        def described(_describe: Any = describe) -> str:
            text = _describe()
            if text and _huge(text):
                low = re.match(r"(-?\d+)<=x<=", text)
                return f"x>={low.group(1)}" if low and int(low.group(1)) > 0 else ""
            return text

        kind._describe_range = described
        kind._netwerk_tidy = True


def _huge(text: str) -> bool:
    return any(int(n) >= _HUGE for n in re.findall(r"\d+", text))


def _metavar(param: Any) -> str:
    """NAME for an argument called name, N for a number option, TEXT for the rest."""
    is_number = _is_number(param)
    if isinstance(param, typer.core.TyperArgument):
        name = (param.name or "value").upper()
        return "ID" if is_number and name in {"ID", "IDS"} else name
    if is_number:
        return "N" if "id" not in (param.name or "") else "ID"
    return "TEXT"


def _is_number(param: Any) -> bool:
    kind = getattr(param, "type", None)
    name = getattr(kind, "name", "") or ""
    if "integer" in name.lower() or name.lower() in {"int", "int range"}:
        return True
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", None)
    inner = getattr(annotation, "__args__", None)
    return annotation is int or bool(inner and inner[0] is int)


_NOT_INT = re.compile(r"'(?P<value>.*)' is not a valid int(eger)?( range)?\.?")
# Click's IntRange (Typer 0.2x before pydantic): "2**63 is not in the range 0<=x<=2**63-1."
_NOT_IN_RANGE = re.compile(r"(?P<value>-?\d+) is not in the range")


def friendly(error: Exception) -> Exception:
    """A BadParameter about a number, reworded: "'abc' is not a number." (or `error`)."""
    if not isinstance(error, typer.BadParameter):
        return error
    message = error.message
    value = None
    cause = error.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):
        try:
            first = errors()[0]
        except Exception:  # noqa: BLE001 - any other shape: keep Typer's message
            first = {}
        kind = str(first.get("type", ""))
        if kind in {"int_parsing", "int_type", "int_from_float"}:
            value = first.get("input")
        limit = (first.get("ctx") or {}).get("ge")
        if kind == "greater_than_equal" and limit is not None:
            text = _("{value} is too small: the least is {limit}.")
            return _again(error, text.format(value=first.get("input"), limit=limit))
        limit = (first.get("ctx") or {}).get("le")
        if kind == "less_than_equal" and limit is not None:
            text = _("{value} is too large: the most is {limit}.")
            return _again(error, text.format(value=first.get("input"), limit=limit))
    else:
        outside = _NOT_IN_RANGE.search(message)
        kind = getattr(getattr(error, "param", None), "type", None)
        if outside is not None and kind is not None:
            number = int(outside.group("value"))
            low, high = getattr(kind, "min", None), getattr(kind, "max", None)
            if high is not None and number > high:
                text = _("{value} is too large: the most is {limit}.")
                return _again(error, text.format(value=number, limit=high))
            if low is not None and number < low:
                text = _("{value} is too small: the least is {limit}.")
                return _again(error, text.format(value=number, limit=low))
        found = _NOT_INT.search(message)
        value = found.group("value") if found else None
    if value is None:
        return error
    return _again(error, _("'{value}' is not a number.").format(value=value))


def _again(error: Any, message: str) -> Exception:
    return typer.BadParameter(message, ctx=error.ctx, param=error.param)
