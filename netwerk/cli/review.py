"""`netwerk review`: the weekly triage, one key per person, on a terminal only.

Every answer is saved at once in its own write transaction (one `open_store` per action),
so quitting halfway, Ctrl-C or a closed terminal lose nothing that was answered. The single-key
input (`netwerk.cli.keys`, standard library termios) is imported inside the command only.
"""

from typing import Annotated, Any

import typer

from netwerk.cli.app import MAX_NUMBER, DbOption, app, open_store, today


@app.command()
def review(
    limit: Annotated[
        int, typer.Option(min=0, max=MAX_NUMBER, help="Review at most N (0 = everything).")
    ] = 0,
    db: DbOption = None,
) -> None:
    """The weekly review: who is due, birthdays in the next 14 days, introductions to follow
    up, asks still waiting, and a batch of contacts who wait, one key per person."""
    import contextlib
    import sys

    from netwerk.errors import BadInput
    from netwerk.i18n import _

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise BadInput(
            _(
                "netwerk review needs a terminal (it asks one key per person); "
                "in a script use due, log, snooze and archive."
            )
        )
    from netwerk.output import render_review
    from netwerk.services.review import Tally, queue

    with open_store(db, write=False) as s:
        items = queue(s, today=today(), limit=limit or None).items
    tally = Tally()
    if not items:
        render_review.nothing_to_review()
        return
    # everything answered is saved already: on Ctrl-C or a closed terminal only say so
    with contextlib.suppress(KeyboardInterrupt, EOFError):
        _walk(db, items, tally)
    render_review.summary(tally)


def _walk(db: str | None, items: list[Any], tally: Any) -> None:
    from netwerk.cli import keys
    from netwerk.errors import NetwerkError
    from netwerk.output import render, render_review
    from netwerk.services.review import card

    position = 0
    while 0 <= position < len(items):
        item = items[position]
        try:
            with open_store(db, write=False) as s:
                profile = card(s, item, today=today())
        except NetwerkError:  # removed meanwhile (another netwerk process): skip it
            position += 1
            continue
        render_review.screen(item, profile, position + 1, len(items), today())
        while True:
            key = keys.read_key().lower()
            if key in ("q", keys.ESCAPE):
                return
            if key in ("n", " ", keys.ENTER):
                position += 1
                break
            if key == "b":
                position = max(position - 1, 0)
                break
            if key == "?":
                render_review.help_screen()
                keys.read_key()
                break
            action = ACTIONS.get(key)
            if action is None:
                continue
            try:
                move_on = action(db, item, tally)
            except NetwerkError as e:
                render.error(e.message)
                continue
            if move_on:
                position += 1
                break


def _target(item: Any) -> str:
    return f"#{item.contact_id}"


def _log(db: str | None, item: Any, tally: Any) -> bool:
    from netwerk.cli import keys
    from netwerk.cli.app import parse_when
    from netwerk.i18n import _
    from netwerk.output import render_review
    from netwerk.rules.kinds import kind_name, parse_kind
    from netwerk.services.touches import log_touch

    kind = parse_kind(
        keys.ask_line(_("Kind [{kind}]: ").format(kind=kind_name("coffee")), "coffee")
    )
    day = parse_when(keys.ask_line(_("When [today]: ")) or None) or today()
    note = keys.ask_line(_("Note: "), "") or None
    with open_store(db, write=True) as s:  # the `log` command's own service
        touch = log_touch(s, [_target(item)], when=day, kind=kind, note=note, today=today())
    tally.logged += 1
    render_review.said(
        _("Logged {kind} with {name} on {date}.").format(
            kind=kind_name(touch["kind"]), name=item.name, date=touch["date"].isoformat()
        )
    )
    return True


