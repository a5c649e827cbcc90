"""Capture: touches from the conversations a user already had (WhatsApp, calendar, mail).

The parsers in `netwerk.formats` turn an export into Encounters (a day, a kind, the people as
the source names them); this module matches those people to contacts and records the touches,
in the caller's one transaction, on plain sqlite3 (a Store): no ORM, no SQLAlchemy.

Rules, the same for every source:
- A participant is matched by e-mail address, then phone number (normalised), then name or
  alias with NAME's rules (`netwerk.services.names.resolve_row`: exact name or alias
  ignoring case and accents, else a unique prefix where a whole first name beats a mere
  prefix). Two contacts
  for one participant is "ambiguous": reported, never guessed.
- The user (`--me`, remembered in `import_me`) is never a participant; `--ignore NAME`
  (remembered in `import_ignore`) is skipped in every source.
- Idempotent: each touch keeps its encounter's `source_key` (unique), so an encounter already
  imported is skipped, and so is one whose touch the user deleted (`capture_dropped`); a
  contact who already has a touch on that day (logged by hand, or from another source) does
  not get a second one.
- Unmatched participants are counted (days in a chat, events, days of mail) and listed;
  `--add-unknown` adds them as contacts, with their address or number.
- A new touch clears a schedule `spread` made, and moves the contact's last touch, as `log`.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netwerk.errors import BadInput
from netwerk.formats.encounter import Encounter, Participant
from netwerk.i18n import _
from netwerk.rules.phones import normalize_phone
from netwerk.rules.text import clean_name, digest, fold
from netwerk.store.query import json_ids
from netwerk.store.store import Store, stamp

SOURCES = ("whatsapp", "calendar", "mail")
# which `import_me` rows a source reads: WhatsApp knows the user by name, the others by address
ME_SOURCE = {"whatsapp": "whatsapp", "calendar": "email", "mail": "email"}
Progress = Callable[[int], Callable[[], None]]
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def email_of(text: str | None) -> str | None:
    """An e-mail address folded for matching, or None."""
    if not text:
        return None
    value = text.strip().strip("<>").casefold()
    return value if _EMAIL.match(value) and len(value) <= 320 else None


def identity(person: Participant) -> str:
    """The one key a participant is counted and ignored by: address, else number, else name."""
    return email_of(person.email) or _phone_of(person) or fold(person.name or "")


def _phone_of(person: Participant) -> str | None:
    return normalize_phone(person.phone) if person.phone else None


def ignore_key(text: str) -> str:
    """The key `--ignore TEXT` is remembered by (an address, a number, else a folded name)."""
    clean = clean_name(text, "name to ignore")
    return (
        email_of(clean) or (normalize_phone(clean) if _looks_phone(clean) else None) or fold(clean)
    )


def _looks_phone(text: str) -> bool:
    return bool(re.fullmatch(r"\+?[\d\s().-]{6,}", text))


@dataclass
class Matcher:
    """Every contact's addresses, numbers, names and aliases, read once."""

    emails: dict[str, set[int]] = field(default_factory=dict)
    phones: dict[str, set[int]] = field(default_factory=dict)
    names: dict[str, set[int]] = field(default_factory=dict)
    # (folded name or alias, contact id, the contact's own folded name), sorted: prefix search
    keys: list[tuple[str, int, str]] = field(default_factory=list)
    contact_names: dict[int, str] = field(default_factory=dict)
    _cache: dict[str, tuple[int | None, list[int]]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store) -> Matcher:
        m = cls()
        own: dict[int, str] = {}
        for cid, name, key in store.rows("SELECT id, name, name_key FROM contact"):
            m.contact_names[cid] = name
            own[cid] = key
            m.names.setdefault(key, set()).add(cid)
        for cid, key in store.rows("SELECT contact_id, name_key FROM alias"):
            m.names.setdefault(key, set()).add(cid)
        # phone keys are E.164 since m005 (`netwerk.rules.phones`), as `_phone_of` makes them
        for cid, kind, key in store.rows(
            "SELECT contact_id, kind, value_key FROM detail WHERE kind IN ('email', 'phone')",
        ):
            (m.emails if kind == "email" else m.phones).setdefault(key, set()).add(cid)
        m.keys = sorted((key, cid, own[cid]) for key, cids in m.names.items() for cid in cids)
        return m

    def add(self, cid: int, name: str, email: str | None, phone: str | None) -> None:
        """A contact this import added (`--add-unknown`): later encounters find it."""
        key = fold(name)
        self.contact_names[cid] = name
        self.names.setdefault(key, set()).add(cid)
        if email:
            self.emails.setdefault(email, set()).add(cid)
        if phone:
            self.phones.setdefault(phone, set()).add(cid)
        self._cache.clear()
        import bisect

        bisect.insort(self.keys, (key, cid, key))

    def match(self, person: Participant) -> tuple[int | None, list[int]]:
        """(contact id, []) when matched; (None, candidates) when ambiguous; (None, [])
        when no contact is this person."""
        email = email_of(person.email)
        if email and email in self.emails:
            return _one(self.emails[email])
        phone = _phone_of(person)
        if phone and phone in self.phones:
            return _one(self.phones[phone])
        if person.name:
            return self.by_name(person.name)
        return None, []

    def by_name(self, name: str) -> tuple[int | None, list[int]]:
        """NAME's rules (`netwerk.services.names.resolve_row`) on the names read into memory."""
        key = fold(name)
        if not key:
            return None, []
        if key not in self._cache:
            self._cache[key] = self._by_name(key)
        return self._cache[key]

    def exact_or_first_name(self, name: str) -> int | None:
        """The one contact whose name or alias is `name`, or whose first name it is."""
        key = fold(name)
        exact = self.names.get(key)
        if exact:
            return next(iter(exact)) if len(exact) == 1 else None
        cid, _candidates = self.by_name(name)
        if cid is not None and fold(self.contact_names[cid]).split(" ")[0] == key:
            return cid
        return None

    def _by_name(self, key: str) -> tuple[int | None, list[int]]:
        import bisect

        exact = self.names.get(key)
        if exact:
            return _one(exact)
        start = bisect.bisect_left(self.keys, (key,))
        partial: dict[int, str] = {}
        for found, cid, own in self.keys[start:]:
            if not found.startswith(key):
                break
            partial[cid] = own
        if len(partial) > 1:
            first = [cid for cid, own in partial.items() if own.split(" ")[0] == key]
            if len(first) == 1:
                return first[0], []
            return None, sorted(first or partial)
        if partial:
            return next(iter(partial)), []
        return None, []


