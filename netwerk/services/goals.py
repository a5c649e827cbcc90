"""Networking goals: "3 new contacts in logistiek by March", "see 5 people from BNI this month".

Progress is computed from the data, never typed in: for a `new` goal, contacts added since the
goal was set (in its circle, if any); for a `touches` goal, people seen since it was set — each
contact at each touch counts once (a BNI morning where you saw three members counts three), the
'met' touch of `add` excluded.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from netwerk.errors import BadDate, BadInput, NotFound
from netwerk.i18n import _
from netwerk.rules.dates import show_date
from netwerk.services.common import get_or_create_circle
from netwerk.services.exchanges import clean_what
from netwerk.store.models import Circle, Goal

_MEMBER = "AND c.id IN (SELECT contact_id FROM contact_circle WHERE circle_id = :circle)"


def add_goal(  # noqa: PLR0913
    session: Session,
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
    # like `add --circle`, a goal may name a circle nobody is in yet: "3 new in logistiek"
    circle_id = get_or_create_circle(session, circle).id if circle else None
    goal = Goal(
        text=clean_what(what, "goal"),
        kind=kind,
        target=target,
        circle_id=circle_id,
        set_on=today,
        by_on=by,
    )
    session.add(goal)
    session.flush()
    return _progress(session, [goal], today)[0]


def list_goals(session: Session, *, today: date, all_: bool = False) -> list[dict[str, Any]]:
    """Open goals (with `all_`, done ones too) and their progress, soonest deadline first."""
    query = select(Goal)
    if not all_:
        query = query.where(col(Goal.done_on).is_(None))
    goals = sorted(
        session.exec(query).all(),
        key=lambda g: (g.done_on is not None, g.by_on or date.max, g.id),
    )
    return _progress(session, goals, today)


def close_goal(session: Session, goal_id: int, *, today: date) -> dict[str, Any]:
    """`netwerk goal done ID`."""
    goal = session.get(Goal, goal_id)
    if goal is None:
        raise NotFound(
            _("No goal #{goal_id}. 'netwerk goal list' shows them with ids.").format(
                goal_id=goal_id
            )
        )
    if goal.done_on is not None:
        raise BadInput(
            _("Goal #{goal_id} was already done on {done_on}.").format(
                goal_id=goal_id, done_on=show_date(goal.done_on)
            )
        )
    goal.done_on = today
    session.add(goal)
    session.flush()
    return _progress(session, [goal], today)[0]


def _count(session: Session, goal: Goal) -> int | None:
    if goal.kind is None:
        return None
    member = _MEMBER if goal.circle_id else ""
    end = goal.done_on or date.max
    params = {"since": goal.set_on.isoformat(), "end": end.isoformat(), "circle": goal.circle_id}
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
    return session.connection().execute(text(sql), params).scalar_one()


def _progress(session: Session, goals: list[Goal], today: date) -> list[dict[str, Any]]:
    circles = {c.id: c.name for c in session.exec(select(Circle)).all()}
    items = []
    for goal in goals:  # one count per goal: a handful of goals, each one indexed query
        done = _count(session, goal)
        left = max(goal.target - done, 0) if goal.target is not None and done is not None else None
        items.append(
            {
                "id": goal.id,
                "text": goal.text,
                "kind": goal.kind,
                "target": goal.target,
                "circle": circles.get(goal.circle_id) if goal.circle_id else None,
                "set_on": goal.set_on,
                "by": goal.by_on,
                "done_on": goal.done_on,
                "progress": done,
                "left": left,
                "reached": left == 0,
                "days_left": (goal.by_on - today).days if goal.by_on else None,
            }
        )
    return items
