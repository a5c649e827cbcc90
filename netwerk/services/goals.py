"""Networking goals: "3 new contacts in logistiek by March", "see 5 people from BNI this month".

Progress is computed from the data, never typed in: for a `new` goal, contacts added since the
goal was set (in its circle, if any); for a `touches` goal, people seen since it was set — each
contact at each touch counts once (a BNI morning where you saw three members counts three), the
'met' touch of `add` excluded.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from netwerk.errors import BadDate, BadInput, NotFound
from netwerk.i18n import _
from netwerk.rules.dates import show_date
from netwerk.services.exchanges import clean_what
from netwerk.store.query import circle_id as find_circle
from netwerk.store.store import day

if TYPE_CHECKING:
    from netwerk.store.store import Store

_MEMBER = "AND c.id IN (SELECT contact_id FROM contact_circle WHERE circle_id = :circle)"
_GOAL = "SELECT id, text, kind, target, circle_id, set_on, by_on, done_on FROM goal"


def add_goal(  # noqa: PLR0913
    store: Store,
    what: str,
    *,
    new: int | None,
    touches: int | None,
    circle: str | None,
    by: date | None,
    today: date,
) -> dict[str, Any]:
    """`netwerk goal add TEXT [--new N | --touches N] [--circle C] [--by DATE]`."""
    if new is not None and touches is not None:
        raise BadInput(_("A goal counts either --new contacts or --touches, not both."))
    if by is not None and by < today:
        raise BadDate(_("The goal date {by} has passed already.").format(by=show_date(by)))
    kind, target = ("new", new) if new is not None else ("touches", touches)
    if target is None:
        kind = None
    elif target < 1:
        raise BadInput(_("--{kind} needs at least 1.").format(kind=kind))
    text = clean_what(what, "goal")
    # like `add --circle`, a goal may name a circle nobody is in yet: "3 new in logistiek"
    circle_id = find_circle(store, circle, create=True) if circle else None
    new_id = store.insert(
        "INSERT INTO goal (text, kind, target, circle_id, set_on, by_on) VALUES (?, ?, ?, ?, ?, ?)",
        (text, kind, target, circle_id, today.isoformat(), by.isoformat() if by else None),
    )
    return _progress(store, store.rows(f"{_GOAL} WHERE id = ?", (new_id,)), today)[0]


def list_goals(store: Store, *, today: date, all_: bool = False) -> list[dict[str, Any]]:
    """Open goals (with `all_`, done ones too) and their progress, soonest deadline first."""
    where = "" if all_ else " WHERE done_on IS NULL"
    goals = sorted(
        store.rows(_GOAL + where),
        key=lambda g: (g.done_on is not None, g.by_on or "9999-12-31", g.id),
    )
    return _progress(store, goals, today)


def close_goal(store: Store, goal_id: int, *, today: date) -> dict[str, Any]:
    """`netwerk goal done ID`."""
    goal = store.one(f"{_GOAL} WHERE id = ?", (goal_id,))
    if goal is None:
        raise NotFound(
            _("No goal #{goal_id}. 'netwerk goal list' shows them with ids.").format(
                goal_id=goal_id
            )
        )
    if goal.done_on is not None:
        raise BadInput(
            _("Goal #{goal_id} was already done on {done_on}.").format(
                goal_id=goal_id, done_on=show_date(day(goal.done_on))
            )
        )
    store.execute("UPDATE goal SET done_on = ? WHERE id = ?", (today.isoformat(), goal_id))
    return _progress(store, store.rows(f"{_GOAL} WHERE id = ?", (goal_id,)), today)[0]


def _count(store: Store, goal: Any) -> int | None:
    if goal.kind is None:
        return None
    member = _MEMBER if goal.circle_id else ""
    params = {"since": goal.set_on, "end": goal.done_on or "9999-12-31", "circle": goal.circle_id}
    if goal.kind == "new":
        sql = (
            "SELECT count(*) FROM contact c WHERE c.created_on >= :since "
            f"AND c.created_on <= :end {member}"
        )
    else:
        sql = (
            "SELECT count(*) FROM touch t JOIN touch_contact tc ON tc.touch_id = t.id "
            "JOIN contact c ON c.id = tc.contact_id WHERE t.kind != 'met' "
            f"AND t.happened_on >= :since AND t.happened_on <= :end {member}"
        )
    return int(store.value(sql, params))


def _progress(store: Store, goals: list[Any], today: date) -> list[dict[str, Any]]:
    circles = dict(store.rows("SELECT id, name FROM circle"))
    items = []
    for goal in goals:  # one count per goal: a handful of goals, each one indexed query
        done = _count(store, goal)
        left = max(goal.target - done, 0) if goal.target is not None and done is not None else None
        by = day(goal.by_on)
        items.append(
            {
                "id": goal.id,
                "text": goal.text,
                "kind": goal.kind,
                "target": goal.target,
                "circle": circles.get(goal.circle_id) if goal.circle_id else None,
                "set_on": day(goal.set_on),
                "by": by,
                "done_on": day(goal.done_on),
                "progress": done,
                "left": left,
                "reached": left == 0,
                "days_left": (by - today).days if by else None,
            }
        )
    return items