def _one(cids: set[int]) -> tuple[int | None, list[int]]:
    return (next(iter(cids)), []) if len(cids) == 1 else (None, sorted(cids))


def remembered_me(store: Store, source: str) -> set[str]:
    """The user's remembered names (WhatsApp, folded) or addresses (mail, calendar)."""
    rows = store.rows("SELECT value_key FROM import_me WHERE source = :s", {"s": ME_SOURCE[source]})
    return {r.value_key for r in rows}


def remember_me(store: Store, source: str, values: Iterable[str]) -> None:
    """Remember who the user is in `source` (a dry run rolls this back with the rest)."""
    rows = []
    for value in values:
        if ME_SOURCE[source] == "email":
            key = email_of(value)
            if key is None:
                raise BadInput(_("'{value}' is not an e-mail address.").format(value=value))
        else:
            key = fold(clean_name(value, "name for --me"))
        rows.append((ME_SOURCE[source], value.strip(), key))
    store.executemany(
        "INSERT OR IGNORE INTO import_me (source, value, value_key) VALUES (?, ?, ?)", rows
    )


def check_me(source: str, values: list[str]) -> set[str]:
    """--me values as keys; BadInput (before anything is read) for an unusable one."""
    keys = set()
    for value in values:
        if ME_SOURCE[source] == "email":
            key = email_of(value)
            if key is None:
                raise BadInput(
                    _("--me takes your e-mail address for {source}; '{value}' is not one.").format(
                        source=source, value=value
                    )
                )
        else:
            key = fold(clean_name(value, "name for --me"))
        keys.add(key)
    return keys


@dataclass
class _Unknown:
    person: Participant
    count: int = 0
    candidates: list[int] = field(default_factory=list)


