"""The daily verbs: `log` after a conversation, `due` each morning."""

from typing import Annotated

import typer

from netwerk.cli.app import (
    MAX_NUMBER,
    DbOption,
    JsonOption,
    app,
    name_argument,
    open_store,
    parse_when,
    today,
)
from netwerk.output.formatter import output


@app.command()
def log(
    names: Annotated[
        list[str],
        name_argument("Who was there (one or more)."),
    ],
    when: Annotated[
        str | None, typer.Option(metavar="WHEN", help="When: 'gisteren', 'last friday'…")
    ] = None,
    kind: Annotated[
        str,
        typer.Option(
            help="coffee, lunch, drinks, meal, call, video, message, email, event or other "
            "(Dutch words too: koffie, borrel, bellen…)."
        ),
    ] = "coffee",
    note: Annotated[str | None, typer.Option(help="What you talked about.")] = None,
    gave: Annotated[
        list[str] | None,
        typer.Option("--gave", metavar="TEXT", help="Something this touch gave (repeatable)."),
    ] = None,
    asked: Annotated[
        list[str] | None,
        typer.Option("--asked", metavar="TEXT", help="Something you asked for (repeatable)."),
    ] = None,
    offer: Annotated[
        list[int] | None,
        typer.Option("--offer", metavar="ID", help="An offer the --gave delivers (repeatable)."),
    ] = None,
    event: Annotated[
        str | None,
        typer.Option(metavar="EVENT", help="The event it was at (created if new)."),
    ] = None,
    no_create: Annotated[
        bool, typer.Option("--no-create", help="Refuse an --event that does not exist yet.")
    ] = False,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Log a touch with one or more people (a lunch with three is one entry)."""
    from netwerk.cli.giving import choose_offers
    from netwerk.output import render_network
    from netwerk.services.touches import log_touch

    day = parse_when(when) or today()
    offers = offer or (choose_offers(db, names) if gave else [])
    with open_store(db, write=True, undo=True) as s:
        touch = log_touch(
            s,
            names,
            when=day,
            kind=kind,
            note=note,
            today=today(),
            gave=gave,
            asked=asked,
            offer_ids=offers,
            event=event,
            create_event=not no_create,
        )
    output(json).show(touch, lambda: render_network.touch_logged(touch))


@app.command()
def due(
    limit: Annotated[
        int, typer.Option(min=0, max=MAX_NUMBER, help="Show at most N (0 = everyone due).")
    ] = 20,
    circle: Annotated[str | None, typer.Option(help="Only this circle.")] = None,
    unknown: Annotated[
        bool,
        typer.Option(
            "--unknown", help="Instead list who waits: no known touch and nothing scheduled."
        ),
    ] = False,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Who to contact now, most overdue first (with what to bring), birthdays in the coming
    week, introductions to follow up and introducers to thank."""
    from netwerk.output import daily as daily_output
    from netwerk.output import render
    from netwerk.services.due import due as due_list
    from netwerk.services.due import waiting

    with open_store(db, write=False) as r:
        if unknown:
            data = waiting(r, limit=limit or None, circle=circle)
        else:
            data = due_list(r, today=today(), limit=limit or None, circle=circle)
    if unknown:
        output(json).show(data, lambda: daily_output.waiting(data))
    else:
        output(json).show(data, lambda: daily_output.due(data, today()), as_json=render.due_json)
