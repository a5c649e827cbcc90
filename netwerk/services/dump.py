"""netwerk's own JSON format: every table, every column, restorable exactly.

The dump is generic over `SQLModel.metadata.sorted_tables` (foreign-key order), so any table a
later migration adds is carried without work here. Shape (documented in the README):

    {"format": "netwerk", "format_version": 1, "schema_version": N, "exported_on": "…",
     "tables": {"contact": {"columns": ["id", "name", …], "rows": [[1, "Piet", …], …]}, …}}

Values are SQLite's own (dates as ISO text, booleans as 0/1), so a restore writes back exactly
what was read. Restoring needs an empty database; into one that has contacts, the dump's
contacts are merged like any other import (matched by uid first), and the rest is left out.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, text
from sqlmodel import SQLModel

from netwerk.errors import BadInput
from netwerk.formats.record import ContactRecord, ParseResult
from netwerk.i18n import _
from netwerk.rules.records import ordered, word_for

if TYPE_CHECKING:
    from netwerk.store.store import Store

FORMAT = "netwerk"
FORMAT_VERSION = 1


def _tables() -> list[Table]:
    import netwerk.store.models  # noqa: F401  (registers the tables on the metadata)

    # a leading `_` marks the database's own bookkeeping (the undo journal): not data
    return [t for t in SQLModel.metadata.sorted_tables if not t.name.startswith("_")]


def _order(table: Table) -> str:
    return ", ".join(f'"{c.name}"' for c in table.primary_key.columns) or "rowid"


def export_json(store: Store, *, today: date) -> dict[str, Any]:
    """The whole database as one JSON-ready dict."""
    session = store.orm()
    from netwerk.store.migrations import schema_version

    conn = session.connection()
    tables: dict[str, Any] = {}
    for table in _tables():
        columns = [c.name for c in table.columns]
        listed = ", ".join(f'"{c}"' for c in columns)
        rows = conn.execute(text(f'SELECT {listed} FROM "{table.name}" ORDER BY {_order(table)}'))
        tables[table.name] = {"columns": columns, "rows": [list(r) for r in rows]}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": schema_version(),
        "exported_on": today.isoformat(),
        "tables": tables,
    }


def read_dump(path: Path) -> dict[str, Any]:
    """Load and check a dump file; anything else is one clear BadInput."""
    from netwerk.store.migrations import schema_version

    if not path.is_file():
        raise BadInput(_("No such file: {path}.").format(path=path))
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError) as e:
        raise BadInput(
            _("{path} is not a netwerk JSON export ({problem}).").format(path=path, problem=e)
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadInput(
            _('{path} is not a netwerk JSON export (no "format": "netwerk").').format(path=path)
        )
    if data.get("format_version") != FORMAT_VERSION:
        raise BadInput(
            _("{path} has format version {found!r}; this netwerk reads version {version}.").format(
                path=path, found=data.get("format_version"), version=FORMAT_VERSION
            )
        )
    version = data.get("schema_version")
    if not isinstance(version, int) or version > schema_version():
        raise BadInput(
            _("{path} was written by a newer netwerk (schema {version}); upgrade first.").format(
                path=path, version=version
            )
        )
    tables = data.get("tables")
    known = {t.name: t for t in _tables()}
    if not isinstance(tables, dict):
        raise BadInput(_('{path} has no "tables".').format(path=path))
    for name, body in tables.items():
        if name not in known:
            raise BadInput(
                _("{path} has a table '{name}' this netwerk does not know.").format(
                    path=path, name=name
                )
            )
        columns = body.get("columns") if isinstance(body, dict) else None
        rows = body.get("rows") if isinstance(body, dict) else None
        if not isinstance(columns, list) or not isinstance(rows, list):
            raise BadInput(
                _('{path}: table \'{name}\' needs "columns" and "rows" lists.').format(
                    path=path, name=name
                )
            )
        unknown = set(columns) - {c.name for c in known[name].columns}
        if unknown:
            raise BadInput(
                _("{path}: table '{name}' has unknown columns {unknown}.").format(
                    path=path, name=name, unknown=sorted(unknown)
                )
            )
        if any(not isinstance(r, list) or len(r) != len(columns) for r in rows):
            raise BadInput(
                _("{path}: a row of table '{name}' does not match its columns.").format(
                    path=path, name=name
                )
            )
    return data


def is_empty(store: Store) -> bool:
    session = store.orm()
    conn = session.connection()
    return all(
        conn.execute(text(f'SELECT 1 FROM "{t.name}" LIMIT 1')).first() is None for t in _tables()
    )


def restore_json(store: Store, data: dict[str, Any]) -> dict[str, Any]:
    """Write every row of a checked dump into an empty database, ids and all."""
    session = store.orm()
    from sqlalchemy.exc import IntegrityError

    conn = session.connection()
    # Rows may point forward (a contact introduced by one with a higher id): check foreign
    # keys once at the end of the restore instead of row by row. Reset at commit by SQLite.
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    counts: dict[str, int] = {}
    for table in _tables():
        body = data["tables"].get(table.name)
        if not body or not body["rows"]:
            continue
        columns = body["columns"]
        listed = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join(f":p{i}" for i in range(len(columns)))
        params = [{f"p{i}": v for i, v in enumerate(row)} for row in body["rows"]]
        try:
            conn.execute(text(f'INSERT INTO "{table.name}" ({listed}) VALUES ({marks})'), params)
        except IntegrityError as e:
            raise BadInput(
                _("The export does not fit together in '{name}': {orig}.").format(
                    name=table.name, orig=e.orig
                )
            ) from None
        kinds = [row[columns.index("kind")] for row in body["rows"]] if "kind" in columns else []
        for i in range(len(params)):
            word = word_for(table.name, kinds[i] if kinds else None)
            if word:
                counts[word] = counts.get(word, 0) + 1
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").first()
    if broken is not None:
        raise BadInput(
            _(
                "The export does not fit together in '{table}': row {row} points to a "
                "missing row of '{target}'."
            ).format(table=broken[0], row=broken[1], target=broken[2])
        )
    # A dump from before contacts had uids: give them one, as the migration did.
    for (cid,) in conn.execute(text("SELECT id FROM contact WHERE uid IS NULL")).all():
        from uuid import uuid4

        conn.execute(
            text("UPDATE contact SET uid = :u WHERE id = :id"), {"u": str(uuid4()), "id": cid}
        )
    return {"restored": ordered(counts)}


def dump_records(data: dict[str, Any]) -> ParseResult:
    """The contacts of a dump as ContactRecords, to merge into a database that has some."""
    try:
        return _dump_records(data)
    except (KeyError, TypeError, ValueError) as e:
        raise BadInput(
            _("The export's contacts do not fit together ({problem!r}).").format(problem=e)
        ) from None


def _dump_records(data: dict[str, Any]) -> ParseResult:
    def rows(name: str) -> list[dict[str, Any]]:
        body = data["tables"].get(name) or {"columns": [], "rows": []}
        return [dict(zip(body["columns"], r, strict=True)) for r in body["rows"]]

    circles = {c["id"]: c["name"] for c in rows("circle")}
    records: dict[Any, ContactRecord] = {}
    for c in rows("contact"):
        birthday = (
            (c.get("birthday_year"), c["birthday_month"], c["birthday_day"])
            if c.get("birthday_month") and c.get("birthday_day")
            else None
        )
        records[c["id"]] = ContactRecord(
            name=c["name"],
            uid=c.get("uid"),
            company=c.get("company"),
            role=c.get("role"),
            city=c.get("city"),
            note=c.get("note"),
            birthday=birthday,
            met_on=date.fromisoformat(c["met_on"]) if c.get("met_on") else None,
        )
    for a in rows("alias"):
        records[a["contact_id"]].aliases.append(a["name"])
    lists = {"email": "emails", "phone": "phones", "url": "urls", "social": "socials"}
    for d in rows("detail"):
        if d["kind"] in lists:
            getattr(records[d["contact_id"]], lists[d["kind"]]).append(d["value"])
    for m in rows("contact_circle"):
        records[m["contact_id"]].circles.append(circles[m["circle_id"]])
    return ParseResult(list(records.values()), [])
