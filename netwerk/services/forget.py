"""Erasure: `netwerk forget` removes a person and every trace of them.

Rows that belong to the person go through the foreign keys (ON DELETE CASCADE / SET NULL), so
tables added by later migrations are covered as long as they reference `contact(id)` the same
way. Mentions of the person in other rows (the note of a shared touch, another contact's note)
are redacted generically: every text column of every table is searched, so new tables are
covered without changes here. The free pages and the write-ahead log are dealt with by
`netwerk.store.db.scrub` after the transaction commits.

A first name is redacted too, with its short forms ("Henk", "Henk V.", "H. Visser"), but only in
the texts that are about the person: the touches they were in (shared with others, so kept) and
what those touches gave or asked. Elsewhere "Henk" may be another Henk, so those texts are only
listed (`still_mentioned`), and `netwerk redact WORD` redacts a word everywhere if the user
decides so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netwerk.rules.text import fold, fold_mapped
from netwerk.services.contacts import remove_contact
from netwerk.services.names import resolve

if TYPE_CHECKING:
    from netwerk.store.store import Store

REDACTED = "[forgotten]"
# Columns that name or key another record: redacting them would rename someone else.
_IDENTITY = {"id", "name"}


def forget_contact(store: Store, name: str) -> dict[str, Any]:
    """Remove the contact `name` resolves to and redact their name and aliases everywhere.

    Returns {"id", "name", "touches_removed", "mentions_redacted"}.
    """
    # Overwrite deleted content with zeros instead of leaving it in free pages.
    store.execute("PRAGMA secure_delete = ON")
    contact = resolve(store, name)
    aliases = [
        r.name for r in store.rows("SELECT name FROM alias WHERE contact_id = ?", (contact.id,))
    ]
    terms = [contact.name, *aliases]
    # `netwerk sync` deletes the card on the server and keeps only its UID, so no later sync
    # brings them back; the last synced copy of the card goes now
    store.execute(
        "UPDATE sync_card SET forgotten = 1, base = NULL WHERE contact_id = :id",
        {"id": contact.id},
    )
    shared = _shared_touches(store, contact.id)
    summary = remove_contact(store, f"#{contact.id}")
    summary["mentions_redacted"] = redact(store, terms)
    first = first_name(contact.name)
    if first:
        forms = short_forms(contact.name)
        summary["mentions_redacted"] += _redact_in_touches(store, forms, shared)
    summary["still_mentioned"] = mentions(store, first) if first else []
    summary["first_name"] = first
    _merge_fulltext_indexes(store)
    # the undo journal holds row images of this person: none of it may outlive forget
    from netwerk.store.journal import clear

    clear(store.conn)
    return summary


def first_name(name: str) -> str | None:
    """'Henk' for 'Henk Visser'; None for a one-word name (the whole name covers it)."""
    words = name.split()
    return words[0] if len(words) > 1 else None


def short_forms(name: str) -> list[str]:
    """How a note may name 'Henk Visser' briefly: Henk V., Henk V, H. Visser, H Visser, Henk."""
    words = name.split()
    if len(words) < 2:
        return []
    first, surname = words[0], " ".join(words[1:])
    initial, last_initial = first[0], words[-1][0]
    return [
        f"{first} {last_initial}.",
        f"{first} {last_initial}",
        f"{initial}. {surname}",
        f"{initial} {surname}",
        first,
    ]


def _shared_touches(store: Store, contact_id: int) -> dict[int, list[str]]:
    """The touches the contact shares with others (they survive the forgetting), each with the
    first names of the others who were there."""
    rows = store.rows(
        "SELECT tc.touch_id, c.name FROM touch_contact tc "
        "JOIN contact c ON c.id = tc.contact_id "
        "WHERE tc.touch_id IN (SELECT touch_id FROM touch_contact WHERE contact_id = :id) "
        "AND tc.contact_id != :id",
        {"id": contact_id},
    )
    shared: dict[int, list[str]] = {}
    for touch_id, other in rows:
        shared.setdefault(touch_id, []).append(fold(other.split()[0]))
    return shared


def _redact_in_touches(store: Store, forms: list[str], touches: dict[int, list[str]]) -> int:
    """Redact `forms` in the notes of `touches` and in what those touches gave or asked; a
    form that is the first name of someone else who was there stays (it may be them)."""
    changed = 0
    for touch_id, others in touches.items():
        keys = [fold(f) for f in forms if fold(f) and fold(f) not in others]
        texts = [("touch", "note", "id", touch_id)]
        texts += [("exchange", column, "touch_id", touch_id) for column in ("what", "answer")]
        for table, column, key_column, key in texts:
            rows = store.rows(
                f'SELECT rowid, "{column}" FROM "{table}" WHERE "{key_column}" = :k', {"k": key}
            )
            for rowid, value in rows:
                if not isinstance(value, str):
                    continue
                redacted = value
                for form in sorted(keys, key=len, reverse=True):
                    redacted = redact_text(redacted, form)
                if redacted != value:
                    store.execute(
                        f'UPDATE "{table}" SET "{column}" = :v WHERE rowid = :r',
                        {"v": redacted, "r": rowid},
                    )
                    changed += 1
    return changed


def mentions(store: Store, word: str) -> list[dict[str, Any]]:
    """The texts that still hold `word` as a whole word: [{"table", "id", "column", "where",
    "text"}]."""
    key = fold(word)
    found: list[dict[str, Any]] = []
    for table, column in _text_columns(store):
        for rowid, value in _rows_holding(store, table, column, key):
            if isinstance(value, str) and redact_text(value, key) != value:
                where = _where(store, table, rowid)
                found.append(
                    {"table": table, "id": rowid, "column": column, "where": where, "text": value}
                )
    return found


def _where(store: Store, table: str, rowid: int) -> str:
    """Which record a text is in, in the user's words: 'Klaas Bakker', 'touch #12 (2026-10-01)'."""
    from netwerk.i18n import _

    if table == "contact":
        name = store.value("SELECT name FROM contact WHERE id = :r", {"r": rowid})
        return _("contact {name}").format(name=name)
    if table == "touch":
        day = store.value("SELECT happened_on FROM touch WHERE id = :r", {"r": rowid})
        return _("touch #{id} ({date})").format(id=rowid, date=day)
    if table == "exchange":
        touch = store.value("SELECT touch_id FROM exchange WHERE id = :r", {"r": rowid})
        return _("a give or ask of touch #{id}").format(id=touch)
    return _("{table} #{id}").format(table=table, id=rowid)


