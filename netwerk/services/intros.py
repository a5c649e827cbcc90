"""Introductions: you introduce A and B, they now know each other, and you follow it up; and
reading them back (`intros`, `due`'s follow-ups, `show`).

An intro is one touch (kind 'intro') with both, counts as a give to both, links them in
`knows`, and carries a follow-up date (default 14 days later) that brings it into `due`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from netwerk.errors import BadDate, BadInput, NotFound
from netwerk.i18n import _
from netwerk.rules.dates import show_date
from netwerk.services import exchanges
from netwerk.services.common import clean_text
from netwerk.services.names import resolve
from netwerk.services.network import link
from netwerk.services.touches import add_touch
from netwerk.store.store import day

if TYPE_CHECKING:
    from netwerk.store.store import Store

FOLLOW_UP_DAYS = 14
RESULTS = ("met", "work", "no-fit")


def introduce(  # noqa: PLR0913
    store: Store,
    a: str,
    b: str,
    *,
    why: str,
    when: date,
    follow_up: date | None,
    today: date,
) -> dict[str, Any]:
    """`netwerk intro A B --why TEXT`: record the introduction and when to follow it up."""
    first, second = resolve(store, a), resolve(store, b)
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
    touch = add_touch(store, [first, second], when=when, kind="intro", note=reason, today=today)
    # stored text, in the language the user works in (as the notes they type are)
    gave = _("introduced {a} and {b}").format(a=first.name, b=second.name)
    exchanges.record(store, touch.id, "give", [gave])
    # a link they already had keeps its own 'how'
    how = _("introduced by you: {why}").format(why=reason)
    link(store, first, second, how=how, today=today, update=False)
    new = store.insert(
        "INSERT INTO intro (a_id, b_id, why, introduced_on, follow_up_on, touch_id) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (first.id, second.id, reason, when.isoformat(), follow_up.isoformat(), touch.id),
    )
    result = intro_json(_intro(store, new), {first.id: first.name, second.id: second.name})
    result["touch_id"] = touch.id
    result["hints"] = touch.notes
    return result


def close_intro(
    store: Store, intro_id: int, *, outcome: str, result: str | None, today: date
) -> dict[str, Any]:
    """`netwerk intros done ID --outcome TEXT [--result met|work|no-fit]`."""
    intro = _intro(store, intro_id)
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
    store.execute(
        "UPDATE intro SET closed_on = ?, outcome = ?, result = ? WHERE id = ?",
        (today.isoformat(), text_, result.strip().lower() if result else None, intro_id),
    )
    intro = _intro(store, intro_id)
    names = dict(
        store.rows("SELECT id, name FROM contact WHERE id IN (?, ?)", (intro.a_id, intro.b_id))
    )
    return intro_json(intro, names)


def _intro(store: Store, intro_id: int) -> Any:
    return store.one("SELECT * FROM intro WHERE id = ?", (intro_id,))


def intro_json(intro: Any, names: dict[int, str]) -> dict[str, Any]:
    """An intro row in the documented JSON shape."""
    return {
        "id": intro.id,
        "a": {"id": intro.a_id, "name": names[intro.a_id]},
        "b": {"id": intro.b_id, "name": names[intro.b_id]},
        "why": intro.why,
        "introduced_on": day(intro.introduced_on),
        "follow_up_on": day(intro.follow_up_on),
        "status": "open" if intro.closed_on is None else "closed",
        "closed_on": day(intro.closed_on),
        "outcome": intro.outcome,
        "result": intro.result,
    }


def list_intros(
    store: Store,
    *,
    open_only: bool = False,
    due_by: date | None = None,
    contact_id: int | None = None,
) -> list[dict[str, Any]]:
    """Introductions, open ones first by follow-up date, then closed ones newest first.
    `due_by` keeps only open ones whose follow-up date has come (for `due`); `contact_id`
    only those that contact was in (for `show`)."""
    return intro_page(store, open_only=open_only, due_by=due_by, contact_id=contact_id)[0]


def intro_page(
    store: Store,
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
    rows = store.rows(
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
