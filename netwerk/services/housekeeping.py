"""Housekeeping: merge two contacts into one, and back the database up.

`merge` is generic over the schema: every table with a foreign key to `contact.id` has B's rows
repointed to A, so tables added by later migrations (events, intros, links) are covered without
work here. A row that would collide with one A already has (both in the same touch, the same
circle) is dropped, as is a row that would link A to itself. The one exception is `knows`, whose
pairs are stored ordered: `network.move_links` moves those pair by pair.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text
from sqlmodel import SQLModel

from netwerk.errors import BadInput
from netwerk.i18n import _
from netwerk.rules.records import ordered, word_for
from netwerk.services.names import resolve
from netwerk.services.network import move_links
from netwerk.services.touches import refresh_last_touch
from netwerk.store.models import Alias, Contact, Detail

if TYPE_CHECKING:
    from sqlmodel import Session

    from netwerk.store.store import Store

SCALARS = (
    "company", "role", "city", "expertise", "met_event_id", "met_on", "via_id", "cadence_days",
)  # fmt: skip


_MERGE_WORDS = {"touch_contact": "touches", "contact": "introduced"}


def _contact_references() -> list[tuple[str, str]]:
    """(table, column) of every foreign key to contact.id, in the current schema; not the
    database's own derived tables (a leading `_`): their triggers follow the rows moved."""
    import netwerk.store.models  # noqa: F401  (registers the tables)

    refs = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name.startswith("_"):
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name == "contact" and fk.column.name == "id":
                refs.append((table.name, fk.parent.name))
    return refs


def merge_contacts(store: Store, keep: str, fold_in: str, *, today: date) -> dict[str, Any]:
    """Fold contact `fold_in` (B) into `keep` (A): nothing of B is lost; B's name is an alias."""
    session = store.orm()
    a, b = resolve(store, keep), resolve(store, fold_in)
    if a.id == b.id:
        raise BadInput(
            _("'{keep}' and '{fold_in}' are the same contact ({name}).").format(
                keep=keep, fold_in=fold_in, name=a.name
            )
        )
    assert a.id is not None and b.id is not None
    conn = session.connection()
    moved: dict[str, int] = {}
    _keep_earliest_met(session, a.id, b.id)
    # details are counted by kind, and only those A does not have already
    for kind, n in conn.execute(
        text(
            "SELECT kind, count(DISTINCT value_key) FROM detail d WHERE contact_id = :b "
            "AND NOT EXISTS (SELECT 1 FROM detail x WHERE x.contact_id = :a "
            "AND x.kind = d.kind AND x.value_key = d.value_key) GROUP BY kind"
        ),
        {"a": a.id, "b": b.id},
    ).all():
        word = word_for("detail", kind)
        if word:
            moved[word] = n
    # knows links are ordered pairs (low_id < high_id): moved pair by pair, not by column
    links = move_links(store, b.id, a.id)
    if links:
        moved["links"] = links
    for table, column in _contact_references():
        # OR IGNORE: a row A already has (primary key, unique or check constraint) stays B's
        # and goes with B below; that is the "both in the same touch/circle" case.
        result = conn.execute(
            text(f'UPDATE OR IGNORE "{table}" SET "{column}" = :a WHERE "{column}" = :b'),
            {"a": a.id, "b": b.id},
        )
        # a participant row moved is a touch moved; a contact pointing at B via_id, someone
        # B introduced
        word = _MERGE_WORDS.get(table, word_for(table))
        if result.rowcount and word and table != "detail":
            moved[word] = moved.get(word, 0) + result.rowcount
        if table != "contact":
            # What is left collided with a row A has: a duplicate. Delete it here rather than
            # rely on the foreign key's ON DELETE, which a later table may declare otherwise.
            conn.execute(text(f'DELETE FROM "{table}" WHERE "{column}" = :b'), {"b": b.id})
    # A contact introduced to you by B now reads "via A"; A cannot be via itself.
    conn.execute(
        text("UPDATE contact SET via_id = NULL WHERE id = :a AND via_id = :a"), {"a": a.id}
    )
    session.expire_all()
    a, b = session.get(Contact, a.id), session.get(Contact, b.id)
    assert a is not None and b is not None
    for attr in SCALARS:
        if getattr(a, attr) is None and getattr(b, attr) is not None:
            setattr(a, attr, getattr(b, attr))
    if a.via_id == a.id:
        a.via_id = None
    if b.note and b.note != a.note:
        a.note = f"{a.note}\n\n{b.note}" if a.note else b.note
    if a.birthday_month is None and b.birthday_month is not None:
        a.birthday_year, a.birthday_month, a.birthday_day = (
            b.birthday_year,
            b.birthday_month,
            b.birthday_day,
        )
    # B's schedule matters only if A has none and was never touched (else A's dates rule);
    # of two schedules the earlier wins.
    if b.first_due_on and (
        (a.first_due_on is None and a.last_touch_on is None)
        or (a.first_due_on and b.first_due_on < a.first_due_on)
    ):
        a.first_due_on = b.first_due_on
    if a.snoozed_until and (b.snoozed_until is None or b.snoozed_until < a.snoozed_until):
        a.snoozed_until = b.snoozed_until  # the earlier of the two: never hide someone longer
    session.add(a)
    session.add(Alias(contact_id=a.id, name=b.name, name_key=b.name_key))
    # B's uid stays A's too: a later import of B's vCard (or feed) finds A, not a stranger.
    session.add(Detail(contact_id=a.id, kind="uid", value=b.uid, value_key=b.uid))
    summary = {
        "id": a.id,
        "name": a.name,
        "merged": {"id": b.id, "name": b.name},
        "moved": ordered(moved),
    }
    session.delete(b)
    session.flush()
    _dedupe(store, a.id)
    refresh_last_touch(store, [a.id])
    return summary


