"""Rendering `netwerk review`: one screen per person, the help, and the summary.

Data in (the review item and the profile `services.review.card` returns), nothing queried,
user text through `rich.text.Text`. Each screen starts on a clean terminal, so a reviewer's
eye always finds the name at the top.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from netwerk.i18n import N_, _, ngettext
from netwerk.output.render import cadence, console, line, t, when

if TYPE_CHECKING:
    from netwerk.services.review import Item, Tally

_REASON_TITLES = {
    "due": N_("Due"),
    "birthday": N_("Birthday coming"),
    "intro": N_("Introduction to follow up"),
    "ask": N_("Ask still waiting"),
    "waiting": N_("Waiting: no known touch"),
}


def _reason(item: Item, today: date) -> str:
    d = item.detail
    if item.reason == "due":
        n = d["days_overdue"]
        if n == 0:
            return _("due today")
        return ngettext("{n} day overdue", "{n} days overdue", n).format(n=n)
    if item.reason == "birthday":
        on = d["birthday_on"].isoformat()
        return ngettext(
            "birthday on {date}, in {n} day", "birthday on {date}, in {n} days", d["in_days"]
        ).format(date=on, n=d["in_days"])
    if item.reason == "intro":
        return _("Did {a} and {b} meet? Introduced on {date}: {why}").format(
            a=d["a"]["name"], b=d["b"]["name"], date=d["introduced_on"].isoformat(), why=d["why"]
        )
    if item.reason == "ask":
        return _("You asked on {date}: {what}").format(date=d["date"].isoformat(), what=d["what"])
    return _("added on {date}, never touched").format(date=d["created_on"].isoformat())


def screen(item: Item, profile: dict[str, Any], position: int, total: int, today: date) -> None:
    """The whole screen for one item: who, why, and the essentials to decide on one key."""
    from rich.table import Table

    from netwerk.rules.kinds import kind_name

    out = console()
    out.clear()
    head = t(f"{position}/{total}  ", "dim")
    head.append(_(_REASON_TITLES[item.reason]), style="bold yellow")
    out.print(head)
    title = t(profile["name"], "bold")
    if profile.get("company"):
        title.append(f"  ({profile['company']})", style="dim")
    out.print(title)
    out.print(t(_reason(item, today)), overflow="fold")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    last = profile["touches"][0] if profile.get("touches") else None
    last_text = when(profile["last_touch"], today)
    if last:
        last_text += f" · {kind_name(last['kind'])}"
        if last["note"]:
            last_text += f": {last['note'].strip().splitlines()[0] if last['note'].strip() else ''}"
    rows = [
        (_("last touch"), last_text),
        (_("circles"), ", ".join(profile["circles"]) or "—"),
        (
            _("cadence"),
            cadence(profile["cadence_days"])
            + ("" if profile["cadence_own"] else " " + _("(from circles)")),
        ),
    ]
    rows += [(_("bring"), o["what"]) for o in profile.get("offers", [])]
    rows += [
        (_("asked"), f"{a['date'].isoformat()} {a['what']}") for a in profile.get("open_asks", [])
    ]
    for intro in profile.get("open_intros", []):
        other = intro["b"] if intro["a"]["id"] == profile["id"] else intro["a"]
        rows.append(
            (_("intro"), _("with {name}: {why}").format(name=other["name"], why=intro["why"]))
        )
    rows += [(_("hint"), sentence) for sentence in profile.get("hints", [])]
    for label, value in rows:
        grid.add_row(label, t(value))
    out.print(grid)
    out.print(keys_line(item), style="cyan")


def keys_line(item: Item) -> str:
    """The keys, on two short lines: what to do, then where to go."""
    base = _("[l]og  [s]nooze  [c]adence  [k] circle  [a]rchive  [o]ffer")
    if item.reason in ("intro", "ask"):
        base += "  " + _("[d]one")
    return base + "\n" + _("[n]ext  [b]ack  [?] help  [q]uit")


def help_screen() -> None:
    line((_("Keys"), "bold"))
    for text in (
        _("l  log a touch: kind, date and note are asked; Enter takes the default (coffee, today)"),
        _("s  snooze: 1, 2 or 4 for weeks, d for a date"),
        _("c  set the cadence ('2w', 'maandelijks')"),
        _("k  add to a circle"),
        _("a  archive: let this relationship rest"),
        _("d  introduction done (with how it went) or ask answered"),
        _("o  add an offer: something to bring next time"),
        _("n or space  next · b  back · q  quit (everything answered is already saved)"),
    ):
        console().print(t(text), overflow="fold")  # wrapped to the terminal, not soft
    line((_("Press any key to go on."), "dim"))


def said(message: str, style: str = "green") -> None:
    line((message, style))


def summary(tally: Tally) -> None:
    """'4 logged, 3 snoozed, 1 archived' (every answer was saved as it was given)."""
    parts = [
        ngettext("{n} logged", "{n} logged", tally.logged).format(n=tally.logged)
        if tally.logged
        else None,
        ngettext("{n} snoozed", "{n} snoozed", tally.snoozed).format(n=tally.snoozed)
        if tally.snoozed
        else None,
        ngettext("{n} archived", "{n} archived", tally.archived).format(n=tally.archived)
        if tally.archived
        else None,
        ngettext("{n} cadence set", "{n} cadences set", tally.cadences).format(n=tally.cadences)
        if tally.cadences
        else None,
        ngettext("{n} added to a circle", "{n} added to a circle", tally.circles).format(
            n=tally.circles
        )
        if tally.circles
        else None,
        ngettext("{n} marked done", "{n} marked done", tally.done).format(n=tally.done)
        if tally.done
        else None,
        ngettext("{n} offer added", "{n} offers added", tally.offers).format(n=tally.offers)
        if tally.offers
        else None,
    ]
    done = [p for p in parts if p]
    line(
        (
            _("Review: {what}.").format(what=", ".join(done))
            if done
            else _("Review: nothing changed."),
            "bold",
        )
    )


def nothing_to_review() -> None:
    line(
        (_("Nothing to review: nobody is due, no birthdays, follow-ups or asks waiting."), "green")
    )
