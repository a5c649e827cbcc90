"""`netwerk circle …`: the circles of your life and their default cadences."""

from typing import Annotated

import typer

from netwerk.cli.app import (
    MAX_NUMBER,
    DbOption,
    JsonOption,
    app,
    open_store,
    parse_every,
    today,
)
from netwerk.i18n import _

circle_app = typer.Typer(
    help="Circles (family, sports club, business club) and cadences.", no_args_is_help=True
)
app.add_typer(circle_app, name="circle")


@circle_app.command("list")
def circle_list(
    limit: Annotated[
        int, typer.Option(min=0, max=MAX_NUMBER, help="Show at most N bridges (0 = all).")
    ] = 20,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The breadth of your network: each circle's size, how many are within their cadence,
    when it was last touched, neglected circles, and the bridges between circles."""
    from netwerk.output import render_network
    from netwerk.output.formatter import output
    from netwerk.services.circles import list_circles

    with open_store(db, write=False) as s:
        items, bridges = list_circles(s, today=today(), limit=limit or None)
    output(json).show(items, lambda: render_network.circles(items, bridges, today()))


@circle_app.command("set")
def circle_set(
    name: Annotated[str, typer.Argument(help="The circle (created if new).")],
    every: Annotated[
        str,
        typer.Option(
            "--every", metavar="CADENCE", help="Default cadence for its members; 'none' clears it."
        ),
    ],
    db: DbOption = None,
) -> None:
    """Set a circle's default cadence."""
    from netwerk.output import render
    from netwerk.services.circles import set_circle

    days = parse_every(every)
    with open_store(db, write=True, undo=True) as s:
        circle = set_circle(s, name, days or None)
    if circle["cadence_days"]:
        render.say(
            _("Circle {name}: {cadence}."),
            name=(circle["name"], "bold"),
            cadence=render.cadence(circle["cadence_days"]),
        )
    else:
        render.say(_("Circle {name}: no default."), name=(circle["name"], "bold"))
