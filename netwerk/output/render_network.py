"""Rendering for giving and asking, introductions, who-knows-whom, events, circles and goals.

The same rules as `netwerk.output.render`, whose helpers this uses (and which never imports
this module back): data in, nothing queried, user text always through `rich.text.Text` (never
markup), rich imported on first use. Hints (sentences, never numbers about a balance) go to
stderr with `render.hint`, away from the data.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from netwerk.i18n import _, ngettext
from netwerk.output.columns import indented
from netwerk.output.render import (
    console,
    day,
    hints,
    kind,
    line,
    more,
    names,
    say,
    styled,
    t,
)


def touch_logged(touch: dict[str, Any]) -> None:
    """What `log`, `give` and `ask` print: the touch, what it gave and asked, and hints."""
    event = touch["event"]["name"] if touch.get("event") else None
    sentence = styled(
        _logged_sentence(touch["kind"], event is not None),
        kind=kind(touch["kind"]),
        who=(names(touch["with"]), "bold"),
        date=day(touch["date"]),
        event=event or "",
    )
    # the id to correct it by: `touch edit ID`, `touch delete ID`
    sentence.append(_("  (touch #{id})").format(id=touch["id"]), style="dim")
    console().print(sentence, soft_wrap=True)
    for gave in touch.get("gave", []):
        say(_("  gave: {what}"), what=gave["what"])
    for asked in touch.get("asked", []):
        say(
            _("  asked: {what}{ask}"),
            what=asked["what"],
            ask=(_("  (ask #{id})").format(id=asked["id"]), "dim"),
        )
    for offer in touch.get("offers_given", []):
        say(_("  offer #{id} given: {what}"), id=offer["id"], what=offer["what"])
    hints(touch.get("hints", []))


def _logged_sentence(touch_kind: str, at_event: bool) -> str:
    """'Logged coffee with {who} on {date}.' and its siblings, as whole sentences."""
    if touch_kind == "give":
        if at_event:
            return _("Logged give to {who} on {date} at {event}.")
        return _("Logged give to {who} on {date}.")
    if touch_kind == "ask":
        if at_event:
            return _("Logged ask of {who} on {date} at {event}.")
        return _("Logged ask of {who} on {date}.")
    if touch_kind == "intro":
        if at_event:
            return _("Logged introduction of {who} on {date} at {event}.")
        return _("Logged introduction of {who} on {date}.")
    if at_event:
        return _("Logged {kind} with {who} on {date} at {event}.")
    return _("Logged {kind} with {who} on {date}.")


def offers_to_choose(offers: list[dict[str, Any]]) -> None:
    line((_("Open offers:"), "bold"))
    for offer in offers:
        shown = _("  for {name}").format(name=offer["contact"]["name"])
        say(
            _("  #{id} {what}{for_whom}"),
            id=offer["id"],
            what=offer["what"],
            for_whom=(shown, "dim"),
        )


def asks(items: list[dict[str, Any]], total: int, today: date) -> None:
    """The page of asks, then how many more there are."""
    if not items:
        line((_("No asks waiting for an answer."), "green"))
        return
    from netwerk.output.columns import Column, Columns, Row, ago

    table = Columns(
        [
            Column("#", right=True, style="dim"),
            Column(_("Asked"), drop=2),
            Column(_("Whom"), style="bold", shrink=True, min_width=16),
            Column(_("What"), shrink=True, min_width=12),
            Column(_("Answer"), shrink=True, min_width=10, drop=1),
        ]
    )
    rows = []
    for item in items:
        answer = ""
        if item["answered_on"]:
            answer = f"{day(item['answered_on'])} {item['answer'] or ''}".strip()
        cells = [str(item["id"]), ago(item["date"], today), names(item["with"]), item["what"]]
        rows.append(Row([*cells, answer]))
    table.print(rows)
    more(
        total - len(items),
        lambda n: ngettext(
            "… and {n} more ask (--limit 0 shows them all).",
            "… and {n} more asks (--limit 0 shows them all).",
            n,
        ).format(n=n),
    )


def circles(items: list[dict[str, Any]], bridges_total: int, today: date) -> None:
    """The breadth view: one row per circle, neglected ones flagged, then the bridges (a
    page of them, and how many more there are)."""
    from netwerk.output.render import cadence

    if not items:
        line((_("No circles yet. Add people with --circle NAME."), "dim"))
        return
    from netwerk.output.columns import Column, Columns, Row, ago

    table = Columns(
        [
            Column(_("Circle"), style="bold", shrink=True, min_width=12),
            Column(_("People"), right=True),
            Column(_("In touch"), drop=3),
            Column(_("Last"), drop=2),
            Column(_("Cadence"), drop=1),
            Column("", style="yellow"),
        ]
    )
    rows = []
    for item in items:
        in_touch = _("{n} of {size}").format(n=item["within_cadence"], size=item["size"])
        rows.append(
            Row(
                [
                    item["name"],
                    str(item["size"]),
                    in_touch if item["size"] else "—",
                    ago(item["last_touch"], today) if item["size"] else "—",
                    cadence(item["cadence_days"]) if item["cadence_days"] else "—",
                    _("neglected") if item["neglected"] else "",
                ]
            )
        )
    table.print(rows)
    bridges: dict[int, dict[str, Any]] = {}
    for item in items:
        for bridge in item["bridges"]:
            bridges[bridge["id"]] = bridge
    if bridges:
        say(_("{bridges} (people in two or more circles)"), bridges=(_("Bridges"), "bold"))
        ordered = sorted(bridges.values(), key=lambda b: b["name"].casefold())
        rows = [Row([b["name"], ", ".join(b["circles"])]) for b in ordered]
        indented(rows, [Column("", style="bold"), Column("", shrink=True)])
        more(
            bridges_total - len(bridges),
            lambda n: ngettext(
                "… and {n} more bridge (--limit 0 shows them all).",
                "… and {n} more bridges (--limit 0 shows them all).",
                n,
            ).format(n=n),
        )


def who(items: list[dict[str, Any]], query: str) -> None:
    if not items:
        line((_("Nobody matches {query}.").format(query=query), "dim"))
        return
    from netwerk.output.columns import Column, Columns, Row

    table = Columns(
        [
            Column(_("Who"), style="bold"),
            Column(_("Known for"), shrink=True, min_width=12),
            Column(_("Role"), shrink=True, min_width=8, drop=2),
            Column(_("Company"), shrink=True, min_width=8, drop=1),
            Column(_("How to reach"), shrink=True, min_width=14),
        ]
    )
    rows = []
    for item in items:
        if item["known_well"]:
            reach = t(_("you know them"))
        elif item["via"]:
            shown = _(" or ").join(v["name"] for v in item["via"])
            reach = t(_("via {names}").format(names=shown), "cyan")
        else:
            reach = t(_("your contact, not in touch lately"), "cyan")
        known_for = item["expertise"] or item["note"] or ""
        rows.append(
            Row([item["name"], known_for, item["role"] or "", item["company"] or "", reach])
        )
    table.print(rows)


def path(result: dict[str, Any]) -> None:
    if result["known_well"]:
        say(_("You know {name} well already."), name=(result["name"], "bold"))
    if not result["chains"]:
        if not result["known_well"]:
            say(
                _(
                    "No chain of up to 3 people leads to {name}. "
                    "Link who knows whom with 'netwerk knows A B'."
                ),
                name=(result["name"], "bold"),
            )
        return
    out = console()
    for chain in result["chains"]:
        for text in chain_lines([_("you")] + [p["name"] for p in chain], out.width):
            out.print(text, soft_wrap=True)


def chain_lines(people: list[str], width: int) -> list[Any]:
    """'you → A → B' on one line when it fits, else broken between people (never inside a
    name), the next lines indented."""
    from netwerk.output.columns import flow

    pieces = [(people[0], "")] + [(f" → {name}", "bold") for name in people[1:]]
    return flow(pieces, width, indent=2)


def events(items: list[dict[str, Any]]) -> None:
    if not items:
        line((_("No events yet. Add one with 'netwerk event add' or 'add --met-at'."), "dim"))
        return
    from netwerk.output.columns import Column, Columns, Row

    table = Columns(
        [
            Column("#", right=True, style="dim"),
            Column(_("Event"), style="bold", shrink=True, min_width=12),
            Column(_("Date")),
            Column(_("Where"), shrink=True, min_width=8, drop=1),
            Column(_("Met"), right=True),
            Column(_("Seen"), right=True),
        ]
    )
    rows = [
        Row(
            [
                str(item["id"]),
                item["name"],
                day(item["date"]),
                item["where"] or "",
                str(item["met"]),
                str(item["seen"]),
            ]
        )
        for item in items
    ]
    table.print(rows)


def event(data: dict[str, Any], today: date) -> None:
    title = t(data["name"], "bold")
    details = [d for d in (day(data["date"]), data["where"]) if d]
    if details:
        title.append("  " + ", ".join(details), style="dim")
    console().print(title)
    from netwerk.output.columns import Column, Row

    for label, people in ((_("Met there"), data["met"]), (_("Seen there"), data["seen"])):
        if people:
            line((label, "bold"))
            rows = [Row([p["name"], p["company"] or ""]) for p in people]
            indented(rows, [Column("", style="bold"), Column("", shrink=True, style="dim")])
    if not data["met"] and not data["seen"]:
        line((_("Nobody linked to this event yet."), "dim"))


def intros(items: list[dict[str, Any]], total: int, today: date) -> None:
    """The page of introductions, then how many more there are."""
    if not items:
        line((_("No introductions yet. Make one with 'netwerk intro A B --why TEXT'."), "dim"))
        return
    from netwerk.output.columns import Column, Columns, Row

    table = Columns(
        [
            Column("#", right=True, style="dim"),
            Column(_("Introduced"), style="bold"),
            Column(_("When"), drop=2),
            Column(_("Status"), shrink=True, min_width=20),
        ]
    )
    rows = []
    for item in items:
        if item["status"] == "open":
            late = item["follow_up_on"] <= today
            shown = _("follow up {date}").format(date=day(item["follow_up_on"]))
            status = t(shown, "yellow" if late else "")
        elif item["result"]:
            shown = _("closed ({result}): {outcome}").format(
                result=item["result"], outcome=item["outcome"]
            )
            status = t(shown, "dim")
        else:
            status = t(_("closed: {outcome}").format(outcome=item["outcome"]), "dim")
        pair = f"{item['a']['name']} & {item['b']['name']}"
        rows.append(
            Row(
                [str(item["id"]), pair, day(item["introduced_on"]), status],
                under=[(item["why"], "dim")] if item["why"] else [],
            )
        )
    table.print(rows)
    more(
        total - len(items),
        lambda n: ngettext(
            "… and {n} more introduction (--limit 0 shows them all).",
            "… and {n} more introductions (--limit 0 shows them all).",
            n,
        ).format(n=n),
    )


def goals(items: list[dict[str, Any]]) -> None:
    if not items:
        line((_("No goals. Networking needs one: 'netwerk goal add TEXT --new 3'."), "dim"))
        return
    from netwerk.output.columns import Column, Columns, Row

    rows = [
        Row(
            [f"#{item['id']}", t(item["text"], "bold"), _("(done)") if item["done_on"] else ""],
            under=[(goal_progress(item), "")],
        )
        for item in items
    ]
    Columns(
        [Column("", style="dim"), Column("", shrink=True, min_width=12), Column("")],
        header=False,
    ).print(rows)


def goal_progress(item: dict[str, Any]) -> str:
    """'2 of 3 new contacts in logistiek since 2026-11-01; 1 to go, 12 days left'."""
    parts = []
    if item["kind"] is not None:
        values = {
            "n": item["progress"],
            "target": item["target"],
            "circle": item["circle"],
            "since": _set_on(item["set_on"]),
        }
        if item["kind"] == "new":
            if item["circle"]:
                template = _("{n} of {target} new contacts in {circle} since {since}")
            else:
                template = _("{n} of {target} new contacts since {since}")
        elif item["circle"]:
            template = _("{n} of {target} people seen in {circle} since {since}")
        else:
            template = _("{n} of {target} people seen since {since}")
        parts.append(template.format(**values))
        parts.append(_("reached") if item["reached"] else _("{n} to go").format(n=item["left"]))
    if item["by"] is not None and not item["done_on"]:
        days = item["days_left"]
        if days >= 0:
            parts.append(ngettext("{n} day left", "{n} days left", days).format(n=days))
        else:
            parts.append(
                ngettext("{n} day past {by}", "{n} days past {by}", -days).format(
                    n=-days, by=_set_on(item["by"])
                )
            )
    return "; ".join(parts) or _("tracked by hand: 'netwerk goal done ID' when it is done")


def _set_on(value: Any) -> Any:
    """A goal's dates arrive as dates or ISO strings; shown as people read dates."""
    if isinstance(value, date):
        return day(value)
    try:
        return day(date.fromisoformat(value))
    except (TypeError, ValueError):
        return value
