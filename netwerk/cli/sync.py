"""`netwerk sync …`: the same network on your phone and every machine, through your own
CardDAV/CalDAV server."""

from typing import Annotated

import typer

from netwerk.cli.app import DbOption, JsonOption, app, interactive, open_store, today

sync_app = typer.Typer(
    help="Sync contacts with your own CardDAV/CalDAV server (Nextcloud, Radicale, ...).",
    invoke_without_command=True,
)
app.add_typer(sync_app, name="sync")


@sync_app.callback()
def sync(ctx: typer.Context, json: JsonOption = False, db: DbOption = None) -> None:
    """Sync both ways now: new, changed and deleted contacts travel in both directions."""
    if ctx.invoked_subcommand is not None:
        return
    from netwerk.output import render_sync as output
    from netwerk.services.sync.commands import sync as run_sync

    with open_store(db, write=True) as w:
        summary = run_sync(w, today=today())
    output.summary(summary, json=json)


@sync_app.command("setup")
def setup(
    url: Annotated[str, typer.Argument(help="Server URL, or the address book's own URL.")],
    user: Annotated[str | None, typer.Option("--user", help="User name on the server.")] = None,
    circle: Annotated[
        list[str] | None,
        typer.Option("--circle", help="Only contacts in this circle go to the server (repeat)."),
    ] = None,
    password_command: Annotated[
        str | None,
        typer.Option(
            "--password-command",
            metavar="CMD",
            help='Command that prints the password, e.g. "pass show dav" (not stored: its output).',
        ),
    ] = None,
    allow_http: Annotated[
        bool, typer.Option("--allow-http", help="Allow plain http to a host other than this one.")
    ] = False,
    birthday_alarm: Annotated[
        bool, typer.Option("--birthday-alarm", help="Birthdays in the calendar with an alarm.")
    ] = False,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Find the address book (and a calendar) on the server and remember them; the password
    comes from the keyring, NETWERK_DAV_PASSWORD or --password-command, and is never stored
    by netwerk."""
    from netwerk.output import render_sync as output
    from netwerk.services.sync.commands import setup as run_setup

    def ask() -> str | None:
        if not interactive():
            return None
        import getpass

        from netwerk.i18n import _

        return getpass.getpass(_("Password for {user}: ").format(user=user)) or None

    with open_store(db, write=True) as w:
        data = run_setup(
            w,
            url,
            user=user,
            circles=circle or [],
            password_command=password_command,
            allow_http=allow_http,
            birthday_alarm=birthday_alarm,
            ask_password=ask,
        )
    output.setup(data, json=json)


@sync_app.command("status")
def status(json: JsonOption = False, db: DbOption = None) -> None:
    """The server, the collections, when the last sync ran and what is waiting to be sent."""
    from netwerk.output import render_sync as output
    from netwerk.services.sync.commands import status as run_status

    with open_store(db, write=False) as r:
        data = run_status(r)
    output.status(data, json=json)
