"""`netwerk stats`: the shape of the year, over the whole network, in a fixed number of queries.

Every figure is a total over the network (or one circle): touches per month, gives and asks per
month, how many are due now against a month and a quarter ago, the circles with the most and
least attention, the people seen most and those longest unseen, introductions and their
outcomes, goals. Never a balance or score between you and one person: "you gave 12 times and
asked 5" is said of the network, not of anybody in it.

What counts:
- a touch is *maintenance* when at least one of its people was known before the month it falls
  in (known since: the earlier of the day they were added and the day you met them), *new*
  otherwise (the 'met' touch of someone added that month, a first coffee with a fresh contact);
- "due a month ago" is worked out from the touches logged up to that day and today's
  cadences (past snoozes and schedules are not kept, so they cannot count); "due now" is what
  `netwerk due` counts;
- a circle's attention is its touches in the period per member (archived people left out).

The number of queries does not follow the number of contacts or touches: each figure is one
aggregate query (the goals one per goal, as `goals` does), and the tests count the statements
on two sizes. The period's touches are read through their date index (`CROSS JOIN` keeps
SQLite, which has no statistics here, from walking all of touch_contact instead).
Plain SQL on the Store; the goals reuse `services.goals`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from netwerk.store.query import circle_filter

if TYPE_CHECKING:
    from netwerk.store.store import Store

# how many people "seen most" and "longest unseen" list
TOP = 5
# the default period: this month and the 11 before it
DEFAULT_MONTHS = 12

# the day someone became known: added, or met before that (an import of old friends)
_KNOWN = "min(c.created_on, COALESCE(c.met_on, c.created_on))"


@dataclass
class Month:
    month: str  # 'YYYY-MM'
    touches: int = 0
    maintenance: int = 0
    new: int = 0
    gives: int = 0
    asks: int = 0


@dataclass
class Stats:
    since: date
    until: date
    circle: str | None
    totals: dict[str, int]
    months: list[Month]
    overdue: dict[str, Any]
    circles: list[dict[str, Any]]
    seen_most: list[dict[str, Any]]
    longest_unseen: list[dict[str, Any]]
    intros: dict[str, int]
    goals: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def month_start(day: date, back: int = 0) -> date:
    """The first day of the month `back` months before `day`'s month."""
    y, m = divmod(day.year * 12 + day.month - 1 - back, 12)
    return date(y, m + 1, 1)


def months_between(since: date, until: date) -> list[str]:
    """'YYYY-MM' for every month from `since`'s to `until`'s, in order."""
    keys = []
    first = month_start(since)
    while first <= until:
        keys.append(f"{first.year:04d}-{first.month:02d}")
        first = month_start(date(first.year, first.month, 28), -1)
    return keys


def stats(
    store: Store, *, today: date, since: date | None = None, circle: str | None = None
) -> Stats:
    """Every figure of `netwerk stats` for the period from `since` (default: the first day of
    the month eleven months back) to today, for the whole network or one circle."""
    from netwerk.errors import BadDate
    from netwerk.rules.dates import _shift

    start = since or month_start(today, DEFAULT_MONTHS - 1)
    if start > today:
        raise BadDate(_since_future(start))
    params: dict[str, Any] = {"since": start.isoformat(), "today": today.isoformat()}
    member = circle_filter(store, circle, params)
    months = {key: Month(key) for key in months_between(start, today)}
    _touch_months(store, months, member, params)
    _exchange_months(store, months, params)
    month_ago, quarter_ago = _shift(today, -1, "month"), _shift(today, -3, "month")
    return Stats(
        since=start,
        until=today,
        circle=circle,
        totals=_totals(store, member, params),
        months=list(months.values()),
        overdue=_overdue(store, member, params, month_ago, quarter_ago),
        circles=_circles(store, params),
        seen_most=_seen_most(store, member, params),
        longest_unseen=_longest_unseen(store, member, params, today),
        intros=_intros(store, params),
        goals=_goals(store, today, params.get("circle")),
    )


def _since_future(start: date) -> str:
    from netwerk.i18n import _

    return _("--since {date} is in the future: stats look back.").format(date=start.isoformat())


def _member_of_touch(params: dict[str, Any], touch: str = "t") -> str:
    """`AND …` keeping touches with someone of the circle (nothing without a circle)."""
    if "circle" not in params:
        return ""
    return (
        f"AND EXISTS (SELECT 1 FROM touch_contact tcm JOIN contact_circle ccm "
        f"ON ccm.contact_id = tcm.contact_id WHERE tcm.touch_id = {touch}.id "
        "AND ccm.circle_id = :circle)"
    )


