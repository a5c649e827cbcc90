"""Schema migrations: an ordered list of small functions, each applied once, in its own transaction.

Why not Alembic: netwerk's schema is small, lives in one file, and must be checked on every
start of every command. Alembic would cost an import of its framework and a version table
lookup on each run; here "is the schema current?" is one `PRAGMA user_version` read. The
pattern is llm's `MIGRATIONS.append` list with sqlite-utils 4's one-transaction-per-migration
safety: each migration runs between `BEGIN IMMEDIATE` and `COMMIT` together with the record of
it in `_migrations` and the new `user_version`, so a crash or error leaves either the whole
step or none of it (SQLite DDL is transactional).

Rules: never edit, reorder or remove a migration that has shipped; add a new one. Each
migration writes plain SQL so the schema it builds is frozen in time, independent of
`netwerk.store.models` as that module changes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[Migration] = []


def migration(fn: Migration) -> Migration:
    """Register `fn` as the next migration; its name is its record in `_migrations`."""
    MIGRATIONS.append(fn)
    return fn


def rebuilds_tables(fn: Migration) -> Migration:
    """Mark a migration that rebuilds tables others refer to: it runs with foreign keys off
    (a DROP TABLE would otherwise cascade into every child row; the pragma cannot change inside
    a transaction), and must leave `PRAGMA foreign_key_check` empty before it commits."""
    fn.rebuilds_tables = True  # type: ignore[attr-defined]
    return fn


def keeps_rows(fn: Migration) -> Migration:
    """Mark a migration that changes no existing row or column (a new index, a new table): the
    undo journal's images stay true, so the runner carries the entries of the version before
    to this one and the last change before an upgrade can still be undone."""
    fn.keeps_rows = True  # type: ignore[attr-defined]
    return fn


def schema_version() -> int:
    """The schema version this code writes: the number of migrations it knows."""
    return len(MIGRATIONS)


def pending(conn: sqlite3.Connection) -> int:
    """How many migrations `conn`'s database lacks (negative: the file is newer than us)."""
    (current,) = conn.execute("PRAGMA user_version").fetchone()
    return schema_version() - current


