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

from netwerk.i18n import _, ngettext

if TYPE_CHECKING:
    from collections.abc import Callable

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


def write_text(text: str) -> None:
    """Text a program made (DOT, a calendar), on stdout as it is."""
    sys.stdout.write(text)


def error(message: str) -> None:
    """One red line on stderr."""
    from rich.text import Text

    from netwerk.i18n import _

    shown = _("Error: {message}").format(message=visible(message, one_line=True))
    text = Text(shown, style="red")
    console(stderr=True).print(text, soft_wrap=True)


def hint(message: str) -> None:
    """A quiet line on stderr (not part of the data a script would read)."""
    from rich.text import Text

    console(stderr=True).print(Text(visible(message, one_line=True), style="dim"), soft_wrap=True)


def more(hidden: int, sentence: Callable[[int], str]) -> None:
    """'… and N more …' under a page that left `hidden` out (nothing when it showed all)."""
    if hidden > 0:
        hint(sentence(hidden))


def hints(sentences: list[str]) -> None:
    """The hints a service returned beside its data, one quiet line each."""
    for sentence in sentences:
        hint(_("Hint: {sentence}.").format(sentence=sentence))


def line(*parts: str | tuple[str, str]) -> None:
    """Print one line made of plain strings and (text, style) pairs, never as markup."""
    from rich.text import Text

    safe = [visible(p) if isinstance(p, str) else (visible(p[0]), p[1]) for p in parts]
    console().print(Text.assemble(*safe), soft_wrap=True)


def styled(template: str, **values: Any) -> Text:
    """A translated sentence with its {placeholders} filled in: each value is plain text or
    (text, style). The sentence stays whole for translators; user text never becomes markup."""
    from string import Formatter

    from rich.text import Text

    out = Text()
    for literal, field, spec, _conversion in Formatter().parse(template):
        if literal:
            out.append(literal)
        if field is not None:
            value = values[field]
            text, style = value if isinstance(value, tuple) else (value, "")
            out.append(visible(format(text, spec or "")), style=style)
    return out


def say(template: str, **values: Any) -> None:
    """Print one translated sentence (see `styled`)."""
    console().print(styled(template, **values), soft_wrap=True)


def t(value: Any, style: str = "") -> Text:
    from rich.text import Text

    return Text("" if value is None else visible(str(value)), style=style)


def when(day: date | None, today: date) -> str:
    """'2026-10-01 (7 weeks ago)', in Dutch '1 okt 2026 (7 weken geleden)'."""
    from netwerk.rules.dates import humanize_since, show_date

    if day is None:
        return _("never")
    return _("{date} ({relative})").format(date=show_date(day), relative=humanize_since(day, today))


def day(value: date | None) -> str:
    """A date alone, as people read it ('' for none): ISO in English, '3 dec 2026' in Dutch."""
    from netwerk.rules.dates import show_date

    return show_date(value) if value else ""


def kind(value: str) -> str:
    """A touch's kind as the user reads it (the stored word is English; --json keeps it)."""
    from netwerk.rules.kinds import kind_name

    return kind_name(value)


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
    parts = [_("gave: {what}").format(what=g["what"]) for g in touch.get("gave", [])]
    for a in touch.get("asked", []):
        if a["answered_on"]:
            parts.append(_("asked: {what} (answered)").format(what=a["what"]))
        else:
            parts.append(_("asked: {what}").format(what=a["what"]))
    return "; ".join(parts)


def beside(item: dict[str, Any]) -> list[tuple[str, str]]:
    """Lines under a due contact's name: offers to bring, then give/ask hints."""
    lines = [
        (_("bring: {what}").format(what=offer["what"]), "green") for offer in item.get("bring", [])
    ]
    lines += [(sentence, "dim italic") for sentence in item.get("hints", [])]
    return lines


def profile_rows(profile: dict[str, Any]) -> list[tuple[str, Any]]:
    """The rows `show` adds under a profile: who they know, offers, hints, introductions."""
    knows = [k["name"] + (f" ({k['how']})" if k["how"] else "") for k in profile.get("knows", [])]
    rows: list[tuple[str, Any]] = [(_("knows"), "\n".join(knows))]
    rows += [(_("bring"), f"#{o['id']} {o['what']}") for o in profile.get("offers", [])]
    rows += [(_("hint"), sentence) for sentence in profile.get("hints", [])]
    for intro in profile.get("intros", []):
        other = intro["b"] if intro["a"]["id"] == profile["id"] else intro["a"]
        if intro["status"] == "open":
            shown = _("#{id} to {name}: {why} (open)")
        else:
            shown = _("#{id} to {name}: {why} (closed: {outcome})")
        rows.append(
            (
                _("introduced"),
                shown.format(
                    id=intro["id"], name=other["name"], why=intro["why"], outcome=intro["outcome"]
                ),
            )
        )
    return rows


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


def spread(data: dict[str, Any]) -> None:
    scheduled = data["scheduled"]
    if not scheduled:
        line((_("Nobody to spread: no one is waiting."), "green"))
        return
    line(
        ngettext(
            "Scheduled {n} contact(s), {per_day} a day, from {start} to {end}.",
            "Scheduled {n} contact(s), {per_day} a day, from {start} to {end}.",
            len(scheduled),
        ).format(
            n=len(scheduled),
            per_day=data["per_day"],
            start=day(data["from"]),
            end=day(data["until"]),
        )
    )