def _touch_months(
    store: Store, months: dict[str, Month], member: str, params: dict[str, Any]
) -> None:
    rows = store.rows(
        f"""
        WITH per_touch AS (
            SELECT substr(t.happened_on, 1, 7) AS month, min({_KNOWN}) AS known
            FROM touch t CROSS JOIN touch_contact tc ON tc.touch_id = t.id
            JOIN contact c ON c.id = tc.contact_id
            WHERE t.happened_on >= :since AND t.happened_on <= :today {member}
            GROUP BY +t.id
        )
        SELECT month, count(*) AS touches, sum(known < month || '-01') AS maintenance
        FROM per_touch GROUP BY month
        """,
        params,
    )
    for r in rows:
        if r.month in months:
            m = months[r.month]
            m.touches, m.maintenance, m.new = r.touches, r.maintenance, r.touches - r.maintenance


def _exchange_months(store: Store, months: dict[str, Month], params: dict[str, Any]) -> None:
    rows = store.rows(
        f"""
        SELECT substr(t.happened_on, 1, 7) AS month, sum(e.kind = 'give') AS gives,
               sum(e.kind = 'ask') AS asks
        FROM exchange e JOIN touch t ON t.id = e.touch_id
        WHERE t.happened_on >= :since AND t.happened_on <= :today {_member_of_touch(params)}
        GROUP BY month
        """,
        params,
    )
    for r in rows:
        if r.month in months:
            months[r.month].gives, months[r.month].asks = r.gives, r.asks


def _totals(store: Store, member: str, params: dict[str, Any]) -> dict[str, int]:
    in_touch = _member_of_touch(params)
    (r,) = store.rows(
        f"""
        SELECT
          (SELECT count(*) FROM contact c WHERE c.archived = 0 {member}) AS contacts,
          (SELECT count(*) FROM contact c WHERE c.archived = 0 AND {_KNOWN} >= :since
             {member}) AS new_contacts,
          (SELECT count(*) FROM contact c WHERE c.archived = 0 AND c.last_touch_on IS NULL
             {member}) AS never_touched,
          (SELECT count(*) FROM touch t WHERE t.happened_on >= :since
             AND t.happened_on <= :today {in_touch}) AS touches,
          (SELECT count(DISTINCT tc.contact_id) FROM touch t
             CROSS JOIN touch_contact tc ON tc.touch_id = t.id
             JOIN contact c ON c.id = tc.contact_id
             WHERE t.happened_on >= :since AND t.happened_on <= :today {member}) AS people_seen,
          (SELECT count(*) FROM exchange e JOIN touch t ON t.id = e.touch_id
             WHERE e.kind = 'give' AND t.happened_on >= :since AND t.happened_on <= :today
             {in_touch}) AS gives,
          (SELECT count(*) FROM exchange e JOIN touch t ON t.id = e.touch_id
             WHERE e.kind = 'ask' AND t.happened_on >= :since AND t.happened_on <= :today
             {in_touch}) AS asks,
          (SELECT count(*) FROM exchange e JOIN touch t ON t.id = e.touch_id
             WHERE e.kind = 'ask' AND e.answered_on >= :since AND e.answered_on <= :today
             {in_touch}) AS asks_answered
        """,
        params,
    )
    return {key: int(getattr(r, key) or 0) for key in r._fields}


def _overdue(
    store: Store, member: str, params: dict[str, Any], month_ago: date, quarter_ago: date
) -> dict[str, Any]:
    from netwerk.services.due import due_now_sql

    now = store.rows(f"SELECT count(*) AS n {due_now_sql(member)}", params)[0].n
    past = [_due_on(store, day, member, params) for day in (month_ago, quarter_ago)]
    return {
        "now": int(now),
        "month_ago": past[0],
        "month_ago_on": month_ago,
        "quarter_ago": past[1],
        "quarter_ago_on": quarter_ago,
    }


def _due_on(store: Store, day: date, member: str, params: dict[str, Any]) -> int:
    """How many were due on `day`: their last touch up to that day, plus today's cadence,
    had come. Those not touched since (`last_touch_on <= day`) are read off the contact row;
    for the others, "no touch within a cadence before the day" is one range of touches (the
    longest cadence back) and "a touch before that" one index probe each: no pass over the
    whole history."""
    (row,) = store.rows(
        f"""
        WITH fresh AS (
            SELECT tc.contact_id AS id FROM touch t
            CROSS JOIN touch_contact tc ON tc.touch_id = t.id
            JOIN contact c ON c.id = tc.contact_id
            WHERE t.happened_on > date(:day, '-' || (SELECT max(due_cadence) FROM contact)
                                       || ' days')
              AND t.happened_on <= :day
              AND julianday(t.happened_on) + c.due_cadence > julianday(:day)
        )
        SELECT count(*) AS n FROM contact c
        WHERE c.archived = 0 AND c.last_touch_on IS NOT NULL {member}
          AND CASE WHEN c.last_touch_on <= :day
                THEN julianday(c.last_touch_on) + c.due_cadence <= julianday(:day)
                ELSE c.id NOT IN fresh AND EXISTS (
                    SELECT 1 FROM touch_contact tc JOIN touch t ON t.id = tc.touch_id
                    WHERE tc.contact_id = c.id
                      AND julianday(t.happened_on) + c.due_cadence <= julianday(:day))
              END
        """,
        {**params, "day": day.isoformat()},
    )
    return int(row.n)


