"""`netwerk forget`: erase a person and every trace of them from the database."""

from typing import Annotated

import typer

from netwerk.cli.app import DbOption, Name, app, confirm_contact, db_path, open_session
from netwerk.errors import StoreError


@app.command()
def forget(
    name: Name,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOption = None,
) -> None:
    """Erase someone completely: their contact, the touches only they were in, and their name
    in every other note ("[forgotten]"); deleted bytes are overwritten and the file rebuilt."""
    from netwerk.output import render
    from netwerk.services.forget import forget_contact
    from netwerk.store.db import scrub

    target = confirm_contact(
        db,
        name,
        yes=yes,
        question="Forget {label} for good: their profile, the touches only they were in, "
        "and their name in every note?",
        verbs=("forgetting", "forgotten"),
    )
    with open_session(db, write=True) as s:
        summary = forget_contact(s, target)
    path = db_path(db)
    try:
        complete, problem = scrub(path), ""
    except StoreError as e:  # committed already; only the rebuild failed (a full disk?)
        complete, problem = False, e.message
    render.line(
        "Forgot ",
        (summary["name"], "bold"),
        f": {summary['touches_removed']} touch(es) removed, "
        f"{summary['mentions_redacted']} mention(s) redacted.",
    )
    if problem:
        render.hint(
            f"Erased, but the file could not be rebuilt: {problem} Deleted text is "
            "overwritten already; run any netwerk command later to finish clearing the log."
        )
    elif not complete:
        render.hint(
            "Another netwerk process is using the database: old pages stay in its "
            "write-ahead log until that process ends and any netwerk command runs."
        )
    # the copies netwerk itself puts beside the database: before an upgrade, and `backup`
    backups = sorted(
        {
            *path.parent.glob(f"{path.name}.*.bak"),
            *path.parent.glob(f"{path.stem}-*{path.suffix or '.db'}"),
        }
    )
    elsewhere = "copies made with `netwerk backup PATH` elsewhere, if any"
    if backups:
        render.hint(
            f"{len(backups)} older backup(s) beside the database may still hold them "
            f"(e.g. {backups[0].name}); delete those files, and {elsewhere}, if they must "
            "go too."
        )
    else:
        render.hint(f"Only {elsewhere}, still hold them.")
