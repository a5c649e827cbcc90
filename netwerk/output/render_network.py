"""Rendering for giving and asking, introductions, who-knows-whom, events, circles and goals.

The same rules as `netwerk.output.render`, whose helpers this uses (and which never imports
this module back): data in, nothing queried, user text always through `rich.text.Text` (never
markup), rich imported on first use. Hints (sentences, never numbers about a balance) go to
stderr with `render.hint`, away from the data.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from netwerk.output.render import _table, console, hint, line, names, t, when


def touch_logged(touch: dict[str, Any]) -> None:
    """What `log`, `give` and `ask` print: the touch, what it gave and asked, and hints."""
    who = names(touch["with"])
    kind = {"give": "give to", "ask": "ask of", "intro": "introduction of"}.get(
        touch["kind"], f"{touch['kind']} with"
    )
    at = f" at {touch['event']['name']}" if touch.get("event") else ""
    line(
        f"Logged {kind} ",
        (who, "bold"),
        f" on {touch['date'].isoformat()}{at}.",
        (f"  (touch #{touch['id']})", "dim"),
    )
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
    table = _table("#", "Asked", "Whom", "What", "Answer")
    for item in items:
        answer = ""
        if item["answered_on"]:
            answer = f"{item['answered_on'].isoformat()} {item['answer'] or ''}".strip()
        table.add_row(
            t(item["id"]),
            t(when(item["date"], today)),
            t(names(item["with"]), "bold"),
            t(item["what"]),
            t(answer),
        )
    console().print(table)


def circles(items: list[dict[str, Any]], today: date) -> None:
    """The breadth view: one row per circle, neglected ones flagged, then the bridges."""
    from netwerk.output.render import cadence

    if not items:
        line(("No circles yet. Add people with --circle NAME.", "dim"))
        return
    table = _table("Circle", "People", "In touch", "Last touched", "Default cadence", "")
    for item in items:
        table.add_row(
            t(item["name"], "bold"),
            t(item["size"]),
            t(f"{item['within_cadence']} of {item['size']}" if item["size"] else "—"),
            t(when(item["last_touch"], today) if item["size"] else "—"),
            t(cadence(item["cadence_days"]) if item["cadence_days"] else "—"),
            t("neglected" if item["neglected"] else "", "yellow"),
        )
    console().print(table)
    bridges: dict[int, dict[str, Any]] = {}
    for item in items:
        for bridge in item["bridges"]:
            bridges[bridge["id"]] = bridge
    if bridges:
        line(("Bridges", "bold"), " (people in two or more circles)")
        for bridge in sorted(bridges.values(), key=lambda b: b["name"].casefold()):
            line("  ", (bridge["name"], "bold"), " — ", ", ".join(bridge["circles"]))


def who(items: list[dict[str, Any]], query: str) -> None:
    if not items:
        line(("Nobody matches ", "dim"), (query, "dim"), (".", "dim"))
        return
    from netwerk.output.render import _first_line

    table = _table("Who", "Known for", "Role", "Company", "How to reach")
    for item in items:
        if item["known_well"]:
            reach = "you know them"
        elif item["via"]:
            reach = "via " + " or ".join(v["name"] for v in item["via"])
        else:
            reach = "your contact, not in touch lately"
        table.add_row(
            t(item["name"], "bold"),
            t(item["expertise"] or _first_line(item["note"])),
            t(item["role"]),
            t(item["company"]),
            t(reach, "" if item["known_well"] else "cyan"),
        )
    console().print(table)


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
    for chain in result["chains"]:
        parts: list[str | tuple[str, str]] = ["you"]
        for person in chain:
            parts += [" → ", (person["name"], "bold")]
        line(*parts)


def events(items: list[dict[str, Any]]) -> None:
    if not items:
        line(("No events yet. Add one with 'netwerk event add' or 'add --met-at'.", "dim"))
        return
    table = _table("#", "Event", "Date", "Where", "Met", "Seen")
    for item in items:
        table.add_row(
            t(item["id"]),
            t(item["name"], "bold"),
            t(item["date"].isoformat() if item["date"] else ""),
            t(item["where"]),
            t(item["met"]),
            t(item["seen"]),
        )
    console().print(table)


def event(data: dict[str, Any], today: date) -> None:
    title = t(data["name"], "bold")
    details = [d for d in (data["date"] and data["date"].isoformat(), data["where"]) if d]
    if details:
        title.append("  " + ", ".join(details), style="dim")
    console().print(title)
    for label, people in (("Met there", data["met"]), ("Seen there", data["seen"])):
        if people:
            line((label, "bold"))
            for person in people:
                company = f" ({person['company']})" if person["company"] else ""
                line("  ", (person["name"], "bold"), company)
    if not data["met"] and not data["seen"]:
        line(("Nobody linked to this event yet.", "dim"))


def intros(items: list[dict[str, Any]], today: date) -> None:
    if not items:
        line(("No introductions yet. Make one with 'netwerk intro A B --why TEXT'.", "dim"))
        return
    table = _table("#", "Introduced", "Why", "When", "Status")
    for item in items:
        if item["status"] == "open":
            late = item["follow_up_on"] <= today
            status = t(f"follow up {item['follow_up_on'].isoformat()}", "yellow" if late else "")
        else:
            result = f" ({item['result']})" if item["result"] else ""
            status = t(f"closed{result}: {item['outcome']}", "dim")
        table.add_row(
            t(item["id"]),
            t(f"{item['a']['name']} & {item['b']['name']}", "bold"),
            t(item["why"]),
            t(item["introduced_on"].isoformat()),
            status,
        )
    console().print(table)


def goals(items: list[dict[str, Any]]) -> None:
    if not items:
        line(("No goals. Networking needs one: 'netwerk goal add TEXT --new 3'.", "dim"))
        return
    for item in items:
        line(f"#{item['id']} ", (item["text"], "bold"), ("  (done)" if item["done_on"] else ""))
        line("   ", goal_progress(item))


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
