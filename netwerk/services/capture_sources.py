"""The three capture sources: read an export, know who the user is, hand the encounters on.

`netwerk import whatsapp|calendar|mail PATH` lands here: each function reads its file through
the pure parser in `netwerk.formats`, works out the user's own name or addresses (given with
`--me`, remembered from an earlier import, or recognised), and records the touches through
`netwerk.services.capture.capture`. Who the user turned out to be is remembered (in the same
transaction, so a dry run remembers nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from netwerk.errors import BadInput
from netwerk.i18n import _, ngettext
from netwerk.rules.text import fold
from netwerk.services.capture import (
    Progress,
    capture,
    check_me,
    remember_me,
    remembered_me,
)
from netwerk.store.store import Store


def import_whatsapp(
    store: Store, path: Path, *, me: list[str], today: date, **options: Any
) -> dict[str, Any]:
    """Touches from exported WhatsApp chats: a day on which you and they both wrote."""
    from netwerk.formats import whatsapp

    given = check_me("whatsapp", me)
    try:
        chats = whatsapp.read_chats(path)
    except whatsapp.ChatProblem as e:
        raise BadInput(str(e)) from None
    everyone: dict[str, str] = {}
    for chat in chats:
        for key, name in chat.authors().items():
            everyone.setdefault(key, name)
    missing = sorted(k for k in given if k not in everyone)
    if missing:
        raise BadInput(
            _("{name} did not write in these chats; the names in them: {names}.").format(
                name=", ".join(repr(m) for m in missing), names=_listing(everyone.values())
            )
        )
    found = whatsapp.recognise_me(chats, given or remembered_me(store, "whatsapp"))
    if isinstance(found, list):
        raise BadInput(
            _(
                "Which of these names is you? Say it once with --me NAME "
                "(it is remembered): {names}."
            ).format(names=_listing(found))
        )
    remember_me(store, "whatsapp", [everyone[k] for k in sorted(found)])
    encounters = [e for chat in chats for e in whatsapp.encounters(chat, found)]
    problems = [
        ngettext(
            "{source}: {n} day with a date that does not exist was left out.",
            "{source}: {n} days with a date that does not exist were left out.",
            chat.skipped_lines,
        ).format(source=chat.source, n=chat.skipped_lines)
        for chat in chats
        if chat.skipped_lines
    ]
    problems += [
        _("{source}: no messages found.").format(source=chat.source)
        for chat in chats
        if not chat.days
    ]
    summary = capture(store, "whatsapp", encounters, today=today, problems=problems, **options)
    summary["me"] = [everyone[k] for k in sorted(found)]
    summary["chats"] = len(chats)
    return summary


def _listing(names: Any, limit: int = 8) -> str:
    shown = sorted(set(names), key=fold)
    text = ", ".join(shown[:limit])
    if len(shown) > limit:
        text = _("{names} and {count} more").format(names=text, count=len(shown) - limit)
    return text


def import_calendar(
    store: Store, path: Path, *, me: list[str], today: date, titles: bool, **options: Any
) -> dict[str, Any]:
    """Touches from a calendar export: past events with contacts, recurrences expanded."""
    from netwerk.formats.calendar import CalendarProblem, leave_out_me, read_calendar

    known = check_me("calendar", me) | remembered_me(store, "calendar")
    try:
        found, recognised = read_calendar(
            path, today=today, since=options.get("since"), titles=titles
        )
    except CalendarProblem as e:
        raise BadInput(str(e)) from None
    if not known and not recognised:
        always = _always_present(found.encounters)
        if always:
            known = {always}
    found = leave_out_me(found, known | recognised)
    remember_me(store, "calendar", [*me, *sorted(recognised - known)])
    summary = capture(
        store, "calendar", found.encounters, today=today, me=known | recognised,
        problems=found.problems, **options,
    )  # fmt: skip
    summary["me"] = sorted(known | recognised)
    return summary


def _always_present(encounters: list[Any]) -> str | None:
    """The one address in every event that has people (at least two such): the user's."""
    common: set[str] | None = None
    seen = 0
    for encounter in encounters:
        addresses = {p.email for p in encounter.people if p.email}
        if not addresses:
            continue
        seen += 1
        common = addresses if common is None else common & addresses
        if not common:
            return None
    if seen >= 2 and common and len(common) == 1:
        return next(iter(common))
    return None


def import_mail(
    store: Store,
    path: Path,
    *,
    me: list[str],
    today: date,
    subjects: bool,
    progress: Progress | None = None,
    **options: Any,
) -> dict[str, Any]:
    """Touches from a mailbox: mail you sent to contacts and mail they sent you, per day."""
    from netwerk.formats.mail import MailProblem, encounters, likely_me, read_mailbox

    known = check_me("mail", me) | remembered_me(store, "mail")
    try:
        if not known:
            likely, messages = likely_me(path)
            # one address in nearly every message that is no list mail: the mailbox's owner
            if (
                likely
                and likely[0][1] >= 0.8 * messages
                and (len(likely) == 1 or likely[1][1] < 0.5 * messages)
            ):
                known = {likely[0][0]}
                me = [likely[0][0]]
        if not known:
            raise _which_address(likely)
        step = _byte_progress(path, progress)
        found = encounters(read_mailbox(path, step), known, subjects=subjects)
        if not found.messages and not me:
            # remembered addresses of another mailbox: this one is someone else's, or new
            raise _which_address(likely_me(path)[0], known)
    except MailProblem as e:
        raise BadInput(str(e)) from None
    remember_me(store, "mail", me)
    summary = capture(
        store, "mail", found.encounters, today=today, me=known, problems=found.problems,
        **options,
    )  # fmt: skip
    summary["me"] = sorted(known)
    summary["automated"] = found.automated
    return summary


def _which_address(likely: list[tuple[str, int]], known: set[str] | None = None) -> BadInput:
    shown = ", ".join(f"{address} ({n})" for address, n in likely) or "-"
    if known:
        return BadInput(
            _(
                "No message here is from or to {known}. Say which address is yours with "
                "--me ADDRESS; the most common here: {addresses}."
            ).format(known=", ".join(sorted(known)), addresses=shown)
        )
    return BadInput(
        _(
            "Which address is yours? Say it once with --me ADDRESS (repeatable, "
            "remembered); the most common here: {addresses}."
        ).format(addresses=shown)
    )


def _byte_progress(path: Path, progress: Progress | None) -> Callable[[int], None] | None:
    """A progress step over the mbox's bytes (or the Maildir's files)."""
    if progress is None:
        return None
    if path.is_dir():  # the Maildir's messages, as `netwerk.formats.mail` walks them
        folders = [path, *(p for p in path.iterdir() if p.is_dir() and p.name.startswith("."))]
        total = sum(
            1
            for folder in folders
            for sub in ("cur", "new")
            if (folder / sub).is_dir()
            for _f in (folder / sub).iterdir()
        )
    else:
        total = path.stat().st_size
    return progress(total)  # type: ignore[return-value]
