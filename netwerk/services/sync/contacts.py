"""One `netwerk sync` run for contacts: both ways, three-way merged, every write conditional.

1. What changed on the server: a sync-collection REPORT (RFC 6578) with the stored token
   when the address book offers it, else one PROPFIND of every ETag. Only cards whose ETag
   differs from the stored one are fetched (addressbook-multiget, in pages), so a sync with
   nothing changed makes one request whatever the number of contacts.
2. Each changed card is merged (`merge`) with this machine's contact against the version both
   had at the last sync; a card never seen before is first matched to an existing contact (by
   UID, e-mail, phone, folded name, as `import` does) or becomes a new contact.
3. A card deleted on the server archives its contact here (its timeline is history); it is
   reported and not sent back while archived. A contact removed here (`remove`, `forget`) is
   deleted on the server; a forgotten UID is remembered so no later sync brings it back.
4. Contacts changed here since the last sync, and contacts not yet on the server (in the sync
   circles, when given), are written: If-Match the known ETag, If-None-Match: * for new
   cards. 412 means the card changed meanwhile: it is fetched, merged and written again.

Batches, the one exception to "every command is one transaction". A first sync of a large
network runs for minutes, nearly all of it waiting on the server; holding SQLite's write lock
that long would make a `netwerk log` in another shell wait out its 30 s busy timeout and fail.
So every request to the server runs inside `Store.released()` (`Dav.pause`): what the sync
wrote since the previous request is committed, the request runs with no transaction open, and
a new write transaction begins when the answer is in. Each stretch between two requests is
one atomic batch, and it records the sync state of what it changed in the same transaction:
a page of cards fetched (multiget, 200 a page) is merged in with their sync rows; a card
written is saved with its new ETag and base; a new touch's UID and href are saved before its
first PUT goes out. The account's sync tokens and "last sync" are saved by the last batch
only, so a run that stops half-way (a crash, a stopped server, Ctrl-C) leaves this machine's
data and its sync rows consistent, and the next run lists everything again and finishes the
job: a card that did arrive is found by its UID (If-None-Match fails, or the listing shows
it: fetched and merged), a touch by the href saved before it was sent, so nothing is lost or
doubled. Between batches other commands may change contacts and touches: a change after the
sync read it travels on the next sync (it no longer matches the base), and a contact or touch
removed meanwhile leaves its sync row linked to nothing (deleted on the server next time).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote

from netwerk.formats import dav_card as card_format
from netwerk.i18n import _
from netwerk.rules.merge import merge
from netwerk.services.sync.dav import Dav, PreconditionFailed, Resource, SyncError, TokenInvalid
from netwerk.services.sync.state import (
    Account,
    Card,
    apply_state,
    apply_via,
    circle_members,
    contact_states,
    delete_card,
    load_cards,
    save_account,
    save_card,
)
from netwerk.store.store import Store

MAX_RETRIES = 3


@dataclass
class Summary:
    added_here: list[dict[str, Any]] = field(default_factory=list)
    updated_here: list[dict[str, Any]] = field(default_factory=list)
    uploaded: list[dict[str, Any]] = field(default_factory=list)
    archived: list[dict[str, Any]] = field(default_factory=list)
    deleted_on_server: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[dict[str, Any]] = field(default_factory=list)
    requests: int = 0

    def json(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items()}
        data["counts"] = {k: len(v) for k, v in self.__dict__.items() if isinstance(v, list)}
        return data


class _Index:
    """First-sync matching keys of the contacts not linked to a card yet."""

    def __init__(self, store: Store, linked: set[int]) -> None:
        self.uids: dict[str, int] = {}
        self.emails: dict[str, int] = {}
        self.phones: dict[str, int] = {}
        self.names: dict[str, set[int]] = {}
        for cid, uid, key in store.rows("SELECT id, uid, name_key FROM contact"):
            if cid not in linked:
                self.uids[uid] = cid
                self.names.setdefault(key, set()).add(cid)
        for cid, kind, key in store.rows(
            "SELECT contact_id, kind, value_key FROM detail WHERE kind IN ('uid', 'email', 'phone')"
        ):
            if cid in linked:
                continue
            target = {"uid": self.uids, "email": self.emails, "phone": self.phones}[kind]
            target.setdefault(key, cid)

    def match(self, uid: str | None, state: dict[str, Any]) -> tuple[int | None, str]:
        from netwerk.errors import BadInput
        from netwerk.rules.text import email_key, fold, phone_key

        if uid and uid in self.uids:
            return self.uids[uid], "uid"
        for keyer, values, table, why in (
            (email_key, state["emails"], self.emails, "e-mail"),
            (phone_key, state["phones"], self.phones, "phone"),
        ):
            for value in values:
                try:
                    key = keyer(value)
                except BadInput:
                    continue
                if key in table:
                    return table[key], why
        candidates = self.names.get(fold(state["name"]), set())
        if len(candidates) == 1:
            return next(iter(candidates)), "name"
        return None, "new"

    def take(self, cid: int) -> None:
        """A matched contact cannot match a second card."""
        for table in (self.uids, self.emails, self.phones):
            for key in [k for k, v in table.items() if v == cid]:
                del table[key]
        for ids in self.names.values():
            ids.discard(cid)


def _ref(cid: int | None, state: dict[str, Any]) -> dict[str, Any]:
    return {"id": cid, "name": state["name"]}


class Sync:
    def __init__(self, store: Store, account: Account, dav: Dav, *, today: date) -> None:
        self.store, self.account, self.dav, self.today = store, account, dav, today
        self.book = account.addressbook_url
        if not self.book.endswith("/"):
            self.book += "/"
        self.summary = Summary()
        self.cards = load_cards(store)
        self.by_href = {c.href: c for c in self.cards if c.href}
        self.by_uid = {c.uid: c for c in self.cards}
        self.by_contact = {c.contact_id: c for c in self.cards if c.contact_id is not None}
        self.done: set[int] = set()  # contacts written this run
        self.remote_states: dict[int, dict[str, Any]] = {}  # what the server holds now
        self.vias: dict[int, str | None] = {}

    # ---------------------------------------------------------------- 1. server changes

    def changes(self) -> tuple[list[Resource], list[str], str | None]:
        """(members to fetch, hrefs removed on the server, new sync token)."""
        token = None
        listed: list[Resource]
        full = True
        if self.account.book_sync_report:
            try:
                listed, token = self.dav.sync_collection(self.book, self.account.book_token)
                full = self.account.book_token is None
            except TokenInvalid:
                listed, token = self.dav.sync_collection(self.book, None)
        else:
            listed = self.dav.list_etags(self.book)
        removed = [r.href for r in listed if r.missing and r.href in self.by_href]
        if full:
            present = {r.href for r in listed if not r.missing}
            removed = [h for h, c in self.by_href.items() if h not in present and not c.gone]
        fetch = [
            r
            for r in listed
            if not r.missing
            and (r.href not in self.by_href or self.by_href[r.href].etag != r.etag or not r.etag)
        ]
        return fetch, removed, token

    # ---------------------------------------------------------------- 2. merge cards in

    def pull(self, resources: list[Resource]) -> None:
        if not resources:
            return
        self.index = _Index(self.store, set(self.by_contact))
        for page in self.dav.multiget(self.book, [r.href for r in resources], calendar=False):
            for resource in page:  # one batch: saved when the next request is sent
                self.pull_one(resource)

    def pull_one(self, resource: Resource) -> None:
        from netwerk.errors import NetwerkError

        try:
            uid, remote = card_format.from_vcard(resource.data or "")
        except ValueError as e:
            self.summary.skipped.append({"href": resource.href, "reason": str(e)})
            return
        uid = uid or resource.href.rstrip("/").rsplit("/", 1)[-1]
        card = self.by_href.get(resource.href) or self.by_uid.get(uid)
        if card is not None and (card.forgotten or (card.contact_id is None and not card.gone)):
            # forgotten or removed here: this machine's deletion wins
            self.dav.delete(resource.href, etag=None)
            self.summary.deleted_on_server.append({"id": None, "name": None, "uid": uid})
            self._forget_or_drop(card)
            return
        local: dict[str, Any] | None = None
        base = None
        cid: int | None = None
        if card is not None and card.contact_id is not None:
            cid, base = card.contact_id, card.base
        else:
            cid, why = self.index.match(uid, remote)
            if cid is not None:
                self.index.take(cid)
        if cid is not None:
            local = contact_states(self.store, [cid]).get(cid)
            if local is None:
                return  # removed here during this sync: the next sync deletes the card
        try:
            if local is None:
                own = {**remote, "uid": None if self._uid_taken(uid) else uid}
                cid = apply_state(self.store, None, own, today=self.today)
                merged = remote
                self.summary.added_here.append(_ref(cid, remote))
            else:
                assert cid is not None
                merged, conflicts = merge(base, local, remote)
                for conflict in conflicts:
                    self.summary.conflicts.append({**_ref(cid, merged), **conflict.json()})
                if merged != local:
                    apply_state(self.store, cid, merged, today=self.today)
                    self.summary.updated_here.append(_ref(cid, merged))
        except NetwerkError as e:
            self.summary.skipped.append({"href": resource.href, "reason": e.message})
            return
        self.vias[cid] = merged["via"]
        if card is None:
            card = Card(None, cid, uid, resource.href, resource.etag, None, False, False)
            self.cards.append(card)
        card.contact_id, card.href, card.etag, card.gone = cid, resource.href, resource.etag, False
        card.base = remote  # what the server holds now: the base of what we send next
        self.by_href[resource.href] = card
        self.by_uid[card.uid] = card
        self.by_contact[cid] = card
        self.remote_states[cid] = remote

    def _uid_taken(self, uid: str) -> bool:
        return self.store.one("SELECT 1 FROM contact WHERE uid = ?", (uid,)) is not None

    def removed(self, hrefs: list[str]) -> None:
        for href in hrefs:
            card = self.by_href.pop(href)
            if card.contact_id is None:
                self._forget_or_drop(card)
                continue
            row = self.store.one(
                "SELECT name, archived FROM contact WHERE id = ?", (card.contact_id,)
            )
            if not row[1]:
                self.store.execute(
                    "UPDATE contact SET archived = 1 WHERE id = ?", (card.contact_id,)
                )
            self.summary.archived.append({"id": card.contact_id, "name": row[0]})
            card.gone, card.href, card.etag = True, None, None
            card.base = None
            save_card(self.store, card)
            self.done.add(card.contact_id)

    def _forget_or_drop(self, card: Card) -> None:
        self.by_href.pop(card.href or "", None)
        if card.forgotten:
            card.href = card.etag = card.base = None
            card.contact_id = None
            save_card(self.store, card)
        else:
            delete_card(self.store, card)
            self.by_uid.pop(card.uid, None)
        if card in self.cards and not card.forgotten:
            self.cards.remove(card)

    # ---------------------------------------------------------------- 3. write cards out

    def push(self) -> None:
        for cid, via in self.vias.items():
            apply_via(self.store, cid, via)
        scope = circle_members(self.store, self.account.circles) if self.account.circles else None
        states = contact_states(self.store)
        for cid, state in states.items():
            card = self.by_contact.get(cid)
            if card is None or card.gone:
                if card is not None and state["archived"]:
                    continue  # deleted on the server: not sent back while archived
                if scope is not None and cid not in scope:
                    continue
                self.create(cid, state, card)
            elif cid in self.done:
                continue
            elif state != card.base or (
                cid in self.remote_states and state != self.remote_states[cid]
            ):
                self.update(cid, state, card)
            elif cid in self.remote_states:
                card.base = state
                save_card(self.store, card)
        for card in list(self.cards):
            if card.contact_id is None and card.href and not card.gone:
                self.dav.delete(card.href, etag=None)
                self.summary.deleted_on_server.append({"id": None, "name": None, "uid": card.uid})
                self._forget_or_drop(card)

    def create(self, cid: int, state: dict[str, Any], card: Card | None) -> None:
        uid = card.uid if card is not None else self._contact_uid(cid)
        if uid is None:
            return
        href = self.book + quote(uid, safe="") + ".vcf"
        try:
            etag = self.dav.put(href, card_format.to_vcard(state, uid), etag=None, calendar=False)
        except PreconditionFailed:
            # already there (an earlier run stopped before saving): fetch, merge, write
            if card is None:
                card = Card(None, cid, uid, href, None, None, False, False)
                self.cards.append(card)
            card.href = href
            self.update(cid, state, card, refetch=True)
            return
        if card is None:
            card = Card(None, cid, uid, href, etag, state, False, False)
            self.cards.append(card)
        card.contact_id, card.href, card.etag, card.base, card.gone = cid, href, etag, state, False
        self.by_contact[cid] = card
        save_card(self.store, card)
        self.summary.uploaded.append(_ref(cid, state))

    def _contact_uid(self, cid: int) -> str | None:
        uid = self.store.value("SELECT uid FROM contact WHERE id = ?", (cid,))
        if uid is None:
            return None  # removed here during this sync
        if uid in self.by_uid:  # a card already has this UID (a forgotten one): a new one
            from uuid import uuid4

            uid = str(uuid4())
            self.store.execute("UPDATE contact SET uid = ? WHERE id = ?", (uid, cid))
        return uid

    def update(self, cid: int, state: dict[str, Any], card: Card, *, refetch: bool = False) -> None:
        assert card.href is not None
        for _attempt in range(MAX_RETRIES):
            if refetch:
                response = self.dav.get(card.href)
                try:
                    _uid, remote = card_format.from_vcard(response.body.decode("utf-8", "replace"))
                except ValueError:
                    remote = None
                card.etag = response.etag
                if remote is not None:
                    merged, conflicts = merge(card.base, state, remote)
                    for conflict in conflicts:
                        self.summary.conflicts.append({**_ref(cid, merged), **conflict.json()})
                    if merged != state:
                        apply_state(self.store, cid, merged, today=self.today)
                        apply_via(self.store, cid, merged["via"])
                        state = contact_states(self.store, [cid])[cid]
                        self.summary.updated_here.append(_ref(cid, state))
                    if remote == state:
                        break
            try:
                card.etag = self.dav.put(
                    card.href, card_format.to_vcard(state, card.uid), etag=card.etag or "*",
                    calendar=False,
                )  # fmt: skip
            except PreconditionFailed:
                refetch = True
                continue
            self.summary.uploaded.append(_ref(cid, state))
            break
        else:
            raise SyncError(
                _("{name} kept changing on the server; try the sync again.").format(
                    name=state["name"]
                )
            )
        card.contact_id, card.base = cid, state
        self.by_contact[cid] = card
        self.done.add(cid)
        save_card(self.store, card)


def run(store: Store, account: Account, dav: Dav, *, today: date) -> dict[str, Any]:
    """One sync of the address book; the `sync --json` summary."""
    sync = Sync(store, account, dav, today=today)
    fetch, removed, token = sync.changes()
    sync.pull(fetch)
    sync.removed(removed)
    sync.push()
    account.book_token = token
    calendar = None
    if account.calendar_url:
        from netwerk.services.sync.calendar import CalendarSync

        timeline = CalendarSync(store, account, dav, today=today, alarm=account.birthday_alarm)
        account.calendar_token = timeline.run()
        calendar = timeline.summary.__dict__
    account.last_sync_at = datetime.now(UTC).isoformat(timespec="seconds")
    save_account(store, account)
    sync.summary.requests = dav.requests
    data = sync.summary.json()
    data["calendar"] = calendar
    return data