@dataclass
class _Plan:
    store: Store
    source: str
    today: date
    matcher: Matcher
    ignored_keys: set[str]
    add_unknown: bool
    touches: list[tuple[Encounter, list[int]]] = field(default_factory=list)
    unmatched: dict[str, _Unknown] = field(default_factory=dict)
    ambiguous: dict[str, _Unknown] = field(default_factory=dict)
    added: dict[str, int] = field(default_factory=dict)  # identity -> new contact id
    new_contacts: list[dict[str, Any]] = field(default_factory=list)
    new_details: list[tuple[int, str, str, str]] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    _next: dict[str, int] = field(default_factory=dict)

    def next_id(self, table: str) -> int:
        """Ids for new rows: the import holds the write lock (BEGIN IMMEDIATE)."""
        if table not in self._next:
            top = self.store.rows(f"SELECT coalesce(max(id), 0) AS top FROM {table}")[0].top
            self._next[table] = top
        self._next[table] += 1
        return self._next[table]

    def resolve(self, person: Participant) -> int | None:
        key = identity(person)
        if not key or key in self.ignored_keys or _ignored(person, self.ignored_keys):
            self.counts["ignored"] += 1
            return None
        if key in self.added:
            return self.added[key]
        cid, candidates = self.matcher.match(person)
        if cid is not None:
            return cid
        if candidates:
            entry = self.ambiguous.setdefault(key, _Unknown(person, candidates=candidates))
            entry.count += 1
            return None
        if self.add_unknown:
            return self.add_contact(key, person)
        self.unmatched.setdefault(key, _Unknown(person)).count += 1
        return None

    def add_contact(self, key: str, person: Participant) -> int | None:
        name = person.name or person.email or person.phone or ""
        try:
            name = clean_name(name)
        except BadInput:
            self.unmatched.setdefault(key, _Unknown(person)).count += 1
            return None
        cid = self.next_id("contact")
        self.new_contacts.append(
            {
                "id": cid,
                "name": name,
                "name_key": fold(name),
                "uid": str(uuid.uuid4()),
                "created_on": self.today.isoformat(),
            }  # fmt: skip
        )
        email, phone = email_of(person.email), _phone_of(person)
        if email:
            self.new_details.append((cid, "email", person.email.strip(), email))  # type: ignore[union-attr]
        if phone:
            self.new_details.append((cid, "phone", person.phone.strip(), phone))  # type: ignore[union-attr]
        self.matcher.add(cid, name, email, phone)
        self.added[key] = cid
        return cid


def _ignored(person: Participant, keys: set[str]) -> bool:
    if not keys:
        return False
    found = {email_of(person.email), _phone_of(person), fold(person.name or "")}
    return bool(found & keys)


def ignore(store: Store, names: list[str], today: date) -> set[str]:
    """Remember `--ignore` names; every remembered key, these included."""
    rows = [(ignore_key(n), " ".join(n.split()), today.isoformat()) for n in names]
    store.executemany(
        "INSERT OR IGNORE INTO import_ignore (value_key, value, created_on) VALUES (?, ?, ?)",
        rows,
    )
    return {r.value_key for r in store.rows("SELECT value_key FROM import_ignore")}