def import_summary(data: dict[str, Any]) -> None:
    """Added / merged / skipped, with the reasons for what was skipped."""
    counts = data["counts"]
    if data["dry_run"]:
        summary = _("Would import: {added} added, {merged} merged, {skipped} skipped.")
    else:
        summary = _("Imported: {added} added, {merged} merged, {skipped} skipped.")
    if data["dry_run"] and "columns" in data:
        _csv_columns(data["columns"])
    line(summary.format(**counts))
    if data["dry_run"]:
        for item in data["added"]:
            line("  + ", (item["name"], "bold"))
        for item in data["merged"]:
            say(
                _("  ~ {name} (same {matched_by}; {fields})"),
                name=(item["name"], "bold"),
                matched_by=item["matched_by"],
                fields=", ".join(item["fields"]),
            )
    reasons: dict[str, int] = {}
    for item in data["skipped"]:
        if item["reason"] == "already up to date":
            reasons[item["reason"]] = reasons.get(item["reason"], 0) + 1
        else:
            where = item["where"] or item["name"] or ""
            # reasons are English in --json; the known ones are translated for people
            hint(_("  skipped {where}: {reason}").format(where=where, reason=_(item["reason"])))
    for reason, n in reasons.items():
        hint(_("  skipped {n}: {reason}").format(n=n, reason=_(reason)))
    for item in data["warnings"]:
        hint(_("  note {where}: {reason}").format(where=item["where"], reason=item["reason"]))
    for item in data["added"] + data["merged"]:
        for value in item.get("dropped", []):
            hint(
                _("  {name}: left out '{value}' (not an e-mail address or phone number)").format(
                    name=item["name"], value=value
                )
            )
    if not data["dry_run"]:
        _arrivals(data)


def _csv_columns(columns: dict[str, Any]) -> None:
    """The mapping a generic CSV import chose (shown by --dry-run)."""
    line(_("Columns:"))
    for item in columns["mapped"]:
        say(_("  {column} -> {field}"), column=(item["column"], "bold"), field=item["field"])
    if columns["unmapped"]:
        say(
            _("  left out: {columns} (use --map 'Column=field' to read one)"),
            columns=", ".join(columns["unmapped"]),
        )


def _arrivals(data: dict[str, Any]) -> None:
    """How the imported people will come up: the circle and cadence they landed in, how many
    were spread out and how many wait, and the commands that change that."""
    for circle in data.get("circles", []):
        hint(
            _(
                "Everyone imported is in the circle {circle}, due every {days} days: change it "
                "with 'netwerk circle set \"{circle}\" --every 6m'."
            ).format(circle=circle["name"], days=circle["cadence_days"])
        )
    scheduled = data["scheduled"]
    if scheduled["count"]:
        n = scheduled["count"]
        hint(
            ngettext(
                "{n} new contact is spread out, at most {per_day} a morning, from {start} to "
                "{end}; 'netwerk spread --overdue --per-day N' changes the pace.",
                "{n} new contacts are spread out, at most {per_day} a morning, from {start} to "
                "{end}; 'netwerk spread --overdue --per-day N' changes the pace.",
                n,
            ).format(
                n=n,
                per_day=scheduled["per_day"],
                start=day(scheduled["from"]),
                end=day(scheduled["until"]),
            )
        )
    if data["waiting"]:
        hint(
            ngettext(
                "{n} new contact has no known touch and waits: see 'netwerk due --unknown', "
                "and 'netwerk spread' to schedule them.",
                "{n} new contacts have no known touch and wait: see 'netwerk due --unknown', "
                "and 'netwerk spread' to schedule them.",
                data["waiting"],
            ).format(n=data["waiting"])
        )


def restored(data: dict[str, Any]) -> None:
    say(_("Restored {counts} into the empty database."), counts=_counts(data["restored"]))


def _count(word: str, n: int) -> str:
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
    """'3 touches, 1 circle membership, 1 e-mail': the words of `netwerk.rules.records`."""
    return ", ".join(_count(word, n) for word, n in counts.items()) or _("nothing")


def wrote(kind: str, n: int, path: Any) -> None:
    """What `export -o FILE` wrote, on stderr (stdout stays free for scripts)."""
    if kind == "ics":
        message = ngettext(
            "Wrote {n} calendar entry to {path}.", "Wrote {n} calendar entries to {path}.", n
        )
    else:
        message = ngettext("Wrote {n} contact to {path}.", "Wrote {n} contacts to {path}.", n)
    hint(message.format(n=n, path=path))


def merged(data: dict[str, Any]) -> None:
    say(
        _("Merged {merged} into {name} (#{id}); moved {counts}."),
        merged=(data["merged"]["name"], "bold"),
        name=(data["name"], "bold"),
        id=data["id"],
        counts=_counts(data["moved"]),
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
            return lambda n=1: None
        from rich.progress import Progress

        self.bar = Progress(console=console(stderr=True), transient=True)
        self.bar.start()
        task = self.bar.add_task(self.label, total=total)
        # step() is one more record done; step(n) for n more (bytes of a mailbox)
        return lambda n=1: self.bar.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


PROGRESS_MIN = 300


def progress(label: str) -> _Progress:
    return _Progress(label)