def apply(conn: sqlite3.Connection) -> list[str]:
    """Apply every pending migration to `conn` (autocommit mode), returning their names."""
    (current,) = conn.execute("PRAGMA user_version").fetchone()
    applied = []
    for number, fn in enumerate(MIGRATIONS[current:], start=current + 1):
        rebuild = getattr(fn, "rebuilds_tables", False)
        if rebuild:
            (keys_on,) = conn.execute("PRAGMA foreign_keys").fetchone()
            conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("BEGIN IMMEDIATE")
        try:
            # re-check under the write lock: another process may have migrated meanwhile
            (now,) = conn.execute("PRAGMA user_version").fetchone()
            if now >= number:
                conn.execute("COMMIT")
                continue
            fn(conn)
            if getattr(fn, "keeps_rows", False) and _has_journal(conn):
                conn.execute(
                    "UPDATE _undo_entry SET schema_version = ? WHERE schema_version = ?",
                    (number, number - 1),
                )
            if rebuild and conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise sqlite3.IntegrityError(f"{fn.__name__} broke a foreign key")
            conn.execute(
                "INSERT INTO _migrations (number, name, applied_at) VALUES (?, ?, ?)",
                (number, fn.__name__, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute(f"PRAGMA user_version = {number:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        finally:
            if rebuild and keys_on:
                conn.execute("PRAGMA foreign_keys = ON")
        applied.append(fn.__name__)
        # empty the log after each step: a new database (every migration at once) on a small
        # disk then needs room for one step's pages in the log, not for all of them twice
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return applied


def _has_journal(conn: sqlite3.Connection) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE name = '_undo_entry'").fetchone()
    return found is not None


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run `;`-separated DDL statements inside the current transaction.

    Not `executescript`: it commits any open transaction first, which would break the
    all-or-nothing promise of a migration. A `;` inside a trigger body does not end the
    statement: pieces are joined until SQLite calls the statement complete.
    """
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                conn.execute(pending)
            pending = ""
    if pending.strip(" \n;"):
        conn.execute(pending)


@migration
def m001_core(conn: sqlite3.Connection) -> None:
    """Contacts, aliases, e-mail/phone details, circles, touches and their participants."""
    run_script(
        conn,
        """
        CREATE TABLE _migrations (
            number INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        );
        CREATE TABLE contact (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL,
            company TEXT,
            role TEXT,
            city TEXT,
            expertise TEXT,
            note TEXT,
            birthday_year INTEGER,
            birthday_month INTEGER,
            birthday_day INTEGER,
            met_on DATE,
            met_at TEXT,
            via_id INTEGER REFERENCES contact(id) ON DELETE SET NULL,
            cadence_days INTEGER,
            snoozed_until DATE,
            archived BOOLEAN NOT NULL DEFAULT 0,
            created_on DATE NOT NULL,
            last_touch_on DATE
        );
        CREATE INDEX ix_contact_name_key ON contact(name_key);
        CREATE INDEX ix_contact_last_touch_on ON contact(last_touch_on);
        CREATE INDEX ix_contact_via_id ON contact(via_id);
        CREATE INDEX ix_contact_birthday ON contact(birthday_month, birthday_day);

        CREATE TABLE alias (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL
        );
        CREATE INDEX ix_alias_contact_id ON alias(contact_id);
        CREATE INDEX ix_alias_name_key ON alias(name_key);

        CREATE TABLE detail (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            value_key TEXT NOT NULL
        );
        CREATE INDEX ix_detail_contact_id ON detail(contact_id);
        CREATE INDEX ix_detail_kind_value_key ON detail(kind, value_key);

        CREATE TABLE circle (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            cadence_days INTEGER
        );

        CREATE TABLE contact_circle (
            contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            circle_id INTEGER NOT NULL REFERENCES circle(id) ON DELETE CASCADE,
            PRIMARY KEY (contact_id, circle_id)
        );
        CREATE INDEX ix_contact_circle_circle_id ON contact_circle(circle_id, contact_id);

        CREATE TABLE touch (
            id INTEGER PRIMARY KEY,
            happened_on DATE NOT NULL,
            kind TEXT NOT NULL,
            note TEXT,
            created_at DATETIME NOT NULL
        );
        CREATE INDEX ix_touch_happened_on ON touch(happened_on);

        CREATE TABLE touch_contact (
            touch_id INTEGER NOT NULL REFERENCES touch(id) ON DELETE CASCADE,
            contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            PRIMARY KEY (touch_id, contact_id)
        );
        CREATE INDEX ix_touch_contact_contact_id ON touch_contact(contact_id, touch_id);
        """,
    )


@migration
def m002_uid_first_due(conn: sqlite3.Connection) -> None:
    """A stable uid per contact (vCard/ics exports, re-imports) and a scheduled first due date.

    Existing contacts get a random UUID each, so exports made after the upgrade are stable.
    `first_due_on` is set by `netwerk spread`: a contact is not due before it, and a contact
    with no known touch becomes due on it.
    """
    run_script(
        conn,
        """
        ALTER TABLE contact ADD COLUMN uid TEXT;
        ALTER TABLE contact ADD COLUMN first_due_on DATE;
        UPDATE contact SET uid = lower(
            hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
            substr(hex(randomblob(2)), 2) || '-' ||
            substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' ||
            hex(randomblob(6))
        ) WHERE uid IS NULL;
        CREATE UNIQUE INDEX ix_contact_uid ON contact(uid);
        CREATE INDEX ix_contact_first_due_on ON contact(first_due_on)
        """,
    )


@migration
def m003_give_ask_intros_events(conn: sqlite3.Connection) -> None:
    """Events (moving every `contact.met_at` text into them), gives/asks/offers, introductions,
    who-knows-whom links and networking goals.

    `met_at` texts that fold alike (case, accents, spacing) become one event, named and dated
    after the first contact that mentions it; the contact and its 'met' touch link to it, and
    the old column goes (the event name is the one place that text lives now).
    """
    run_script(
        conn,
        """
        CREATE TABLE event (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            name_key TEXT NOT NULL UNIQUE,
            happened_on DATE,
            place TEXT,
            created_on DATE NOT NULL
        );
        CREATE INDEX ix_event_happened_on ON event(happened_on);

        INSERT INTO event (name, name_key, happened_on, created_on)
            SELECT trim(c.met_at), netwerk_fold(c.met_at), c.met_on, c.created_on
            FROM contact c
            WHERE c.id IN (
                SELECT min(id) FROM contact
                WHERE met_at IS NOT NULL AND netwerk_fold(met_at) != ''
                GROUP BY netwerk_fold(met_at)
            )
            ORDER BY c.id;

        ALTER TABLE contact ADD COLUMN met_event_id INTEGER
            REFERENCES event(id) ON DELETE SET NULL;
        UPDATE contact SET met_event_id =
            (SELECT e.id FROM event e WHERE e.name_key = netwerk_fold(contact.met_at))
            WHERE met_at IS NOT NULL;
        ALTER TABLE contact DROP COLUMN met_at;
        CREATE INDEX ix_contact_met_event_id ON contact(met_event_id);

        ALTER TABLE touch ADD COLUMN event_id INTEGER REFERENCES event(id) ON DELETE SET NULL;
        UPDATE touch SET event_id = (
            SELECT c.met_event_id FROM touch_contact tc JOIN contact c ON c.id = tc.contact_id
            WHERE tc.touch_id = touch.id AND c.met_event_id IS NOT NULL LIMIT 1)
            WHERE kind = 'met';
        CREATE INDEX ix_touch_event_id ON touch(event_id);

        CREATE TABLE exchange (
            id INTEGER PRIMARY KEY,
            touch_id INTEGER NOT NULL REFERENCES touch(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('give', 'ask')),
            what TEXT NOT NULL,
            answered_on DATE,
            answer TEXT
        );
        CREATE INDEX ix_exchange_touch_id ON exchange(touch_id);
        CREATE INDEX ix_exchange_open_asks ON exchange(kind, answered_on);

        CREATE TABLE offer (
            id INTEGER PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            what TEXT NOT NULL,
            created_on DATE NOT NULL,
            given_on DATE,
            exchange_id INTEGER REFERENCES exchange(id) ON DELETE SET NULL
        );
        CREATE INDEX ix_offer_contact_id ON offer(contact_id, given_on);
        CREATE INDEX ix_offer_exchange_id ON offer(exchange_id);

        CREATE TABLE intro (
            id INTEGER PRIMARY KEY,
            a_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            b_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            why TEXT NOT NULL,
            introduced_on DATE NOT NULL,
            follow_up_on DATE NOT NULL,
            touch_id INTEGER REFERENCES touch(id) ON DELETE SET NULL,
            closed_on DATE,
            outcome TEXT,
            result TEXT CHECK (result IN ('met', 'work', 'no-fit')),
            CHECK (a_id != b_id)
        );
        CREATE INDEX ix_intro_a_id ON intro(a_id);
        CREATE INDEX ix_intro_b_id ON intro(b_id);
        CREATE INDEX ix_intro_follow_up ON intro(closed_on, follow_up_on);
        CREATE INDEX ix_intro_touch_id ON intro(touch_id);

        CREATE TABLE knows (
            low_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            high_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            how TEXT,
            since DATE NOT NULL,
            PRIMARY KEY (low_id, high_id),
            CHECK (low_id < high_id)
        );
        CREATE INDEX ix_knows_high_id ON knows(high_id, low_id);

        CREATE TABLE goal (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL,
            kind TEXT CHECK (kind IN ('new', 'touches')),
            target INTEGER,
            circle_id INTEGER REFERENCES circle(id) ON DELETE CASCADE,
            set_on DATE NOT NULL,
            by_on DATE,
            done_on DATE
        );
        CREATE INDEX ix_goal_circle_id ON goal(circle_id);
        """,
    )


# m004's rules, frozen with it (a later change to the rules is a new migration that drops and
# re-creates these). `{c}` is the contact row the expression is about.
_M004_CIRCLES = """(
    SELECT MIN(ci.cadence_days) FROM contact_circle cc JOIN circle ci ON ci.id = cc.circle_id
    WHERE cc.contact_id = {c}.id)"""
_M004_DUE = """date(max(
    COALESCE(julianday(last_touch_on) + due_cadence, julianday(first_due_on)),
    COALESCE(julianday(first_due_on), julianday(last_touch_on) + due_cadence)))"""
_M004_THANKS = """({c}.via_id IS NOT NULL AND
    COALESCE((SELECT tc.touch_id FROM touch_contact tc WHERE tc.contact_id = {c}.via_id
              ORDER BY tc.touch_id DESC LIMIT 1), 0)
    <= (SELECT tc.touch_id FROM touch_contact tc WHERE tc.contact_id = {c}.id
        ORDER BY tc.touch_id LIMIT 1)) IS 1"""


@migration
def m004_stored_due(conn: sqlite3.Connection) -> None:
    """`due` reads an index instead of ranking every contact (issue 5, target 3).

    Derived columns of `contact`, kept by the database itself, so no code path that writes
    touches, cadences, circles or introducers can forget them:
    - `circle_cadence`: the shortest default cadence of the contact's circles (NULL: none),
      kept by triggers on contact_circle and circle (memberships change rarely);
    - `due_cadence`: the effective cadence, own else circles' else 90, and `due_on`: the day
      the contact becomes due, max(last touch + cadence, first_due_on), NULL when neither is
      known (the contact waits, see `due --unknown`). VIRTUAL generated columns: computed from
      the row itself on every read and index write, so adding, touching or importing thousands
      of contacts runs no trigger for them;
    - `thanks_pending`: added `--via` someone, and no touch with that introducer logged since
      the contact's first touch (touch ids grow, so 'since' is 'id above'); a contact with no
      touch at all has nothing to thank for yet. Kept by triggers on touch_contact and on a
      change of `via_id`; a new contact has no touches, so inserting one needs none (an AFTER
      INSERT trigger on contact would cost every inserted row, even with a WHEN).
    Snoozing and archiving stay filters at read time: they do not change the due date.
    Generated columns need SQLite 3.31 (2020). They are not in the models (the ORM must never
    write them) and PRAGMA table_info does not list them.
    """
    circles = _M004_CIRCLES.format(c="contact")
    thanks = _M004_THANKS.format(c="contact")
    run_script(
        conn,
        f"""
        ALTER TABLE contact ADD COLUMN circle_cadence INTEGER;
        ALTER TABLE contact ADD COLUMN thanks_pending BOOLEAN NOT NULL DEFAULT 0;
        ALTER TABLE contact ADD COLUMN due_cadence INTEGER
            GENERATED ALWAYS AS (COALESCE(cadence_days, circle_cadence, 90)) VIRTUAL;
        ALTER TABLE contact ADD COLUMN due_on DATE GENERATED ALWAYS AS ({_M004_DUE}) VIRTUAL;

        UPDATE contact SET circle_cadence = {circles};
        UPDATE contact SET thanks_pending = {thanks} WHERE via_id IS NOT NULL;
        -- partial, not led by `archived`: without statistics SQLite would take an index
        -- starting with archived for every `archived = 0` query (birthdays, list…)
        CREATE INDEX ix_contact_due ON contact(due_on, due_cadence, snoozed_until)
            WHERE archived = 0;
        CREATE INDEX ix_contact_thanks ON contact(via_id) WHERE thanks_pending = 1;

        CREATE TRIGGER contact_thanks_on_via AFTER UPDATE OF via_id ON contact BEGIN
            UPDATE contact SET thanks_pending = {thanks} WHERE id = NEW.id;
        END;

        CREATE TRIGGER contact_circle_cadence_on_insert AFTER INSERT ON contact_circle BEGIN
            UPDATE contact SET circle_cadence = {circles} WHERE id = NEW.contact_id;
        END;
        CREATE TRIGGER contact_circle_cadence_on_delete AFTER DELETE ON contact_circle BEGIN
            UPDATE contact SET circle_cadence = {circles} WHERE id = OLD.contact_id;
        END;
        CREATE TRIGGER contact_circle_cadence_on_update AFTER UPDATE ON contact_circle BEGIN
            UPDATE contact SET circle_cadence = {circles}
                WHERE id IN (OLD.contact_id, NEW.contact_id);
        END;
        CREATE TRIGGER circle_cadence_on_update AFTER UPDATE OF cadence_days ON circle BEGIN
            UPDATE contact SET circle_cadence = {circles}
                WHERE id IN (SELECT contact_id FROM contact_circle WHERE circle_id = NEW.id);
        END;

        -- a touch with an introducer can only end pending thanks; a contact's own first touch
        -- can start them. Guarded, as most touches are with neither.
        CREATE TRIGGER touch_contact_thanks_on_insert AFTER INSERT ON touch_contact
        WHEN (SELECT via_id FROM contact WHERE id = NEW.contact_id) IS NOT NULL
          OR EXISTS (SELECT 1 FROM contact WHERE via_id = NEW.contact_id AND thanks_pending = 1)
        BEGIN
            UPDATE contact SET thanks_pending = {thanks}
                WHERE via_id = NEW.contact_id AND thanks_pending = 1;
            UPDATE contact SET thanks_pending = {thanks}
                WHERE id = NEW.contact_id AND via_id IS NOT NULL;
        END;
        CREATE TRIGGER touch_contact_thanks_on_delete AFTER DELETE ON touch_contact BEGIN
            UPDATE contact SET thanks_pending = {thanks}
                WHERE via_id = OLD.contact_id OR (id = OLD.contact_id AND via_id IS NOT NULL);
        END;
        CREATE TRIGGER touch_contact_thanks_on_update AFTER UPDATE ON touch_contact BEGIN
            UPDATE contact SET thanks_pending = {thanks}
                WHERE via_id IN (OLD.contact_id, NEW.contact_id)
                   OR (id IN (OLD.contact_id, NEW.contact_id) AND via_id IS NOT NULL);
        END
        """,
    )


@migration
def m005_phone_keys(conn: sqlite3.Connection) -> None:
    """Phone numbers match in their E.164 form (issue 11): "06-12345678", "+31 6 12345678" and
    "0031612345678" become one key, +31612345678, in the default region of the machine that
    migrates (`netwerk.rules.phones`). Shown values are untouched. A contact that held one number in
    two spellings keeps the first of them.

    The one migration that calls netwerk code (`names.phone_key`): the key is a rule of the
    product, not schema, and the rule at upgrade time is the one later writes use.
    """
    from netwerk.rules.text import phone_key

    rows = conn.execute("SELECT id, value, value_key FROM detail WHERE kind = 'phone'").fetchall()
    changed = []
    for detail_id, value, key in rows:
        try:
            new = phone_key(value)
        except Exception:  # a value the old rule let in and the new one refuses keeps its key
            continue
        if new != key:
            changed.append((new, detail_id))
    conn.executemany("UPDATE detail SET value_key = ? WHERE id = ?", changed)
    conn.execute(
        "DELETE FROM detail WHERE kind = 'phone' AND id NOT IN "
        "(SELECT min(id) FROM detail WHERE kind = 'phone' GROUP BY contact_id, value_key)"
    )


@migration
def m006_sync(conn: sqlite3.Connection) -> None:
    """`netwerk sync` (issue 15): the account and the state of every synced resource.

    - `sync_account`: at most one row: the server, the user name, the collections found, the
      circles that go to the server, how the password is obtained (a command, never the
      password), the sync tokens (RFC 6578) and when the last sync ran.
    - `sync_card`: one row per contact on the server: its UID, where it lives (href, ETag), and
      `base`, the contact as last synced (JSON), the common ancestor of the three-way merge.
      `contact_id` becomes NULL when the contact is removed here, which tells the next sync to
      delete the card. `gone`: deleted on the server (the contact was archived here and is not
      sent again while archived). `forgotten`: `netwerk forget`: the UID is kept, nothing
      else, so no later sync brings the person back.
    - `sync_event`: the same for calendar resources: a touch (`touch_id`) or a reminder.
    """
    run_script(
        conn,
        """
        CREATE TABLE sync_account (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            url VARCHAR NOT NULL,
            user VARCHAR,
            addressbook_url VARCHAR NOT NULL,
            calendar_url VARCHAR,
            password_command VARCHAR,
            circles VARCHAR NOT NULL DEFAULT '[]',
            allow_http BOOLEAN NOT NULL DEFAULT 0,
            book_sync_report BOOLEAN NOT NULL DEFAULT 0,
            calendar_sync_report BOOLEAN NOT NULL DEFAULT 0,
            book_token VARCHAR,
            calendar_token VARCHAR,
            birthday_alarm BOOLEAN NOT NULL DEFAULT 0,
            set_up_at VARCHAR NOT NULL,
            last_sync_at VARCHAR
        );
        CREATE TABLE sync_card (
            id INTEGER NOT NULL PRIMARY KEY,
            contact_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,
            uid VARCHAR NOT NULL UNIQUE,
            href VARCHAR,
            etag VARCHAR,
            base VARCHAR,
            gone BOOLEAN NOT NULL DEFAULT 0,
            forgotten BOOLEAN NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX ix_sync_card_contact ON sync_card (contact_id);
        CREATE UNIQUE INDEX ix_sync_card_href ON sync_card (href);
        CREATE TABLE sync_event (
            id INTEGER NOT NULL PRIMARY KEY,
            touch_id INTEGER REFERENCES touch (id) ON DELETE SET NULL,
            uid VARCHAR NOT NULL UNIQUE,
            kind VARCHAR NOT NULL,
            href VARCHAR,
            etag VARCHAR,
            base VARCHAR
        );
        CREATE INDEX ix_sync_event_touch ON sync_event (touch_id);
        CREATE UNIQUE INDEX ix_sync_event_href ON sync_event (href)
        """,
    )


@migration
def m007_capture(conn: sqlite3.Connection) -> None:
    """Touches captured from calendar, WhatsApp and mail exports (issue 14).

    - `touch.source_key`: where an imported touch came from ('whatsapp:<chat>:<day>',
      'ics:<uid>:<occurrence>', 'mail:<address>:<day>'), unique, so importing the same or a
      longer export again adds only what is new. NULL for touches logged by hand.
    - `import_me`: who the user is in each source ('whatsapp' names, 'email' addresses),
      remembered from `--me` or recognised, so the next import needs no option.
    - `import_ignore`: participants the user told an import to skip (`--ignore NAME`), in every
      source, by folded name, lower-case address or normalised phone number.
    """
    run_script(
        conn,
        """
        ALTER TABLE touch ADD COLUMN source_key TEXT;
        CREATE UNIQUE INDEX ix_touch_source_key ON touch(source_key)
            WHERE source_key IS NOT NULL;

        CREATE TABLE import_me (
            source TEXT NOT NULL CHECK (source IN ('whatsapp', 'email')),
            value TEXT NOT NULL,
            value_key TEXT NOT NULL,
            PRIMARY KEY (source, value_key)
        );

        CREATE TABLE import_ignore (
            value_key TEXT NOT NULL PRIMARY KEY,
            value TEXT NOT NULL,
            created_on DATE NOT NULL
        )
        """,
    )


@migration
def m008_undo_journal(conn: sqlite3.Connection) -> None:
    """The undo journal (see `netwerk.store.journal`): one entry per journaled command, the image of
    every row it changed as it was before (`_undo_row`) and as the command left it
    (`_undo_after`). The leading `_` keeps these tables out of exports and of `forget`'s
    redaction, which empties them instead."""
    run_script(
        conn,
        """
        CREATE TABLE _undo_entry (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            command TEXT NOT NULL,
            done_at TEXT NOT NULL,
            schema_version INTEGER NOT NULL
        );
        CREATE TABLE _undo_row (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES _undo_entry(id) ON DELETE CASCADE,
            tbl TEXT NOT NULL,
            op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
            key TEXT NOT NULL,
            new_key TEXT,
            image TEXT
        );
        CREATE INDEX ix_undo_row_entry ON _undo_row(entry_id, tbl, key);
        CREATE TABLE _undo_after (
            entry_id INTEGER NOT NULL REFERENCES _undo_entry(id) ON DELETE CASCADE,
            tbl TEXT NOT NULL,
            key TEXT NOT NULL,
            image TEXT,
            PRIMARY KEY (entry_id, tbl, key)
        )
        """,
    )


# The tables whose ids people see and point at (`show`, `touch edit ID`, `asks done ID`, …).
_M008_TABLES = ("contact", "circle", "event", "touch", "exchange", "offer", "intro", "goal")


@migration
@rebuilds_tables
def m009_ids_never_reused(conn: sqlite3.Connection) -> None:
    """Ids are never reused: after `remove` of #2 a new contact must not become #2, because
    calendar entries, notes, scripts and the undo journal point at ids. SQLite hands out
    max(id) + 1 unless a table is declared AUTOINCREMENT, which only a rebuild can add.

    Each table is rebuilt from its own CREATE statement as the earlier migrations left it (only
    `id INTEGER PRIMARY KEY` becomes `… AUTOINCREMENT`), every stored column copied, generated
    columns (m004) recomputed by SQLite, its indexes re-created; every trigger is dropped first
    and re-created last, unchanged, so none fires during the copy. The counters start at the
    highest id there is (ids removed above it before this upgrade cannot be known).
    """
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name"
    ).fetchall()
    for name, _sql in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    for table in _M008_TABLES:
        (create,) = conn.execute(
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        head, id_column = f"CREATE TABLE {table} (", "id INTEGER PRIMARY KEY,"
        if not create.startswith(head) or id_column not in create:
            raise sqlite3.DatabaseError(f"unexpected schema of {table}: {create[:80]}")
        new = f"_m008_{table}"
        indexes = [
            sql
            for (sql,) in conn.execute(
                "SELECT sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? "
                "AND sql IS NOT NULL",
                (table,),
            ).fetchall()
        ]
        columns = ", ".join(
            f'"{row[1]}"'
            for row in conn.execute(f'PRAGMA table_xinfo("{table}")').fetchall()
            if row[6] == 0  # not generated
        )
        conn.execute(
            create.replace(head, f'CREATE TABLE "{new}" (', 1).replace(
                id_column, "id INTEGER PRIMARY KEY AUTOINCREMENT,", 1
            )
        )
        conn.execute(f'INSERT INTO "{new}" ({columns}) SELECT {columns} FROM "{table}"')
        conn.execute(f'DROP TABLE "{table}"')
        conn.execute(f'ALTER TABLE "{new}" RENAME TO "{table}"')
        for sql in indexes:
            conn.execute(sql)
    for _name, sql in triggers:
        conn.execute(sql)


@migration
@keeps_rows
def m010_touch_event_kind(conn: sqlite3.Connection) -> None:
    """`event list` counts the people seen at each event (its touches other than `met`): with
    the kind in the event index that count reads the index alone, not every touch row of the
    event. The new index serves every lookup by event the old one did."""
    run_script(
        conn,
        """
        CREATE INDEX ix_touch_event_kind ON touch(event_id, kind);
        DROP INDEX ix_touch_event_id
        """,
    )


@migration
@keeps_rows
def m011_capture_dropped(conn: sqlite3.Connection) -> None:
    """`capture_dropped`: the captured touches the user deleted (`touch delete`), so importing
    the same or a longer export again (WhatsApp exports the whole chat every time) does not
    bring them back. It keeps a SHA-256 of the touch's `source_key`, not the key: the key names
    a chat or an address, and a deleted touch should leave nothing readable behind."""
    run_script(
        conn,
        """
        CREATE TABLE capture_dropped (
            key_hash TEXT NOT NULL PRIMARY KEY,
            dropped_on DATE NOT NULL
        )
        """,
    )


@migration
def m012_exchange_date(conn: sqlite3.Connection) -> None:
    """`exchange.happened_on`: the date of the touch a give or ask belongs to, kept by triggers
    (a new exchange takes its touch's date; a touch whose date changes moves its exchanges; an
    exchange moved to another touch takes that one's). With the date in ix_exchange_open_asks,
    `netwerk asks` reads its page of the oldest open asks off the index instead of sorting
    every open ask by its touch's date."""
    run_script(
        conn,
        """
        ALTER TABLE exchange ADD COLUMN happened_on DATE;
        UPDATE exchange SET happened_on = (SELECT happened_on FROM touch WHERE id = touch_id);
        CREATE TRIGGER exchange_date_on_insert AFTER INSERT ON exchange BEGIN
            UPDATE exchange SET happened_on = (SELECT happened_on FROM touch
                WHERE id = NEW.touch_id) WHERE id = NEW.id;
        END;
        CREATE TRIGGER exchange_date_on_move AFTER UPDATE OF touch_id ON exchange BEGIN
            UPDATE exchange SET happened_on = (SELECT happened_on FROM touch
                WHERE id = NEW.touch_id) WHERE id = NEW.id;
        END;
        CREATE TRIGGER exchange_date_on_touch AFTER UPDATE OF happened_on ON touch BEGIN
            UPDATE exchange SET happened_on = NEW.happened_on WHERE touch_id = NEW.id;
        END;
        DROP INDEX ix_exchange_open_asks;
        CREATE INDEX ix_exchange_open_asks ON exchange(kind, answered_on, happened_on)
        """,
    )


@migration
@keeps_rows
def m013_circle_summary_index(conn: sqlite3.Connection) -> None:
    """`circle list` sums every membership's contact (size, within cadence, last touch): this
    narrow covering index serves those lookups by id without reading the wide contact rows
    (notes, names), about half the time of its query on 50,000 contacts."""
    run_script(
        conn,
        """
        CREATE INDEX ix_contact_circle_summary
            ON contact(id, archived, last_touch_on, cadence_days, circle_cadence)
        """,
    )


@migration
@keeps_rows
def m014_contact_keys(conn: sqlite3.Connection) -> None:
    """`_contact_keys`: what `list` sorts each contact by (`rules.names.sort_key`: 'Jan van der
    Berg' under B) and their expertise, role, company and note as `who` matches them
    (`rules.text.words`: folded, punctuation as spaces), so `list` pages through an index and
    `who` reads one narrow table, instead of both running a Python rule over every contact on
    every run (0.2-0.3 s each on 50,000 contacts). The rules need Python, which a trigger cannot
    call (nor can the sqlite3 shell, which knows no `netwerk_words`): the triggers only mark a
    contact's row stale when it is added or one of those fields changes, and every write fills
    the stale rows in before it commits (`netwerk.store.store.REFRESH`). A row still stale when
    read (the contact was changed by another program) is computed on the spot. A leading `_`:
    derived, so neither exported nor journaled; undo and restore change the contact, and the
    triggers follow."""
    run_script(
        conn,
        """
        CREATE TABLE _contact_keys (
            contact_id INTEGER NOT NULL PRIMARY KEY REFERENCES contact(id) ON DELETE CASCADE,
            sort_name TEXT,
            expertise TEXT,
            role TEXT,
            company TEXT,
            note TEXT,
            stale BOOLEAN NOT NULL DEFAULT 1
        );
        CREATE INDEX ix_contact_keys_stale ON _contact_keys(contact_id) WHERE stale = 1;
        CREATE INDEX ix_contact_keys_sort_name ON _contact_keys(sort_name);
        INSERT INTO _contact_keys (contact_id, sort_name, expertise, role, company, note, stale)
            SELECT id, netwerk_sort_name(name), netwerk_words(expertise), netwerk_words(role),
                   netwerk_words(company), netwerk_words(note), 0
            FROM contact;
        CREATE TRIGGER contact_keys_on_insert AFTER INSERT ON contact BEGIN
            INSERT OR REPLACE INTO _contact_keys (contact_id, stale) VALUES (NEW.id, 1);
        END;
        CREATE TRIGGER contact_keys_on_update AFTER UPDATE OF name, expertise, role, company,
            note ON contact BEGIN
            UPDATE _contact_keys SET stale = 1 WHERE contact_id = NEW.id;
        END
        """,
    )


@migration
@keeps_rows
def m015_due_rank_index(conn: sqlite3.Connection) -> None:
    """`kept_up`, generated: a touch was logged after the first meeting (`due` weighs the
    others half), and an index of the contacts in rank order within each (cadence, kept_up):
    there, a later due date is always a lower rank, so `due` reads the top of each of those few
    groups (a page each) and ranks only them, instead of every contact due (33,000 of 50,000
    on the stress database). A generated column changes no stored row."""
    run_script(
        conn,
        """
        ALTER TABLE contact ADD COLUMN kept_up BOOLEAN GENERATED ALWAYS AS
            (COALESCE(last_touch_on > COALESCE(met_on, ''), 0)) VIRTUAL;
        CREATE INDEX ix_contact_due_rank ON contact(due_cadence, kept_up, due_on, snoozed_until)
            WHERE archived = 0
        """,
    )


@migration
@keeps_rows
def m016_event_seen(conn: sqlite3.Connection) -> None:
    """`_event_seen`: who you saw at each event (a touch at it other than `met`) and in how
    many of its touches, kept by triggers whenever a touch gains or loses a participant, moves
    to another event or kind, or goes. `event list` counts each event's people off this table's
    key instead of reading every touch of every event (0.57 s on a million touches). A leading
    `_`: derived, so neither exported nor journaled; undo and restore change touches, and the
    triggers follow. A deleted touch's participants are taken off before it goes (its
    `touch_contact` rows still stand then; when their own cascade runs the touch is gone, so
    that trigger finds nothing left to take off)."""
    run_script(
        conn,
        """
        CREATE TABLE _event_seen (
            event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
            contact_id INTEGER NOT NULL REFERENCES contact(id) ON DELETE CASCADE,
            touches INTEGER NOT NULL,
            PRIMARY KEY (event_id, contact_id)
        );
        CREATE INDEX ix_event_seen_contact_id ON _event_seen(contact_id);
        INSERT INTO _event_seen (event_id, contact_id, touches)
            SELECT t.event_id, tc.contact_id, count(*) FROM touch t
            JOIN touch_contact tc ON tc.touch_id = t.id
            WHERE t.event_id IS NOT NULL AND t.kind != 'met'
            GROUP BY t.event_id, tc.contact_id;
        CREATE TRIGGER event_seen_on_join AFTER INSERT ON touch_contact BEGIN
            INSERT INTO _event_seen (event_id, contact_id, touches)
                SELECT t.event_id, NEW.contact_id, 1 FROM touch t
                WHERE t.id = NEW.touch_id AND t.event_id IS NOT NULL AND t.kind != 'met'
                ON CONFLICT (event_id, contact_id) DO UPDATE SET touches = touches + 1;
        END;
        CREATE TRIGGER event_seen_on_leave AFTER DELETE ON touch_contact BEGIN
            UPDATE _event_seen SET touches = touches - 1
                WHERE contact_id = OLD.contact_id AND event_id =
                    (SELECT event_id FROM touch WHERE id = OLD.touch_id AND kind != 'met');
            DELETE FROM _event_seen WHERE contact_id = OLD.contact_id AND touches <= 0;
        END;
        CREATE TRIGGER event_seen_on_move AFTER UPDATE OF touch_id, contact_id ON touch_contact
        BEGIN
            UPDATE _event_seen SET touches = touches - 1
                WHERE contact_id = OLD.contact_id AND event_id =
                    (SELECT event_id FROM touch WHERE id = OLD.touch_id AND kind != 'met');
            DELETE FROM _event_seen WHERE contact_id = OLD.contact_id AND touches <= 0;
            INSERT INTO _event_seen (event_id, contact_id, touches)
                SELECT t.event_id, NEW.contact_id, 1 FROM touch t
                WHERE t.id = NEW.touch_id AND t.event_id IS NOT NULL AND t.kind != 'met'
                ON CONFLICT (event_id, contact_id) DO UPDATE SET touches = touches + 1;
        END;
        CREATE TRIGGER event_seen_on_touch_delete BEFORE DELETE ON touch BEGIN
            UPDATE _event_seen SET touches = touches - 1
                WHERE event_id = OLD.event_id AND OLD.kind != 'met'
                  AND contact_id IN (SELECT contact_id FROM touch_contact WHERE touch_id = OLD.id);
            DELETE FROM _event_seen WHERE event_id = OLD.event_id AND touches <= 0;
        END;
        CREATE TRIGGER event_seen_on_touch_change AFTER UPDATE OF event_id, kind ON touch BEGIN
            UPDATE _event_seen SET touches = touches - 1
                WHERE event_id = OLD.event_id AND OLD.kind != 'met'
                  AND contact_id IN (SELECT contact_id FROM touch_contact WHERE touch_id = OLD.id);
            DELETE FROM _event_seen WHERE event_id = OLD.event_id AND touches <= 0;
            INSERT INTO _event_seen (event_id, contact_id, touches)
                SELECT NEW.event_id, tc.contact_id, 1 FROM touch_contact tc
                WHERE tc.touch_id = NEW.id AND NEW.event_id IS NOT NULL AND NEW.kind != 'met'
                ON CONFLICT (event_id, contact_id) DO UPDATE SET touches = touches + 1;
        END
        """,
    )
