"""Rendering: the only place that prints. Human output with rich, and `--json`.

Functions here take data (the dicts the services return) and run no queries. User text (names,
notes, companies) is always wrapped in `rich.text.Text`, so `[red]Bob[/]` prints as typed and
never as markup. rich is imported on first use, not at start-up.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_consoles: dict[bool, Console] = {}

# Control characters in user text (an ESC from an imported note, a carriage return) would
# steer the terminal: they are shown as visible escapes instead. Newlines and tabs stay in
# data output; an error or hint is one line, so there they are escaped too.
_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)] if c not in (9, 10)}
_CONTROL_ONE_LINE = {**_CONTROL, 9: "\\t", 10: "\\n"}


def visible(text: str, *, one_line: bool = False) -> str:
    """`text` with terminal control characters replaced by visible escapes."""
    return text.translate(_CONTROL_ONE_LINE if one_line else _CONTROL)


def console(stderr: bool = False) -> Console:
    if stderr not in _consoles:
        from rich.console import Console

        _consoles[stderr] = Console(stderr=stderr, highlight=False, markup=False, emoji=False)
    return _consoles[stderr]


def reset() -> None:
    """Forget cached consoles (tests swap stdout between invocations)."""
    _consoles.clear()


def _default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__}")


def print_json(data: Any) -> None:
    """Stable JSON on stdout: ISO dates, null for unknown, UTF-8 as is."""
    sys.stdout.write(json.dumps(data, default=_default, ensure_ascii=False, indent=2) + "\n")


def error(message: str) -> None:
    """One red line on stderr."""
    from rich.text import Text

    text = Text(f"Error: {visible(message, one_line=True)}", style="red")
    console(stderr=True).print(text, soft_wrap=True)


def hint(message: str) -> None:
    """A quiet line on stderr (not part of the data a script would read)."""
    from rich.text import Text

    console(stderr=True).print(Text(visible(message, one_line=True), style="dim"), soft_wrap=True)


def line(*parts: str | tuple[str, str]) -> None:
    """Print one line made of plain strings and (text, style) pairs, never as markup."""
    from rich.text import Text

    safe = [visible(p) if isinstance(p, str) else (visible(p[0]), p[1]) for p in parts]
    console().print(Text.assemble(*safe), soft_wrap=True)


def t(value: Any, style: str = "") -> Text:
    from rich.text import Text

    return Text("" if value is None else visible(str(value)), style=style)


def when(day: date | None, today: date) -> str:
    """'2026-10-01 (7 weeks ago)'."""
    from netwerk.rules.dates import humanize_since

    if day is None:
        return "never"
    return f"{day.isoformat()} ({humanize_since(day, today)})"


def cadence(days: int) -> str:
    from netwerk.rules.dates import format_cadence

    return format_cadence(days)


def _first_line(text: str | None, width: int = 60) -> str:
    if not text:
        return ""
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= width else first[: width - 1] + "…"


def _table(*columns: str, title: str | None = None):  # type: ignore[no-untyped-def]
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def names(people: list[dict[str, Any]]) -> str:
    return ", ".join(p["name"] for p in people)


def exchanges_line(touch: dict[str, Any]) -> str:
    """'gave: X; asked: Y' for a timeline row."""
    parts = [f"gave: {g['what']}" for g in touch.get("gave", [])]
    for a in touch.get("asked", []):
        done = " (answered)" if a["answered_on"] else ""
        parts.append(f"asked: {a['what']}{done}")
    return "; ".join(parts)


def beside(item: dict[str, Any]) -> list[tuple[str, str]]:
    """Lines under a due contact's name: offers to bring, then give/ask hints."""
    lines = [(f"bring: {offer['what']}", "green") for offer in item.get("bring", [])]
    lines += [(sentence, "dim italic") for sentence in item.get("hints", [])]
    return lines


