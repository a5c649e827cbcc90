"""Scheduling contacts who wait: staggered first due dates over the weeks ahead.

A contact with no known touch is not due (it would flood `due` after an import); `spread` gives
such contacts a `first_due_on` a few a day, closest circles first. The import uses `stagger`
too, for contacts whose connection date already makes them due on arrival.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from netwerk.errors import BadInput
from netwerk.i18n import _
from netwerk.rules.dates import show_date
from netwerk.store.query import circle_filter, json_ids

if TYPE_CHECKING:
    from netwerk.store.store import Store

# "over the coming weeks": by default the waiting are spread over eight weeks, at least one a day
SPREAD_DAYS = 56


def spread(
    store: Store,
    *,
    today: date,
    per_day: int | None = None,
    over_days: int | None = None,
    circle: str | None = None,
    overdue: bool = False,
    start: date | None = None,
) -> dict[str, Any]:
    """Give contacts that wait (no known touch) staggered first due dates from `start`
    (default tomorrow): `per_day` a day, or evenly over `over_days` (default: the coming
    SPREAD_DAYS days). Shorter cadences (closer circles) come first. With `overdue`, contacts
    already due are spread out too."""
    if per_day is not None and per_day < 1:
        raise BadInput(_("--per-day must be at least 1."))
    if per_day is not None and over_days is not None:
        raise BadInput(_("Give --per-day or --over, not both."))
    first = start or today + timedelta(days=1)
    if first <= today:
        raise BadInput(
            _("Spread from {first}: that is not in the future.").format(first=show_date(first))
        )
    params: dict[str, Any] = {"today": today.isoformat()}
    circle_sql = circle_filter(store, circle, params)
    waiting = "(c.last_touch_on IS NULL AND c.first_due_on IS NULL)"
    if overdue:
        waiting = (
            f"({waiting} OR (c.last_touch_on IS NOT NULL "
            "AND julianday(c.last_touch_on) + c.due_cadence <= julianday(:today) "
            "AND (c.first_due_on IS NULL OR c.first_due_on <= :today)))"
        )
    rows = store.rows(
        f"SELECT c.id, c.name FROM contact c WHERE c.archived = 0 AND {waiting} "
        "AND (c.snoozed_until IS NULL OR c.snoozed_until <= :today) "
        f"{circle_sql} ORDER BY c.due_cadence, c.created_on, c.name_key, c.id",
        params,
    )
    if per_day is None:
        days = SPREAD_DAYS if over_days is None else over_days
        if days < 1:
            raise BadInput(_("--over must be at least one day."))
    return stagger(store, [(r.id, r.name) for r in rows], first, per_day, over_days)


def stagger(
    store: Store,
    people: list[tuple[int, str]],
    first: date,
    per_day: int | None = None,
    over_days: int | None = None,
) -> dict[str, Any]:
    """Set first due dates for `people` (id, name) in this order from `first`: `per_day` a
    day, else evenly over `over_days` (default SPREAD_DAYS), at least one a day."""
    plan = schedule(people, first, per_day, over_days)
    by_day: dict[date, list[int]] = {}
    for item in plan["scheduled"]:
        by_day.setdefault(item["first_due_on"], []).append(item["id"])
    for day, ids in by_day.items():
        store.execute(
            "UPDATE contact SET first_due_on = :day "
            "WHERE id IN (SELECT value FROM json_each(:ids))",
            {"day": day.isoformat(), "ids": json_ids(ids)},
        )
    return plan


def schedule(
    people: list[tuple[int, str]],
    first: date,
    per_day: int | None = None,
    over_days: int | None = None,
) -> dict[str, Any]:
    """The first due dates `stagger` gives, without writing them (an import writes them with
    the new contacts): `{"scheduled": [{"id", "name", "first_due_on"}], "per_day", "from",
    "until"}`."""
    if per_day is None:
        per_day = max(1, math.ceil(len(people) / (over_days or SPREAD_DAYS)))
    days = [first + timedelta(d) for d in range(math.ceil(len(people) / per_day))]
    scheduled = [
        {"id": cid, "name": name, "first_due_on": days[number // per_day]}
        for number, (cid, name) in enumerate(people)
    ]
    return {
        "scheduled": scheduled,
        "per_day": per_day,
        "from": scheduled[0]["first_due_on"] if scheduled else None,
        "until": scheduled[-1]["first_due_on"] if scheduled else None,
    }
