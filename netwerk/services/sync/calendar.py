"""The calendar half of a sync: touches both ways, and the reminders of what is coming.

Runs after the contacts (participants are named by their card UIDs, so they must be linked
first). Changes are found as for cards: sync-collection or one ETag listing, multiget of what
changed, so a sync with nothing new stays one request for the calendar too.

- A touch travels when every participant is on the server (a touch with someone outside the
  sync circles stays on this machine). New touches are PUT with If-None-Match: *; one changed
  here since the last sync is PUT with If-Match; a touch changed on the server replaces this
  machine's unless it changed here too (then this machine's wins and the conflict is
  reported). A touch deleted on either side is deleted on the other. Gives and asks travel
  with their touch; whether an ask was answered does not.
- Reminders are this machine's view of what is coming, written for contacts on the server:
  due coffees (overdue ones on today), birthdays (yearly, optionally with an alarm) and
  follow-ups of open introductions. Each has a UID made from card UIDs, so two machines
  write the same resource; one is written only when its content differs from what the server
  holds, and deleted when it is no longer coming.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote
from uuid import uuid4

from netwerk.formats.dav_event import REMINDERS, TOUCH, from_ics, reminder_to_ics, touch_to_ics
from netwerk.i18n import _
from netwerk.services.sync.dav import Dav, PreconditionFailed, Resource, TokenInvalid
from netwerk.services.sync.state import Account
from netwerk.store.store import Store

# rows of sync_event that are not touches or reminders: events of the user's own in the same
# calendar ("foreign"), and touches naming someone not (yet) here ("unresolved")
FOREIGN, UNRESOLVED = "foreign", "unresolved"


@dataclass
class Row:
    id: int | None
    touch_id: int | None
    uid: str
    kind: str
    href: str | None
    etag: str | None
    base: Any = None


@dataclass
class CalendarSummary:
    touches_added_here: int = 0
    touches_updated_here: int = 0
    touches_deleted_here: int = 0
    touches_uploaded: int = 0
    touches_deleted_on_server: int = 0
    reminders_written: int = 0
    reminders_removed: int = 0
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)


def _load(store: Store) -> list[Row]:
    return [
        Row(i, t, u, k, h, e, json.loads(b) if b else None)
        for i, t, u, k, h, e, b in store.rows(
            "SELECT id, touch_id, uid, kind, href, etag, base FROM sync_event"
        )
    ]


def _save(store: Store, row: Row) -> None:
    base = json.dumps(row.base, ensure_ascii=False, sort_keys=True) if row.base else None
    values = (row.touch_id, row.uid, row.kind, row.href, row.etag, base)
    # the touch may have been deleted by another command while the sync waited on the server
    touch = "(SELECT id FROM touch WHERE id = ?)"
    if row.id is None:
        row.id = store.insert(
            f"INSERT INTO sync_event (touch_id, uid, kind, href, etag, base) "
            f"VALUES ({touch},?,?,?,?,?)",
            values,
        )
    else:
        store.execute(
            f"UPDATE sync_event SET touch_id={touch}, uid=?, kind=?, href=?, etag=?, base=? "
            "WHERE id=?",
            (*values, row.id),
        )


def _unsent(row: Row) -> bool:
    """A touch whose UID was saved before its first PUT, which may never have arrived."""
    return row.kind == TOUCH and row.etag is None and row.base is None


def _drop(store: Store, row: Row) -> None:
    if row.id is not None:
        store.execute("DELETE FROM sync_event WHERE id = ?", (row.id,))


def touch_states(store: Store, ids: list[int] | None = None) -> dict[int, dict[str, Any]]:
    """{touch id: state} of every touch (or of `ids`) whose participants are all on the
    server."""
    states: dict[int, dict[str, Any]] = {}
    only, params = "", ()
    if ids is not None:
        only, params = " WHERE {t} IN (SELECT value FROM json_each(?))", (json.dumps(ids),)
    for tid, day, kind, note, event in store.rows(
        "SELECT t.id, t.happened_on, t.kind, t.note, e.name FROM touch t "
        "LEFT JOIN event e ON e.id = t.event_id" + only.format(t="t.id"),
        params,
    ):
        states[tid] = {
            "date": day,
            "kind": kind,
            "note": note,
            "event": event,
            "participants": [],
            "gave": [],
            "asked": [],
        }
    offline: set[int] = set()
    for tid, uid, name in store.rows(
        "SELECT tc.touch_id, sc.uid, c.name FROM touch_contact tc "
        "JOIN contact c ON c.id = tc.contact_id "
        "LEFT JOIN sync_card sc ON sc.contact_id = c.id AND sc.href IS NOT NULL"
        + only.format(t="tc.touch_id")
        + " ORDER BY sc.uid",
        params,
    ):
        if uid is None:
            offline.add(tid)
        elif tid in states:
            states[tid]["participants"].append({"uid": uid, "name": name})
    for tid, kind, what in store.rows(
        "SELECT touch_id, kind, what FROM exchange" + only.format(t="touch_id") + " ORDER BY id",
        params,
    ):
        if tid in states:
            states[tid]["gave" if kind == "give" else "asked"].append(what)
    return {tid: s for tid, s in states.items() if tid not in offline and s["participants"]}


def _apply_touch(
    store: Store, touch_id: int | None, state: dict[str, Any], people: list[int]
) -> int:
    from netwerk.rules.kinds import ALL_KINDS
    from netwerk.rules.text import clean_name, fold

    kind = state["kind"] if state["kind"] in ALL_KINDS else "other"
    event_id = None
    if state["event"]:
        name = clean_name(state["event"], "event name")
        row = store.one("SELECT id FROM event WHERE name_key = ?", (fold(name),))
        event_id = (
            row[0]
            if row
            else store.insert(
                "INSERT INTO event (name, name_key, happened_on, created_on) VALUES (?,?,?,?)",
                (name, fold(name), state["date"], state["date"]),
            )
        )
    note = state["note"] if state["note"] and state["note"].strip() else None
    before: set[int] = set()
    if touch_id is None:
        touch_id = store.insert(
            "INSERT INTO touch (happened_on, kind, note, created_at, event_id) VALUES (?,?,?,?,?)",
            (state["date"], kind, note, datetime.now(UTC).isoformat(), event_id),
        )
        assert touch_id is not None
    else:
        store.execute(
            "UPDATE touch SET happened_on = ?, kind = ?, note = ?, event_id = ? WHERE id = ?",
            (state["date"], kind, note, event_id, touch_id),
        )
        before = {
            c for (c,) in store.rows(
                "SELECT contact_id FROM touch_contact WHERE touch_id = ?", (touch_id,)
            )
        }  # fmt: skip
    wanted = set(people)
    for cid in before - wanted:
        store.execute(
            "DELETE FROM touch_contact WHERE touch_id = ? AND contact_id = ?", (touch_id, cid)
        )
    store.executemany(
        "INSERT INTO touch_contact (touch_id, contact_id) VALUES (?, ?)",
        [(touch_id, cid) for cid in sorted(wanted - before)],
    )
    have = [
        (k, w) for k, w in store.rows(
            "SELECT kind, what FROM exchange WHERE touch_id = ? ORDER BY id", (touch_id,)
        )
    ]  # fmt: skip
    want = [("give", g) for g in state["gave"]] + [("ask", a) for a in state["asked"]]
    if sorted(have) != sorted(want):
        store.execute("DELETE FROM exchange WHERE touch_id = ?", (touch_id,))
        store.executemany(
            "INSERT INTO exchange (touch_id, kind, what) VALUES (?, ?, ?)",
            [(touch_id, k, w) for k, w in want],
        )
    ids = json.dumps(sorted(wanted | before))
    store.execute(
        "UPDATE contact SET first_due_on = NULL WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(sorted(wanted)),),
    )
    _refresh(store, ids)
    return touch_id


def _refresh(store: Store, ids: str) -> None:
    store.execute(
        "UPDATE contact SET last_touch_on = (SELECT max(t.happened_on) FROM touch_contact tc "
        "JOIN touch t ON t.id = tc.touch_id WHERE tc.contact_id = contact.id) "
        "WHERE id IN (SELECT value FROM json_each(?))",
        (ids,),
    )


class CalendarSync:
    def __init__(
        self,
        store: Store,
        account: Account,
        dav: Dav,
        *,
        today: date,
        alarm: bool,
    ) -> None:
        assert account.calendar_url
        self.store, self.account, self.dav, self.today, self.alarm = (
            store, account, dav, today, alarm,
        )  # fmt: skip
        self.url = account.calendar_url.rstrip("/") + "/"
        self.rows = _load(store)
        self.by_href = {r.href: r for r in self.rows if r.href}
        self.by_uid = {r.uid: r for r in self.rows}
        self.by_touch = {r.touch_id: r for r in self.rows if r.touch_id is not None}
        self.summary = CalendarSummary()
        self.seen: set[int] = set()  # touches settled by the server this run

    def run(self) -> str | None:
        token = self.pull()
        self.push_touches()
        self.push_reminders()
        return token

    # ------------------------------------------------------------------ server -> here

    def pull(self) -> str | None:
        token, full = None, True
        if self.account.calendar_sync_report:
            try:
                listed, token = self.dav.sync_collection(self.url, self.account.calendar_token)
                full = self.account.calendar_token is None
            except TokenInvalid:
                listed, token = self.dav.sync_collection(self.url, None)
        else:
            listed = self.dav.list_etags(self.url)
        removed = [r.href for r in listed if r.missing and r.href in self.by_href]
        if full:
            present = {r.href for r in listed if not r.missing}
            removed = [h for h, r in self.by_href.items() if h not in present and not _unsent(r)]
        changed = [
            r.href
            for r in listed
            if not r.missing
            and (r.href not in self.by_href or self.by_href[r.href].etag != r.etag or not r.etag)
        ]
        if changed:
            parsed = []
            resources = [r for page in self.dav.multiget(self.url, changed, calendar=True)
                         for r in page]  # fmt: skip
            for resource in resources:
                try:
                    parsed.append((resource, from_ics(resource.data or "")))
                except ValueError as e:
                    self.summary.skipped.append({"href": resource.href, "reason": str(e)})
            # touches in date order: a touch's id says what came after what (the pending
            # thanks to an introducer are "no touch with them since"), as on the machine
            # that logged them
            parsed.sort(key=lambda item: (item[1][2].get("date", ""), item[0].href))
            for resource, found in parsed:
                self.pull_one(resource, *found)
        for href in removed:
            self.removed(self.by_href.pop(href))
        return token

    def pull_one(
        self, resource: Resource, uid: str | None, kind: str | None, state: dict[str, Any]
    ) -> None:
        from netwerk.errors import NetwerkError

        uid = uid or resource.href
        row = self.by_href.get(resource.href) or self.by_uid.get(uid)
        if row is None:
            row = Row(None, None, uid, FOREIGN, resource.href, resource.etag)
            self.rows.append(row)
        row.href, row.etag = resource.href, resource.etag
        self.by_href[resource.href] = row
        self.by_uid[uid] = row
        if kind in REMINDERS:
            row.kind, row.base = kind, state
        elif kind == TOUCH:
            try:
                self.pull_touch(row, state)
            except NetwerkError as e:
                self.summary.skipped.append({"href": resource.href, "reason": e.message})
        _save(self.store, row)

    def _people(self, state: dict[str, Any]) -> list[int] | None:
        people = []
        for p in state["participants"]:
            found = self.store.one(
                "SELECT contact_id FROM sync_card WHERE uid = ? AND contact_id IS NOT NULL "
                "UNION ALL SELECT id FROM contact WHERE uid = ? LIMIT 1",
                (p["uid"], p["uid"]),
            )
            if found is None:
                return None
            people.append(found[0])
        return people or None

    def pull_touch(self, row: Row, remote: dict[str, Any]) -> None:
        people = self._people(remote)
        if people is None:
            row.kind = UNRESOLVED  # someone not here: fetched again when it changes
            return
        exists = row.touch_id is not None and self.store.one(
            "SELECT 1 FROM touch WHERE id = ?", (row.touch_id,)
        )
        if row.kind == TOUCH and row.touch_id is None:
            return  # deleted here: the push deletes it on the server
        if exists:
            tid = row.touch_id
            local = touch_states(self.store, [tid]).get(tid)  # type: ignore[list-item,arg-type]
            if local is not None and local != row.base and local != remote:
                if remote != row.base:
                    self.summary.conflicts.append({"touch": row.uid, "kept": "here"})
                row.kind = TOUCH
                return  # changed here: the push writes it
            if local == remote:
                row.kind, row.base = TOUCH, remote
                self.seen.add(row.touch_id)  # type: ignore[arg-type]
                return
            _apply_touch(self.store, row.touch_id, remote, people)
            self.summary.touches_updated_here += 1
        else:
            row.touch_id = _apply_touch(self.store, None, remote, people)
            self.summary.touches_added_here += 1
        row.kind = TOUCH
        assert row.touch_id is not None
        self.by_touch[row.touch_id] = row
        self.seen.add(row.touch_id)
        # as it reads back here (names as this machine spells them)
        row.base = touch_states(self.store, [row.touch_id]).get(row.touch_id, remote)

    def removed(self, row: Row) -> None:
        if row.kind == TOUCH and row.touch_id is not None:
            ids = json.dumps(
                [c for (c,) in self.store.rows(
                    "SELECT contact_id FROM touch_contact WHERE touch_id = ?", (row.touch_id,)
                )]
            )  # fmt: skip
            self.store.execute("DELETE FROM touch WHERE id = ?", (row.touch_id,))
            _refresh(self.store, ids)
            self.summary.touches_deleted_here += 1
        _drop(self.store, row)
        self.rows.remove(row)
        self.by_uid.pop(row.uid, None)

    # ------------------------------------------------------------------ here -> server

    def _put(self, row: Row, text: str) -> None:
        assert row.href is not None
        try:
            row.etag = self.dav.put(row.href, text, etag=row.etag, calendar=True)
        except PreconditionFailed:
            # changed (or created) meanwhile; this machine's version is what we mean to write
            row.etag = self.dav.get(row.href).etag
            row.etag = self.dav.put(row.href, text, etag=row.etag or "*", calendar=True)

    def push_touches(self) -> None:
        states = touch_states(self.store)
        for tid, state in states.items():
            row = self.by_touch.get(tid)
            if row is None:
                uid = f"touch-{uuid4()}@netwerk"
                row = Row(None, tid, uid, TOUCH, self.url + quote(uid, safe="") + ".ics", None)
                self.rows.append(row)
                self.by_touch[tid] = row
                # its UID is saved before it is sent (the batch commits as the PUT goes out):
                # a run stopped now finds it by that UID next time instead of sending a twin
                _save(self.store, row)
            elif tid in self.seen or state == row.base:
                continue
            self._put(row, touch_to_ics(state, row.uid))
            row.base, row.kind = state, TOUCH
            _save(self.store, row)
            self.summary.touches_uploaded += 1
        for row in list(self.rows):
            gone = row.touch_id is None or row.touch_id not in states
            if row.kind == TOUCH and gone and row.href:
                exists = row.touch_id is not None and self.store.one(
                    "SELECT 1 FROM touch WHERE id = ?", (row.touch_id,)
                )
                if exists:
                    continue  # someone in it left the server: the touch stays here
                self.dav.delete(row.href, etag=None)
                self.summary.touches_deleted_on_server += 1
                _drop(self.store, row)
                self.rows.remove(row)

    def push_reminders(self) -> None:
        wanted = reminders(self.store, today=self.today)
        for uid, state in wanted.items():
            row = self.by_uid.get(uid)
            if row is not None and row.base == state:
                continue
            if row is None:
                row = Row(None, None, uid, state["type"], self.url + quote(uid, safe="") + ".ics",
                          None)  # fmt: skip
                self.rows.append(row)
                self.by_uid[uid] = row
            self._put(row, reminder_to_ics(state, uid, alarm=self.alarm))
            row.base, row.kind = state, state["type"]
            _save(self.store, row)
            self.summary.reminders_written += 1
        for row in list(self.rows):
            if row.kind in REMINDERS and row.uid not in wanted and self._mine(row):
                if row.href:
                    self.dav.delete(row.href, etag=None)
                _drop(self.store, row)
                self.rows.remove(row)
                self.summary.reminders_removed += 1

    def _mine(self, row: Row) -> bool:
        """May this machine delete a reminder it no longer wants? Due dates and birthdays:
        yes (every card on the server is here too). A follow-up: only when the introduction
        is known here (it is closed), or one of the two is no longer on the server; intros do
        not travel, so another machine's follow-ups are left alone."""
        intro = (row.base or {}).get("intro")
        if row.kind != "follow-up" or not intro:
            return True
        a_uid, b_uid, introduced = intro.split(" ")
        cards = dict(
            self.store.rows(
                "SELECT uid, contact_id FROM sync_card WHERE uid IN (?, ?) AND href IS NOT NULL",
                (a_uid, b_uid),
            )
        )
        if len(cards) < 2:
            return True
        known = self.store.one(
            "SELECT 1 FROM intro WHERE a_id = ? AND b_id = ? AND introduced_on = ?",
            (cards[a_uid], cards[b_uid], introduced),
        )
        return known is not None