def capture(
    store: Store,
    source: str,
    encounters: Iterable[Encounter],
    *,
    today: date,
    since: date | None = None,
    me: set[str] | None = None,
    add_unknown: bool = False,
    ignore_names: list[str] | None = None,
    problems: list[str] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> dict[str, Any]:
    """Record the touches of `encounters`; the documented `import … --json` summary."""
    ignored_keys = ignore(store, ignore_names or [], today)
    plan = _Plan(store, source, today, Matcher.load(store), ignored_keys, add_unknown)
    me = me or set()
    items = list(encounters)
    step = progress(len(items)) if progress else None
    for encounter in items:
        if step:
            step()
        if encounter.on > today:
            plan.counts["future"] += 1
            continue
        if since and encounter.on < since:
            plan.counts["before_since"] += 1
            continue
        people = [p for p in encounter.people if not _is_me(p, me)]
        if encounter.title is not None and not people:
            people = _title_people(plan, encounter.title)
            if not people:
                continue
        cids = list(dict.fromkeys(c for c in map(plan.resolve, people) if c is not None))
        if cids:
            plan.touches.append((encounter, cids))
    written = _write(plan)
    summary = _summary(plan, written, problems or [])
    if dry_run:
        store.rollback()
    summary["dry_run"] = dry_run
    return summary


def _is_me(person: Participant, me: set[str]) -> bool:
    return bool(me) and (email_of(person.email) in me or fold(person.name or "") in me)


def _title_people(plan: _Plan, title: str) -> list[Participant]:
    """Contacts named in an event title, each only when the name is exactly one contact.

    Each part of the title ("Koffie met Piet Jansen" -> "Piet Jansen") goes by NAME's rules;
    a part that names nobody is searched for a run of its words that is exactly one contact's
    name, alias or first name ("Verjaardag Bram" -> Bram), never a mere prefix of one."""
    from netwerk.rules.titles import title_names

    found: dict[int, Participant] = {}
    for name in title_names(title):
        cid, candidates = plan.matcher.by_name(name)
        if cid is None and not candidates:
            cid = _strict_run(plan.matcher, name.split())
        if cid is not None:
            found.setdefault(cid, Participant(name=plan.matcher.contact_names[cid]))
    return list(found.values())


def _strict_run(matcher: Matcher, words: list[str]) -> int | None:
    for size in range(len(words), 0, -1):
        for start in range(len(words) - size + 1):
            run = " ".join(words[start : start + size])
            if len(run) < 3:
                continue
            cid = matcher.exact_or_first_name(run)
            if cid is not None:
                return cid
    return None


def _write(plan: _Plan) -> dict[int, list[date]]:
    """Insert what is new; per contact, the days of its new touches."""
    conn = plan.store
    conn.executemany(
        "INSERT INTO contact (id, name, name_key, uid, created_on, archived) "
        "VALUES (:id, :name, :name_key, :uid, :created_on, 0)",
        plan.new_contacts,
    )
    conn.executemany(
        "INSERT INTO detail (contact_id, kind, value, value_key) VALUES (?, ?, ?, ?)",
        plan.new_details,
    )
    keys = [e.key for e, _cids in plan.touches]
    known = {
        r[0]
        for r in conn.rows(
            "SELECT source_key FROM touch WHERE source_key IN (SELECT value FROM json_each(?))",
            (_json_strings(keys),),
        )
    }
    hashes = {key: digest(key) for key in keys}
    dropped = {
        r[0]
        for r in conn.rows(
            "SELECT key_hash FROM capture_dropped "
            "WHERE key_hash IN (SELECT value FROM json_each(?))",
            (_json_strings(list(hashes.values())),),
        )
    }
    everyone = sorted({cid for _e, cids in plan.touches for cid in cids})
    days: set[tuple[int, str]] = set(
        (r[0], r[1])
        for r in conn.rows(
            "SELECT tc.contact_id, t.happened_on FROM touch_contact tc "
            "JOIN touch t ON t.id = tc.touch_id "
            "WHERE tc.contact_id IN (SELECT value FROM json_each(?))",
            (json_ids(everyone),),
        )
    )
    created = stamp()
    touches, participants = [], []
    new_days: dict[int, list[date]] = {}
    for encounter, cids in plan.touches:
        if encounter.key in known:
            plan.counts["already_imported"] += 1
            continue
        if hashes[encounter.key] in dropped:
            plan.counts["deleted"] += 1
            continue
        day = encounter.on.isoformat()
        fresh = [c for c in cids if (c, day) not in days]
        plan.counts["same_day"] += len(cids) - len(fresh)
        if not fresh:
            continue
        known.add(encounter.key)
        touch_id = plan.next_id("touch")
        touches.append((touch_id, day, encounter.kind, encounter.note, created, encounter.key))
        for cid in fresh:
            days.add((cid, day))
            participants.append((touch_id, cid))
            new_days.setdefault(cid, []).append(encounter.on)
    conn.executemany(
        "INSERT INTO touch (id, happened_on, kind, note, created_at, source_key) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        touches,
    )
    conn.executemany("INSERT INTO touch_contact (touch_id, contact_id) VALUES (?, ?)", participants)
    plan.counts["touches"] = len(touches)
    ids = json_ids(list(new_days))
    # as `log`: a touch serves any schedule `spread` made, and moves the last touch
    conn.execute(
        "UPDATE contact SET first_due_on = NULL, last_touch_on = (SELECT max(t.happened_on) "
        "FROM touch_contact tc JOIN touch t ON t.id = tc.touch_id "
        "WHERE tc.contact_id = contact.id) WHERE id IN (SELECT value FROM json_each(?))",
        (ids,),
    )
    return new_days


def _json_strings(values: list[str]) -> str:
    import json

    return json.dumps(values)


def _summary(plan: _Plan, new_days: dict[int, list[date]], problems: list[str]) -> dict[str, Any]:
    rows = plan.store.rows(
        "SELECT id, name, last_touch_on, due_on FROM contact "
        "WHERE id IN (SELECT value FROM json_each(:ids)) ORDER BY name_key, id",
        {"ids": json_ids(list(new_days))},
    )
    names = plan.matcher.contact_names

    def person(entry: _Unknown) -> dict[str, Any]:
        p = entry.person
        return {"name": p.name, "email": p.email, "phone": p.phone, "label": p.label(),
                "count": entry.count}  # fmt: skip

    unmatched = sorted(plan.unmatched.values(), key=lambda u: (-u.count, fold(u.person.label())))
    ambiguous = sorted(plan.ambiguous.values(), key=lambda u: (-u.count, fold(u.person.label())))
    counts = plan.counts
    return {
        "source": plan.source,
        "touches": counts["touches"],
        "people": len(new_days),
        "contacts": [
            {
                "id": r.id,
                "name": r.name,
                "touches": len(new_days[r.id]),
                "last_touch": _as_date(r.last_touch_on),
                "due": _as_date(r.due_on),
            }
            for r in rows
        ],
        "added": [{"id": cid, "name": names[cid]} for cid in plan.added.values()],
        "unmatched": [person(u) for u in unmatched],
        "ambiguous": [
            {**person(u), "candidates": [{"id": c, "name": names[c]} for c in u.candidates]}
            for u in ambiguous
        ],
        "skipped": {
            "already_imported": counts["already_imported"],
            "deleted": counts["deleted"],
            "same_day": counts["same_day"],
            "ignored": counts["ignored"],
            "before_since": counts["before_since"],
            "future": counts["future"],
        },
        "problems": problems,
    }


def _as_date(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value
