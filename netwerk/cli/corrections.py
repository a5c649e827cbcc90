"""Correcting mistakes: `touch edit/delete`, `undo`, `offers drop`, `goal remove`,
`event rename/remove`, `circle rename/remove` (`knows --remove` lives with `knows`)."""

from typing import Annotated

import typer

from netwerk.cli.app import (
    MAX_NUMBER,
    DbOption,
    JsonOption,
    app,
    interactive,
    open_store,
    parse_when,
    today,
)
from netwerk.cli.circles import circle_app
from netwerk.cli.events import EventName, event_app
from netwerk.cli.goals import goal_app
from netwerk.i18n import _, ngettext
from netwerk.output.formatter import output

touch_app = typer.Typer(
    help="Correct a touch: `touch edit ID`, `touch delete ID`.", no_args_is_help=True
)
app.add_typer(touch_app, name="touch")

TouchId = Annotated[
    int,
    typer.Argument(
        min=1,
        max=MAX_NUMBER,
        metavar="ID",
        help="The touch's id (see 'netwerk show NAME').",
        show_default=False,
    ),
]
Many = list[str] | None


@touch_app.command("edit")
def touch_edit(  # noqa: PLR0913
    touch_id: TouchId,
    when: Annotated[str | None, typer.Option(metavar="WHEN", help="A new date.")] = None,
    kind: Annotated[
        str | None, typer.Option(metavar="KIND", help="A new kind (koffie, lunch…).")
    ] = None,
    note: Annotated[
        str | None, typer.Option(metavar="TEXT", help="A new note ('' clears it).")
    ] = None,
    with_: Annotated[
        Many, typer.Option("--with", metavar="NAME", help="Add someone who was there (repeatable).")
    ] = None,
    without: Annotated[
        Many, typer.Option("--without", metavar="NAME", help="Take someone out (repeatable).")
    ] = None,
    gave: Annotated[
        Many, typer.Option("--gave", metavar="TEXT", help="Add a give (repeatable).")
    ] = None,
    asked: Annotated[
        Many, typer.Option("--asked", metavar="TEXT", help="Add an ask (repeatable).")
    ] = None,
    drop: Annotated[
        list[int] | None,
        typer.Option(
            "--drop", metavar="ID", max=MAX_NUMBER, help="Remove give or ask ID (repeatable)."
        ),
    ] = None,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Correct a touch: its date, kind, note, who was there, what it gave or asked."""
    from netwerk.output import render, render_network
    from netwerk.services.touch_edit import TouchChanges, edit_touch

    changes = TouchChanges(
        when=parse_when(when),
        kind=kind,
        note=note,
        with_=with_ or [],
        without=without or [],
        gave=gave or [],
        asked=asked or [],
        drop=drop or [],
    )
    with open_store(db, write=True, undo=True) as s:
        result = edit_touch(s, touch_id, changes, today=today())

    def human() -> None:
        render.line(
            _("Touch #{id}: {kind} with {names} on {day}.").format(
                id=result["id"],
                kind=result["kind"],
                names=render_network.names(result["with"]),
                day=result["date"].isoformat(),
            )
        )
        for sentence in result["hints"]:
            render.hint(_("Hint: {sentence}.").format(sentence=sentence))

    output(json).show(result, human)


@touch_app.command("delete")
def touch_delete(
    touch_id: TouchId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOption = None,
) -> None:
    """Delete a touch with its gives and asks; last touch and due follow."""
    from netwerk.errors import BadInput
    from netwerk.output import render
    from netwerk.services.touch_edit import delete_touch, touch_label

    if not yes:
        with open_store(db, write=False) as s:
            label = touch_label(s, touch_id)
        if not interactive():
            raise BadInput(
                _("Not deleting touch {label} without --yes (no terminal to ask on).").format(
                    label=label
                )
            )
        if not typer.confirm(_("Delete touch {label}?").format(label=label)):
            render.hint(_("Nothing deleted."))
            raise typer.Exit(0)
    with open_store(db, write=True, undo=True) as s:
        result = delete_touch(s, touch_id, today=today())
    render.line(
        _("Deleted touch #{id} ({kind} on {day}).").format(
            id=result["id"], kind=result["kind"], day=result["date"].isoformat()
        )
    )
    render.hint(_("'netwerk undo' brings it back."))


@app.command()
def undo(
    list_: Annotated[
        bool, typer.Option("--list", help="Show what can be undone, newest first.")
    ] = False,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Take back the last change (of the last 10): add, log, edit, remove, touch edit …"""
    from netwerk.output import render
    from netwerk.store import journal

    if list_:
        with open_store(db, write=False) as s:
            items = journal.history(s.conn)

        def listing() -> None:
            if not items:
                render.line(_("Nothing to undo."))
            for item in items:
                render.line(f"  {item['done_at']}  ", ("netwerk " + item["command"], "bold"))

        output(json).show(items, listing)
        return
    with open_store(db, write=True) as s:
        done = journal.undo(s.conn)
    data = {"command": done.command, "done_at": done.done_at, "rows": done.rows}
    output(json).show(
        data,
        lambda: render.line(
            _("Undid: netwerk {command} (of {when}).").format(
                command=done.command, when=done.done_at
            )
        ),
    )


offers_app = typer.Typer(
    help="Offers: `offers drop ID` drops one you will not bring.", no_args_is_help=True
)
app.add_typer(offers_app, name="offers")


@offers_app.command("drop")
def offers_drop(
    offer_id: Annotated[
        int, typer.Argument(min=1, max=MAX_NUMBER, metavar="ID", help="The offer's id.")
    ],
    db: DbOption = None,
) -> None:
    """Drop an open offer (an idea you will not bring after all)."""
    from netwerk.output import render
    from netwerk.services.corrections import drop_offer

    with open_store(db, write=True, undo=True) as s:
        result = drop_offer(s, offer_id)
    render.line(_("Dropped offer #{id}: {what}").format(id=result["id"], what=result["what"]))


@goal_app.command("remove")
def goal_remove(
    goal_id: Annotated[
        int, typer.Argument(min=1, max=MAX_NUMBER, metavar="ID", help="The goal's id.")
    ],
    db: DbOption = None,
) -> None:
    """Remove a goal."""
    from netwerk.output import render
    from netwerk.services.corrections import remove_goal

    with open_store(db, write=True, undo=True) as s:
        result = remove_goal(s, goal_id)
    render.line(_("Removed goal #{id}: {text}").format(id=result["id"], text=result["text"]))


NewName = Annotated[str, typer.Argument(metavar="NEW", help="The new name.", show_default=False)]


@event_app.command("rename")
def event_rename(name: EventName, new_name: NewName, db: DbOption = None) -> None:
    """Rename an event."""
    from netwerk.output import render
    from netwerk.services.corrections import rename_event

    with open_store(db, write=True, undo=True) as s:
        result = rename_event(s, name, new_name)
    render.line(
        _("Renamed event {old} to {new}.").format(old=result["old_name"], new=result["name"])
    )


@event_app.command("remove")
def event_remove(name: EventName, db: DbOption = None) -> None:
    """Remove an event; the touches at it stay (no longer at an event)."""
    from netwerk.output import render
    from netwerk.services.corrections import remove_event

    with open_store(db, write=True, undo=True) as s:
        result = remove_event(s, name)
    n = result["touches_kept"]
    render.line(
        ngettext(
            "Removed event {name}; its {n} touch stays.",
            "Removed event {name}; its {n} touches stay.",
            n,
        ).format(name=result["name"], n=n)
    )


CircleName = Annotated[
    str, typer.Argument(metavar="CIRCLE", help="The circle.", show_default=False)
]


@circle_app.command("rename")
def circle_rename(name: CircleName, new_name: NewName, db: DbOption = None) -> None:
    """Rename a circle."""
    from netwerk.output import render
    from netwerk.services.corrections import rename_circle

    with open_store(db, write=True, undo=True) as s:
        result = rename_circle(s, name, new_name)
    render.line(
        _("Renamed circle {old} to {new}.").format(old=result["old_name"], new=result["name"])
    )


@circle_app.command("remove")
def circle_remove(name: CircleName, db: DbOption = None) -> None:
    """Remove an empty circle."""
    from netwerk.output import render
    from netwerk.services.corrections import remove_circle

    with open_store(db, write=True, undo=True) as s:
        result = remove_circle(s, name)
    render.line(_("Removed circle {name}.").format(name=result["name"]))