def due_extras(data: dict[str, Any]) -> None:
    """The sections `due` adds after birthdays: follow-ups and introducers to thank."""
    if data["follow_ups"]:
        line(("Follow up", "bold"))
        for intro in data["follow_ups"]:
            line(
                f"  #{intro['id']} did ",
                (intro["a"]["name"], "bold"),
                " and ",
                (intro["b"]["name"], "bold"),
                f" meet? (introduced {intro['introduced_on'].isoformat()}: ",
                intro["why"],
                ")",
            )
        hidden = data["follow_ups_total"] - len(data["follow_ups"])
        if hidden > 0:
            hint(f"… and {hidden} more to follow up (netwerk intros --open lists them all).")
    if data["thanks"]:
        line(("Say thank you", "bold"))
        for thank in data["thanks"]:
            line(
                "  ",
                (thank["name"], "bold"),
                " introduced you to ",
                names(thank["for"]),
                (" — no touch with them since", "dim"),
            )


def profile_rows(profile: dict[str, Any]) -> list[tuple[str, Any]]:
    """The rows `show` adds under a profile: who they know, offers, hints, introductions."""
    knows = [k["name"] + (f" ({k['how']})" if k["how"] else "") for k in profile.get("knows", [])]
    rows: list[tuple[str, Any]] = [("knows", "\n".join(knows))]
    rows += [("bring", f"#{o['id']} {o['what']}") for o in profile.get("offers", [])]
    rows += [("hint", sentence) for sentence in profile.get("hints", [])]
    for intro in profile.get("intros", []):
        other = intro["b"] if intro["a"]["id"] == profile["id"] else intro["a"]
        status = "open" if intro["status"] == "open" else f"closed: {intro['outcome']}"
        rows.append(("introduced", f"#{intro['id']} to {other['name']}: {intro['why']} ({status})"))
    return rows


def due(data: dict[str, Any], today: date) -> None:
    items, birthdays = data["due"], data["birthdays"]
    if not items:
        line(("Nobody is due. You are on top of the pile.", "green"))
    else:
        table = _table("Who", "Last touch", "Cadence", "Overdue", "Last note")
        for item in items:
            overdue = item["days_overdue"]
            who = t(item["name"], "bold")
            for extra, style in beside(item):
                who.append("\n" + extra, style=style)
            table.add_row(
                who,
                t(when(item["last_touch"], today)),
                t(cadence(item["cadence_days"])),
                t("due today" if overdue == 0 else _days(overdue), "yellow" if overdue else ""),
                t(_first_line(item["last_note"])),
            )
        console().print(table)
        hidden = data["total"] - len(items)
        if hidden > 0:
            hint(f"… and {hidden} more due (--limit 0 shows everyone).")
    if birthdays:
        line(("Birthdays", "bold"))
        for b in birthdays:
            turns = f", turns {b['turns']}" if b["turns"] else ""
            soon = {0: "today", 1: "tomorrow"}.get(b["in_days"], f"in {b['in_days']} days")
            line("  ", (b["name"], "bold"), f" — {b['birthday_on']:%d %B} ({soon}{turns})")
    due_extras(data)


