"""Give before you ask: `give`, `ask`, `offer` and `asks` (list, done)."""

from typing import Annotated

import typer

from netwerk.cli.app import (
    MAX_NUMBER,
    DbOption,
    JsonOption,
    LimitOption,
    app,
    interactive,
    name_argument,
    open_store,
    parse_when,
    today,
)
from netwerk.i18n import _
from netwerk.output.formatter import output

WhenOpt = Annotated[
    str | None, typer.Option(metavar="WHEN", help="When: 'gisteren', 'last friday'… (today).")
]
OfferOpt = Annotated[
    list[int] | None,
    typer.Option("--offer", metavar="ID", help="An offer this give delivers (repeatable)."),
]


def choose_offers(db: str | None, names: list[str]) -> list[int]:
    """On a terminal, offer to mark one of these people's open offers as given."""
    if not interactive():
        return []
    from netwerk.output import render_network
    from netwerk.services.giving import offers_for

    with open_store(db, write=False) as s:
        offers = offers_for(s, names)
    if not offers:
        return []
    render_network.offers_to_choose(offers)
    answer = typer.prompt(_("Which one did you give? (number, or Enter for none)"), default="")
    if not answer.strip():
        return []
    ids = {str(o["id"]) for o in offers}
    if answer.strip().lstrip("#") not in ids:
        from netwerk.errors import BadInput

        raise BadInput(_("'{answer}' is not one of the offers listed.").format(answer=answer))
    return [int(answer.strip().lstrip("#"))]


def _give_or_ask(
    kind: str,
    names: list[str],
    what: str | None,
    when: str | None,
    offer: list[int],
    json: bool,
    db: str | None,
) -> None:
    from netwerk.output import render_network
    from netwerk.services.giving import give_or_ask

    day = parse_when(when) or today()
    with open_store(db, write=True, undo=True) as s:
        result = give_or_ask(s, kind, names, what, when=day, today=today(), offer_ids=offer)
    output(json).show(result, lambda: render_network.touch_logged(result))


@app.command()
def give(
    name: Annotated[str, name_argument("Who you gave to.")],
    what: Annotated[
        str | None, typer.Argument(help="What: an intro, an article, advice…", show_default=False)
    ] = None,
    when: WhenOpt = None,
    offer: OfferOpt = None,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Record that you gave someone something (a touch of its own: it resets the clock).
    Without WHAT, the offer you give (--offer, or chosen on a terminal) says what it was."""
    offers = offer or choose_offers(db, [name])
    _give_or_ask("give", [name], what, when, offers, json, db)


@app.command()
def ask(
    name: Annotated[str, name_argument("Who you asked.")],
    what: Annotated[str, typer.Argument(help="What you asked for.", show_default=False)],
    when: WhenOpt = None,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Record that you asked someone for something; `netwerk asks` keeps it until answered."""
    _give_or_ask("ask", [name], what, when, [], json, db)


@app.command()
def offer(
    name: Annotated[str, name_argument("Who it is for.")],
    what: Annotated[str, typer.Argument(help="What to bring next time.", show_default=False)],
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Keep an idea of something to bring next time; `due` shows it beside them."""
    from netwerk.output import render
    from netwerk.services.giving import add_offer

    with open_store(db, write=True, undo=True) as s:
        result = add_offer(s, name, what, today=today())

    def human() -> None:
        render.say(
            _("Offer #{id} for {name}: {what}"),
            id=result["id"],
            name=(result["contact"]["name"], "bold"),
            what=result["what"],
        )

    output(json).show(result, human)


asks_app = typer.Typer(
    help="Asks still waiting for an answer; `asks done ID` closes one.",
    invoke_without_command=True,
)
app.add_typer(asks_app, name="asks")


@asks_app.callback()
def asks(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Answered asks too.")] = False,
    limit: LimitOption = 20,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List the asks still waiting for an answer, oldest first, with their ids."""
    if ctx.invoked_subcommand is not None:
        return
    from netwerk.output import render_network
    from netwerk.services.giving import ask_page

    with open_store(db, write=False) as s:
        items, total = ask_page(s, all_=all_, limit=limit or None)
    output(json).show(items, lambda: render_network.asks(items, total, today()))


@asks_app.command("done")
def asks_done(
    ask_id: Annotated[
        int, typer.Argument(metavar="ID", max=MAX_NUMBER, help="The ask's id (see `netwerk asks`).")
    ],
    note: Annotated[str | None, typer.Option(help="How it was answered.")] = None,
    db: DbOption = None,
) -> None:
    """Close an ask: it was answered."""
    from netwerk.output import render
    from netwerk.services.giving import close_ask

    with open_store(db, write=True, undo=True) as s:
        result = close_ask(s, ask_id, note=note, today=today())
    render.say(_("Closed ask #{id}: {what}"), id=result["id"], what=result["what"])
