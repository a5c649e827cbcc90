"""merge, backup, spread, `due --unknown` and shell completion."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import date

import pytest

from netwerk.services.housekeeping import merge_contacts
from netwerk.services.schedule import spread
from netwerk.store.store import open_store
from tests.conftest import TODAY


def unknown(run, *names: str) -> None:
    """Contacts with no known touch, as an import makes them."""
    for name in names:
        run.ok("add", name)
    db = sqlite3.connect(os.environ["NETWERK_DB"])
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("DELETE FROM touch")
    db.execute("UPDATE contact SET last_touch_on = NULL, met_on = NULL")
    db.commit()
    db.close()


# ------------------------------------------------------------------------------------ merge


def test_merge_moves_everything_and_keeps_b_as_alias(run, people):
    people("Piet Jansen", email="piet@example.nl", circle="BNI", met="2026-05-01")
    run.ok(
        "add",
        "P. Jansen",
        "--email",
        "PIET@example.nl",
        "--phone",
        "0612345678",
        "--circle",
        "BNI",
        "--circle",
        "Hockey",
        "--company",
        "Acme",
        "--note",
        "from LinkedIn",
        "--met",
        "2026-06-01",
        "--force",
    )
    run.ok("edit", "P. Jansen", "--alias", "PJ")
    people("Klaas", via="P. Jansen")
    run.ok("log", "Piet Jansen", "P. Jansen", "Klaas", "--when", "2026-11-01", "--note", "lunch")
    run.ok("log", "P. Jansen", "--when", "2026-11-10", "--note", "call")
    result = run.ok("merge", "Piet Jansen", "P. Jansen")
    assert "Merged P. Jansen into Piet Jansen" in result.stdout
    piet = run.json("show", "Piet Jansen")
    assert sorted(piet["aliases"]) == ["P. Jansen", "PJ"]
    assert piet["emails"] == ["piet@example.nl"]  # the same address once
    assert piet["phones"] == ["0612345678"]
    assert piet["circles"] == ["BNI", "Hockey"]
    assert piet["company"] == "Acme" and piet["note"] == "from LinkedIn"
    # one 'met' touch: the earlier (Piet's, 2026-05-01); the duplicate's is dropped
    assert [t["note"] for t in piet["touches"]] == ["call", "lunch", None]
    assert piet["touches"][2]["date"] == "2026-05-01" and piet["met_on"] == "2026-05-01"
    assert (
        "moved 1 alias, 1 phone number, 1 circle membership, 1 touch, "
        "1 person they introduced." in result.stdout
    )
    assert piet["touches"][1]["with"] == [{"id": 3, "name": "Klaas"}]
    assert piet["last_touch"] == "2026-11-10"
    assert run.json("show", "Klaas")["via"]["name"] == "Piet Jansen"
    assert len(run.json("list")) == 2
    assert run.json("show", "P. Jansen")["id"] == piet["id"]  # the old name finds them


def test_merge_of_a_fresh_duplicate_does_not_move_when_you_last_met(run, people):
    """Merging a duplicate added today keeps the earlier 'met' touch: last touch and due stay."""
    people("Piet Jansen", met="2026-05-01")
    before = run.json("show", "Piet Jansen")
    run.ok("add", "Pieter Jansen")  # today, a duplicate
    data = run.json("merge", "Piet Jansen", "Pieter Jansen")
    assert data["moved"] == {}
    piet = run.json("show", "Piet Jansen")
    assert (piet["last_touch"], piet["due_on"]) == (before["last_touch"], before["due_on"])
    assert [t["kind"] for t in piet["touches"]] == ["met"]


def test_merge_takes_the_duplicates_met_date_when_it_is_earlier(run, people):
    people("Piet Jansen", met="2026-09-01")
    run.ok("add", "P. Jansen", "--met", "2025-03-01", "--met-at", "BNI Utrecht", "--force")
    run.ok("edit", "P. Jansen", "--email", "p@example.nl")
    data = run.json("merge", "Piet Jansen", "P. Jansen")
    assert data["moved"] == {"emails": 1, "touches": 1}
    piet = run.json("show", "Piet Jansen")
    assert piet["met_on"] == "2025-03-01" and piet["met_at"] == "BNI Utrecht"
    assert [(t["kind"], t["date"]) for t in piet["touches"]] == [("met", "2025-03-01")]


def test_merge_keeps_links_intros_offers_and_gives_of_b(run, people, db_file):
    """Issue 3's rows of B move to A: who they know (pairs are stored ordered, so a link of B
    to someone with a lower or higher id than A must both survive), introductions, offers,
    gives and asks, contacts introduced by B; a link or intro between A and B themselves goes."""
    from tests.test_stored_due import assert_consistent

    people("Anna de Wit", "Bert Smit", "Piet Jansen", "Dirk Bos", "P. Jansen", met="2026-10-01")
    run.ok("knows", "P. Jansen", "Anna", "--how", "buren")  # Anna's id < A's
    run.ok("knows", "P. Jansen", "Dirk")  # Dirk's id > A's, < B's
    run.ok("knows", "Piet Jansen", "Anna")  # A has it too, without a how
    run.ok("knows", "P. Jansen", "Piet Jansen")
    run.ok("knows", "Bert", "Piet Jansen", "--how", "club")
    run.ok("intro", "P. Jansen", "Bert", "--why", "fietsen")
    run.ok("intro", "P. Jansen", "Piet Jansen", "--why", "dubbel")
    run.ok("offer", "P. Jansen", "het boek over logistiek")
    run.ok("give", "P. Jansen", "een artikel")
    run.ok("ask", "P. Jansen", "een introductie bij ASML")
    run.ok("add", "Eva Mulder", "--via", "P. Jansen")
    run.ok("merge", "Piet Jansen", "P. Jansen")

    piet = run.json("show", "Piet Jansen")
    assert sorted((k["name"], k["how"]) for k in piet["knows"]) == [
        ("Anna de Wit", "buren"),
        ("Bert Smit", "club"),
        ("Dirk Bos", None),
    ]
    assert [(i["a"]["name"], i["b"]["name"], i["why"]) for i in piet["intros"]] == [
        ("Piet Jansen", "Bert Smit", "fietsen")
    ]
    assert [o["what"] for o in piet["offers"]] == ["het boek over logistiek"]
    assert [a["what"] for a in run.json("asks")] == ["een introductie bij ASML"]
    assert run.json("show", "Eva")["via"]["name"] == "Piet Jansen"
    assert "P. Jansen" in piet["aliases"]
    assert "een artikel" in json.dumps(piet["touches"])
    assert run.json("show", "Dirk")["knows"] == [
        {"id": piet["id"], "name": "Piet Jansen", "how": None, "since": TODAY}
    ]
    conn = sqlite3.connect(db_file)
    try:
        assert conn.execute("SELECT count(*) FROM knows WHERE low_id >= high_id").fetchone() == (0,)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()
    assert_consistent(db_file)


def test_merge_when_a_was_introduced_by_b(run, people):
    people("Anna")
    people("Bert", via="Anna")
    run.ok("merge", "Bert", "Anna")
    assert run.json("show", "Bert")["via"] is None


@pytest.mark.parametrize(
    "args, message",
    [
        (["merge", "Piet", "Piet"], "are the same contact"),
        (["merge", "Piet", "Nobody"], "No contact 'Nobody'"),
        (["merge", "#99", "Piet"], "No contact with id #99"),
    ],
)
def test_merge_errors_write_nothing(run, people, unchanged, args, message):
    people("Piet", "Klaas")
    with unchanged():
        assert message in run.fails(*args).stderr


def test_merge_service_repoints_every_contact_reference(db_file, run, people):
    """Generic over the schema: every foreign key to contact.id ends up on A."""
    from netwerk.services.housekeeping import _contact_references

    people("A", "B")
    with open_store(db_file, write=True) as s:
        merge_contacts(s, "A", "B", today=date.fromisoformat(TODAY))
    conn = sqlite3.connect(db_file)
    for table, column in _contact_references():
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE {column} = 2").fetchone() == (0,)
    assert ("touch_contact", "contact_id") in _contact_references()


# ----------------------------------------------------------------------------------- backup


def test_backup_default_next_to_the_database(run, people, db_file):
    people("Piet")
    result = run.ok("backup")
    copies = [p for p in db_file.parent.iterdir() if p.name.startswith("netwerk-")]
    assert len(copies) == 1 and str(copies[0]) in result.stdout.replace("\n", "")
    assert stat.S_IMODE(copies[0].stat().st_mode) == 0o600
    assert run.json("list", "--db", str(copies[0]))[0]["name"] == "Piet"


def test_backup_to_a_path_and_a_folder(run, people, tmp_path):
    people("Piet")
    target = tmp_path / "copy.db"
    run.ok("backup", str(target))
    assert run.json("list", "--db", str(target))[0]["name"] == "Piet"
    folder = tmp_path / "backups"
    folder.mkdir()
    run.ok("backup", str(folder))
    assert len(list(folder.iterdir())) == 1


def test_backup_while_another_connection_writes(run, people, db_file, tmp_path):
    """The backup API copies a consistent state even with an open write transaction."""
    people("Piet")
    other = sqlite3.connect(db_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE contact SET name = 'half-written'")
    run.ok("backup", str(tmp_path / "b.db"))
    other.execute("ROLLBACK")
    other.close()
    assert run.json("list", "--db", str(tmp_path / "b.db"))[0]["name"] == "Piet"


@pytest.mark.parametrize(
    "target, message",
    [("/nonexistent/dir/b.db", "does not exist"), ("EXISTING", "already exists")],
)
def test_backup_errors(run, people, tmp_path, unchanged, target, message):
    people("Piet")
    existing = tmp_path / "exists.db"
    existing.write_text("mine")
    with unchanged():
        result = run.fails("backup", str(existing) if target == "EXISTING" else target)
    assert message in result.stderr
    assert existing.read_text() == "mine"


# ----------------------------------------------------------------------------------- spread


def test_spread_staggers_waiting_contacts_closest_circles_first(run, monkeypatch):
    unknown(run, "A1", "A2", "A3", "A4", "Fam")
    run.ok("circle", "set", "Familie", "--every", "2w")
    run.ok("edit", "Fam", "--circle", "Familie")
    assert run.json("due") == []
    data = run.json("spread", "--per-day", "2")
    assert [(s["name"], s["first_due_on"]) for s in data["scheduled"]] == [
        ("Fam", "2026-11-23"),
        ("A1", "2026-11-23"),
        ("A2", "2026-11-24"),
        ("A3", "2026-11-24"),
        ("A4", "2026-11-25"),
    ]
    assert run.json("due", "--unknown")["waiting"] == []
    assert run.json("show", "A4")["due_on"] == "2026-11-25"
    monkeypatch.setenv("NETWERK_TODAY", "2026-11-24")
    assert [d["name"] for d in run.json("due")] == ["Fam", "A1", "A2", "A3"]
    # A touch serves the schedule: from then on the cadence decides.
    run.ok("log", "A1")
    assert run.json("show", "A1")["due_on"] == "2027-02-22"
    assert "Nobody to spread" in run.ok("spread").stdout


def test_spread_over_a_period_and_from_a_date(run):
    unknown(run, *[f"P{i}" for i in range(10)])
    data = run.json("spread", "--over", "5 dagen", "--start", "2026-12-01")
    assert data["per_day"] == 2
    assert (data["from"], data["until"]) == ("2026-12-01", "2026-12-05")


def test_spread_overdue_after_an_import(run, people):
    people("Oud", met="2020-01-01")
    people("Recent", met="2026-11-01")
    assert [d["name"] for d in run.json("due")] == ["Oud"]
    assert run.json("spread")["scheduled"] == []
    data = run.json("spread", "--overdue")
    assert [s["name"] for s in data["scheduled"]] == ["Oud"]
    assert run.json("due") == []


@pytest.mark.parametrize(
    "args, message",
    [
        (["spread", "--per-day", "0"], "at least 1"),
        (["spread", "--per-day", "2", "--over", "2w"], "not both"),
        (["spread", "--start", "gisteren"], "not in the future"),
        (["spread", "--circle", "Nope"], "No circle 'Nope'"),
        (["spread", "--over", "vaak"], "cadence"),
    ],
)
def test_spread_errors_write_nothing(run, unchanged, args, message):
    unknown(run, "Piet")
    with unchanged():
        assert message.lower() in run.fails(*args).stderr.lower()


def test_spread_service_without_cli(db_file, run):
    unknown(run, "X", "Y")
    with open_store(db_file, write=True) as s:
        out = spread(s, today=date.fromisoformat(TODAY), per_day=1)
    assert [str(s["first_due_on"]) for s in out["scheduled"]] == ["2026-11-23", "2026-11-24"]


# ------------------------------------------------------------------------------- completion


def _complete(words: str, env_db: str) -> subprocess.CompletedProcess[str]:
    """The completion scripts' name lookup (`netwerk __names WORD... TYPED`), run through the
    console script's entry point in a fresh process, reporting what it imported."""
    code = (
        "import sys\nsys.argv[0] = 'netwerk'\nfrom netwerk.launch import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'dateparser', 'rich.table', 'typer') "
        "if m in sys.modules]\nprint('HEAVY', heavy, file=sys.stderr)\n"
    )
    env = {**os.environ, "NETWERK_DB": env_db}
    return subprocess.run(
        [sys.executable, "-c", code, "__names", *words.split(" ")[1:]],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_names_complete_without_heavy_imports(run, people, db_file):
    people("Piet Jansen", "Pieter ter Horst", "Zoë de Vries", "Klaas")
    run.ok("edit", "Klaas", "--alias", "Pim")
    run.ok("archive", "Pieter")
    result = _complete("netwerk show Pi", str(db_file))
    assert "HEAVY []" in result.stderr, result.stderr
    assert result.stdout.splitlines() == ["Piet Jansen", "Pim"]
    assert "Pieter" not in result.stdout  # archived
    assert "Zoë de Vries" in _complete("netwerk log Piet zo", str(db_file)).stdout
    assert "Zoë de Vries" in _complete("netwerk merge Piet vri", str(db_file)).stdout


def test_completion_without_a_database_offers_nothing_and_creates_nothing(tmp_path):
    missing = tmp_path / "none.db"
    result = _complete("netwerk show Pi", str(missing))
    assert "HEAVY []" in result.stderr
    assert "Piet" not in result.stdout
    assert not missing.exists()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_completion_prints_the_script_for_the_named_shell(run, shell):
    """The shell named on the command line is used, whatever the parent process is."""
    result = run.ok("completion", shell)
    assert "_NETWERK_COMPLETE" in result.stdout
    assert f"complete_{shell}" in result.stdout
    assert "netwerk __names" in result.stdout  # netwerk's own script, not Typer's


def test_completion_refuses_an_unknown_shell(run, db_file):
    result = run.fails("completion", "tcsh")
    assert "tcsh" in result.output and "bash" in result.output
    assert not db_file.exists()


def test_install_completion_writes_the_script(tmp_path):
    """`netwerk completion bash --install` as a user runs it, into a scratch HOME, from a
    process whose parent is no interactive shell (no terminal, no SHELL)."""
    exe = os.path.join(os.path.dirname(sys.executable), "netwerk")
    env = {k: v for k, v in os.environ.items() if k != "SHELL"}
    env["HOME"] = str(tmp_path)
    result = subprocess.run(
        [exe, "completion", "bash", "--install"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    assert result.returncode == 0, result.stderr
    scripts = list(tmp_path.rglob("netwerk*"))
    assert scripts and "netwerk __names" in scripts[0].read_text()
    assert "netwerk" in (tmp_path / ".bashrc").read_text()
    assert str(scripts[0]) in result.stdout


def test_upgrade_gives_existing_contacts_stable_uids(run, db_file):
    """The v1 fixture, opened by this code: data kept, every contact gets its own uid."""
    from tests.conftest import old_database

    conn = sqlite3.connect(old_database(db_file, 1))
    before = conn.execute("SELECT id, name, last_touch_on FROM contact ORDER BY id").fetchall()
    conn.close()
    assert run.json("show", "Piet Jansen")["emails"] == ["piet@example.nl"]
    conn = sqlite3.connect(db_file)
    rows = conn.execute("SELECT id, name, last_touch_on, uid, first_due_on FROM contact").fetchall()
    assert [r[:3] for r in rows] == before
    uids = [r[3] for r in rows]
    assert len(set(uids)) == len(uids) == len(before)
    import uuid

    assert all(str(uuid.UUID(u)) == u and uuid.UUID(u).version == 4 for u in uids)
    assert all(r[4] is None for r in rows)
    # and the uids are the ones exports carry from now on
    assert uids[0] in run.ok("export", "vcard").stdout


@pytest.mark.parametrize(
    "args",
    [["import", "--help"], ["export", "--help"], ["spread", "--help"], ["merge", "--help"]],
)
def test_new_commands_start_light(args):
    code = (
        "import sys\nfrom netwerk.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sqlalchemy', 'sqlmodel', 'dateparser', 'vobject', 'icalendar', "
        "'rich.table') if m in sys.modules]\nprint('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "HEAVY []" in result.stderr, result.stderr


@pytest.mark.parametrize(
    "count, per_day, until",
    [(5, 1, "2026-11-27"), (56, 1, "2027-01-17"), (200, 4, "2027-01-11")],
)
def test_spread_default_is_the_coming_eight_weeks(run, empty_db, count, per_day, until):
    db_file = empty_db
    conn = sqlite3.connect(db_file)
    conn.executemany(
        "INSERT INTO contact (name, name_key, created_on, uid) VALUES (?, ?, ?, ?)",
        [(f"P{i}", f"p{i}", TODAY, f"u{i}") for i in range(count)],
    )
    conn.commit()
    conn.close()
    data = run.json("spread")
    assert (data["per_day"], data["from"], data["until"]) == (per_day, "2026-11-23", until)


def test_after_a_merge_the_duplicates_vcard_finds_the_kept_contact(run, people, tmp_path):
    people("Piet Jansen")
    people("Pietje", email="pietje@example.nl")
    card = tmp_path / "pietje.vcf"
    card.write_text(run.ok("export", "vcard").stdout.split("END:VCARD")[1] + "END:VCARD\r\n")
    assert "FN:Pietje" in card.read_text()
    run.ok("merge", "Piet Jansen", "Pietje")
    run.ok("edit", "Piet Jansen", "--remove-email", "pietje@example.nl", "--remove-alias", "Pietje")
    out = json.loads(run.ok("import", "vcard", str(card), "--json").stdout)
    assert out["counts"]["added"] == 0
    assert out["merged"][0]["matched_by"] == "uid"
    assert len(run.json("list")) == 1


def test_via_completes_names(run, people, db_file):
    people("Piet Jansen")
    assert "Piet Jansen" in _complete("netwerk add Bob --via pi", str(db_file)).stdout


def test_merge_copes_with_a_foreign_key_without_cascade(run, people, db_file):
    """A later table whose foreign key to contact does not cascade (and forbids a self-link):
    B's rows move, a row that would collide or link A to itself goes, nothing blocks."""
    people("A", "B", "C")
    conn = sqlite3.connect(db_file)
    conn.execute(
        "CREATE TABLE acquainted (a_id INTEGER NOT NULL REFERENCES contact(id), "
        "b_id INTEGER NOT NULL REFERENCES contact(id), PRIMARY KEY (a_id, b_id), "
        "CHECK (a_id != b_id))"
    )
    conn.executemany("INSERT INTO acquainted VALUES (?, ?)", [(1, 3), (2, 3), (2, 1), (3, 2)])
    conn.commit()
    conn.close()
    from sqlalchemy import Column, ForeignKey, Integer, Table

    from netwerk.store.models import SQLModel

    acquainted = Table(
        "acquainted",
        SQLModel.metadata,
        Column("a_id", Integer, ForeignKey("contact.id"), primary_key=True),
        Column("b_id", Integer, ForeignKey("contact.id"), primary_key=True),
    )
    try:
        run.ok("merge", "A", "B")
    finally:
        SQLModel.metadata.remove(acquainted)
    conn = sqlite3.connect(db_file)
    assert sorted(conn.execute("SELECT * FROM acquainted")) == [(1, 3), (3, 1)]


def test_due_unknown_limit_and_circle(run, unchanged):
    unknown(run, "A", "B", "C")
    run.ok("edit", "B", "--circle", "Hockey")
    data = run.json("due", "--unknown", "--limit", "1")
    assert (len(data["waiting"]), data["total"]) == (1, 3)
    assert "2 more waiting" in run.ok("due", "--unknown", "--limit", "1").stderr
    assert [w["name"] for w in run.json("due", "--unknown", "--circle", "hockey")["waiting"]] == [
        "B"
    ]
    with unchanged():
        assert "No circle 'Nope'" in run.fails("due", "--unknown", "--circle", "Nope").stderr
