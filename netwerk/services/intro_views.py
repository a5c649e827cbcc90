"""Reading introductions (`intros`, `due`'s follow-ups, `show`): plain SQL through
`netwerk.store.query.fetch`, standard library only at module level, so `due` can run on a Reader."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from netwerk.store.query import fetch

if TYPE_CHECKING:
    from sqlmodel import Session

    from netwerk.store.query import Reader


def _date(value: date | str | None) -> date | None:
    """Dates come as `date` from the ORM and as ISO text from plain SQL."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def intro_json(intro: Any, names: dict[int, str]) -> dict[str, Any]:
    """An intro (ORM object or SQL row) in the documented JSON shape."""
    return {
        "id": intro.id,
        "a": {"id": intro.a_id, "name": names[intro.a_id]},
        "b": {"id": intro.b_id, "name": names[intro.b_id]},
        "why": intro.why,
        "introduced_on": _date(intro.introduced_on),
        "follow_up_on": _date(intro.follow_up_on),
        "status": "open" if intro.closed_on is None else "closed",
        "closed_on": _date(intro.closed_on),
        "outcome": intro.outcome,
        "result": intro.result,
    }


def list_intros(
    session: Session | Reader,
    *,
    open_only: bool = False,
    due_by: date | None = None,
    contact_id: int | None = None,
) -> list[dict[str, Any]]:
    """Introductions, open ones first by follow-up date, then closed ones newest first.
    `due_by` keeps only open ones whose follow-up date has come (for `due`); `contact_id`
    only those that contact was in (for `show`). Plain SQL, so `due` can run on a Reader."""
    return intro_page(session, open_only=open_only, due_by=due_by, contact_id=contact_id)[0]


def intro_page(
    session: Session | Reader,
    *,
    open_only: bool = False,
    due_by: date | None = None,
    contact_id: int | None = None,
    circle_id: int | None = None,
    limit: int | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """`list_intros` with a page size and a circle (either of the two in it): the first
    `limit` introductions and how many there are in all."""
    where = ["1"]
    params: dict[str, Any] = {"limit": limit if limit else -1}
    if contact_id is not None:
        where.append("(i.a_id = :contact OR i.b_id = :contact)")
        params["contact"] = contact_id
    if circle_id is not None:
        where.append(
            "EXISTS (SELECT 1 FROM contact_circle cc WHERE cc.circle_id = :circle "
            "AND cc.contact_id IN (i.a_id, i.b_id))"
        )
        params["circle"] = circle_id
    if open_only or due_by:
        where.append("i.closed_on IS NULL")
    if due_by:
        where.append("i.follow_up_on <= :due_by")
        params["due_by"] = due_by.isoformat()
    # the page is chosen on the intro rows alone (their index), and only its rows are joined
    # to the two contacts' names: 650 open follow-ups cost 20 name lookups, not 1,300
    rows = fetch(
        session,
        "SELECT i.*, a.name AS a_name, b.name AS b_name FROM ("
        "  SELECT i.*, count(*) OVER () AS total FROM intro i "
        f"  WHERE {' AND '.join(where)} "
        "  ORDER BY i.closed_on IS NOT NULL, "
        "  CASE WHEN i.closed_on IS NULL THEN i.follow_up_on END, i.closed_on DESC, i.id "
        "  LIMIT :limit"
        ") i JOIN contact a ON a.id = i.a_id JOIN contact b ON b.id = i.b_id "
        "ORDER BY i.closed_on IS NOT NULL, "
        "CASE WHEN i.closed_on IS NULL THEN i.follow_up_on END, i.closed_on DESC, i.id",
        params,
    )
    items = [intro_json(r, {r.a_id: r.a_name, r.b_id: r.b_name}) for r in rows]
    return items, rows[0].total if rows else 0
