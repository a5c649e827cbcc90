"""What "due" means: who to contact now, most overdue first (with offers to bring and
give/ask hints beside them), birthdays coming up, introductions to follow up, and introducers
to thank.

A contact is due when the days since their last touch reach their cadence (their own, else the
shortest of their circles', else 90 days); they are ranked by days-since / cadence, so someone
you see weekly who is 2 weeks out ranks above someone yearly who is 2 weeks out; someone you
never logged a touch with after meeting counts half (`contact.kept_up`, UNTOUCHED_WEIGHT: an
imported connection has only its connected-on date, someone added and never seen since only
the `met` touch). Snoozed and archived contacts are left out. A date `spread` scheduled
(`first_due_on`) holds a contact back until it comes; contacts with neither a known touch nor
such a date are not due: they wait to be touched or scheduled, and `waiting` lists them
(`due --unknown`).

The database keeps each contact's due date and effective cadence (`contact.due_on`,
`due_cadence`, maintained by triggers from migration m004 whenever touches, cadences, circles
or first due dates change), so `due` reads the top of each cadence's contacts off an index and
ranks only those: the cost follows the number of cadences and the page, never the number of
contacts, touches or people due.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from netwerk.services.hints import hints as exchanges_hints
from netwerk.services.hints import open_offers
from netwerk.services.intros import intro_page
from netwerk.store.query import circle_filter, circles_of, json_ids

if TYPE_CHECKING:
    from netwerk.store.store import Store

BIRTHDAY_WINDOW_DAYS = 7
# Who you never logged a touch with ranks as if half as overdue: at a similar overdue ratio the
# people you actually keep up with come first (a never-touched LinkedIn connection at 1.8x
# ranks below Mama at 1x); only one twice as overdue passes them.
UNTOUCHED_WEIGHT = 0.5


def due(
    store: Store, *, today: date, limit: int | None = 20, circle: str | None = None
) -> dict[str, Any]:
    """`{"due": [...], "total": N, "birthdays": [...]}` for `netwerk due`."""
    params: dict[str, Any] = {"today": today.isoformat()}
    circle_sql = circle_filter(store, circle, params)
    params["limit"] = limit if limit else -1
    # `due_on`, `due_cadence` and `kept_up` are kept by the database (migrations m004, m015).
    # Within one cadence and one kept_up, a later due date always ranks lower, so the page is
    # among the first `limit` of each such group (ties on the date broken by name, as below),
    # read in order off ix_contact_due_rank; `cadences` walks the index's distinct cadences,
    # one seek each. Only those few rows are ranked: the cost follows the number of cadences
    # and the page, not the number of people due.
    due_now = due_now_sql(circle_sql)
    rows = store.rows(
        f"""
            WITH RECURSIVE cadences(cadence) AS (
                SELECT min(due_cadence) FROM contact WHERE archived = 0
                UNION ALL
                SELECT (SELECT min(due_cadence) FROM contact
                        WHERE archived = 0 AND due_cadence > cadence)
                FROM cadences WHERE cadence IS NOT NULL
            ), ranked AS (
                SELECT d.id, d.name, d.company, d.last_touch_on, d.due_cadence AS cadence,
                       CAST(julianday(:today) - julianday(d.due_on) AS INTEGER) AS overdue,
                       CAST(d.due_cadence + julianday(:today) - julianday(d.due_on) AS REAL)
                           / d.due_cadence
                           * (CASE WHEN d.kept_up THEN 1.0 ELSE {UNTOUCHED_WEIGHT} END) AS ratio
                FROM cadences g CROSS JOIN (SELECT 0 AS kept_up UNION ALL SELECT 1) k
                CROSS JOIN contact d
                WHERE d.id IN (
                    SELECT c.id {due_now}
                      AND c.due_cadence = g.cadence AND c.kept_up = k.kept_up
                    ORDER BY c.due_on, c.name LIMIT :limit)
            )
            SELECT id, name, company, last_touch_on, cadence, overdue,
                   CAST(julianday(:today) - julianday(last_touch_on) AS INTEGER) AS since
            FROM ranked
            ORDER BY ratio DESC, cadence + overdue DESC, name
            LIMIT :limit
            """,
        params,
    )
    total = store.rows(f"SELECT count(*) AS n {due_now}", params)[0].n if rows else 0
    ids = [r.id for r in rows]
    last = _last_touches(store, ids)
    circles = circles_of(store, ids)
    bring = open_offers(store, ids)
    hints = exchanges_hints(store, rows, today=today)
    items = []
    for r in rows:
        last_touch = date.fromisoformat(r.last_touch_on) if r.last_touch_on else None
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
                "due_on": today - timedelta(days=r.overdue),
                "days_since": r.since,
                "days_overdue": r.overdue,
                "bring": [{"id": o["id"], "what": o["what"]} for o in bring[r.id]],
                "hints": hints.get(r.id, []),
            }
        )
    circle_id = params.get("circle")
    follow_ups_page, follow_ups_total = follow_ups(
        store, today=today, circle_id=circle_id, limit=limit
    )
    return {
        "due": items,
        "total": total,
        "birthdays": upcoming_birthdays(store, today=today, circle_id=circle_id),
        "follow_ups": follow_ups_page,
        "follow_ups_total": follow_ups_total,
        "thanks": thanks(store, circle_id=circle_id),
    }


def due_now_sql(circle_sql: str = "") -> str:
    """`FROM contact c WHERE …`: the contacts due on `:today` (reached their due date, not
    snoozed, not archived), narrowed by `circle_sql` (see `query.circle_filter`). `due` ranks
    them, `stats` counts them."""
    return f"""
        FROM contact c
        WHERE c.archived = 0 AND c.due_on <= :today
          AND (c.snoozed_until IS NULL OR c.snoozed_until <= :today)
          {circle_sql}"""


def follow_ups(
    store: Store, *, today: date, circle_id: int | None, limit: int | None = None
) -> tuple[list[dict[str, Any]], int]:
    """Open introductions whose follow-up date has come ("did Piet and Klaas meet?"), the
    longest waiting first: at most `limit` of them, and how many there are."""
    return intro_page(store, due_by=today, circle_id=circle_id, limit=limit)


def thanks(store: Store, *, circle_id: int | None) -> list[dict[str, Any]]:
    """Introducers to thank: someone added `--via` them, and no touch with the introducer has
    been logged since that contact's first touch (touch ids grow, so 'since' is 'id above')."""
    circle_sql = (
        "AND v.id IN (SELECT contact_id FROM contact_circle WHERE circle_id = :circle)"
        if circle_id
        else ""
    )
    # `thanks_pending` is kept by the database (migration m004): a partial index holds just
    # the contacts whose introducer is still to be thanked
    rows = store.rows(
        f"""
            SELECT v.id AS via_id, v.name AS via_name, c.id, c.name FROM contact c
            JOIN contact v ON v.id = c.via_id
            WHERE c.thanks_pending = 1 AND v.archived = 0 {circle_sql}
            ORDER BY v.name_key, c.name_key
            """,
        {"circle": circle_id},
    )
    grouped: dict[int, dict[str, Any]] = {}
    for r in rows:
        entry = grouped.setdefault(r.via_id, {"id": r.via_id, "name": r.via_name, "for": []})
        entry["for"].append({"id": r.id, "name": r.name})
    return list(grouped.values())


