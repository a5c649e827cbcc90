"""Scale guards (issue 5): deterministic, not timed.

- The number of SQL statements a read command runs does not grow with the number of contacts or
  touches (no query per row): each command runs on a small and a ten times larger database
  built by the benchmark generator, and the counts must be equal.
- The queries of `due` and `show` use indexes: no full scan of `touch` or `touch_contact`.
- Start-up stays light: `--help`, `--version`, `where` and completion import no SQLAlchemy,
  SQLModel, models, dateparser, vobject or icalendar, and `due` imports no SQLAlchemy either.

Statements are counted with sqlite3's trace callback on the command's own connection (wrapped
around the real `netwerk.store.db.connect`), not SQLAlchemy's `before_cursor_execute`: `due` runs on
plain sqlite3 and would be invisible to a SQLAlchemy event, while the trace callback sees every
statement of both paths, with its parameters expanded (which the query plan check reuses).
"""

from __future__ import annotations

import importlib.util
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from netwerk.cli import app
from netwerk.store import db


@contextmanager
def traced(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every SQL statement the commands run (after connecting and migrating), expanded."""
    statements: list[str] = []
    real_connect = db.connect

    def connect(path: Path, **options: bool) -> sqlite3.Connection:
        conn = real_connect(path, **options)
        conn.set_trace_callback(statements.append)
        return conn

    with monkeypatch.context() as m:
        m.setattr(db, "connect", connect)
        yield statements


def busiest_contact(path: Path) -> str:
    """The contact with the longest timeline: the worst case for a query per touch."""
    conn = sqlite3.connect(path)
    try:
        (name,) = conn.execute(
            "SELECT c.name FROM contact c JOIN touch_contact tc ON tc.contact_id = c.id "
            "GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    return name


def first_circle(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT name FROM circle ORDER BY id LIMIT 1").fetchone()[0]
    finally:
        conn.close()


def has_command(name: str) -> bool:
    return any(
        (c.name or (c.callback.__name__ if c.callback else "")) == name
        for c in app.registered_commands
    )


# label -> arguments, given the database (so names and circles come from its data).
# Issue 3's `who` joins this table once it exists (it is skipped until then).
COMMANDS: dict[str, Callable[[Path], list[str]]] = {
    "due": lambda p: ["due"],
    "due --limit 0": lambda p: ["due", "--limit", "0", "--json"],
    "due --circle": lambda p: ["due", "--circle", first_circle(p)],
    "show": lambda p: ["show", busiest_contact(p)],
    "show --json": lambda p: ["show", busiest_contact(p), "--json"],
    "list": lambda p: ["list"],
    "list --limit 20": lambda p: ["list", "--limit", "20"],
    "list --search": lambda p: ["list", "--search", "van"],
    "log": lambda p: ["log", busiest_contact(p), "--kind", "call"],
    "who": lambda p: ["who", "Python"],
    "stats": lambda p: ["stats"],
    "stats --json --circle": lambda p: ["stats", "--json", "--circle", first_circle(p)],
    "graph": lambda p: ["graph"],
    "graph --around --depth 2": lambda p: ["graph", "--around", busiest_contact(p), "--depth", "2"],
}


@pytest.mark.parametrize("label", list(COMMANDS))
def test_statement_count_does_not_grow(label, databases, run, monkeypatch):
    """The same command runs the same number of statements on 50 and on 500 contacts."""
    if not has_command(label.split()[0]):
        pytest.skip(f"no `{label.split()[0]}` command yet")
    counts = {}
    for size, path in databases.items():
        monkeypatch.setenv("NETWERK_DB", str(path))
        with traced(monkeypatch) as statements:
            run.ok(*COMMANDS[label](path))
        counts[size] = len(statements)
    assert counts["small"] == counts["large"], counts
    assert counts["small"] > 0


# `touch t2 ON`, `touch_contact tc WHERE`, `FROM touch WHERE`: the name a table goes by in a plan
_TABLE = re.compile(r"\b(touch_contact|touch)\b(?:\s+(?:AS\s+)?(\w+))?", re.IGNORECASE)
_KEYWORDS = {"on", "where", "join", "group", "order", "limit", "inner", "left", "using", "set"}


def touch_aliases(sql: str) -> set[str]:
    names = set()
    for table, alias in _TABLE.findall(sql):
        names.add(table.lower())
        if alias and alias.lower() not in _KEYWORDS:
            names.add(alias.lower())
    return names


def full_scans(conn: sqlite3.Connection, sql: str) -> list[str]:
    """Plan lines that scan `touch` or `touch_contact` end to end."""
    aliases = touch_aliases(sql)
    if not aliases:
        return []
    plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
    scans = []
    for detail in plan:
        found = re.match(r"SCAN (\w+)", detail)
        if found and found.group(1).lower() in aliases:
            scans.append(f"{detail}  <-  {sql.strip()[:200]}")
    return scans


@pytest.mark.parametrize("command", ["due", "show"])
def test_due_and_show_use_indexes(command, databases, run, monkeypatch):
    """EXPLAIN QUERY PLAN of every statement `due`/`show` run: touches are searched by index."""
    path = databases["large"]
    monkeypatch.setenv("NETWERK_DB", str(path))
    with traced(monkeypatch) as statements:
        run.ok(*COMMANDS[command](path))
    reads = [s for s in statements if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert any(touch_aliases(s) for s in reads), "no query on touches was traced"
    conn = sqlite3.connect(path)
    try:
        scans = [line for sql in reads for line in full_scans(conn, sql)]
    finally:
        conn.close()
    assert scans == []


def test_due_reads_due_contacts_off_an_index(databases, run, monkeypatch):
    """The ranking and the thanks read only the contacts due (ix_contact_due) or still to be
    thanked (ix_contact_thanks), never every contact."""
    path = databases["large"]
    monkeypatch.setenv("NETWERK_DB", str(path))
    with traced(monkeypatch) as statements:
        run.ok(*COMMANDS["due"](path))
    conn = sqlite3.connect(path)
    try:
        plans = {
            sql: [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
            for sql in statements
            if "c.due_on <=" in sql or "c.thanks_pending = 1" in sql
        }
    finally:
        conn.close()
    assert len(plans) == 3  # ranking, count, thanks
    for sql, plan in plans.items():
        index = "ix_contact_due" if "due_on" in sql else "ix_contact_thanks"
        assert any(index in line for line in plan), (sql, plan)
        assert "SCAN c" not in plan, (sql, plan)  # a scan of the whole table


def test_full_scan_detector_catches_a_scan(databases):
    """The plan check above can fail: an unindexed filter on touches is reported."""
    conn = sqlite3.connect(databases["small"])
    try:
        assert full_scans(conn, "SELECT count(*) FROM touch t WHERE t.kind = 'call'")
        assert not full_scans(conn, "SELECT * FROM touch t WHERE t.id = 3")
    finally:
        conn.close()


HEAVY = (
    "sqlalchemy",
    "sqlmodel",
    "pydantic",
    "netwerk.store.models",
    "dateparser",
    "vobject",
    "icalendar",
)


def imported_after(
    args: list[str], env: dict[str, str], modules: tuple[str, ...] = HEAVY
) -> list[str]:
    """Which of `modules` (HEAVY ones by default) a real process has imported after running
    the CLI with `args` (which must succeed)."""
    code = (
        "import sys\nfrom netwerk.cli import app\n"
        f"try:\n    app({args!r}, prog_name='netwerk')\nexcept SystemExit as e:\n"
        "    assert e.code in (0, None), f'exit {e.code}'\n"
        f"print('HEAVY', [m for m in {modules!r} if m in sys.modules], file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    line = [x for x in done.stderr.splitlines() if x.startswith("HEAVY ")]
    assert line, done.stderr
    return eval(line[0][6:])  # a list literal we printed ourselves


@pytest.mark.parametrize(
    "args", [["--help"], ["--version"], ["where"], ["due", "--help"], ["show", "--help"]]
)
def test_startup_commands_stay_light(args, tmp_path):
    env = {**os.environ, "NETWERK_DB": str(tmp_path / "n.db")}
    assert imported_after(args, env) == []


def test_dutch_help_stays_light(tmp_path):
    """The Dutch help (target 3 holds it to the floor too) loads the catalog, nothing heavy."""
    env = {**os.environ, "NETWERK_DB": str(tmp_path / "n.db"), "NETWERK_LANG": "nl"}
    assert imported_after(["--help"], env) == []


def test_completion_stays_light(tmp_path, run, monkeypatch):
    """Tab completion re-runs the program on every keystroke: it must not load the ORM."""
    path = tmp_path / "n.db"
    monkeypatch.setenv("NETWERK_DB", str(path))
    run.ok("add", "Piet Jansen", "--met", "2026-01-01")
    env = {
        **os.environ,
        "NETWERK_DB": str(path),
        "_NETWERK_COMPLETE": "complete_bash",
        "COMP_WORDS": "netwerk show Pi",
        "COMP_CWORD": "2",
    }
    assert imported_after([], env) == []


# Target 1 of issue 16: the everyday commands, each as a user types it every day (dates in the
# common forms, which never need dateparser)
EVERYDAY = [
    ["add", "Nieuw Iemand", "--met", "gisteren", "--circle", "BNI", "--email", "n@example.nl"],
    ["log", "{name}", "--note", "koffie", "--when", "2026-11-20", "--gave", "een tip"],
    ["give", "{name}", "een boek"],
    ["ask", "{name}", "een introductie"],
    ["intro", "{name}", "{other}", "--why", "beide in de logistiek"],
    ["show", "{name}"],
    ["show", "{name}", "--json"],
    ["list"],
    ["list", "--circle", "{circle}", "--json"],
    ["due"],
    ["due", "--json", "--limit", "0"],
    ["who", "logistiek"],
    ["path", "{name}"],
    ["snooze", "{name}", "volgende week"],
    ["archive", "{other}"],
    ["edit", "{name}", "--company", "Acme", "--every", "2w", "--alias", "Pietje"],
    ["circle", "list"],
    ["asks"],
    ["intros"],
    ["event", "list"],
    ["goal", "list"],
    ["touch", "edit", "{touch}", "--when", "gisteren", "--kind", "lunch", "--note", "bij Piet"],
    ["touch", "delete", "{touch}", "--yes"],
    ["undo"],
]


@pytest.fixture(scope="module")
def everyday_db(databases, tmp_path_factory):
    """A copy of the small database the everyday commands may write to."""
    import shutil

    path = tmp_path_factory.mktemp("everyday") / "n.db"
    shutil.copy(databases["small"], path)
    return path


@pytest.mark.parametrize("args", EVERYDAY, ids=" ".join)
def test_everyday_commands_stay_light(everyday_db, args):
    """None of the everyday commands imports SQLAlchemy, SQLModel, pydantic, dateparser,
    vobject or icalendar (issue 16, target 5): they run on the Store's plain sqlite3."""
    conn = sqlite3.connect(everyday_db)
    (circle,) = conn.execute("SELECT name FROM circle ORDER BY id LIMIT 1").fetchone()
    (touch,) = conn.execute(
        "SELECT max(id) FROM touch WHERE kind NOT IN ('intro', 'ask', 'give')"
    ).fetchone()
    conn.close()
    words = [a.format(name="#1", other="#2", circle=circle, touch=touch) for a in args]
    env = {**os.environ, "NETWERK_DB": str(everyday_db), "NETWERK_TODAY": "2026-11-22"}
    assert imported_after(words, env) == []


def test_due_runs_without_sqlalchemy(databases, tmp_path):
    """`due` runs every morning: its whole path (query and render) stays on plain sqlite3."""
    env = {**os.environ, "NETWERK_DB": str(databases["small"]), "NETWERK_TODAY": "2026-11-22"}
    assert imported_after(["due"], env) == []
    assert imported_after(["due", "--json", "--limit", "0"], env) == []


@pytest.mark.parametrize(
    "fmt, name", [("linkedin", "linkedin_connections.csv"), ("google", "google_current.csv")]
)
def test_imports_run_without_sqlalchemy(tmp_path, fmt, name):
    """Importing thousands of rows writes in bulk on plain sqlite3: no ORM, no SQLAlchemy."""
    source = Path(__file__).parent / "fixtures" / "formats" / name
    db = tmp_path / "n.db"
    env = {**os.environ, "NETWERK_DB": str(db), "NETWERK_TODAY": "2026-11-22"}
    assert imported_after(["import", fmt, str(source)], env) == []
    count = sqlite3.connect(db).execute("SELECT count(*) FROM contact").fetchone()[0]
    assert count > 0  # it did import


# `netwerk review`'s single-key input and screens: loaded by no other command
REVIEW = ("netwerk.cli.keys", "netwerk.output.render_review", "netwerk.services.review", "tty")


@pytest.mark.parametrize(
    "args",
    [["--help"], ["review", "--help"], ["due"], ["stats"], ["graph"], ["show", "#1"], ["list"]],
)
def test_nothing_of_review_loads_for_other_commands(args, databases):
    env = {**os.environ, "NETWERK_DB": str(databases["small"]), "NETWERK_TODAY": "2026-11-22"}
    assert all(importlib.util.find_spec(m) for m in REVIEW)  # no typo makes the check vacuous
    assert imported_after(args, env, REVIEW) == []


def test_graph_runs_without_sqlalchemy(databases):
    env = {**os.environ, "NETWERK_DB": str(databases["small"]), "NETWERK_TODAY": "2026-11-22"}
    assert imported_after(["graph"], env) == []
    assert imported_after(["graph", "--json", "--limit", "0"], env) == []


def test_who_and_path_run_without_sqlalchemy(databases):
    """`who` and `path` are plain SQL too: on 50,000 contacts SQLAlchemy's import was half of
    their time."""
    env = {**os.environ, "NETWERK_DB": str(databases["small"]), "NETWERK_TODAY": "2026-11-22"}
    assert imported_after(["who", "logistiek"], env) == []
    assert imported_after(["who", "logistiek", "--json"], env) == []
    name = sqlite3.connect(databases["small"]).execute("SELECT name FROM contact").fetchone()[0]
    assert imported_after(["path", name], env) == []


@pytest.fixture
def long_timeline(run, people):
    """Piet with 25 touches (the 'met' one and 24 logged), Klaas at every third."""
    people("Piet Jansen", "Klaas Bakker", met="2025-01-01")
    for day in range(1, 25):
        names = ["Piet", "Klaas"] if day % 3 == 0 else ["Piet"]
        run.ok("log", *names, "--when", f"2025-02-{day:02d}", "--note", f"nummer {day}")


def test_show_pages_the_timeline_newest_first(run, long_timeline):
    profile = run.json("show", "Piet", "--limit", "20")
    assert profile["touches_total"] == 25
    assert [t["note"] for t in profile["touches"]] == [f"nummer {d}" for d in range(24, 4, -1)]
    assert [
        p["name"] for t in profile["touches"] if t["note"] == "nummer 24" for p in t["with"]
    ] == ["Klaas Bakker"]
    assert [t["with"] for t in profile["touches"] if t["note"] == "nummer 23"] == [[]]
    three = run.json("show", "Piet", "--limit", "3")
    assert [t["note"] for t in three["touches"]] == ["nummer 24", "nummer 23", "nummer 22"]
    everything = run.json("show", "Piet", "--limit", "0")
    assert len(everything["touches"]) == everything["touches_total"] == 25
    assert everything["touches"][-1]["kind"] == "met"


def test_show_says_how_many_older_touches_are_hidden(run, long_timeline):
    paged = run.ok("show", "Piet", "--limit", "20")
    assert "… and 5 older touches (leave out --limit to see all)." in paged.stderr
    assert "nummer 4" not in paged.stdout and "nummer 5" in paged.stdout
    one_left = run.ok("show", "Piet", "--limit", "24")
    assert "… and 1 older touch (leave out --limit to see all)." in one_left.stderr
    whole = run.ok("show", "Piet")
    assert "older" not in whole.stderr and "nummer 4" in whole.stdout


def test_show_refuses_a_negative_limit(run, long_timeline, unchanged):
    with unchanged():
        result = run.fails("show", "Piet", "--limit", "-1", code=2)
    assert "--limit" in result.output