def due_json(data: dict[str, Any]) -> list[dict[str, Any]]:
    """`due --json`: one list; `reason` is 'due' (cadence reached), 'birthday', 'follow_up'
    (an introduction to follow up) or 'thank' (an introducer to thank)."""
    items = [{"reason": "due", **item} for item in data["due"]]
    items += [{"reason": "birthday", **b} for b in data["birthdays"]]
    for intro in data["follow_ups"]:
        fields = {k: v for k, v in intro.items() if k != "id"}
        items.append({"reason": "follow_up", "intro_id": intro["id"], **fields})
    items += [{"reason": "thank", **thank} for thank in data["thanks"]]
    return items


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def contact(profile: dict[str, Any], today: date) -> None:
    """A profile and, when present, the timeline of touches."""
    from rich.table import Table

    title = t(profile["name"], "bold")
    if profile["archived"]:
        title.append("  (archived)", style="dim")
    console().print(title)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim")
    grid.add_column(overflow="fold")
    rows: list[tuple[str, Any]] = [
        ("id", f"#{profile['id']}"),
        ("also known as", ", ".join(profile["aliases"])),
        ("company", profile["company"]),
        ("role", profile["role"]),
        ("city", profile["city"]),
        ("e-mail", ", ".join(profile["emails"])),
        ("phone", ", ".join(profile["phones"])),
        ("web", ", ".join(profile["urls"] + profile["socials"])),
        ("circles", ", ".join(profile["circles"])),
        ("expertise", profile["expertise"]),
        ("birthday", profile["birthday"]),
        ("met", _met(profile)),
        ("introduced by", profile["via"]["name"] if profile["via"] else None),
        (
            "cadence",
            cadence(profile["cadence_days"])
            + ("" if profile["cadence_own"] else " (from circles)"),
        ),
        ("last touch", when(profile["last_touch"], today)),
        ("next due", profile["due_on"].isoformat() if profile["due_on"] else None),
        ("snoozed until", profile["snoozed_until"]),
        ("note", profile["note"]),
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
            noun = "touch" if older == 1 else "touches"
            hint(f"… and {older} older {noun} (leave out --limit to see all).")


def _met(profile: dict[str, Any]) -> str | None:
    parts = [profile["met_on"].isoformat()] if profile["met_on"] else []
    if profile["met_at"]:
        parts.append(f"at {profile['met_at']}")
    return " ".join(parts) or None


def timeline(touches: list[dict[str, Any]], today: date) -> None:
    if not touches:
        return
    table = _table("#", "Date", "Kind", "With", "Note", title="Timeline")
    for touch in touches:
        note = "\n".join(
            part
            for part in (
                touch["note"],
                f"at {touch['event']}" if touch.get("event") and touch["kind"] != "met" else None,
                exchanges_line(touch),
            )
            if part
        )
        table.add_row(
            t(str(touch["id"])),
            t(when(touch["date"], today)),
            t(touch["kind"]),
            t(", ".join(p["name"] for p in touch["with"])),
            t(note),
        )
    console().print(table)


def contacts(items: list[dict[str, Any]], today: date) -> None:
    if not items:
        line(("No contacts.", "dim"))
        return
    table = _table("#", "Name", "Company", "Circles", "Last touch", "Next due")
    for item in items:
        name = t(item["name"], "dim" if item["archived"] else "bold")
        if item["archived"]:
            name.append(" (archived)")
        table.add_row(
            t(item["id"]),
            name,
            t(item["company"]),
            t(", ".join(item["circles"])),
            t(when(item["last_touch"], today)),
            t(item["due_on"].isoformat() if item["due_on"] else ""),
        )
    console().print(table)


def waiting(data: dict[str, Any]) -> None:
    """`due --unknown`: who waits for a first touch or a scheduled date."""
    items = data["waiting"]
    if not items:
        line(("Nobody is waiting: everyone has a known touch or a date.", "green"))
        return
    table = _table("#", "Name", "Company", "Circles", "Added")
    for item in items:
        table.add_row(
            t(item["id"]),
            t(item["name"], "bold"),
            t(item["company"]),
            t(", ".join(item["circles"])),
            t(item["created_on"].isoformat()),
        )
    console().print(table)
    hidden = data["total"] - len(items)
    if hidden > 0:
        hint(f"… and {hidden} more waiting (--limit 0 shows everyone).")
    hint("Log a touch with them, or give them staggered first dates with 'netwerk spread'.")


def spread(data: dict[str, Any]) -> None:
    scheduled = data["scheduled"]
    if not scheduled:
        line(("Nobody to spread: no one is waiting.", "green"))
        return
    line(
        f"Scheduled {len(scheduled)} contact(s), {data['per_day']} a day, "
        f"from {data['from'].isoformat()} to {data['until'].isoformat()}."
    )


def import_summary(data: dict[str, Any]) -> None:
    """Added / merged / skipped, with the reasons for what was skipped."""
    counts = data["counts"]
    verb = "Would import" if data["dry_run"] else "Imported"
    line(
        f"{verb}: {counts['added']} added, {counts['merged']} merged, {counts['skipped']} skipped."
    )
    if data["dry_run"]:
        for item in data["added"]:
            line("  + ", (item["name"], "bold"))
        for item in data["merged"]:
            fields = ", ".join(item["fields"])
            line("  ~ ", (item["name"], "bold"), f" (same {item['matched_by']}; {fields})")
    reasons: dict[str, int] = {}
    for item in data["skipped"]:
        if item["reason"] == "already up to date":
            reasons[item["reason"]] = reasons.get(item["reason"], 0) + 1
        else:
            where = item["where"] or item["name"] or ""
            hint(f"  skipped {where}: {item['reason']}")
    for reason, n in reasons.items():
        hint(f"  skipped {n}: {reason}")
    for item in data["warnings"]:
        hint(f"  note {item['where']}: {item['reason']}")
    for item in data["added"] + data["merged"]:
        for value in item.get("dropped", []):
            hint(f"  {item['name']}: left out '{value}' (not an e-mail address or phone number)")
    scheduled = data["scheduled"]
    if scheduled["count"] and not data["dry_run"]:
        hint(
            f"{scheduled['count']} new contact(s) were already a cadence past their met/"
            f"connected date: they come up a few a day, from {scheduled['from'].isoformat()} "
            f"to {scheduled['until'].isoformat()}."
        )
    if data["waiting"] and not data["dry_run"]:
        hint(
            f"{data['waiting']} new contact(s) have no known touch and wait: "
            "see 'netwerk due --unknown', and 'netwerk spread' to schedule them."
        )


def restored(data: dict[str, Any]) -> None:
    from netwerk.i18n import _

    line(_("Restored {counts} into the empty database.").format(counts=_counts(data["restored"])))


def _count(word: str, n: int) -> str:
    from netwerk.i18n import ngettext

    forms = {
        "contacts": ngettext("{n} contact", "{n} contacts", n),
        "aliases": ngettext("{n} alias", "{n} aliases", n),
        "emails": ngettext("{n} e-mail", "{n} e-mails", n),
        "phones": ngettext("{n} phone number", "{n} phone numbers", n),
        "websites": ngettext("{n} website", "{n} websites", n),
        "profiles": ngettext("{n} profile", "{n} profiles", n),
        "circles": ngettext("{n} circle", "{n} circles", n),
        "memberships": ngettext("{n} circle membership", "{n} circle memberships", n),
        "touches": ngettext("{n} touch", "{n} touches", n),
        "events": ngettext("{n} event", "{n} events", n),
        "gives": ngettext("{n} give", "{n} gives", n),
        "asks": ngettext("{n} ask", "{n} asks", n),
        "offers": ngettext("{n} offer", "{n} offers", n),
        "introductions": ngettext("{n} introduction", "{n} introductions", n),
        "introduced": ngettext("{n} person they introduced", "{n} people they introduced", n),
        "links": ngettext("{n} knows link", "{n} knows links", n),
        "goals": ngettext("{n} goal", "{n} goals", n),
    }
    return forms.get(word, ngettext("{n} other record", "{n} other records", n)).format(n=n)


def _counts(counts: dict[str, int]) -> str:
    from netwerk.i18n import _

    return ", ".join(_count(word, n) for word, n in counts.items()) or _("nothing")


def merged(data: dict[str, Any]) -> None:
    from netwerk.i18n import _

    line(
        _("Merged {b} into {a} (#{id}); moved {counts}.").format(
            b=data["merged"]["name"], a=data["name"], id=data["id"], counts=_counts(data["moved"])
        )
    )


class _Progress:
    """`with progress("Importing") as start: step = start(total); step()`: a bar on stderr
    when stderr is a terminal and there are more than PROGRESS_MIN records; else nothing."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def __enter__(self) -> Any:
        return self.start

    def start(self, total: int) -> Any:
        if total <= PROGRESS_MIN or not console(stderr=True).is_terminal:
            return lambda: None
        from rich.progress import Progress

        self.bar = Progress(console=console(stderr=True), transient=True)
        self.bar.start()
        task = self.bar.add_task(self.label, total=total)
        return lambda: self.bar.advance(task)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


PROGRESS_MIN = 300


def progress(label: str) -> _Progress:
    return _Progress(label)
