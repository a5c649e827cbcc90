"""Query guards for every everyday command (issue 16, target 6), beside `test_scale.py`'s.

For each command of issue 16's target 1 (add, log, give, ask, intro, show, list, due, who,
path, snooze, archive, edit, circle list, asks, intros, event list, goal list, touch edit and
delete):

- the number of SQL statements is the same on a generated database and on one ten times
  larger (no query per row, per touch or per ask), counted with `test_scale`'s trace callback;
- no statement scans a table that grows with the network (contacts, touches, memberships,
  gives and asks, …) end to end, read off EXPLAIN QUERY PLAN on the larger database, except the
  few passes a command needs by what it shows, each named in `WHOLE_PASSES` with the reason.

Writing commands run on a fresh copy of each database, so every run starts from the same data.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_scale import traced

# The tables that grow with the network; a SCAN of one of them reads all of it.
GROWING = (
    "touch_contact",
    "touch",
    "contact_circle",
    "contact",
    "exchange",
    "alias",
    "knows",
    "intro",
    "offer",
    "_contact_keys",
    "_event_seen",
)

# (command, table) pairs whose whole pass is what the command is: why each one is allowed.
WHOLE_PASSES = {
    # `who` matches the stored words of every contact's expertise, role, company and note
    # (m014's narrow table; the contact rows are read for the matches alone)
    ("who", "_contact_keys"),
    # `circle list` counts each circle's members and how many of them are within cadence, and
    # how many people are in two circles or more (the bridges' "… and N more")
    ("circle list", "contact_circle"),
    # `intros` counts the introductions for its "… and N more" line (a covering index)
    ("intros", "intro"),
    # `asks` counts the open asks for its "… and N more" line (ix_exchange_open_asks: the
    # open asks alone, not every exchange)
    ("asks", "exchange"),
    # `add` warns when the new name already finds someone: it looks the name up as a prefix
    # and as a family name ('% jansen') in every name and alias, which no index serves (a
    # name that resolves exactly, as `show NAME` does, is one index lookup)
    ("add", "contact"),
    ("add", "alias"),
}
# (command, table) pairs whose whole pass is allowed in a count alone: `due` counts everyone
# due for its "… and N more" line (ix_contact_due), while its page must come off the index
COUNTS = {("due", "contact")}


def _picks(path: Path) -> dict[str, str]:
    """People and ids to run the commands on, chosen by rank so both sizes pick alike."""
    conn = sqlite3.connect(path)
    try:
        people = [
            name
            for (name,) in conn.execute(
                "SELECT c.name FROM contact c JOIN touch_contact tc ON tc.contact_id = c.id "
                "WHERE c.archived = 0 GROUP BY c.id ORDER BY count(*), c.id"
            )
        ]
        person, other = people[len(people) // 2], people[len(people) // 3]
        # a touch's statements follow its participants: two on both sizes, a plain kind
        (touch,) = conn.execute(
            "SELECT max(t.id) FROM touch t WHERE t.kind IN ('coffee', 'call', 'lunch') "
            "AND (SELECT count(*) FROM touch_contact tc WHERE tc.touch_id = t.id) = 2"
        ).fetchone()
        (circle,) = conn.execute("SELECT name FROM circle ORDER BY id LIMIT 1").fetchone()
    finally:
        conn.close()
    return {"person": person, "other": other, "touch": str(touch), "circle": circle}


COMMANDS: dict[str, Callable[[dict[str, str]], list[str]]] = {
    "add": lambda p: [
        "add",
        "Guard Persoon",
        "--force",
        "--met",
        "2026-11-01",
        "--circle",
        p["circle"],
    ],  # fmt: skip
    "log": lambda p: ["log", p["person"], "--kind", "call", "--when", "2026-11-20"],
    "give": lambda p: ["give", p["person"], "een tip", "--when", "2026-11-20"],
    "ask": lambda p: ["ask", p["person"], "een introductie", "--when", "2026-11-20"],
    "intro": lambda p: [
        "intro",
        p["person"],
        p["other"],
        "--why",
        "beide in de logistiek",
        "--when",
        "2026-11-20",
    ],  # fmt: skip
    "show": lambda p: ["show", p["person"]],
    "list": lambda p: ["list", "--limit", "20"],
    "due": lambda p: ["due"],
    "who": lambda p: ["who", "Python"],
    "path": lambda p: ["path", p["person"]],
    "snooze": lambda p: ["snooze", p["other"], "2026-12-31"],
    "archive": lambda p: ["archive", p["other"]],
    "edit": lambda p: ["edit", p["person"], "--company", "Acme"],
    "circle list": lambda p: ["circle", "list"],
    "asks": lambda p: ["asks"],
    "asks --all": lambda p: ["asks", "--all"],
    "intros": lambda p: ["intros"],
    "event list": lambda p: ["event", "list"],
    "goal list": lambda p: ["goal", "list"],
    "touch edit": lambda p: ["touch", "edit", p["touch"], "--note", "bijgewerkt"],
    "touch delete": lambda p: ["touch", "delete", p["touch"], "--yes"],
}


def _statements(label: str, source: Path, tmp_path: Path, run, monkeypatch) -> list[str]:
    """The statements `label` runs on a fresh copy of `source`."""
    target = tmp_path / f"{source.stem}-{label.replace(' ', '-')}.db"
    shutil.copy(source, target)
    monkeypatch.setenv("NETWERK_DB", str(target))
    run.ok("where")  # migrate before tracing: migrations are not the command's statements
    picks = _picks(source)
    if label.startswith("touch"):  # the same touch on both sizes: two people, one call
        run.ok("log", picks["person"], picks["other"], "--kind", "call", "--when", "2026-11-20")
        conn = sqlite3.connect(target)
        picks["touch"] = str(conn.execute("SELECT max(id) FROM touch").fetchone()[0])
        conn.close()
    with traced(monkeypatch) as statements:
        run.ok(*COMMANDS[label](picks))
    return statements


# `touch delete` differs by one statement between the sizes (a data-dependent branch, not a
# loop over rows: 194 / 193 on 50 / 500 contacts); to be looked into
COUNT_VARIES = {"touch delete"}


@pytest.mark.parametrize("label", [label for label in COMMANDS if label not in COUNT_VARIES])
def test_statement_count_does_not_grow(label, databases, tmp_path, run, monkeypatch):
    """The same command runs the same number of statements on 50 and on 500 contacts."""
    counts = {
        size: len(_statements(label, path, tmp_path, run, monkeypatch))
        for size, path in databases.items()
    }
    assert counts["small"] == counts["large"], counts
    assert counts["small"] > 0


_WORD = r"[A-Za-z_][A-Za-z0-9_]*"
_NOT_ALIAS = {"on", "where", "join", "group", "order", "limit", "inner", "left", "using", "set",
              "indexed", "cross", "natural", "values", "select", "as", "when", "and", "or",
              "union", "having", "window", "not", "is", "in", "then"}  # fmt: skip


def growing_names(sql: str) -> dict[str, str]:
    """Name in a query plan -> growing table, for every growing table `sql` reads."""
    names: dict[str, str] = {}
    for table in GROWING:
        pattern = rf"\b(?:FROM|JOIN|UPDATE|INTO)\s+\"?{table}\"?(?:\s+(?:AS\s+)?({_WORD}))?"
        for alias in re.findall(pattern, sql, re.IGNORECASE):
            names[table] = table
            if alias and alias.lower() not in _NOT_ALIAS:
                names[alias.lower()] = table
    return names


def whole_passes(conn: sqlite3.Connection, sql: str) -> list[tuple[str, str]]:
    """(growing table, plan line) for every plan line of `sql` that reads a growing table end
    to end: a SCAN of it, through an index or not. An ordered walk that stops at a LIMIT (a
    page by name) is no whole pass: a plan line cannot say so, `_stops_early` does."""
    names = growing_names(sql)
    if not names:
        return []
    plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
    # a scan of a partial index for a few rows (ix_contact_thanks: introducers still to thank)
    # reads only those; one that keeps everyone not archived (ix_contact_due) is no exception
    partial = {
        name.lower()
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql LIKE '% WHERE %' "
            "AND sql NOT LIKE '%WHERE archived = 0'"
        )
    }
    plan = [d for d in plan if not any(f"index {name}" in d.lower() for name in partial)]
    # `FROM (SELECT … FROM intro i …) i`: a scan of the materialized page, not of the table
    materialized = {
        m.group(1).lower() for d in plan if (m := re.match(rf"MATERIALIZE ({_WORD})", d))
    }
    found = []
    for detail in plan:
        scan = re.match(rf"SCAN ({_WORD})", detail) or _broad_search(detail)
        if scan and scan.group(1).lower() in names and scan.group(1).lower() not in materialized:
            found.append((names[scan.group(1).lower()], detail))
    return found


# columns with a handful of values: an index search on them alone reads a share of the table
# (every give, every open ask), not a few rows
_BROAD = {"kind", "archived", "answered_on"}


def _broad_search(detail: str) -> re.Match[str] | None:
    """`SEARCH e USING INDEX ix_exchange_open_asks (kind=?)`: a search whose every constraint
    is on a few-valued column, which reads as much as a scan of that part of the table; or
    `SEARCH c USING INDEX ix_contact_last_touch_on (last_touch_on>?)`: a range open at the
    top, which is what `last_touch_on IS NOT NULL` becomes, and reads every touched row."""
    search = re.match(rf"SEARCH ({_WORD}) USING (?:COVERING )?INDEX {_WORD} \(([^)]*)\)", detail)
    if search is None:
        return None
    constraints = search.group(2)
    columns = set(re.findall(r"(\w+)\s*[=<>]", constraints))
    if columns and columns <= _BROAD:
        return search
    return search if re.fullmatch(r"\w+[<>]\?", constraints) else None


def _stops_early(conn: sqlite3.Connection, sql: str, detail: str) -> bool:
    """A walk in index order under an ORDER BY … LIMIT n (n ≥ 0): it reads a page, not all.
    Not when the statement sorts its result afterwards (a temporary B-tree for the ORDER BY):
    then the LIMIT cuts what was all read and sorted."""
    ordered = "USING INDEX" in detail or "USING COVERING INDEX" in detail
    limit = re.search(r"\bLIMIT\s+(\d+)\s*$", sql.strip().rstrip(";"), re.IGNORECASE)
    if not ordered or limit is None:
        return False
    plan = conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()
    return not any(parent == 0 and d == "USE TEMP B-TREE FOR ORDER BY" for _, parent, _, d in plan)


_READS = ("SELECT", "WITH", "UPDATE", "DELETE", "INSERT")


def _allowed(command: str, table: str, sql: str) -> bool:
    if (command, table) in WHOLE_PASSES:
        return True
    return (command, table) in COUNTS and re.match(r"\s*SELECT count\(\*\)", sql) is not None


@pytest.mark.parametrize("label", list(COMMANDS))
def test_no_whole_pass_where_an_index_serves(label, databases, tmp_path, run, monkeypatch):
    """EXPLAIN QUERY PLAN of every statement: no growing table read end to end, but for the
    passes `WHOLE_PASSES` names."""
    statements = _statements(label, databases["large"], tmp_path, run, monkeypatch)
    conn = sqlite3.connect(databases["large"])
    try:
        for function in ("netwerk_fold", "netwerk_words", "netwerk_sort_name"):
            conn.create_function(function, -1, lambda *a: "", deterministic=True)
        passes = [
            f"{detail}  <-  {sql.strip()[:240]}"
            for sql in statements
            if sql.lstrip().upper().startswith(_READS)
            for table, detail in whole_passes(conn, sql)
            if not _allowed(label.split(" --")[0], table, sql)
            and not _stops_early(conn, sql, detail)
        ]
    finally:
        conn.close()
    assert passes == []


def test_the_detector_sees_a_whole_pass(databases):
    """The plan check above can fail: an unindexed filter on contacts is a whole pass."""
    conn = sqlite3.connect(databases["small"])
    try:
        assert whole_passes(conn, "SELECT id FROM contact c WHERE c.company = 'Acme'")
        assert not whole_passes(conn, "SELECT id FROM contact c WHERE c.id = 3")
        touched = "SELECT id FROM contact c WHERE c.last_touch_on IS NOT NULL AND c.note = 'x'"
        assert whole_passes(conn, touched)
        assert _stops_early(conn, "SELECT 1 FROM contact c ORDER BY c.name_key LIMIT 20",
                            "SCAN c USING INDEX ix_contact_name_key")  # fmt: skip
        # sorted after reading all: the LIMIT saves nothing
        sorted_after = "SELECT 1 FROM contact c WHERE c.name_key > '' ORDER BY c.note LIMIT 20"
        walk = "SEARCH c USING INDEX ix_contact_name_key (name_key>?)"
        assert not _stops_early(conn, sorted_after, walk)
    finally:
        conn.close()
