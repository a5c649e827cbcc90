"""The sync tables and a contact's state, through the command's `Store`.

`contact_states` reads contacts as the dicts `cards` and `merge` work on; `apply_state`
writes a merged state back: fields, aliases, e-mails, phones, URLs, profiles and circles
(a list becomes exactly the state's list; other kinds of detail, such as remembered UIDs,
stay). The sync account holds no password (see `secret`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from netwerk.formats.dav_card import birthday_parts, birthday_text, empty_state
from netwerk.store.store import Store

_DETAIL_KINDS = {"emails": "email", "phones": "phone", "urls": "url", "socials": "social"}


@dataclass
class Account:
    url: str
    user: str | None
    addressbook_url: str
    calendar_url: str | None
    password_command: str | None
    circles: list[str]
    allow_http: bool
    book_sync_report: bool
    calendar_sync_report: bool
    book_token: str | None
    calendar_token: str | None
    birthday_alarm: bool
    set_up_at: str
    last_sync_at: str | None


def load_account(store: Store) -> Account | None:
    row = store.one(
        "SELECT url, user, addressbook_url, calendar_url, password_command, circles, "
        "allow_http, book_sync_report, calendar_sync_report, book_token, calendar_token, "
        "birthday_alarm, set_up_at, last_sync_at FROM sync_account WHERE id = 1"
    )
    if row is None:
        return None
    values = list(row)
    values[5] = json.loads(values[5])
    for i in (6, 7, 8, 11):
        values[i] = bool(values[i])
    return Account(*values)


def save_account(store: Store, account: Account) -> None:
    store.execute(
        "INSERT OR REPLACE INTO sync_account (id, url, user, addressbook_url, calendar_url, "
        "password_command, circles, allow_http, book_sync_report, calendar_sync_report, "
        "book_token, calendar_token, birthday_alarm, set_up_at, last_sync_at) "
        "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            account.url,
            account.user,
            account.addressbook_url,
            account.calendar_url,
            account.password_command,
            json.dumps(account.circles, ensure_ascii=False),
            account.allow_http,
            account.book_sync_report,
            account.calendar_sync_report,
            account.book_token,
            account.calendar_token,
            account.birthday_alarm,
            account.set_up_at,
            account.last_sync_at,
        ),
    )


@dataclass
class Card:
    """A row of sync_card."""

    id: int | None
    contact_id: int | None
    uid: str
    href: str | None
    etag: str | None
    base: dict[str, Any] | None
    gone: bool
    forgotten: bool


def _base(stored: str | None) -> dict[str, Any] | None:
    # a base saved by an older netwerk lacks the fields added since (offers): they were empty
    return {**empty_state(), **json.loads(stored)} if stored else None


def load_cards(store: Store) -> list[Card]:
    return [
        Card(i, c, u, h, e, _base(b), bool(g), bool(f))
        for i, c, u, h, e, b, g, f in store.rows(
            "SELECT id, contact_id, uid, href, etag, base, gone, forgotten FROM sync_card"
        )
    ]


def save_card(store: Store, card: Card) -> None:
    """Insert or update the card's row. Between a sync's batches another command may have
    removed or forgotten its contact (see `netwerk.services.sync.contacts` on batches): a card
    saved for the first time then keeps nothing of the person and is treated as forgotten
    (the next sync deletes it on the server; which of the two it was cannot be known, and
    forgetting is the safe side); a card `forget` marked stays forgotten, without its copy."""
    vanished = (
        card.id is None
        and card.contact_id is not None
        and store.value("SELECT 1 FROM contact WHERE id = ?", (card.contact_id,)) is None
    )
    if vanished:
        card.contact_id, card.base, card.forgotten = None, None, True
    base = json.dumps(card.base, ensure_ascii=False, sort_keys=True) if card.base else None
    values = (card.contact_id, card.uid, card.href, card.etag, base, card.gone, card.forgotten)
    if card.id is None:
        card.id = store.insert(
            "INSERT INTO sync_card (contact_id, uid, href, etag, base, gone, forgotten) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            values,
        )
        return
    store.execute(
        "UPDATE sync_card SET contact_id = (SELECT id FROM contact WHERE id = ?), uid = ?, "
        "href = ?, etag = ?, base = CASE WHEN forgotten THEN NULL ELSE ? END, gone = ?, "
        "forgotten = (forgotten OR ?) WHERE id = ?",
        (*values, card.id),
    )


def delete_card(store: Store, card: Card) -> None:
    if card.id is not None:
        # not a card `forget` marked meanwhile: its UID keeps the person off this machine
        store.execute("DELETE FROM sync_card WHERE id = ? AND NOT forgotten", (card.id,))


def circle_members(store: Store, names: list[str]) -> set[int]:
    from netwerk.rules.text import fold

    keys = json.dumps([fold(n) for n in names])
    return {
        cid
        for (cid,) in store.rows(
            "SELECT cc.contact_id FROM contact_circle cc JOIN circle c ON c.id = cc.circle_id "
            "WHERE c.name_key IN (SELECT value FROM json_each(?))",
            (keys,),
        )
    }


def contact_states(store: Store, ids: Iterable[int] | None = None) -> dict[int, dict[str, Any]]:
    """{contact id: state} for `ids` (all contacts when None)."""
    where, params = "", ()
    if ids is not None:
        where, params = " WHERE c.id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),)
    states: dict[int, dict[str, Any]] = {}
    for row in store.rows(
        "SELECT c.id, c.name, c.company, c.role, c.city, c.note, c.birthday_year, "
        "c.birthday_month, c.birthday_day, c.cadence_days, c.expertise, c.met_on, e.name, "
        "coalesce(sv.uid, v.uid), c.snoozed_until, c.archived, c.last_touch_on FROM contact c "
        "LEFT JOIN event e ON e.id = c.met_event_id LEFT JOIN contact v ON v.id = c.via_id "
        "LEFT JOIN sync_card sv ON sv.contact_id = v.id" + where,
        params,
    ):
        state = empty_state()
        (cid, state["name"], state["company"], state["role"], state["city"], state["note"]) = row[
            :6
        ]
        state["birthday"] = birthday_text(*row[6:9])
        state["cadence"], state["expertise"], state["met_on"], state["met_at"] = row[9:13]
        state["via"], state["snoozed_until"] = row[13], row[14]
        state["archived"], state["last_touch"] = bool(row[15]), row[16]
        states[cid] = state
    if not states:
        return states
    chosen = json.dumps(list(states))
    inside = "contact_id IN (SELECT value FROM json_each(?))"
    for cid, name in store.rows(
        f"SELECT contact_id, name FROM alias WHERE {inside} ORDER BY id", (chosen,)
    ):
        states[cid]["aliases"].append(name)
    lists = {v: k for k, v in _DETAIL_KINDS.items()}
    for cid, kind, value in store.rows(
        f"SELECT contact_id, kind, value FROM detail WHERE {inside} ORDER BY id", (chosen,)
    ):
        if kind in lists:
            states[cid][lists[kind]].append(value)
    for cid, what in store.rows(
        f"SELECT contact_id, what FROM offer WHERE {inside} AND given_on IS NULL ORDER BY id",
        (chosen,),
    ):
        states[cid]["offers"].append(what)
    for cid, name, cadence in store.rows(
        "SELECT cc.contact_id, c.name, c.cadence_days FROM contact_circle cc "
        f"JOIN circle c ON c.id = cc.circle_id WHERE cc.{inside} ORDER BY c.name_key",
        (chosen,),
    ):
        states[cid]["circles"].append(name)
        if cadence:
            states[cid]["circle_cadences"].append(f"{cadence} {name}")
    return states


def _key(kind: str, value: str) -> str | None:
    from netwerk.errors import BadInput
    from netwerk.rules.text import email_key, phone_key
    from netwerk.services.importing import url_key

    try:
        if kind == "email":
            return email_key(value)
        if kind == "phone":
            return phone_key(value)
    except BadInput:
        return None
    return url_key(value)


def apply_state(store: Store, contact_id: int | None, state: dict[str, Any], *, today: date) -> int:
    """Write `state` onto the contact (a new contact when `contact_id` is None); its id.

    The introducer (`via`, a UID) is left to `apply_via`, once every card of the run exists.
    BadInput for a name netwerk cannot store.
    """
    from netwerk.rules.text import clean_name, fold
    from netwerk.services.common import clean_text

    name = clean_name(state["name"])
    fields = {
        "name": name,
        "name_key": fold(name),
        "company": _text(state["company"], "company", clean_text),
        "role": _text(state["role"], "role", clean_text),
        "city": _text(state["city"], "city", clean_text),
        "note": _text(state["note"], "note", clean_text),
        "expertise": _text(state["expertise"], "expertise", clean_text),
        "cadence_days": state["cadence"],
        "met_on": state["met_on"],
        "snoozed_until": state["snoozed_until"],
        "archived": bool(state["archived"]),
        "met_event_id": _event(store, state["met_at"], state["met_on"], today),
    }
    parts = birthday_parts(state["birthday"]) or (None, None, None)
    fields.update(birthday_year=parts[0], birthday_month=parts[1], birthday_day=parts[2])
    if contact_id is None:
        from uuid import uuid4

        fields.update(created_on=today.isoformat(), uid=state.get("uid") or str(uuid4()))
        if state["last_touch"]:
            fields["last_touch_on"] = state["last_touch"]
        columns = ", ".join(fields)
        contact_id = store.insert(
            f"INSERT INTO contact ({columns}) VALUES ({', '.join('?' * len(fields))})",
            list(fields.values()),
        )
        assert contact_id is not None
    else:
        assignments = ", ".join(f"{column} = ?" for column in fields)
        store.execute(
            f"UPDATE contact SET {assignments} WHERE id = ?", [*fields.values(), contact_id]
        )
        if state["last_touch"]:
            store.execute(
                "UPDATE contact SET last_touch_on = ? WHERE id = ? "
                "AND (last_touch_on IS NULL OR last_touch_on < ?)",
                (state["last_touch"], contact_id, state["last_touch"]),
            )
    _set_lists(store, contact_id, fields["name_key"], state)
    _set_offers(store, contact_id, state.get("offers", []), today)
    return contact_id


def _set_offers(store: Store, cid: int, offers: list[str], today: date) -> None:
    """The contact's open offers become `offers`: new ones are added, an open one missing was
    given or dropped on the other side (a give travels with its touch) and is dropped here."""
    from netwerk.rules.text import fold
    from netwerk.services.exchanges import clean_what

    wanted: dict[str, str] = {}
    for offer in offers:
        if offer.strip():
            wanted.setdefault(fold(offer), clean_what(offer, "offer"))
    have: dict[str, int] = {}
    for offer_id, what in store.rows(
        "SELECT id, what FROM offer WHERE contact_id = ? AND given_on IS NULL ORDER BY id", (cid,)
    ):
        if fold(what) in wanted and fold(what) not in have:
            have[fold(what)] = offer_id
        else:
            store.execute("DELETE FROM offer WHERE id = ?", (offer_id,))
    store.executemany(
        "INSERT INTO offer (contact_id, what, created_on) VALUES (?, ?, ?)",
        [(cid, what, today.isoformat()) for key, what in wanted.items() if key not in have],
    )


def _text(value: str | None, what: str, clean: Any) -> str | None:
    return clean(value, what) if value else None


def _event(store: Store, name: str | None, on: str | None, today: date) -> int | None:
    from netwerk.rules.text import clean_name, fold

    if not name:
        return None
    clean = clean_name(name, "event name")
    row = store.one("SELECT id FROM event WHERE name_key = ?", (fold(clean),))
    if row:
        return row[0]
    return store.insert(
        "INSERT INTO event (name, name_key, happened_on, created_on) VALUES (?, ?, ?, ?)",
        (clean, fold(clean), on, today.isoformat()),
    )


def _set_lists(store: Store, cid: int, name_key: str, state: dict[str, Any]) -> None:
    from netwerk.errors import BadInput
    from netwerk.rules.text import clean_name, fold

    aliases: dict[str, str] = {}
    for alias in state["aliases"]:
        try:
            clean = clean_name(alias, "alias")
        except BadInput:
            continue
        if fold(clean) != name_key:
            aliases.setdefault(fold(clean), clean)
    have = dict(store.rows("SELECT name_key, id FROM alias WHERE contact_id = ?", (cid,)))
    for key, alias_id in have.items():
        if key not in aliases:
            store.execute("DELETE FROM alias WHERE id = ?", (alias_id,))
    store.executemany(
        "INSERT INTO alias (contact_id, name, name_key) VALUES (?, ?, ?)",
        [(cid, name, key) for key, name in aliases.items() if key not in have],
    )
    for field, kind in _DETAIL_KINDS.items():
        wanted: dict[str, str] = {}
        for value in state[field]:
            key = _key(kind, value)
            if key:
                wanted.setdefault(key, value.strip())
        have = dict(
            store.rows(
                "SELECT value_key, id FROM detail WHERE contact_id = ? AND kind = ?", (cid, kind)
            )
        )
        for key, detail_id in have.items():
            if key not in wanted:
                store.execute("DELETE FROM detail WHERE id = ?", (detail_id,))
        store.executemany(
            "INSERT INTO detail (contact_id, kind, value, value_key) VALUES (?, ?, ?, ?)",
            [(cid, kind, value, key) for key, value in wanted.items() if key not in have],
        )
    circles: dict[str, str] = {}
    for circle in state["circles"]:
        try:
            clean = clean_name(circle, "circle name")
        except BadInput:
            continue
        circles.setdefault(fold(clean), clean)
    have = dict(
        store.rows(
            "SELECT c.name_key, c.id FROM contact_circle cc JOIN circle c ON c.id = cc.circle_id "
            "WHERE cc.contact_id = ?",
            (cid,),
        )
    )
    for key, circle_id in have.items():
        if key not in circles:
            store.execute(
                "DELETE FROM contact_circle WHERE contact_id = ? AND circle_id = ?",
                (cid, circle_id),
            )
    for key, name in circles.items():
        if key in have:
            continue
        row = store.one("SELECT id FROM circle WHERE name_key = ?", (key,))
        circle_id = (
            row[0]
            if row
            else store.insert("INSERT INTO circle (name, name_key) VALUES (?, ?)", (name, key))
        )
        store.execute(
            "INSERT INTO contact_circle (contact_id, circle_id) VALUES (?, ?)", (cid, circle_id)
        )
    # circles' default cadences travel with their members' cards: set here when the merged
    # card says so (the first entry for a circle wins); never cleared from a card, since a
    # phone's own card knows nothing of cadences
    chosen: dict[str, int] = {}
    for entry in state.get("circle_cadences", []):
        days, _, circle = entry.partition(" ")
        if days.isdigit() and circle:
            chosen.setdefault(fold(circle), int(days))
    for key, days in chosen.items():
        if key in circles:
            store.execute(
                "UPDATE circle SET cadence_days = ? WHERE name_key = ? AND cadence_days IS NOT ?",
                (days, key, days),
            )


def apply_via(store: Store, contact_id: int, via_uid: str | None) -> None:
    """Set the introducer from a UID (a synced card's, or a contact's own); an unknown UID
    leaves it as it is."""
    if not via_uid:
        store.execute("UPDATE contact SET via_id = NULL WHERE id = ? AND via_id IS NOT NULL",
                     (contact_id,))  # fmt: skip
        return
    row = store.one(
        "SELECT contact_id FROM sync_card WHERE uid = ? AND contact_id IS NOT NULL "
        "UNION ALL SELECT id FROM contact WHERE uid = ? "
        "UNION ALL SELECT contact_id FROM detail WHERE kind = 'uid' AND value_key = ? LIMIT 1",
        (via_uid, via_uid, via_uid),
    )
    if row and row[0] != contact_id:
        store.execute(
            "UPDATE contact SET via_id = ? WHERE id = ? AND via_id IS NOT ?",
            (row[0], contact_id, row[0]),
        )
