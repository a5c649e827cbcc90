"""Rendering for giving and asking, introductions, who-knows-whom, events, circles and goals.

The same rules as `netwerk.output.render`, whose helpers this uses (and which never imports
this module back): data in, nothing queried, user text always through `rich.text.Text` (never
markup), rich imported on first use. Hints (sentences, never numbers about a balance) go to
stderr with `render.hint`, away from the data.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from netwerk.i18n import _
from netwerk.output.columns import indented
from netwerk.output.render import console, hint, line, names, t


def touch_logged(touch: dict[str, Any]) -> None:
    """What `log`, `give` and `ask` print: the touch, what it gave and asked, and hints."""
    who = names(touch["with"])
    kind = {"give": "give to", "ask": "ask of", "intro": "introduction of"}.get(
        touch["kind"], f"{touch['kind']} with"
    )
    at = f" at {touch['event']['name']}" if touch.get("event") else ""
    line(f"Logged {kind} ", (who, "bold"), f" on {touch['date'].isoformat()}{at}.")
    for gave in touch.get("gave", []):
        line("  gave: ", gave["what"])
    for asked in touch.get("asked", []):
        line("  asked: ", asked["what"], (f"  (ask #{asked['id']})", "dim"))
    for offer in touch.get("offers_given", []):
        line(f"  offer #{offer['id']} given: ", offer["what"])
    for sentence in touch.get("hints", []):
        hint(f"Hint: {sentence}.")


def offers_to_choose(offers: list[dict[str, Any]]) -> None:
    line(("Open offers:", "bold"))
    for offer in offers:
        line(f"  #{offer['id']} ", offer["what"], (f"  for {offer['contact']['name']}", "dim"))


def asks(items: list[dict[str, Any]], today: date) -> None:
    if not items:
        line(("No asks waiting for an answer.", "green"))
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
            answer = f"{item['answered_on'].isoformat()} {item['answer'] or ''}".strip()
        rows.append(
            Row(
                [
                    str(item["id"]),
                    ago(item["date"], today),
                    names(item["with"]),
                    item["what"],
                    answer,
                ]
            )
        )
    table.print(rows)


def circles(items: list[dict[str, Any]], today: date) -> None:
    """The breadth view: one row per circle, neglected ones flagged, then the bridges."""
    from netwerk.output.render import cadence

    if not items:
        line(("No circles yet. Add people with --circle NAME.", "dim"))
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
        rows.append(
            Row(
                [
                    item["name"],
                    str(item["size"]),
                    _("{n} of {size}").format(n=item["within_cadence"], size=item["size"])
                    if item["size"]
                    else "—",
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
        line(("Bridges", "bold"), " (people in two or more circles)")
        ordered = sorted(bridges.values(), key=lambda b: b["name"].casefold())
        rows = [Row([b["name"], ", ".join(b["circles"])]) for b in ordered]
        indented(rows, [Column("", style="bold"), Column("", shrink=True)])


def who(items: list[dict[str, Any]], query: str) -> None:
    if not items:
        line(("Nobody matches ", "dim"), (query, "dim"), (".", "dim"))
        return
    from netwerk.output.columns import Column, Columns, Row

    table = Columns(
        [
            Column(_("Who"), style="bold"),
            Column(_("Known for"), shrink=True, min_width=12),
            Column(_("Role"), shrink=True, min_width=8, drop=2),
            Column(_("Company"), shrink=True, min_width=8, drop=1),
            Column(_("How to reach"), shrink=True, min_width=14, style="cyan"),
        ]
    )
    rows = []
    for item in items:
        if item["known_well"]:
            reach = t(_("you know them"))
        elif item["via"]:
            reach = t(
                _("via {names}").format(names=_(" or ").join(v["name"] for v in item["via"])),
                "cyan",
            )
        else:
            reach = t(_("your contact, not in touch lately"), "cyan")
        rows.append(
            Row(
                [
                    item["name"],
                    item["expertise"] or item["note"] or "",
                    item["role"] or "",
                    item["company"] or "",
                    reach,
                ]
            )
        )
    table.print(rows)


def path(result: dict[str, Any]) -> None:
    if result["known_well"]:
        line("You know ", (result["name"], "bold"), " well already.")
    if not result["chains"]:
        if not result["known_well"]:
            line(
                "No chain of up to 3 people leads to ",
                (result["name"], "bold"),
                ". Link who knows whom with 'netwerk knows A B'.",
            )
        return
    from netwerk.output.render import console

    out = console()
    for chain in result["chains"]:
        for text in chain_lines(["you"] + [p["name"] for p in chain], out.width):
            out.print(text, soft_wrap=True)


def chain_lines(people: list[str], width: int) -> list[Any]:
    """'you → A → B' on one line when it fits, else broken between people (never inside a
    name), the next lines indented."""
    from netwerk.output.columns import flow

    pieces = [(people[0], "")] + [(f" → {name}", "bold") for name in people[1:]]
    return flow(pieces, width, indent=2)


def events(items: list[dict[str, Any]]) -> None:
    if not items:
        line(("No events yet. Add one with 'netwerk event add' or 'add --met-at'.", "dim"))
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
                item["date"].isoformat() if item["date"] else "",
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
    details = [d for d in (data["date"] and data["date"].isoformat(), data["where"]) if d]
    if details:
        title.append("  " + ", ".join(details), style="dim")
    console().print(title)
    from netwerk.output.columns import Column, Row

    for label, people in (("Met there", data["met"]), ("Seen there", data["seen"])):
        if people:
            line((label, "bold"))
            rows = [Row([p["name"], p["company"] or ""]) for p in people]
            indented(rows, [Column("", style="bold"), Column("", shrink=True, style="dim")])
    if not data["met"] and not data["seen"]:
        line(("Nobody linked to this event yet.", "dim"))


def intros(items: list[dict[str, Any]], today: date) -> None:
    if not items:
        line(("No introductions yet. Make one with 'netwerk intro A B --why TEXT'.", "dim"))
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
            status = t(
                _("follow up {date}").format(date=item["follow_up_on"].isoformat()),
                "yellow" if late else "",
            )
        else:
            if item["result"]:
                closed = _("closed ({result}): {outcome}").format(
                    result=item["result"], outcome=item["outcome"]
                )
            else:
                closed = _("closed: {outcome}").format(outcome=item["outcome"])
            status = t(closed, "dim")
        rows.append(
            Row(
                [
                    str(item["id"]),
                    f"{item['a']['name']} & {item['b']['name']}",
                    item["introduced_on"].isoformat(),
                    status,
                ],
                under=[(item["why"], "dim")] if item["why"] else [],
            )
        )
    table.print(rows)


def goals(items: list[dict[str, Any]]) -> None:
    if not items:
        line(("No goals. Networking needs one: 'netwerk goal add TEXT --new 3'.", "dim"))
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
        what = "new contacts" if item["kind"] == "new" else "people seen"
        where = f" in {item['circle']}" if item["circle"] else ""
        parts.append(f"{item['progress']} of {item['target']} {what}{where} since {item['set_on']}")
        parts.append("reached" if item["reached"] else f"{item['left']} to go")
    if item["by"] is not None and not item["done_on"]:
        days = item["days_left"]
        parts.append(f"{days} days left" if days >= 0 else f"{-days} days past {item['by']}")
    return "; ".join(parts) or "tracked by hand: 'netwerk goal done ID' when it is done"
