"""What "due" means: who to contact now, most overdue first (with offers to bring and
give/ask hints beside them), birthdays coming up, introductions to follow up, and introducers
to thank.

A contact is due when the days since their last touch reach their cadence (their own, else the
shortest of their circles', else 90 days); they are ranked by days-since / cadence, so someone
you see weekly who is 2 weeks out ranks above someone yearly who is 2 weeks out. Snoozed and
archived contacts are left out; contacts with no known touch are not due (they wait to be
touched or scheduled). The ranking runs in SQL over the cached `contact.last_touch_on`, so the
cost follows the number of contacts, never the number of touches.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from netwerk.service.common import (
    CADENCE_SQL,
    circles_of,
    contacts_by_ids,
    find_circle,
    json_ids,
)
from netwerk.service.exchanges import hints as exchanges_hints
from netwerk.service.exchanges import open_offers
from netwerk.service.intros import list_intros

BIRTHDAY_WINDOW_DAYS = 7


def due(
    session: Session, *, today: date, limit: int | None = 20, circle: str | None = None
) -> dict[str, Any]:
    """`{"due": [...], "total": N, "birthdays": [...]}` for `netwerk due`."""
    params: dict[str, Any] = {"today": today.isoformat()}
    circle_filter = ""
    if circle:
        params["circle"] = find_circle(session, circle).id
        circle_filter = (
            "AND c.id IN (SELECT contact_id FROM contact_circle WHERE circle_id = :circle)"
        )
    params["limit"] = limit if limit else -1
    rows = (
        session.connection()
        .execute(
            text(
                f"""
            WITH candidates AS (
                SELECT c.id, c.name, c.company, c.last_touch_on,
                       {CADENCE_SQL} AS cadence,
                       CAST(julianday(:today) - julianday(c.last_touch_on) AS INTEGER) AS since
                FROM contact c
                WHERE c.archived = 0 AND c.last_touch_on IS NOT NULL
                  AND (c.snoozed_until IS NULL OR c.snoozed_until <= :today)
                  {circle_filter}
            )
            SELECT id, name, company, last_touch_on, cadence, since, count(*) OVER () AS total
            FROM candidates WHERE since >= cadence
            ORDER BY CAST(since AS REAL) / cadence DESC, since DESC, name
            LIMIT :limit
            """
            ),
            params,
        )
        .all()
    )
    ids = [r.id for r in rows]
    last = _last_touches(session, ids)
    circles = circles_of(session, ids)
    bring = open_offers(session, ids)
    shown = contacts_by_ids(session, ids)
    hints = exchanges_hints(session, list(shown.values()), today=today)
    items = []
    for r in rows:
        last_touch = date.fromisoformat(r.last_touch_on)
        kind, note = last.get(r.id, (None, None))
        items.append(
            {
                "id": r.id,
                "name": r.name,
                "company": r.company,
                "circles": circles[r.id],
                "last_touch": last_touch,
                "last_kind": kind,
                "last_note": note,
                "cadence_days": r.cadence,
                "due_on": last_touch + timedelta(days=r.cadence),
                "days_since": r.since,
                "days_overdue": r.since - r.cadence,
                "bring": [{"id": o["id"], "what": o["what"]} for o in bring[r.id]],
                "hints": hints.get(r.id, []),
            }
        )
    circle_id = params.get("circle")
    return {
        "due": items,
        "total": rows[0].total if rows else 0,
        "birthdays": upcoming_birthdays(session, today=today, circle_id=circle_id),
        "follow_ups": follow_ups(session, today=today, circle_id=circle_id),
        "thanks": thanks(session, circle_id=circle_id),
    }


def follow_ups(session: Session, *, today: date, circle_id: int | None) -> list[dict[str, Any]]:
    """Open introductions whose follow-up date has come ("did Piet and Klaas meet?")."""
    items = list_intros(session, due_by=today)
    if circle_id:
        members = set(
            session.connection()
            .execute(
                text("SELECT contact_id FROM contact_circle WHERE circle_id = :c"),
                {"c": circle_id},
            )
            .scalars()
        )
        items = [i for i in items if i["a"]["id"] in members or i["b"]["id"] in members]
    return items


def thanks(session: Session, *, circle_id: int | None) -> list[dict[str, Any]]:
    """Introducers to thank: someone added `--via` them, and no touch with the introducer has
    been logged since that contact was added (touch ids grow, so 'since' is 'id above')."""
    circle_filter = (
        "AND v.id IN (SELECT contact_id FROM contact_circle WHERE circle_id = :circle)"
        if circle_id
        else ""
    )
    rows = session.connection().execute(
        text(
            f"""
            SELECT v.id AS via_id, v.name AS via_name, c.id, c.name FROM contact c
            JOIN contact v ON v.id = c.via_id
            WHERE c.via_id IS NOT NULL AND v.archived = 0 {circle_filter}
              AND NOT EXISTS (
                SELECT 1 FROM touch_contact tc WHERE tc.contact_id = v.id
                AND tc.touch_id > COALESCE((
                    SELECT min(tc2.touch_id) FROM touch_contact tc2
                    JOIN touch t2 ON t2.id = tc2.touch_id
                    WHERE tc2.contact_id = c.id AND t2.kind = 'met'), 0))
            ORDER BY v.name_key, c.name_key
            """
        ),
        {"circle": circle_id},
    )
    grouped: dict[int, dict[str, Any]] = {}
    for r in rows:
        entry = grouped.setdefault(r.via_id, {"id": r.via_id, "name": r.via_name, "for": []})
        entry["for"].append({"id": r.id, "name": r.name})
    return list(grouped.values())


def _last_touches(session: Session, ids: list[int]) -> dict[int, tuple[str, str | None]]:
    """Kind and note of each contact's latest touch (only for the contacts shown)."""
    if not ids:
        return {}
    rows = session.connection().execute(
        text(
            """
            SELECT c.id, t.kind, t.note FROM contact c
            JOIN touch t ON t.id = (
                SELECT t2.id FROM touch_contact tc JOIN touch t2 ON t2.id = tc.touch_id
                WHERE tc.contact_id = c.id AND t2.happened_on = c.last_touch_on
                ORDER BY t2.id DESC LIMIT 1)
            WHERE c.id IN (SELECT value FROM json_each(:ids))
            """
        ),
        {"ids": json_ids(ids)},
    )
    return {cid: (kind, note) for cid, kind, note in rows}