def _last_touches(store: Store, ids: list[int]) -> dict[int, tuple[str, str | None]]:
    """Kind and note of each contact's latest touch (only for the contacts shown)."""
    if not ids:
        return {}
    # walk the contact's own touches, newest id first (`+` keeps SQLite from starting at every
    # touch of that date instead: on a million touches, 20 times slower)
    rows = store.rows(
        """
            SELECT c.id, t.kind, t.note FROM contact c
            JOIN touch t ON t.id = (
                SELECT t2.id FROM touch_contact tc JOIN touch t2 ON t2.id = tc.touch_id
                WHERE tc.contact_id = c.id AND +t2.happened_on = c.last_touch_on
                ORDER BY tc.touch_id DESC LIMIT 1)
            WHERE c.id IN (SELECT value FROM json_each(:ids))
            """,
        {"ids": json_ids(ids)},
    )
    return {cid: (kind, note) for cid, kind, note in rows}


def upcoming_birthdays(
    store: Store,
    *,
    today: date,
    circle_id: int | None = None,
    window: int = BIRTHDAY_WINDOW_DAYS,
) -> list[dict[str, Any]]:
    """Birthdays today and in the next `window` days (7 for `due`, 14 for `review`; 29
    February falls on the 28th in other years)."""
    days: dict[tuple[int, int], date] = {}
    for offset in range(window + 1):
        day = today + timedelta(days=offset)
        days[(day.month, day.day)] = day
        if day.month == 2 and day.day == 28 and not _leap(day.year):
            days[(2, 29)] = day
    pairs = " OR ".join(f"(c.birthday_month = {m:d} AND c.birthday_day = {d:d})" for m, d in days)
    circle_sql = (
        "AND c.id IN (SELECT contact_id FROM contact_circle WHERE circle_id = :circle)"
        if circle_id
        else ""
    )
    rows = store.rows(
        "SELECT c.id, c.name, c.birthday_year, c.birthday_month, c.birthday_day "
        f"FROM contact c WHERE c.archived = 0 AND ({pairs}) {circle_sql}",
        {"circle": circle_id},
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


def waiting(store: Store, *, limit: int | None = None, circle: str | None = None) -> dict[str, Any]:
    """`due --unknown`: contacts with no known touch and no scheduled date, oldest first.

    `{"waiting": [...], "total": N}`; each item has id, name, company, circles, created_on.
    """
    params: dict[str, Any] = {"limit": limit if limit else -1}
    circle_sql = circle_filter(store, circle, params)
    rows = store.rows(
        "SELECT c.id, c.name, c.company, c.created_on, count(*) OVER () AS total "
        "FROM contact c WHERE c.archived = 0 AND c.last_touch_on IS NULL "
        f"AND c.first_due_on IS NULL {circle_sql} "
        "ORDER BY c.created_on, c.name_key, c.id LIMIT :limit",
        params,
    )
    circles = circles_of(store, [r.id for r in rows])
    return {
        "waiting": [
            {
                "id": r.id,
                "name": r.name,
                "company": r.company,
                "circles": circles[r.id],
                "created_on": date.fromisoformat(r.created_on),
            }
            for r in rows
        ],
        "total": rows[0].total if rows else 0,
    }
