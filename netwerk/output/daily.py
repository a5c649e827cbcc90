"""Rendering of the daily lists, `due` and `list`: one line per person, fitted to the terminal.

Compact relative dates ("3 wk", "2 mo") keep a row short; hints, "bring: …" and follow-ups go
on their own indented line under the person; long notes are cut with an ellipsis (`show` has
them in full). The fitting itself is `netwerk.columns`. Data in, nothing queried.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from netwerk.i18n import _, ngettext, pgettext
from netwerk.output import columns as cols
from netwerk.output.columns import Column, Columns, Row, indented
from netwerk.output.render import cadence, console, day, hint, line, more, profile_rows, t, when


def due(data: dict[str, Any], today: date) -> None:
    from netwerk.output.render import beside

    items, birthdays = data["due"], data["birthdays"]
    if not items:
        line((_("Nobody is due. You are on top of the pile."), "green"))
    else:
        table = Columns(
            [
                Column(_("Who"), style="bold"),
                Column(_("Last"), drop=2),
                Column(_("Every"), drop=3),
                Column(_("Overdue"), style="yellow"),
                Column(_("Last note"), shrink=True, min_width=12, drop=1),
            ]
        )
        rows = []
        for item in items:
            overdue = item["days_overdue"]
            rows.append(
                Row(
                    [
                        item["name"],
                        cols.ago(item["last_touch"], today),
                        cols.every(item["cadence_days"]),
                        _("due today") if overdue == 0 else cols.span(overdue),
                        item["last_note"] or "",
                    ],
                    under=beside(item),
                )
            )
        table.print(rows)
        more(
            data["total"] - len(items),
            lambda n: ngettext(
                "… and {n} more due (--limit 0 shows everyone).",
                "… and {n} more due (--limit 0 shows everyone).",
                n,
            ).format(n=n),
        )
    if birthdays:
        line((_("Birthdays"), "bold"))
        rows = []
        for b in birthdays:
            on = b["birthday_on"]
            soon = {0: _("today"), 1: _("tomorrow")}.get(b["in_days"])
            if soon is None:
                soon = ngettext("in {n} day", "in {n} days", b["in_days"]).format(n=b["in_days"])
            when = cols.day_month(on.day, on.month)
            if b["turns"]:
                when = _("{date} ({soon}, turns {age})").format(
                    date=when, soon=soon, age=b["turns"]
                )
            else:
                when = _("{date} ({soon})").format(date=when, soon=soon)
            rows.append(Row([t(b["name"], "bold"), when]))
        indented(rows, [Column(""), Column("", shrink=True)])
    follow_ups(data)
    thanks(data)


def follow_ups(data: dict[str, Any]) -> None:
    """Introductions to follow up: the question on its own line (broken between the names,
    never inside one), the reason indented under it."""
    if not data["follow_ups"]:
        return
    from netwerk.output.render import console

    out = console()
    line((_("Follow up"), "bold"))
    for intro in data["follow_ups"]:
        pieces = [("  ", "")] + cols.sentence(
            _("#{id} did {a} and {b} meet? (introduced {date})"),
            {"a": intro["a"]["name"], "b": intro["b"]["name"]},
            id=intro["id"],
            date=day(intro["introduced_on"]),
        )
        for text in cols.flow(pieces, out.width, indent=cols.INDENT + 2):
            out.print(text, soft_wrap=True)
        if intro.get("why"):
            out.print(cols.cut(t(" " * (cols.INDENT + 2) + intro["why"], "dim"), out.width))
    more(
        data["follow_ups_total"] - len(data["follow_ups"]),
        lambda n: ngettext(
            "… and {n} more to follow up (netwerk intros --open lists them all).",
            "… and {n} more to follow up (netwerk intros --open lists them all).",
            n,
        ).format(n=n),
    )


def _why(intro: dict[str, Any]) -> list[tuple[str, str]]:
    return [(intro["why"], "dim")] if intro.get("why") else []


def thanks(data: dict[str, Any]) -> None:
    """Introducers to thank, one each, broken between names when the terminal is narrow."""
    if not data["thanks"]:
        return
    from netwerk.output.render import console

    out = console()
    line((_("Say thank you"), "bold"))
    for thank in data["thanks"]:
        people = {f"p{n}": person["name"] for n, person in enumerate(thank["for"])}
        pieces = cols.sentence(
            _("{name} introduced you to {people}").format(
                name="{name}", people=", ".join(f"{{{key}}}" for key in people)
            ),
            {"name": thank["name"], **people},
        )
        pieces = [("  ", "")] + pieces + [(" " + _("— no touch with them since"), "dim")]
        for text in cols.flow(pieces, out.width, indent=cols.INDENT + 2):
            out.print(text, soft_wrap=True)


def contacts(items: list[dict[str, Any]], today: date) -> None:
    """`list`: one line per person."""
    if not items:
        line((_("No contacts."), "dim"))
        return
    table = Columns(
        [
            Column("#", right=True, style="dim"),
            Column(_("Name")),
            Column(_("Company"), shrink=True, min_width=10, drop=2),
            Column(_("Circles"), shrink=True, min_width=8, drop=1),
            Column(_("Last"), drop=3),
            Column(_("Next due")),
        ]
    )
    rows = []
    for item in items:
        name = t(item["name"], "dim" if item["archived"] else "bold")
        if item["archived"]:
            name.append(_(" (archived)"))
        rows.append(
            Row(
                [
                    str(item["id"]),
                    name,
                    item["company"] or "",
                    ", ".join(item["circles"]),
                    cols.ago(item["last_touch"], today),
                    cols.until(item["due_on"], today),
                ]
            )
        )
    table.print(rows)


def timeline(touches: list[dict[str, Any]], today: date) -> None:
    """`show`'s timeline: one line per touch (id, date, kind, who else was there), its note
    and what it gave or asked in full, wrapped and indented under it."""
    if not touches:
        return
    from rich.padding import Padding

    from netwerk.output.render import console, exchanges_line, kind
    from netwerk.rules.dates import humanize_since

    out = console()
    line((_("Timeline"), "bold"))
    table = Columns(
        [
            Column("#", right=True, style="dim"),
            Column(_("Date")),
            Column(_("When"), drop=1, style="dim"),
            Column(_("Kind")),
            Column(_("With"), shrink=True, min_width=12),
        ],
        header=False,
    )
    for touch in touches:
        where = touch.get("event") if touch["kind"] != "met" else None
        note = touch["note"]
        if touch["kind"] == "met" and touch.get("event") and note == f"Met at {touch['event']}":
            note = _("Met at {event}").format(event=touch["event"])  # the note `add` writes
        row = Row(
            [
                f"#{touch['id']}",
                day(touch["date"]),
                humanize_since(touch["date"], today),
                kind(touch["kind"]),
                ", ".join(p["name"] for p in touch["with"]),
            ]
        )
        out.print(t("  ") + table.lines([row], out.width - 2)[0], soft_wrap=True)
        details = [
            part
            for part in (
                note,
                _("at {event}").format(event=where) if where else None,
                exchanges_line(touch),
            )
            if part
        ]
        for part in details:
            out.print(Padding(t(part), (0, 0, 0, cols.INDENT + 2), expand=False))


def contact(profile: dict[str, Any], today: date) -> None:
    """A profile and, when present, the timeline of touches."""
    from rich.table import Table

    title = t(profile["name"], "bold")
    if profile["archived"]:
        title.append("  " + _("(archived)"), style="dim")
    console().print(title)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    shown_cadence = cadence(profile["cadence_days"])
    if not profile["cadence_own"]:
        shown_cadence = _("{cadence} (from circles)").format(cadence=shown_cadence)
    rows: list[tuple[str, Any]] = [
        (_("id"), f"#{profile['id']}"),
        (_("also known as"), ", ".join(profile["aliases"])),
        (_("company"), profile["company"]),
        (_("role"), profile["role"]),
        (_("city"), profile["city"]),
        (_("e-mail"), ", ".join(profile["emails"])),
        (_("phone"), ", ".join(profile["phones"])),
        (_("web"), ", ".join(profile["urls"] + profile["socials"])),
        (_("circles"), ", ".join(profile["circles"])),
        (_("expertise"), profile["expertise"]),
        (_("birthday"), birthday(profile["birthday"])),
        (pgettext("profile", "met"), _met(profile)),
        (_("introduced by"), profile["via"]["name"] if profile["via"] else None),
        (_("cadence"), shown_cadence),
        (_("last touch"), when(profile["last_touch"], today)),
        *_next_due(profile),
        (_("note"), profile["note"]),
    ]
    rows += profile_rows(profile)
    for label, value in rows:
        if value:
            grid.add_row(label, t(value))
    console().print(grid)
    if "touches" in profile:
        timeline(profile["touches"], today)
        older = profile.get("touches_total", 0) - len(profile["touches"])
        if older > 0:
            hint(
                ngettext(
                    "… and {n} older touch (leave out --limit to see all).",
                    "… and {n} older touches (leave out --limit to see all).",
                    older,
                ).format(n=older)
            )


def birthday(stored: str | None) -> str | None:
    """'3 December' for '--12-03', '3 December 1985' for '1985-12-03', as `due` says it (Dutch
    '3 december')."""
    if not stored:
        return None
    from netwerk.output.columns import day_month

    year, month, dd = stored.rsplit("-", 2)
    return day_month(int(dd), int(month), int(year) if year.strip("-") else None)


def _next_due(profile: dict[str, Any]) -> list[tuple[str, Any]]:
    """'next due', and the snooze: a snooze that holds the contact back past the cadence's
    date is the next due date (`due` leaves them out until then)."""
    due_on, snoozed = profile["due_on"], profile["snoozed_until"]
    if isinstance(snoozed, str):
        snoozed = date.fromisoformat(snoozed)
    if snoozed and (due_on is None or snoozed > due_on):
        return [(_("next due"), _("{date} (snoozed until then)").format(date=day(snoozed)))]
    rows: list[tuple[str, Any]] = [(_("next due"), day(due_on) or None)]
    if snoozed:
        rows.append((_("snoozed until"), day(snoozed)))
    return rows


def _met(profile: dict[str, Any]) -> str | None:
    if profile["met_on"] and profile["met_at"]:
        return _("{date} at {event}").format(date=day(profile["met_on"]), event=profile["met_at"])
    if profile["met_on"]:
        return day(profile["met_on"])
    if profile["met_at"]:
        return _("at {event}").format(event=profile["met_at"])
    return None


def waiting(data: dict[str, Any]) -> None:
    """`due --unknown`: who waits for a first touch or a scheduled date."""
    items = data["waiting"]
    if not items:
        line((_("Nobody is waiting: everyone has a known touch or a date."), "green"))
        return
    from netwerk.output.columns import Column, Columns, Row

    table = Columns(
        [
            Column("#", right=True, style="dim"),
            Column(_("Name"), style="bold"),
            Column(_("Company"), shrink=True, min_width=10, drop=2),
            Column(_("Circles"), shrink=True, min_width=8, drop=1),
            Column(_("Added")),
        ]
    )
    rows = [
        Row(
            [
                str(item["id"]),
                item["name"],
                item["company"] or "",
                ", ".join(item["circles"]),
                day(item["created_on"]),
            ]
        )
        for item in items
    ]
    table.print(rows)
    more(
        data["total"] - len(items),
        lambda n: ngettext(
            "… and {n} more waiting (--limit 0 shows everyone).",
            "… and {n} more waiting (--limit 0 shows everyone).",
            n,
        ).format(n=n),
    )
    hint(_("Log a touch with them, or give them staggered first dates with 'netwerk spread'."))
