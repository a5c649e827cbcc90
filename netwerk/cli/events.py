"""`netwerk event …`: gatherings where you meet and see people."""

from __future__ import annotations

from typing import Annotated

import typer

from netwerk.cli.app import DbOption, JsonOption, app, open_session, parse_when, today

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
    from netwerk import render
    from netwerk.service.events import add_event

    day = parse_when(when)
    with open_session(db, write=True) as s:
        event = add_event(s, name, when=day, where=where, today=today())
    if json:
        render.print_json(event)
    else:
        render.line("Added event ", (event["name"], "bold"), f" (#{event['id']}).")


@event_app.command("list")
def event_list(json: JsonOption = False, db: DbOption = None) -> None:
    """Every event, newest first, with how many people you met and saw there."""
    from netwerk import render, render_network
    from netwerk.service.events import list_events

    with open_session(db, write=False) as s:
        items = list_events(s)
    if json:
        render.print_json(items)
    else:
        render_network.events(items)


@event_app.command("show")
def event_show(name: EventName, json: JsonOption = False, db: DbOption = None) -> None:
    """Who you met at an event, and who you saw there."""
    from netwerk import render, render_network
    from netwerk.service.events import show_event

    with open_session(db, write=False) as s:
        event = show_event(s, name)
    if json:
        render.print_json(event)
    else:
        render_network.event(event, today())
