"""`netwerk event …`: gatherings where you meet and see people."""

from typing import Annotated

import typer

from netwerk.cli.app import (
    DbOption,
    JsonOption,
    app,
    open_store,
    parse_when,
    read_and_show,
    today,
)
from netwerk.i18n import _
from netwerk.output.formatter import output

event_app = typer.Typer(
    help="Events: where you met people and where you saw them.", no_args_is_help=True
)
app.add_typer(event_app, name="event")

EventName = Annotated[str, typer.Argument(help="The event's name or #ID.", show_default=False)]


@event_app.command("add")
def event_add(
    name: EventName,
    when: Annotated[
        str | None, typer.Option(metavar="WHEN", help="When it is or was: '12 nov'…")
    ] = None,
    where: Annotated[str | None, typer.Option(metavar="PLACE", help="Where it is.")] = None,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Add an event (one is also created on its first --met-at or --event)."""
    from netwerk.output import render
    from netwerk.services.events import add_event

    day = parse_when(when)
    with open_store(db, write=True, undo=True) as s:
        event = add_event(s, name, when=day, where=where, today=today())
    output(json).show(
        event,
        lambda: render.say(
            _("Added event {name} (#{id})."), name=(event["name"], "bold"), id=event["id"]
        ),
    )


@event_app.command("list")
def event_list(json: JsonOption = False, db: DbOption = None) -> None:
    """Every event, newest first, with how many people you met and saw there."""
    from netwerk.output import render_network
    from netwerk.services.events import list_events

    read_and_show(db, json, list_events, render_network.events)


@event_app.command("show")
def event_show(name: EventName, json: JsonOption = False, db: DbOption = None) -> None:
    """Who you met at an event, and who you saw there."""
    from netwerk.output import render_network
    from netwerk.services.events import show_event

    read_and_show(
        db, json, lambda s: show_event(s, name), lambda e: render_network.event(e, today())
    )
