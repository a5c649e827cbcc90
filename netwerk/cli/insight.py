"""Looking back: `stats` (the shape of the year) and `graph` (who knows whom, as a picture)."""

from typing import Annotated

import typer

from netwerk.cli.app import DbOption, JsonOption, app, open_session, parse_when, today


@app.command()
def stats(
    since: Annotated[
        str | None,
        typer.Option(metavar="WHEN", help="Start of the period (default: 12 months back)."),
    ] = None,
    circle: Annotated[str | None, typer.Option(help="Only this circle.")] = None,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Your year at a glance: touches, gives and asks per month, who is due now against a
    month and a quarter ago, circles, people, introductions and goals."""
    from netwerk import render, render_stats
    from netwerk.service.stats import stats as figures

    start = parse_when(since)
    with open_session(db, write=False) as s:
        data = figures(s, today=today(), since=start, circle=circle)
    if json:
        render.print_json(render_stats.stats_json(data))
    else:
        render_stats.stats(data)
