"""Who knows whom: `knows`, `who`, `path`, and introductions (`intro`, `intros`)."""

from typing import Annotated

import typer

from netwerk.cli.app import (
    MAX_NUMBER,
    DbOption,
    JsonOption,
    LimitOption,
    Name,
    app,
    open_store,
    parse_when,
    read_and_show,
    today,
)
from netwerk.i18n import _
from netwerk.output.formatter import output


@app.command()
def knows(
    a: Name,
    b: Name,
    how: Annotated[str | None, typer.Option(help="How they know each other.")] = None,
    remove: Annotated[
        bool, typer.Option("--remove", help="Remove the link instead (a mistake, or no more).")
    ] = False,
    db: DbOption = None,
) -> None:
    """Record that two contacts know each other (both ways); --remove takes it back."""
    from netwerk.output import render
    from netwerk.services.network import knows as link

    if remove:
        from netwerk.services.corrections import unlink

        with open_store(db, write=True, undo=True) as s:
            gone = unlink(s, a, b)
        render.line(
            _("{a} and {b} are no longer linked.").format(a=gone["a"]["name"], b=gone["b"]["name"])
        )
        return
    with open_store(db, write=True, undo=True) as s:
        result = link(s, a, b, how=how, today=today())
    if result["new"]:
        template = _("{a} and {b} now know each other.")
    else:
        template = _("{a} and {b} already knew each other.")
    render.say(template, a=(result["a"]["name"], "bold"), b=(result["b"]["name"], "bold"))


@app.command()
def who(
    query: Annotated[str, typer.Argument(help="What you need: 'pannenkoeken', 'logistiek'.")],
    limit: Annotated[
        int, typer.Option(min=0, max=MAX_NUMBER, help="Show at most N (0 = all).")
    ] = 20,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Who can help with X: your contacts whose expertise, role, company or note match, and
    the people you know well through whom to reach them."""
    from netwerk.output import render_network
    from netwerk.services.reach import who as find

    read_and_show(
        db,
        json,
        lambda s: find(s, query, today=today(), limit=limit),
        lambda items: render_network.who(items, query),
    )


@app.command()
def path(name: Name, json: JsonOption = False, db: DbOption = None) -> None:
    """The shortest chains from people you know well to someone, through who knows whom."""
    from netwerk.output import render_network
    from netwerk.services.reach import path as chains

    read_and_show(db, json, lambda s: chains(s, name, today=today()), render_network.path)


@app.command()
def intro(
    a: Name,
    b: Name,
    why: Annotated[str, typer.Option(help="Why they should meet.", show_default=False)],
    when: Annotated[
        str | None, typer.Option(metavar="WHEN", help="When you introduced them (today).")
    ] = None,
    follow_up: Annotated[
        str | None,
        typer.Option(metavar="WHEN", help="When to ask how it went (default 14 days later)."),
    ] = None,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Introduce two contacts: a touch with both, they now know each other, and `due`
    reminds you to follow it up."""
    from netwerk.output import render
    from netwerk.services.intros import introduce

    day = parse_when(when) or today()
    follow = parse_when(follow_up, prefer="future")
    with open_store(db, write=True, undo=True) as s:
        result = introduce(s, a, b, why=why, when=day, follow_up=follow, today=today())

    def human() -> None:
        render.say(
            _("Introduction #{id}: {a} and {b}; follow up on {date}."),
            id=result["id"],
            a=(result["a"]["name"], "bold"),
            b=(result["b"]["name"], "bold"),
            date=render.day(result["follow_up_on"]),
        )
        render.say(_("  (touch #{id})"), id=(str(result["touch_id"]), "dim"))
        render.hints(result["hints"])

    output(json).show(result, human)


intros_app = typer.Typer(
    help="Introductions you made; `intros done ID` closes one.", invoke_without_command=True
)
app.add_typer(intros_app, name="intros")


@intros_app.callback()
def intros(
    ctx: typer.Context,
    open_: Annotated[bool, typer.Option("--open", help="Only those not followed up yet.")] = False,
    limit: LimitOption = 20,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List your introductions with ids and status, open ones first."""
    if ctx.invoked_subcommand is not None:
        return
    from netwerk.output import render_network
    from netwerk.services.intros import intro_page

    with open_store(db, write=False) as s:
        items, total = intro_page(s, open_only=open_, limit=limit or None)
    output(json).show(items, lambda: render_network.intros(items, total, today()))


@intros_app.command("done")
def intros_done(
    intro_id: Annotated[
        int, typer.Argument(metavar="ID", max=MAX_NUMBER, help="The introduction's id.")
    ],
    outcome: Annotated[str, typer.Option(help="How it went.", show_default=False)],
    result: Annotated[
        str | None, typer.Option(metavar="met|work|no-fit", help="What came of it.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Close an introduction after following it up."""
    from netwerk.output import render
    from netwerk.services.intros import close_intro

    with open_store(db, write=True, undo=True) as s:
        closed = close_intro(s, intro_id, outcome=outcome, result=result, today=today())
    render.say(
        _("Closed introduction #{id}: {a} and {b}."),
        id=closed["id"],
        a=(closed["a"]["name"], "bold"),
        b=(closed["b"]["name"], "bold"),
    )