def redact_word(store: Store, word: str) -> int:
    """`netwerk redact WORD`: replace it (whole words, any case or accents) in every text."""
    from netwerk.errors import BadInput
    from netwerk.i18n import _

    if not fold(word):
        raise BadInput(_("Nothing to redact: the word is empty."))
    store.execute("PRAGMA secure_delete = ON")
    changed = redact(store, [word])
    _merge_fulltext_indexes(store)
    return changed


def _rows_holding(store: Store, table: str, column: str, key: str) -> list[Any]:
    """(rowid, value) of the rows whose folded `column` contains the folded `key` somewhere
    (maybe inside a longer word: the caller checks for whole words)."""
    pattern = "%" + key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return store.rows(
        f'SELECT rowid, "{column}" FROM "{table}" '
        f"WHERE netwerk_fold(\"{column}\") LIKE :p ESCAPE '\\'",
        {"p": pattern},
    )


def _merge_fulltext_indexes(store: Store) -> None:
    """A full-text index (FTS3/4/5) keeps a deleted word in its old segments until they are
    merged: 'optimize' rewrites each index without it."""
    rows = store.rows(
        "SELECT name FROM sqlite_master "
        "WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%USING fts%'"
    )
    for (table,) in rows:
        store.execute(f'INSERT INTO "{table}" ("{table}") VALUES (\'optimize\')')


def _text_columns(store: Store) -> list[tuple[str, str]]:
    """(table, column) for every column that may hold free text, in every user table."""
    tables = [
        row[1]
        for row in store.rows("PRAGMA main.table_list")
        if row[2] in ("table", "virtual") and not row[1].startswith(("sqlite_", "_"))
    ]
    found = []
    for table in tables:
        for _cid, column, declared, *_ in store.rows(f'PRAGMA table_info("{table}")'):
            kind = (declared or "").upper()
            if column in _IDENTITY or column.endswith(("_key", "_id")):
                continue
            # free text is declared TEXT/VARCHAR/CLOB; an FTS table's columns have no type
            if not (any(t in kind for t in ("CHAR", "CLOB", "TEXT")) or not kind):
                continue
            found.append((table, column))
    return found


def redact(store: Store, terms: list[str]) -> int:
    """Replace each of `terms` (ignoring case and accents) in every text column; count rows."""
    keys = sorted({fold(t) for t in terms if fold(t)}, key=len, reverse=True)
    changed = 0
    for table, column in _text_columns(store):
        for key in keys:
            for rowid, value in _rows_holding(store, table, column, key):
                # the LIKE above also finds "Piet" inside "Pietje": only whole words change
                redacted = redact_text(value, key) if isinstance(value, str) else value
                if redacted == value:
                    continue
                store.execute(
                    f'UPDATE "{table}" SET "{column}" = :v WHERE rowid = :r',
                    {"v": redacted, "r": rowid},
                )
                changed += 1
    return changed


def redact_text(value: str, key: str) -> str:
    """`value` with every whole-word stretch that folds to `key` replaced by REDACTED.

    Matching happens on the folded text (as `fold` does: no case, no accents, collapsed
    whitespace), and each match is mapped back to the characters of the original it came from.
    """
    haystack, origin = fold_mapped(value)
    spans: list[tuple[int, int]] = []
    start = haystack.find(key)
    while start != -1:
        end = start + len(key)  # exclusive
        # whole words only: forgetting "Jan" must not touch "Jansen" or "Persoon 7771"
        before = haystack[start - 1] if start else " "
        after = haystack[end] if end < len(haystack) else " "
        if not (before.isalnum() or after.isalnum()):
            spans.append((origin[start], origin[end - 1] + 1))
            start = haystack.find(key, end)
        else:
            start = haystack.find(key, start + 1)
    out, last = [], 0
    for begin, stop in spans:
        if begin >= last:
            out += [value[last:begin], REDACTED]
            last = stop
    out.append(value[last:])
    return "".join(out)