def _snooze(db: str | None, item: Any, tally: Any) -> bool:
    from datetime import timedelta

    from netwerk.cli import keys
    from netwerk.cli.app import parse_when
    from netwerk.i18n import _
    from netwerk.output import render_review
    from netwerk.services.contacts import snooze

    render_review.said(_("Snooze for 1, 2 or 4 weeks, or d for a date:"), "cyan")
    key = keys.read_key().lower()
    if key in ("1", "2", "4"):
        until = today() + timedelta(weeks=int(key))
    elif key == "d":
        until = parse_when(keys.ask_line(_("Until: ")) or None, prefer="future")
        if until is None:
            return False
    else:
        render_review.said(_("Not snoozed."), "dim")
        return False
    assert until is not None
    with open_store(db, write=True) as s:
        snooze(s, _target(item), until, today=today())
    tally.snoozed += 1
    render_review.said(
        _("Snoozed {name} until {date}.").format(name=item.name, date=until.isoformat())
    )
    return True


def _cadence(db: str | None, item: Any, tally: Any) -> bool:
    from netwerk.cli import keys
    from netwerk.cli.app import parse_every
    from netwerk.i18n import _
    from netwerk.output import render_review
    from netwerk.services.contacts import ContactFields, edit_contact

    every = parse_every(keys.ask_line(_("Cadence ('2w', 'maandelijks', 'default'): ")))
    if every is None:
        return False
    with open_store(db, write=True) as s:
        edit_contact(s, _target(item), ContactFields(cadence_days=every), today=today())
    tally.cadences += 1
    render_review.said(_("Cadence of {name} set.").format(name=item.name))
    return False


def _circle(db: str | None, item: Any, tally: Any) -> bool:
    from netwerk.cli import keys
    from netwerk.i18n import _
    from netwerk.output import render_review
    from netwerk.services.contacts import ContactFields, edit_contact

    name = keys.ask_line(_("Circle: "))
    if not name:
        return False
    with open_store(db, write=True) as s:
        edit_contact(s, _target(item), ContactFields(circles=[name]), today=today())
    tally.circles += 1
    render_review.said(_("{name} is in {circle} now.").format(name=item.name, circle=name))
    return False


def _archive(db: str | None, item: Any, tally: Any) -> bool:
    from netwerk.i18n import _
    from netwerk.output import render_review
    from netwerk.services.contacts import set_archived

    with open_store(db, write=True) as s:
        set_archived(s, _target(item), True, today=today())
    tally.archived += 1
    render_review.said(_("Archived {name}.").format(name=item.name))
    return True


def _done(db: str | None, item: Any, tally: Any) -> bool:
    from netwerk.cli import keys
    from netwerk.i18n import _
    from netwerk.output import render_review
    from netwerk.services.giving import close_ask
    from netwerk.services.intros import close_intro

    if item.reason == "intro":
        outcome = keys.ask_line(_("How did it go? "), _("followed up"))
        render_review.said(_("What came of it: m met, w work, n no fit, Enter nothing:"), "cyan")
        result = {"m": "met", "w": "work", "n": "no-fit"}.get(keys.read_key().lower())
        with open_store(db, write=True) as s:
            close_intro(s, item.detail["id"], outcome=outcome, result=result, today=today())
        render_review.said(_("Introduction closed."))
    elif item.reason == "ask":
        note = keys.ask_line(_("How was it answered? "), "") or None
        with open_store(db, write=True) as s:
            close_ask(s, item.detail["id"], note=note, today=today())
        render_review.said(_("Ask closed."))
    else:
        render_review.said(_("Nothing to mark done here (d is for introductions and asks)."), "dim")
        return False
    tally.done += 1
    return True


def _offer(db: str | None, item: Any, tally: Any) -> bool:
    from netwerk.cli import keys
    from netwerk.i18n import _
    from netwerk.output import render_review
    from netwerk.services.giving import add_offer

    what = keys.ask_line(_("Something to bring next time: "))
    if not what:
        return False
    with open_store(db, write=True) as s:
        add_offer(s, _target(item), what, today=today())
    tally.offers += 1
    render_review.said(_("Offer added for {name}.").format(name=item.name))
    return False


ACTIONS = {
    "l": _log,
    "s": _snooze,
    "c": _cadence,
    "k": _circle,
    "a": _archive,
    "d": _done,
    "o": _offer,
}
