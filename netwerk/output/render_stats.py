"""Rendering `netwerk stats`: terminal bar charts that fit the width they are given.

Data in (the `service.stats.Stats` figures), nothing queried, user text (names, circles, goals)
through `rich.text.Text`. Bars are drawn with block characters in two shapes, not only two
colours, so they read without colour too: █ for maintenance (and gives), ░ for new (and asks).
rich is imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netwerk.i18n import _, ngettext
from netwerk.output.render import console, line, t

if TYPE_CHECKING:
    from rich.text import Text

    from netwerk.services.stats import Stats

FULL, LIGHT = "█", "░"
# label column (a month 'YYYY-MM', a circle name cut to fit) and the count after a bar
LABEL = 9
COUNT = 6
# at most this many circles at each end (most and least attention)
CIRCLES_EACH_END = 3


def bar_cells(value: int | float, largest: int | float, width: int) -> int:
    """How many cells of `width` a value gets against the largest one (never 0 for a value
    above 0, so a single touch still shows)."""
    if value <= 0 or largest <= 0 or width <= 0:
        return 0
    return max(1, round(width * value / largest))


# bars stop growing here: on a wide terminal a longer bar says nothing more
MAX_BAR = 60


def _bar_width(reserved: int) -> int:
    return max(min(console().width - reserved, MAX_BAR), 4)


def _bar(parts: list[tuple[int, str, str]], largest: int, width: int) -> Text:
    """One bar of stacked parts (value, character, style), scaled so `largest` fills it."""
    from rich.text import Text

    total = sum(v for v, _c, _s in parts)
    cells = bar_cells(total, largest, width)
    bar = Text()
    drawn = 0
    for i, (value, char, style) in enumerate(parts):
        n = cells - drawn if i == len(parts) - 1 else round(cells * value / total) if total else 0
        n = max(0, min(n, cells - drawn))
        bar.append(char * n, style=style)
        drawn += n
    return bar


def _row(row: Text) -> None:
    """One line of a chart: never wrapped (cut with … if need be), no trailing blanks."""
    row.rstrip()
    console().print(row, no_wrap=True, overflow="ellipsis")


def _heading(text: str) -> None:
    line("")
    line((text, "bold"))


def stats(data: Stats) -> None:
    totals = data.totals
    where = (
        _("Your network in {circle}, {since} to {until}")
        if data.circle
        else _("Your network, {since} to {until}")
    )
    line(
        (
            where.format(
                circle=data.circle, since=data.since.isoformat(), until=data.until.isoformat()
            ),
            "bold",
        )
    )
    line(
        _("Contacts: {contacts} ({new} new in this period, {never} never touched)").format(
            contacts=totals["contacts"], new=totals["new_contacts"], never=totals["never_touched"]
        )
    )
    line(
        _("Touches: {touches} with {people} people").format(
            touches=totals["touches"], people=totals["people_seen"]
        )
    )
    line(
        _("Gives: {gives} · asks: {asks} ({answered} answered)").format(
            gives=totals["gives"], asks=totals["asks"], answered=totals["asks_answered"]
        )
    )
    _touch_chart(data)
    _exchange_chart(data)
    _overdue(data)
    _circles(data)
    _people(data)
    _intros(data)
    _goals(data)


def _legend(*keys: tuple[str, str, str]) -> None:
    """'  █ gives   ░ asks': what each character of the bars below stands for."""
    from rich.text import Text

    legend = Text(" ")
    for char, style, meaning in keys:
        legend.append(" " + char, style=style)
        legend.append(f" {meaning}  ")
    _row(legend)


def _touch_chart(data: Stats) -> None:
    from rich.text import Text

    _heading(_("Touches per month"))
    _legend((FULL, "cyan", _("maintenance (known before that month)")), (LIGHT, "green", _("new")))
    largest = max((m.touches for m in data.months), default=0)
    width = _bar_width(LABEL + COUNT + 1)
    for m in data.months:
        row = Text(f"{m.month:<{LABEL}}{m.touches:>{COUNT - 1}} ")
        row.append(_bar([(m.maintenance, FULL, "cyan"), (m.new, LIGHT, "green")], largest, width))
        _row(row)


def _exchange_chart(data: Stats) -> None:
    from rich.text import Text

    if not any(m.gives or m.asks for m in data.months):
        return
    _heading(_("Gives and asks per month"))
    _legend((FULL, "magenta", _("gives")), (LIGHT, "yellow", _("asks")))
    largest = max((max(m.gives, m.asks) for m in data.months), default=0)
    half = max(_bar_width(LABEL + 2 * COUNT + 1) // 2, 2)
    for m in data.months:
        row = Text(f"{m.month:<{LABEL}}{m.gives:>{COUNT - 1}} ")
        gives = _bar([(m.gives, FULL, "magenta")], largest, half)
        row.append(gives)
        row.append(" " * (half - len(gives)) + f"{m.asks:>{COUNT}} ")
        row.append(_bar([(m.asks, LIGHT, "yellow")], largest, half))
        _row(row)


def _overdue(data: Stats) -> None:
    from rich.text import Text

    o = data.overdue
    _heading(_("Due"))
    rows = [
        (_("now"), o["now"]),
        (_("a month ago ({date})").format(date=o["month_ago_on"].isoformat()), o["month_ago"]),
        (
            _("a quarter ago ({date})").format(date=o["quarter_ago_on"].isoformat()),
            o["quarter_ago"],
        ),
    ]
    label = min(max(len(r[0]) for r in rows) + 2, console().width // 2)
    largest = max(r[1] for r in rows)
    width = _bar_width(label + COUNT + 1)
    for text, n in rows:
        row = Text(text[: label - 1].ljust(label) + f"{n:>{COUNT - 1}} ")
        row.append(_bar([(n, FULL, "yellow")], largest, width))
        _row(row)


def _circles(data: Stats) -> None:
    from rich.text import Text

    circles = data.circles
    if not circles:
        return
    _heading(_("Attention per circle: touches per member"))
    if len(circles) > 2 * CIRCLES_EACH_END:
        shown = [*circles[:CIRCLES_EACH_END], None, *circles[-CIRCLES_EACH_END:]]
    else:
        shown = list(circles)
    label = min(max(len(c["name"]) for c in circles) + 2, 24, console().width // 3)
    largest = max(c["touches_per_member"] for c in circles)
    width = _bar_width(label + COUNT + 1)
    for c in shown:
        if c is None:
            console().print(Text("…", style="dim"))
            continue
        name = c["name"] if len(c["name"]) < label else c["name"][: label - 2] + "…"
        row = t(name.ljust(label))
        row.append(f"{c['touches_per_member']:>{COUNT - 1}g} ", style="bold")
        row.append(_bar([(c["touches_per_member"], FULL, "cyan")], largest, width))
        _row(row)


def _people(data: Stats) -> None:
    from rich.table import Table

    for title, people in (
        (_("Seen most"), data.seen_most),
        (_("Longest unseen"), data.longest_unseen),
    ):
        if not people:
            continue
        _heading(title)
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, overflow="ellipsis", max_width=max(console().width // 2, 10))
        grid.add_column(style="dim", overflow="fold")
        for p in people:
            if "touches" in p:
                said = ngettext("{n} touch", "{n} touches", p["touches"]).format(n=p["touches"])
            else:
                ago = ngettext("{n} day ago", "{n} days ago", p["days_since"])
                said = f"{p['last_touch'].isoformat()} ({ago.format(n=p['days_since'])})"
            grid.add_row(t("  " + p["name"], "bold"), said)
        console().print(grid)


def _intros(data: Stats) -> None:
    i = data.intros
    if not i["made"]:
        return
    _heading(_("Introductions"))
    line(
        "  "
        + ngettext(
            "{n} made: {met} met, {work} led to work, {no_fit} no fit, {open} open.",
            "{n} made: {met} met, {work} led to work, {no_fit} no fit, {open} open.",
            i["made"],
        ).format(n=i["made"], met=i["met"], work=i["work"], no_fit=i["no_fit"], open=i["open"])
    )


def _goals(data: Stats) -> None:
    from rich.text import Text

    from netwerk.output.render_network import goal_progress

    if not data.goals:
        return
    _heading(_("Goals"))
    for g in data.goals:
        row = Text("  ")
        row.append(t(g["text"], "bold"))
        console().print(row, overflow="fold")
        detail = Text("    ")
        if g["target"]:
            width = min(20, _bar_width(30))
            done = min(g["progress"] or 0, g["target"])
            detail.append(_bar([(done, FULL, "green")], g["target"], width))
            detail.append(LIGHT * (width - bar_cells(done, g["target"], width)), style="dim")
            detail.append(" ")
        detail.append(t(goal_progress(g), "dim"))
        console().print(detail, overflow="fold")


def stats_json(data: Stats) -> dict[str, Any]:
    return data.as_json()
