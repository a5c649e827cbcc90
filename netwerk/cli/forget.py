"""`netwerk forget`: erase a person and every trace of them from the database."""

from typing import Annotated

import typer

from netwerk.cli.app import DbOption, Name, app, confirm_contact, db_path, open_store
from netwerk.errors import StoreError
from netwerk.i18n import _, ngettext


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
        question=_(
            "Forget {label} for good: their profile, the touches only they were in, "
            "and their name in every note?"
        ),
        refused=_("Not forgetting {label} without --yes (no terminal to ask on)."),
        cancelled=_("Nothing forgotten."),
    )
    with open_store(db, write=True) as s:
        summary = forget_contact(s, target)
    path = db_path(db)
    try:
        complete, problem = scrub(path), ""
    except StoreError as e:  # committed already; only the rebuild failed (a full disk?)
        complete, problem = False, e.message
    render.say(
        _("Forgot {name}: {touches} touch(es) removed, {mentions} mention(s) redacted."),
        name=(summary["name"], "bold"),
        touches=summary["touches_removed"],
        mentions=summary["mentions_redacted"],
    )
    if problem:
        render.hint(
            _(
                "Erased, but the file could not be rebuilt: {problem} Deleted text is "
                "overwritten already; run any netwerk command later to finish clearing the log."
            ).format(problem=problem)
        )
    elif not complete:
        render.hint(
            _(
                "Another netwerk process is using the database: old pages stay in its "
                "write-ahead log until that process ends and any netwerk command runs."
            )
        )
    # the copies netwerk itself puts beside the database: before an upgrade, and `backup`
    backups = sorted(
        {
            *path.parent.glob(f"{path.name}.*.bak"),
            *path.parent.glob(f"{path.stem}-*{path.suffix or '.db'}"),
        }
    )
    if backups:
        render.hint(
            ngettext(
                "{n} older backup(s) beside the database may still hold them (e.g. {file}); "
                "delete those files, and copies made with `netwerk backup PATH` elsewhere, "
                "if any, if they must go too.",
                "{n} older backup(s) beside the database may still hold them (e.g. {file}); "
                "delete those files, and copies made with `netwerk backup PATH` elsewhere, "
                "if any, if they must go too.",
                len(backups),
            ).format(n=len(backups), file=backups[0].name)
        )
    else:
        render.hint(
            _("Only copies made with `netwerk backup PATH` elsewhere, if any, still hold them.")
        )