def reminders(store: Store, *, today: date) -> dict[str, dict[str, Any]]:
    """{UID: state} of what is coming, for contacts on the server."""
    found: dict[str, dict[str, Any]] = {}
    for name, due, snoozed, last, uid, year, month, day, archived in store.rows(
        "SELECT c.name, c.due_on, c.snoozed_until, c.last_touch_on, sc.uid, c.birthday_year, "
        "c.birthday_month, c.birthday_day, c.archived FROM contact c "
        "JOIN sync_card sc ON sc.contact_id = c.id AND sc.href IS NOT NULL"
    ):
        if archived:
            continue
        if due:
            when = max(due, snoozed or due, today.isoformat())
            found[f"due-{uid}"] = {
                "type": "due",
                "date": when,
                "summary": _("Coffee with {name}").format(name=name),
                "description": _("Last touch: {date}.").format(date=last or _("unknown")),
                "yearly": False,
            }
        if month and day:
            found[f"birthday-{uid}"] = {
                "type": "birthday",
                "date": f"{year or 2000:04d}-{month:02d}-{day:02d}",
                "summary": _("Birthday of {name}").format(name=name),
                "description": None,
                "yearly": True,
            }
    for a, b, a_uid, b_uid, introduced, follow_up, why in store.rows(
        "SELECT ca.name, cb.name, sa.uid, sb.uid, i.introduced_on, i.follow_up_on, i.why "
        "FROM intro i JOIN contact ca ON ca.id = i.a_id JOIN contact cb ON cb.id = i.b_id "
        "JOIN sync_card sa ON sa.contact_id = ca.id AND sa.href IS NOT NULL "
        "JOIN sync_card sb ON sb.contact_id = cb.id AND sb.href IS NOT NULL "
        "WHERE i.closed_on IS NULL"
    ):
        found[f"follow-up-{a_uid}-{b_uid}-{introduced}"] = {
            "type": "follow-up",
            "date": max(follow_up, today.isoformat()),
            "summary": _("Did {a} and {b} meet?").format(a=a, b=b),
            "description": why,
            "yearly": False,
            "intro": f"{a_uid} {b_uid} {introduced}",
        }
    return found
