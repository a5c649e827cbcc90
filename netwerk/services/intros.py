"""Introductions: you introduce A and B, they now know each other, and you follow it up.

An intro is one touch (kind 'intro') with both, counts as a give to both, links them in
`knows`, and carries a follow-up date (default 14 days later) that brings it into `due`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from netwerk.errors import BadDate, BadInput, NotFound
from netwerk.i18n import _
from netwerk.rules.dates import show_date
from netwerk.services import exchanges
from netwerk.services.common import clean_text, contacts_by_ids
from netwerk.services.intro_views import intro_json as _json
from netwerk.services.intro_views import list_intros  # noqa: F401 (re-exported)
from netwerk.services.names import resolve
from netwerk.services.network import link
from netwerk.services.touches import add_touch
from netwerk.store.models import Intro

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
        raise BadInput(_("{name} cannot be introduced to themselves.").format(name=first.name))
    reason = exchanges.clean_what(why, "introduction (--why)")
    follow_up = follow_up or when + timedelta(days=FOLLOW_UP_DAYS)
    if follow_up < when:
        raise BadDate(
            _("The follow-up {follow_up} is before the introduction ({when}).").format(
                follow_up=show_date(follow_up), when=show_date(when)
            )
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
    result = _json(intro, {first.id: first.name, second.id: second.name})  # type: ignore[dict-item]
    result["touch_id"] = touch.id
    return result


def close_intro(
    session: Session, intro_id: int, *, outcome: str, result: str | None, today: date
) -> dict[str, Any]:
    """`netwerk intros done ID --outcome TEXT [--result met|work|no-fit]`."""
    intro = session.get(Intro, intro_id)
    if intro is None:
        raise NotFound(
            _("No introduction #{intro_id}. 'netwerk intros' lists them with ids.").format(
                intro_id=intro_id
            )
        )
    if intro.closed_on is not None:
        raise BadInput(
            _("Introduction #{intro_id} was already closed on {closed_on}.").format(
                intro_id=intro_id, closed_on=intro.closed_on
            )
        )
    if result is not None and result.strip().lower() not in RESULTS:
        raise BadInput(
            _("Unknown result '{result}'. Choose one of: {names}.").format(
                result=result, names=", ".join(RESULTS)
            )
        )
    text_ = clean_text(outcome, "outcome")
    if text_ is None:
        raise BadInput(_("Say how it went with --outcome."))
    intro.closed_on, intro.outcome = today, text_
    intro.result = result.strip().lower() if result else None
    session.add(intro)
    session.flush()
    names = {cid: c.name for cid, c in contacts_by_ids(session, [intro.a_id, intro.b_id]).items()}
    return _json(intro, names)
