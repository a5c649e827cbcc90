"""`netwerk goal …`: networking goals with progress computed from what you log."""

from typing import Annotated

import typer

from netwerk.cli.app import (
    MAX_NUMBER,
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

goal_app = typer.Typer(
    help="Networking goals: new contacts or touches in a circle, by a date.",
    no_args_is_help=True,
)
app.add_typer(goal_app, name="goal")


@goal_app.command("add")
def goal_add(
    what: Annotated[
        str, typer.Argument(help="The goal in your words.", show_default=False, metavar="TEXT")
    ],
    new: Annotated[
        int | None, typer.Option("--new", metavar="N", max=MAX_NUMBER, help="Count N new contacts.")
    ] = None,
    touches: Annotated[
        int | None,
        typer.Option("--touches", metavar="N", max=MAX_NUMBER, help="Count N people seen."),
    ] = None,
    circle: Annotated[str | None, typer.Option(help="Only in this circle.")] = None,
    by: Annotated[
        str | None, typer.Option("--by", metavar="DATE", help="Deadline: '1 maart'…")
    ] = None,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Set a goal, e.g. "3 new contacts in logistiek by March" (--new 3 --circle logistiek)."""
    from netwerk.output import render
    from netwerk.services.goals import add_goal

    deadline = parse_when(by, prefer="future")
    with open_store(db, write=True, undo=True) as s:
        goal = add_goal(
            s, what, new=new, touches=touches, circle=circle, by=deadline, today=today()
        )
    output(json).show(
        goal,
        lambda: render.say(_("Goal #{id}: {text}"), id=goal["id"], text=(goal["text"], "bold")),
    )


@goal_app.command("list")
def goal_list(
    all_: Annotated[bool, typer.Option("--all", help="Done goals too.")] = False,
    json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Your goals, their progress and what is left."""
    from netwerk.output import render_network
    from netwerk.services.goals import list_goals

    read_and_show(db, json, lambda s: list_goals(s, today=today(), all_=all_), render_network.goals)


@goal_app.command("done")
def goal_done(
    goal_id: Annotated[int, typer.Argument(metavar="ID", max=MAX_NUMBER, help="The goal's id.")],
    db: DbOption = None,
) -> None:
    """Mark a goal as done."""
    from netwerk.output import render
    from netwerk.services.goals import close_goal

    with open_store(db, write=True, undo=True) as s:
        goal = close_goal(s, goal_id, today=today())
    render.say(_("Goal #{id} done: {text}"), id=goal["id"], text=(goal["text"], "bold"))
