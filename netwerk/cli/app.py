"""The Typer application, its error boundary and what every command shares.

Module level imports only typer, typing and the standard library: `--help`, `--version`,
`where` and completion must start without SQLAlchemy, SQLModel or dateparser.
"""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from netwerk import __version__
from netwerk.cli.complete import contact_names
from netwerk.errors import NetwerkError
from netwerk.i18n import N_

if TYPE_CHECKING:
    from netwerk.store.store import Store


class NetwerkGroup(TyperGroup):
    """Turns a NetwerkError from any subcommand into one red line and its exit code."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # the command line as typed, for the undo journal ("Undid: log Piet --kind koffie")
        _state["argv"] = shlex.join(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except NetwerkError as e:
            from netwerk.output import render

            render.error(e.message)
            raise typer.Exit(e.exit_code) from None
        except typer.BadParameter as e:
            from netwerk.cli.tidy import friendly

            raise friendly(e) from None

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """Each command with plain metavars in its help (see `netwerk.cli.tidy`)."""
        from netwerk.cli.tidy import tidy_later

        command = super().get_command(ctx, cmd_name)
        if command is not None:
            tidy_later(command)
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from netwerk.cli.tidy import tidy

        tidy(self)
        super().format_help(ctx, formatter)

    def main(
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        **extra: Any,
    ) -> Any:
        """Help texts and Click's own messages in the user's language (netwerk.cli.translate)."""
        from netwerk.cli.translate import run

        return run(self, super().main, args, prog_name, complete_var, extra)


# what the root callback saw on this invocation (the global --db)
_state: dict[str, str | None] = {"db": None, "argv": None}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"netwerk {__version__}")
        raise typer.Exit()


app = typer.Typer(
    cls=NetwerkGroup,
    name="netwerk",
    help="Keep up your network: add people, log touches, and see who is due for a coffee.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    # completion is `netwerk completion SHELL [--install]`, with the scripts netwerk ships
    add_completion=False,
)
if "_NETWERK_COMPLETE" in os.environ:
    # the shipped scripts' fallback (commands, options) speaks Typer's completion protocol,
    # whose shell classes Typer registers only with its own completion options
    from typer._completion_classes import completion_init

    completion_init()

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        metavar="PATH",
        help="Database file (default: $NETWERK_DB, else the user data folder).",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (shape in the README).")]


# The largest integer SQLite stores: a bigger --limit or ID is a usage error, not a crash.
MAX_NUMBER = 2**63 - 1
# --limit of the paged lists (asks, intros, circle list): 20 by default, like `due`
LimitOption = Annotated[int, typer.Option(min=0, max=MAX_NUMBER, help="Show at most N (0 = all).")]


def name_argument(help: str = N_("Name, alias, first name or #ID."), **kwargs: Any) -> Any:
    """A positional naming a contact: completes names and aliases on Tab (the fast path in
    `netwerk.launch` knows which commands take these; a test keeps the two in step)."""
    return typer.Argument(help=help, show_default=False, autocompletion=contact_names, **kwargs)


Name = Annotated[str, name_argument()]


@app.callback()
def root(
    db: DbOption = None,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = None,
) -> None:
    """netwerk: a personal relationship-maintenance tool. Data stays in a local SQLite file."""
    _state["db"] = db
    # Files we write (database, backups, exports) hold personal data about other people.
    os.umask(0o077)


def db_path(db: str | None) -> Path:
    """The database chosen by the command's --db, else the global --db, else env/default."""
    from netwerk.store.files import resolve_path

    return resolve_path(db or _state["db"])


@contextmanager
def open_store(db: str | None, *, write: bool, undo: bool = False) -> Iterator[Store]:
    """One command, one Store, one transaction (a read, or a write committed at the end).
    With `undo`, what it changes is journaled for `netwerk undo` (see
    `netwerk.store.journal`), in the same transaction."""
    from netwerk.store.store import open_store as _open_store

    with _open_store(db_path(db), write=write) as store:
        if not undo:
            yield store
            return
        from netwerk.store import journal

        journal.begin(store.conn, _state["argv"] or "")
        yield store
        store._sync()  # what an ORM session of the store still holds is written first
        journal.finish(store.conn)


def today() -> date:
    from netwerk.rules.dates import today as _today

    return _today()


def parse_when(text: str | None, *, prefer: str = "past") -> date | None:
    from netwerk.rules.dates import parse_date

    return None if text is None else parse_date(text, today=today(), prefer=prefer)


def parse_every(text: str | None) -> int | None:
    """A cadence in days; 'default' (or 'none') gives 0, meaning "use the circle default"."""
    if text is None:
        return None
    if text.strip().lower() in {"default", "none", "standaard", "geen"}:
        return 0
    from netwerk.rules.dates import parse_cadence

    return parse_cadence(text)


def interactive() -> bool:
    return sys.stdin.isatty()


def read_and_show(
    db: str | None,
    json: bool,
    fetch: Callable[[Any], Any],
    human: Callable[[Any], None],
) -> None:
    """The body of a read command: one read-only store, one service call, then the output the
    `--json` flag picks."""
    from netwerk.output.formatter import output

    with open_store(db, write=False) as s:
        data = fetch(s)
    output(json).show(data, lambda: human(data))


def confirm_contact(
    db: str | None, name: str, *, yes: bool, question: str, refused: str, cancelled: str
) -> str:
    """Resolve NAME and, unless --yes, ask `question` (with {label}) on a terminal.

    `refused` (with {label}) is the error without a terminal, `cancelled` the hint when the
    answer is no: whole translated sentences. Returns '#ID' for the writing session that
    follows. Without a terminal --yes is required, so a script never hangs on a prompt and
    never destroys data by accident.
    """
    from netwerk.errors import BadInput
    from netwerk.output import render
    from netwerk.services.names import describe, resolve

    with open_store(db, write=False) as s:
        contact = resolve(s, name)
        target, label = f"#{contact.id}", describe(contact)
    if not yes:
        if not interactive():
            raise BadInput(refused.format(label=label))
        if not typer.confirm(question.format(label=label)):
            render.hint(cancelled)
            raise typer.Exit(0)
    return target
