"""Looking back: `stats` (the shape of the year) and `graph` (who knows whom, as a picture)."""

from typing import Annotated, Any

import typer

from netwerk.cli.app import (
    MAX_NUMBER,
    DbOption,
    JsonOption,
    app,
    open_store,
    parse_when,
    today,
)


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
    from netwerk.output import render_stats
    from netwerk.output.formatter import output
    from netwerk.services.stats import stats as figures

    start = parse_when(since)
    with open_store(db, write=False) as s:
        data = figures(s, today=today(), since=start, circle=circle)
    output(json).show(data, lambda: render_stats.stats(data), as_json=render_stats.stats_json)


@app.command()
def graph(
    output: Annotated[
        str | None,
        typer.Option("-o", "--output", metavar="FILE", help="Write here (DOT: default stdout)."),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format", metavar="dot|svg|png", help="What to write (default: from FILE, else dot)."
        ),
    ] = None,
    circle: Annotated[str | None, typer.Option(help="Only this circle.")] = None,
    around: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Everyone within --depth links of this person."),
    ] = None,
    depth: Annotated[int, typer.Option(min=1, max=6, help="Links from --around.")] = 1,
    since: Annotated[
        str | None,
        typer.Option(metavar="WHEN", help="Touches since then (default: the last year)."),
    ] = None,
    limit: Annotated[
        int, typer.Option(min=0, max=MAX_NUMBER, help="Show the N most-touched (0 = everyone).")
    ] = 60,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Who knows whom, as a picture: you in the middle, contacts coloured by circle, lines for
    knows-links and introductions, heavier with more touches; bridges marked. DOT always;
    SVG and PNG with Graphviz installed."""
    from pathlib import Path

    from netwerk.errors import BadInput
    from netwerk.i18n import _
    from netwerk.output.formatter import output as chosen
    from netwerk.services import graph as pictures

    fmt = (format or (Path(output).suffix.lstrip(".").lower() if output else "") or "dot").lower()
    if fmt not in pictures.FORMATS:
        raise BadInput(
            _("Unknown format '{format}'. Choose one of: dot, svg, png.").format(format=fmt)
        )
    if fmt != "dot" and not json:
        if output is None:
            raise BadInput(_("--format {format} needs -o FILE.").format(format=fmt))
        pictures.dot_program()  # before any work: say at once if Graphviz is missing
    start = parse_when(since)
    with open_store(db, write=False) as r:
        data = pictures.graph(
            r,
            today=today(),
            since=start,
            circle=circle,
            around=around,
            depth=depth,
            limit=limit or None,
        )
    chosen(json).show(data, lambda: _draw(data, fmt, output), as_json=pictures.Graph.as_json)


def _draw(data: Any, fmt: str, output_file: str | None) -> None:
    """Write the picture (DOT to stdout without a file) and say what was written."""
    from pathlib import Path

    from netwerk.formats.dot import to_dot
    from netwerk.i18n import _, ngettext
    from netwerk.output import render
    from netwerk.services import graph as pictures

    caption = None
    if data.capped:
        caption = ngettext(
            "Showing the {shown} most-touched of {total} person (--limit 0 shows everyone).",
            "Showing the {shown} most-touched of {total} people (--limit 0 shows everyone).",
            data.total,
        ).format(shown=len(data.nodes), total=data.total)
    text = to_dot(
        data,
        you=_("You"),
        caption=caption,
        keys=_("◆ in two or more circles · dashed: introduction · heavier: more touches"),
    )
    if output_file is None:
        render.write_text(text)
    else:
        pictures.write_picture(text, fmt, Path(output_file))
        render.hint(
            ngettext(
                "Wrote {path}: {n} person, {links} links.",
                "Wrote {path}: {n} people, {links} links.",
                len(data.nodes),
            ).format(path=output_file, n=len(data.nodes), links=len(data.edges))
        )
    if caption:
        render.hint(caption)
