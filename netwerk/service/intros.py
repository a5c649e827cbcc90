"""Introductions: you introduce A and B, they now know each other, and you follow it up.

An intro is one touch (kind 'intro') with both, counts as a give to both, links them in
`knows`, and carries a follow-up date (default 14 days later) that brings it into `due`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, or_, select

from netwerk.errors import BadDate, BadInput, NotFound
from netwerk.models import Intro
from netwerk.names import resolve
from netwerk.service import exchanges
from netwerk.service.common import clean_text, contacts_by_ids
from netwerk.service.network import link
from netwerk.service.touches import add_touch

FOLLOW_UP_DAYS = 14
RESULTS = ("met", "work", "no-fit")


def introduce(  # noqa: PLR0913
    session: Session,
    a: str,
    b: str,
    *,
    why: str,
    when: date,
    follow_up: date | None,
    today: date,
) -> dict[str, Any]:
    """`netwerk intro A B --why TEXT`: record the introduction and when to follow it up."""
    first, second = resolve(session, a), resolve(session, b)
    if first.id == second.id:
        raise BadInput(f"{first.name} cannot be introduced to themselves.")
    reason = exchanges.clean_what(why, "introduction (--why)")
    follow_up = follow_up or when + timedelta(days=FOLLOW_UP_DAYS)
    if follow_up < when:
        raise BadDate(
            f"The follow-up {follow_up.isoformat()} is before the introduction "
            f"({when.isoformat()})."
        )
    touch = add_touch(session, [first, second], when=when, kind="intro", note=reason, today=today)
    exchanges.record(session, touch, "give", [f"introduced {first.name} and {second.name}"])
    # a link they already had keeps its own 'how'
    link(session, first, second, how=f"introduced by you: {reason}", today=today, update=False)
    intro = Intro(
        a_id=first.id,
        b_id=second.id,
        why=reason,
        introduced_on=when,
        follow_up_on=follow_up,
        touch_id=touch.id,
    )
    session.add(intro)
    session.flush()
    return _json(intro, {first.id: first.name, second.id: second.name})  # type: ignore[dict-item]


def _json(intro: Intro, names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": intro.id,
        "a": {"id": intro.a_id, "name": names[intro.a_id]},
        "b": {"id": intro.b_id, "name": names[intro.b_id]},
        "why": intro.why,
        "introduced_on": intro.introduced_on,
        "follow_up_on": intro.follow_up_on,
        "status": "open" if intro.closed_on is None else "closed",
        "closed_on": intro.closed_on,
        "outcome": intro.outcome,
        "result": intro.result,
    }


def list_intros(
    session: Session,
    *,
    open_only: bool = False,
    due_by: date | None = None,
    contact_id: int | None = None,
) -> list[dict[str, Any]]:
    """Introductions, open ones first by follow-up date, then closed ones newest first.
    `due_by` keeps only open ones whose follow-up date has come (for `due`); `contact_id`
    only those that contact was in (for `show`)."""
    query = select(Intro)
    if contact_id is not None:
        query = query.where(or_(Intro.a_id == contact_id, Intro.b_id == contact_id))
    if open_only or due_by:
        query = query.where(col(Intro.closed_on).is_(None))
    if due_by:
        query = query.where(Intro.follow_up_on <= due_by)
    intros = sorted(
        session.exec(query).all(),
        key=lambda i: (
            i.closed_on is not None,
            i.follow_up_on if i.closed_on is None else date.max - i.closed_on,  # type: ignore[operator]
            i.id,
        ),
    )
    ids = {i.a_id for i in intros} | {i.b_id for i in intros}
    names = {cid: c.name for cid, c in contacts_by_ids(session, list(ids)).items()}
    return [_json(i, names) for i in intros]


def close_intro(
    session: Session, intro_id: int, *, outcome: str, result: str | None, today: date
) -> dict[str, Any]:
    """`netwerk intros done ID --outcome TEXT [--result met|work|no-fit]`."""
    intro = session.get(Intro, intro_id)
    if intro is None:
        raise NotFound(f"No introduction #{intro_id}. 'netwerk intros' lists them with ids.")
    if intro.closed_on is not None:
        raise BadInput(f"Introduction #{intro_id} was already closed on {intro.closed_on}.")
    if result is not None and result.strip().lower() not in RESULTS:
        raise BadInput(f"Unknown result '{result}'. Choose one of: {', '.join(RESULTS)}.")
    text_ = clean_text(outcome, "outcome")
    if text_ is None:
        raise BadInput("Say how it went with --outcome.")
    intro.closed_on, intro.outcome = today, text_
    intro.result = result.strip().lower() if result else None
    session.add(intro)
    session.flush()
    names = {cid: c.name for cid, c in contacts_by_ids(session, [intro.a_id, intro.b_id]).items()}
    return _json(intro, names)