def _keep_earliest_met(session: Session, a_id: int, b_id: int) -> None:
    """Of the two 'met' touches `add` recorded, keep the earlier (so merging a fresh duplicate
    never moves when you last met); A's met date (and where) follow it."""
    conn = session.connection()
    met = """SELECT t.id, t.happened_on, t.event_id FROM touch t
             JOIN touch_contact tc ON tc.touch_id = t.id
             WHERE tc.contact_id = :c AND t.kind = 'met' ORDER BY t.happened_on, t.id LIMIT 1"""
    mine = conn.execute(text(met), {"c": a_id}).first()
    theirs = conn.execute(text(met), {"c": b_id}).first()
    if theirs is None:
        return
    if mine is not None and mine.happened_on <= theirs.happened_on:
        drop = theirs.id
    else:
        drop = mine.id if mine is not None else None
        conn.execute(
            text(
                "UPDATE contact SET met_on = :d, met_event_id = coalesce(met_event_id, :e) "
                "WHERE id = :a"
            ),
            {"d": theirs.happened_on, "e": theirs.event_id, "a": a_id},
        )
    if drop is None:
        return
    # participants first, so the thanks triggers on touch_contact run for each
    conn.execute(text("DELETE FROM touch_contact WHERE touch_id = :t"), {"t": drop})
    conn.execute(text("DELETE FROM touch WHERE id = :t"), {"t": drop})


def _dedupe(store: Store, contact_id: int) -> None:
    """After a merge: one alias per name (and none equal to the name), one detail per value."""
    session = store.orm()
    conn = session.connection()
    params = {"id": contact_id}
    conn.execute(
        text(
            "DELETE FROM alias WHERE contact_id = :id AND (name_key = "
            "(SELECT name_key FROM contact WHERE id = :id) OR id NOT IN "
            "(SELECT min(id) FROM alias WHERE contact_id = :id GROUP BY name_key))"
        ),
        params,
    )
    conn.execute(
        text(
            "DELETE FROM detail WHERE contact_id = :id AND id NOT IN "
            "(SELECT min(id) FROM detail WHERE contact_id = :id GROUP BY kind, value_key)"
        ),
        params,
    )


def backup_database(store: Store, source: Path, target: Path | None) -> Path:
    """Copy the open database to `target` (a file, a folder, or None: beside the database)
    with SQLite's backup API: consistent even while another netwerk writes. Mode 0600."""
    from netwerk.store.backup import copy_database

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    name = f"{source.stem}-{stamp}{source.suffix or '.db'}"
    if target is None:
        target = source.with_name(name)
    elif target.is_dir():
        target = target / name
    if not target.parent.is_dir():
        raise BadInput(_("The folder {parent} does not exist.").format(parent=target.parent))
    if target.resolve() == source.resolve():
        raise BadInput(_("The backup cannot be the database itself."))
    copy_database(store.conn, target)
    return target