def _circles(store: Store, params: dict[str, Any]) -> list[dict[str, Any]]:
    only = "WHERE ci.id = :circle" if "circle" in params else ""
    rows = store.rows(
        f"""
        SELECT ci.id, ci.name, COALESCE(m.members, 0) AS members,
               COALESCE(s.touches, 0) AS touches, COALESCE(s.people, 0) AS people_seen
        FROM circle ci
        LEFT JOIN (
            SELECT cc.circle_id, count(*) AS members FROM contact_circle cc
            JOIN contact c ON c.id = cc.contact_id WHERE c.archived = 0 GROUP BY cc.circle_id
        ) m ON m.circle_id = ci.id
        LEFT JOIN (
            SELECT cc.circle_id, count(DISTINCT tc.touch_id) AS touches,
                   count(DISTINCT tc.contact_id) AS people
            FROM touch t CROSS JOIN touch_contact tc ON tc.touch_id = t.id
            JOIN contact_circle cc ON cc.contact_id = tc.contact_id
            JOIN contact c ON c.id = cc.contact_id AND c.archived = 0
            WHERE t.happened_on >= :since AND t.happened_on <= :today
            GROUP BY cc.circle_id
        ) s ON s.circle_id = ci.id
        {only}
        """,
        params,
    )
    items = [
        {
            "id": r.id,
            "name": r.name,
            "members": r.members,
            "touches": r.touches,
            "people_seen": r.people_seen,
            "touches_per_member": round(r.touches / r.members, 2) if r.members else 0.0,
        }
        for r in rows
    ]
    items.sort(key=lambda c: (-c["touches_per_member"], -c["touches"], c["name"].casefold()))
    return items


def _seen_most(store: Store, member: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    rows = store.rows(
        f"""
        SELECT c.id, c.name, count(*) AS touches FROM touch t
        CROSS JOIN touch_contact tc ON tc.touch_id = t.id JOIN contact c ON c.id = tc.contact_id
        WHERE t.happened_on >= :since AND t.happened_on <= :today AND c.archived = 0 {member}
        GROUP BY c.id ORDER BY touches DESC, c.name_key, c.id LIMIT {TOP:d}
        """,
        params,
    )
    return [{"id": r.id, "name": r.name, "touches": r.touches} for r in rows]


def _longest_unseen(
    store: Store, member: str, params: dict[str, Any], today: date
) -> list[dict[str, Any]]:
    rows = store.rows(
        f"""
        SELECT c.id, c.name, c.last_touch_on FROM contact c
        WHERE c.archived = 0 AND c.last_touch_on IS NOT NULL {member}
        ORDER BY c.last_touch_on, c.name_key, c.id LIMIT {TOP:d}
        """,
        params,
    )
    result = []
    for r in rows:
        last = date.fromisoformat(r.last_touch_on)
        result.append(
            {"id": r.id, "name": r.name, "last_touch": last, "days_since": (today - last).days}
        )
    return result


def _intros(store: Store, params: dict[str, Any]) -> dict[str, int]:
    in_circle = (
        "AND EXISTS (SELECT 1 FROM contact_circle cc WHERE cc.circle_id = :circle "
        "AND cc.contact_id IN (i.a_id, i.b_id))"
        if "circle" in params
        else ""
    )
    (r,) = store.rows(
        f"""
        SELECT count(*) AS made, sum(i.closed_on IS NULL) AS open,
               sum(i.result = 'met') AS met, sum(i.result = 'work') AS work,
               sum(i.result = 'no-fit') AS no_fit,
               sum(i.closed_on IS NOT NULL AND i.result IS NULL) AS closed_other
        FROM intro i WHERE i.introduced_on >= :since AND i.introduced_on <= :today {in_circle}
        """,
        params,
    )
    return {key: int(getattr(r, key) or 0) for key in r._fields}


def _goals(store: Store, today: date, circle_id: int | None) -> list[dict[str, Any]]:
    from netwerk.services.goals import list_goals

    goals = list_goals(store, today=today)
    if circle_id is None:
        return goals
    (circle,) = store.rows("SELECT name FROM circle WHERE id = :id", {"id": circle_id})
    return [g for g in goals if g["circle"] == circle.name]