def upcoming_birthdays(
    session: Session, *, today: date, circle_id: int | None = None
) -> list[dict[str, Any]]:
    """Birthdays today and in the next 7 days (29 February falls on the 28th in other years)."""
    days: dict[tuple[int, int], date] = {}
    for offset in range(BIRTHDAY_WINDOW_DAYS + 1):
        day = today + timedelta(days=offset)
        days[(day.month, day.day)] = day
        if day.month == 2 and day.day == 28 and not _leap(day.year):
            days[(2, 29)] = day
    pairs = " OR ".join(f"(c.birthday_month = {m:d} AND c.birthday_day = {d:d})" for m, d in days)
    circle_filter = (
        "AND c.id IN (SELECT contact_id FROM contact_circle WHERE circle_id = :circle)"
        if circle_id
        else ""
    )
    rows = (
        session.connection()
        .execute(
            text(
                "SELECT c.id, c.name, c.birthday_year, c.birthday_month, c.birthday_day "
                f"FROM contact c WHERE c.archived = 0 AND ({pairs}) {circle_filter}"
            ),
            {"circle": circle_id},
        )
        .all()
    )
    result = []
    for r in rows:
        on = days[(r.birthday_month, r.birthday_day)]
        result.append(
            {
                "id": r.id,
                "name": r.name,
                "birthday_on": on,
                "in_days": (on - today).days,
                "turns": on.year - r.birthday_year if r.birthday_year else None,
            }
        )
    result.sort(key=lambda b: (b["in_days"], b["name"]))
    return result


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
