"""Housekeeping: `merge` two records of one person, `backup` the database, `spread` first
due dates for contacts who wait."""

from typing import Annotated

import typer

from netwerk.cli.app import (
    MAX_NUMBER,
    DbOption,
    JsonOption,
    app,
    db_path,
    name_argument,
    open_store,
    parse_when,
    today,
)
from netwerk.i18n import _
from netwerk.output.formatter import output


@app.command()
def merge(
    keep: Annotated[
        str,
        name_argument("The contact to keep (name or #ID).", metavar="A"),
    ],
    fold_in: Annotated[
        str,
        name_argument("The duplicate to fold into A.", metavar="B"),
    ],
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Fold B into A: touches, circles, aliases, details and links move over, A's empty
    fields are filled from B, and B's name becomes one of A's aliases. Nothing is lost."""
    from netwerk.output import render
    from netwerk.services.housekeeping import merge_contacts

    with open_store(db, write=True, undo=True) as s:
        data = merge_contacts(s, keep, fold_in, today=today())
    output(json).show(data, lambda: render.merged(data))


@app.command()
def duplicates(
    limit: Annotated[
        int,
        typer.Option(
            "--limit", min=0, max=MAX_NUMBER, help="Show at most N pairs (0: all).", metavar="N"
        ),
    ] = 50,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Likely duplicates, strongest first: the same e-mail, LinkedIn profile or phone number,
    the same name ignoring accents, or a close name ("J. Smit" / "Jan Smit"), each pair with a
    ready `netwerk merge` command."""
    from netwerk.output import duplicates as shown
    from netwerk.services.duplicates import find_duplicates

    with open_store(db, write=False) as store:
        data = find_duplicates(store, limit=limit or None)
    output(json).show(data, lambda: shown.duplicates(data))


@app.command()
def backup(
    path: Annotated[
        str | None,
        typer.Argument(help="Where to write the copy (a file or a folder).", show_default=False),
    ] = None,
    db: DbOption = None,
) -> None:
    """A consistent copy of the database, safe while netwerk is in use (default: next to the
    database, named with the date and time)."""
    from pathlib import Path

    from netwerk.output import render
    from netwerk.services.housekeeping import backup_database

    source = db_path(db)
    target = Path(path).expanduser() if path else None
    with open_store(db, write=False) as s:
        written = backup_database(s, source, target)
    render.say(_("Backed up to {path}."), path=(str(written), "bold"))


@app.command()
def spread(
    per_day: Annotated[
        int | None,
        typer.Option(
            "--per-day", max=MAX_NUMBER, help="How many a day (default: spread over 8 weeks)."
        ),
    ] = None,
    over: Annotated[
        str | None,
        typer.Option(metavar="PERIOD", help="Instead spread everyone evenly over: 4w, 2 months…"),
    ] = None,
    start: Annotated[
        str | None, typer.Option(metavar="WHEN", help="First date (default tomorrow).")
    ] = None,
    circle: Annotated[str | None, typer.Option(help="Only this circle.")] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Also spread out those already due (after an import).")
    ] = False,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Give contacts with no known touch staggered first due dates over the coming weeks,
    closest circles first, so they come up in `due` a few at a time."""
    from netwerk.cli.app import parse_every
    from netwerk.output import render
    from netwerk.services.schedule import spread as spread_contacts

    over_days = parse_every(over) if over else None
    first = parse_when(start, prefer="future")
    with open_store(db, write=True, undo=True) as s:
        data = spread_contacts(
            s,
            today=today(),
            per_day=per_day,
            over_days=over_days,
            circle=circle,
            overdue=overdue,
            start=first,
        )
    output(json).show(data, lambda: render.spread(data))


# the completion scripts netwerk ships (netwerk/shell/), by shell
SCRIPTS = {
    "bash": "netwerk.bash",
    "zsh": "netwerk.zsh",
    "fish": "netwerk.fish",
    "powershell": "netwerk.ps1",
    "pwsh": "netwerk.ps1",
}


@app.command()
def completion(
    shell: Annotated[
        str,
        typer.Argument(help="bash, zsh, fish or powershell.", metavar="SHELL", show_default=False),
    ],
    install: Annotated[
        bool,
        typer.Option("--install", help="Write the script where SHELL loads it, not to stdout."),
    ] = False,
) -> None:
    """Print (or --install) the tab-completion script for SHELL: commands, options, and contact
    names for NAME arguments."""
    from netwerk.errors import BadInput

    chosen = shell.strip().lower()
    if chosen not in SCRIPTS:
        raise BadInput(
            _(
                "No completion for the shell {shell!r}. Choose bash, zsh, fish or powershell."
            ).format(shell=shell)
        )
    from importlib.resources import files

    script = (files("netwerk") / "shell" / SCRIPTS[chosen]).read_text(encoding="utf-8").strip()
    if install:
        path = _install(chosen, script)
        typer.echo(
            _("Installed completion for {shell} in {path}; open a new shell to use it.").format(
                shell=chosen, path=path
            )
        )
    else:
        typer.echo(script)


def _install(shell: str, script: str) -> str:
    """Install `script` where `shell` loads it: Typer's installer puts its own script in the
    usual place (and the line that loads it in the shell's rc file); ours replaces it there."""
    from pathlib import Path

    from typer._completion_shared import get_completion_script
    from typer._completion_shared import install as install_script

    _shell, path = install_script(
        shell=shell, prog_name="netwerk", complete_var="_NETWERK_COMPLETE"
    )
    theirs = get_completion_script(
        prog_name="netwerk", complete_var="_NETWERK_COMPLETE", shell=shell
    )
    target = Path(path)
    target.write_text(target.read_text().replace(theirs, script))
    return str(path)
