"""Human or `--json`: chosen in one place, once per command.

A command asks for the `Output` its `--json` flag picks and hands it the data and how a person
reads it; it never branches on `--json` itself (todoman's Default/Porcelain formatters,
sqlite-utils' `output_rows`). Adding another output (a CSV, a quiet mode) is a new class here,
not an edit of every command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol


class Output(Protocol):
    def show(
        self,
        data: Any,
        human: Callable[[], None],
        *,
        as_json: Callable[[Any], Any] | None = None,
    ) -> None:
        """Print `data`: for people by calling `human`, for scripts as JSON (of `as_json(data)`
        when the documented shape differs from what the service returned)."""


class Human:
    def show(
        self, data: Any, human: Callable[[], None], *, as_json: Callable[[Any], Any] | None = None
    ) -> None:
        human()


class Json:
    def show(
        self, data: Any, human: Callable[[], None], *, as_json: Callable[[Any], Any] | None = None
    ) -> None:
        from netwerk.output.render import print_json

        print_json(as_json(data) if as_json else data)


def output(json: bool) -> Output:
    """The Output a command's `--json` flag chooses."""
    return Json() if json else Human()
