"""`netwerk import`: real vCard/LinkedIn/Google files into a real database, merged, idempotent,
all-or-nothing, and never flooding `due`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from netwerk.formats import ContactRecord, ParseResult, parse_vcard_text
from netwerk.services.importing import import_records, url_key
from netwerk.store.store import open_store
from tests.conftest import TODAY, snapshot

FORMATS = Path(__file__).parent / "fixtures" / "formats"
ALL_FILES = [
    ("vcard", "apple_30.vcf"),
    ("vcard", "android_21.vcf"),
    ("vcard", "nextcloud_40.vcf"),
    ("vcard", "cp1252.vcf"),
    ("vcard", "broken_middle.vcf"),
    ("vcard", "folder"),
    ("linkedin", "linkedin_connections.csv"),
    ("linkedin", "linkedin_no_preamble.csv"),
    ("google", "google_current.csv"),
    ("google", "google_legacy.csv"),
]


def imported(run, fmt: str, name: str, *extra: str) -> dict:
    return json.loads(run.ok("import", fmt, str(FORMATS / name), *extra, "--json").stdout)


@pytest.mark.parametrize("fmt, name", ALL_FILES)
def test_reimporting_the_same_file_adds_nothing(run, db_file, fmt, name):
    first = imported(run, fmt, name)
    assert first["counts"]["added"] >= 1
    before = snapshot(db_file)
    again = imported(run, fmt, name)
    assert again["counts"]["added"] == 0 and again["counts"]["merged"] == 0
    assert snapshot(db_file) == before


def test_every_file_in_any_order_gives_no_duplicates(run):
    for fmt, name in ALL_FILES + ALL_FILES[::-1]:
        imported(run, fmt, name)
    names = [c["name"] for c in run.json("list")]
    assert len(names) == len(set(names)), names


def test_vcard_fields_are_mapped(run):
    imported(run, "vcard", "android_21.vcf")  # 2.1 with quoted-printable and a PHOTO
    jose = run.json("show", "Jose")
    assert jose["name"] == "José Müller"
    assert jose["birthday"] == "1985-04-27"
    assert jose["last_touch"] is None  # no known touch: waits, is not due
    imported(run, "vcard", "nextcloud_40.vcf")  # 4.0, year-less birthday, UID
    sanne = run.json("show", "Sanne de Vries")
    assert sanne["birthday"] == "--09-12"
    assert sanne["circles"] == ["Buren", "Vrienden"]
    db = sqlite3.connect(run_db())
    uid = db.execute("SELECT uid FROM contact WHERE name = 'Sanne de Vries'").fetchone()[0]
    assert uid == "5f3c1b2a-8d4e-4c3b-9a7e-2b1d0c9e8f7a"
    assert db.execute("SELECT count(*) FROM detail WHERE value LIKE '%base64%'").fetchone()[0] == 0


def run_db() -> str:
    import os

    return os.environ["NETWERK_DB"]


def test_cp1252_file_is_decoded(run):
    out = imported(run, "vcard", "cp1252.vcf")
    assert out["counts"]["added"] == 1
    name = out["added"][0]["name"]
    assert "Ã" not in name and "\ufffd" not in name


def test_broken_card_is_reported_with_file_and_number_and_the_rest_imports(run):
    result = run.ok("import", "vcard", str(FORMATS / "broken_middle.vcf"))
    assert "Imported: 2 added" in result.stdout
    assert "broken_middle.vcf:2" in result.stderr


def test_linkedin_connected_on_is_the_met_date_and_profile_url_the_key(run):
    imported(run, "linkedin", "linkedin_connections.csv")
    jan = run.json("show", "Jan van der Berg")
    assert jan["met_on"] == "2024-03-12"
    assert jan["last_touch"] == "2024-03-12"
    assert [t["kind"] for t in jan["touches"]] == ["met"]
    assert jan["company"] == "Rijkswaterstaat" and jan["role"] == "Projectleider"
    assert jan["urls"] == ["https://www.linkedin.com/in/janvdberg"]
    assert "linkedin.com/in/janvdberg" in run.ok("show", "Jan van der Berg").stdout
    # Renamed on LinkedIn: still the same person, by profile URL; the new name is an alias.
    csv = (FORMATS / "linkedin_connections.csv").read_text(encoding="utf-8-sig")
    renamed = Path(run_db()).parent / "renamed.csv"
    renamed.write_text(csv.replace("Jan,van der Berg", "Johannes,van der Berg"))
    out = json.loads(run.ok("import", "linkedin", str(renamed), "--json").stdout)
    assert out["counts"]["added"] == 0
    assert [m["matched_by"] for m in out["merged"]] == ["profile URL"]
    assert "Johannes van der Berg" in run.json("show", "Jan van der Berg")["aliases"]


def test_google_labels_become_circles_without_system_labels(run):
    imported(run, "google", "google_current.csv")
    circles = {c["name"] for c in run.json("circle", "list")}
    assert "Fietsclub" in circles
    assert not any(c.startswith("*") or c == "myContacts" for c in circles)
    imported(run, "google", "google_legacy.csv")


def test_merge_fills_empty_fields_and_overwrites_only_when_asked(run, people):
    people("Jan van der Berg", company="Eigen Bedrijf", email="jan@example.nl")
    out = imported(run, "google", "google_current.csv")
    jan = [m for m in out["merged"] if m["name"] == "Jan van der Berg"][0]
    assert jan["matched_by"] == "e-mail"
    profile = run.json("show", "Jan van der Berg")
    assert profile["company"] == "Eigen Bedrijf"  # kept
    assert profile["role"] == "Projectleider"  # filled
    assert profile["birthday"] == "1985-04-27"
    assert "+31 6 11122233" in profile["phones"]
    imported(run, "google", "google_current.csv", "--overwrite")
    assert run.json("show", "Jan van der Berg")["company"] == "Rijkswaterstaat"


def test_same_name_merges_but_two_namesakes_are_not_guessed(run, people):
    people("Mark Smit")
    out = imported(run, "linkedin", "linkedin_connections.csv")
    assert "Mark Smit" in [m["name"] for m in out["merged"]]
    run.ok("add", "Sophie Bakker", "--force")
    run.ok("add", "Sophie Bakker", "--force")
    (Path(run_db()).parent / "one.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sophie Bakker\r\nEND:VCARD\r\n"
    )
    out = json.loads(
        run.ok("import", "vcard", str(Path(run_db()).parent / "one.vcf"), "--json").stdout
    )
    assert out["counts"] == {"added": 0, "merged": 0, "skipped": 1}
    assert out["skipped"][0]["reason"] == "several contacts have this name"


def test_circle_option_and_cadence_from_circles(run):
    run.ok("circle", "set", "LinkedIn", "--every", "1y")
    imported(run, "linkedin", "linkedin_connections.csv", "--circle", "LinkedIn")
    jan = run.json("show", "Jan van der Berg")
    assert "LinkedIn" in jan["circles"]
    assert jan["cadence_days"] == 365 and not jan["cadence_own"]


def test_dry_run_writes_nothing_and_lists_what_would_happen(run, unchanged, people):
    people("Mark Smit")
    with unchanged():
        result = run.ok(
            "import", "linkedin", str(FORMATS / "linkedin_connections.csv"), "--dry-run"
        )
    assert "Would import: 4 added, 1 merged" in result.stdout
    assert "+ Jan van der Berg" in result.stdout
    assert "~ Mark Smit" in result.stdout


def test_failing_import_leaves_the_database_as_it_was(run, db_file, unchanged, people):
    """A constraint that fails on the third card (a real SQLite trigger) rolls back all."""
    people("Piet")
    conn = sqlite3.connect(db_file)
    conn.execute(
        "CREATE TRIGGER refuse AFTER INSERT ON contact WHEN NEW.name = 'Anne de Vries' "
        "BEGIN SELECT RAISE(ABORT, 'refused by test'); END"
    )
    conn.commit()
    conn.close()
    with unchanged():
        result = run.fails("import", "vcard", str(FORMATS / "android_21.vcf"))
    assert "refused by test" in result.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["import", "cvs", "x.csv"], "Unknown format 'cvs'"),
        (["import", "vcard", "/nonexistent/x.vcf"], "No such file"),
        (["import", "linkedin", str(FORMATS / "google_current.csv")], "not a LinkedIn"),
        (["import", "google", str(FORMATS / "linkedin_connections.csv")], "not a Google"),
        (["import", "json", str(FORMATS / "google_current.csv")], "not a netwerk JSON export"),
        (["import", "vcard", str(FORMATS.parent / "schema")], "no .vcf"),
        (["import", "vcard", str(FORMATS / "apple_30.vcf"), "--circle", " "], "circle name"),
    ],
)
def test_bad_imports_are_one_line_and_write_nothing(run, people, unchanged, args, message):
    people("Piet")
    with unchanged():
        result = run.fails(*args)
    assert message in result.stderr
    assert result.stderr.strip().count("\n") == 0


def test_imported_contacts_do_not_flood_due(run):
    """Contacts with no known touch wait: `due` stays quiet, `due --unknown` lists them."""
    imported(run, "vcard", "apple_30.vcf")
    imported(run, "vcard", "android_21.vcf")
    assert run.json("due") == []
    waiting = run.json("due", "--unknown")
    assert waiting["total"] == len(waiting["waiting"]) == 3  # the company card is not a person
    assert {"id", "name", "company", "circles", "created_on"} <= set(waiting["waiting"][0])
    assert "Nobody is due" in run.ok("due").stdout
    assert "José Müller" in run.ok("due", "--unknown").stdout


def test_invalid_email_is_left_out_and_said(run):
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ria\r\nEMAIL:not-an-address\r\nEND:VCARD\r\n"
    path = Path(run_db()).parent / "ria.vcf"
    path.parent.mkdir(exist_ok=True)
    path.write_text(card)
    result = run.ok("import", "vcard", str(path))
    assert "left out 'not-an-address'" in result.stderr
    assert run.json("show", "Ria")["emails"] == []


@pytest.mark.parametrize(
    "url, key",
    [
        ("https://www.linkedin.com/in/janvdberg/", "linkedin.com/in/janvdberg"),
        ("http://linkedin.com/in/JanVdBerg?trk=x", "linkedin.com/in/janvdberg"),
        ("linkedin.com/in/janvdberg#top", "linkedin.com/in/janvdberg"),
    ],
)
def test_url_key(url, key):
    assert url_key(url) == key


def test_service_merges_duplicates_within_one_file(db_file):
    """Without the CLI: two records of one person in one file become one contact."""
    records = [
        ContactRecord(name="Eva Jansen", emails=["eva@example.nl"]),
        ContactRecord(name="Eva J.", emails=["EVA@example.nl"], phones=["06 123 45 678"]),
    ]
    from datetime import date

    with open_store(db_file, write=True) as s:
        out = import_records(s, ParseResult(records, []), today=date.fromisoformat(TODAY))
    assert out["counts"] == {"added": 1, "merged": 1, "skipped": 0}
    assert out["merged"][0]["fields"] == ["phones", "aliases"]


def test_large_import_is_one_transaction(run, db_file):
    """1,000 LinkedIn-like records import in one transaction, and again add nothing."""

    text = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Persoon {i}\r\nEMAIL:p{i}@example.nl\r\n"
        f"URL:https://www.linkedin.com/in/p{i}\r\nCATEGORIES:LinkedIn\r\nEND:VCARD\r\n"
        for i in range(1000)
    )
    assert len(parse_vcard_text(text).records) == 1000
    path = db_file.parent.parent / "many.vcf"
    path.write_text(text)
    assert "1000 added" in run.ok("import", "vcard", str(path)).stdout
    assert "0 added, 0 merged, 1000 skipped" in run.ok("import", "vcard", str(path)).stdout
    assert run.json("due") == []


def test_linkedin_namesakes_with_different_profiles_are_two_people(run, tmp_path):
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    path = tmp_path / "Connections.csv"
    path.write_text(
        header + "Jan,de Vries,https://www.linkedin.com/in/jdv1,,A,,1 Jan 2024\n"
        "Jan,de Vries,https://www.linkedin.com/in/jdv2,,B,,2 Jan 2024\n"
    )
    out = json.loads(run.ok("import", "linkedin", str(path), "--json").stdout)
    assert out["counts"]["added"] == 2
    again = json.loads(run.ok("import", "linkedin", str(path), "--json").stdout)
    assert again["counts"] == {"added": 0, "merged": 0, "skipped": 2}


def test_no_progress_bar_when_not_on_a_terminal(run, tmp_path):
    text = "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P {i}\r\nEND:VCARD\r\n" for i in range(400))
    (tmp_path / "p.vcf").write_text(text)
    result = run.ok("import", "vcard", str(tmp_path / "p.vcf"))
    assert "Importing" not in result.stderr and "━" not in result.stderr


def test_progress_bar_on_a_terminal(monkeypatch):
    """Over PROGRESS_MIN records on a terminal: a rich bar on stderr."""
    import io

    from rich.console import Console

    from netwerk.output import render

    buffer = io.StringIO()
    render.reset()
    render._consoles[True] = Console(file=buffer, force_terminal=True, width=80)
    with render.progress("Importing") as start:
        step = start(render.PROGRESS_MIN + 1)
        for _ in range(render.PROGRESS_MIN + 1):
            step()
    render.reset()
    assert "Importing" in buffer.getvalue()


def test_old_connections_are_staggered_not_all_due_tomorrow(run, monkeypatch):
    out = imported(run, "linkedin", "linkedin_connections.csv")
    # four connections over a year old (the LinkedIn circle's yearly cadence): a handful
    assert out["scheduled"] == {
        "count": 4, "from": "2026-11-23", "until": "2026-11-23", "per_day": 5
    }  # fmt: skip
    assert out["circles"] == [{"name": "LinkedIn", "cadence_days": 365}]
    assert out["waiting"] == 1
    assert run.json("due") == []
    assert [w["name"] for w in run.json("due", "--unknown")["waiting"]] == ["Mark Smit"]
    monkeypatch.setenv("NETWERK_TODAY", "2026-11-24")
    due = run.json("due")
    assert len(due) == 4 and all(d["last_touch"] < "2026-01-01" for d in due)
    # their history is intact: the connection date is still the last touch
    assert run.json("show", "Jan van der Berg")["last_touch"] == "2024-03-12"


def test_a_refused_record_writes_nothing_of_itself(run, tmp_path):
    """A card with a circle we refuse is skipped whole; the others import."""
    cards = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Goed\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Fout\r\nEMAIL:fout@example.nl\r\n"
        "CATEGORIES:" + "x" * 300 + "\r\nEND:VCARD\r\n"
    )
    (tmp_path / "c.vcf").write_text(cards)
    out = json.loads(run.ok("import", "vcard", str(tmp_path / "c.vcf"), "--json").stdout)
    assert [a["name"] for a in out["added"]] == ["Goed"]
    assert "longer than" in out["skipped"][0]["reason"]
    assert [c["name"] for c in run.json("list")] == ["Goed"]
    assert run.json("circle", "list") == []


def rows(db_file: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db_file)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_bulk_import_writes_exactly_the_rows_of_a_mixed_file(run, db_file, tmp_path):
    """New people, a duplicate inside the file, matches by e-mail and by name into contacts
    that already have details, circles and touches: every row is written once, in the same
    transaction, with the ids the contacts are reported under."""
    run.ok(
        "add", "Piet Jansen", "--email", "piet@example.nl", "--circle", "BNI", "--met", "2026-01-05"
    )
    run.ok("add", "Klaas Bakker", "--phone", "06-11112222")
    path = tmp_path / "mixed.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Eva,Mulder,https://www.linkedin.com/in/evamulder,eva@example.nl,Acme,CTO,01 Mar 2026\n"
        "Piet,J.,https://www.linkedin.com/in/pietj,piet@example.nl,Bakkerij,,15 Jan 2024\n"
        "Klaas,Bakker,https://www.linkedin.com/in/klaasb,,,Bakker,\n"
        "Eva,M.,https://www.linkedin.com/in/evamulder,,,,\n"
    )
    out = json.loads(
        run.ok("import", "linkedin", str(path), "--circle", "LinkedIn", "--json").stdout
    )
    assert out["counts"] == {"added": 1, "merged": 3, "skipped": 0}
    assert [(m["name"], m["matched_by"]) for m in out["merged"]] == [
        ("Piet Jansen", "e-mail"),
        ("Klaas Bakker", "name"),
        ("Eva Mulder", "profile URL"),
    ]
    eva = out["added"][0]["id"]
    assert eva == 3
    assert rows(db_file, "SELECT contact_id, kind, value_key FROM detail ORDER BY id") == [
        (1, "email", "piet@example.nl"),
        (2, "phone", "+31611112222"),
        (3, "email", "eva@example.nl"),
        (3, "url", "linkedin.com/in/evamulder"),
        (1, "url", "linkedin.com/in/pietj"),
        (2, "url", "linkedin.com/in/klaasb"),
    ]
    assert rows(db_file, "SELECT contact_id, name FROM alias ORDER BY id") == [
        (1, "Piet J."),
        (3, "Eva M."),
    ]
    circles = (
        "SELECT cc.contact_id, c.name FROM contact_circle cc JOIN circle c ON c.id = cc.circle_id"
    )
    assert sorted(rows(db_file, circles)) == [
        (1, "BNI"),
        (1, "LinkedIn"),
        (2, "LinkedIn"),
        (3, "LinkedIn"),
    ]
    piet = run.json("show", "Piet")
    assert (piet["company"], piet["met_on"], piet["last_touch"]) == (
        "Bakkerij",
        "2026-01-05",
        "2026-01-05",
    )
    assert [t["kind"] for t in piet["touches"]] == ["met"]  # had a met date: no second one
    klaas = run.json("show", "Klaas")
    assert (klaas["role"], klaas["last_touch"]) == ("Bakker", TODAY)
    assert run.json("show", "Eva")["touches"][0]["date"] == "2026-03-01"
    assert rows(db_file, "PRAGMA foreign_key_check") == []
    assert rows(db_file, "PRAGMA integrity_check") == [("ok",)]


def test_linkedin_summary_says_where_they_landed_and_how_to_adjust(run):
    result = run.ok("import", "linkedin", str(FORMATS / "linkedin_connections.csv"))
    text = " ".join(result.stderr.split())
    assert "in the circle LinkedIn, due every 365 days" in text
    assert 'netwerk circle set "LinkedIn" --every 6m' in text
    assert "4 new contacts are spread out, at most 5 a morning" in text
    assert "1 new contact has no known touch and waits" in text


def test_linkedin_circle_option_and_a_cadence_the_user_set(run):
    run.ok("circle", "set", "Netwerk", "--every", "6m")
    out = imported(run, "linkedin", "linkedin_connections.csv", "--circle", "Netwerk")
    assert out["circles"] == [{"name": "Netwerk", "cadence_days": 182}]
    assert {c["name"] for c in run.json("circle", "list")} == {"Netwerk"}


def test_in_dutch_a_row_kept_without_its_date_is_a_warning_not_a_skip(run, monkeypatch):
    """Whether a problem skipped the row is the parser's flag, not a phrase in the English."""
    from netwerk import i18n

    monkeypatch.setenv("NETWERK_LANG", "nl")
    i18n.reset()
    try:
        out = imported(run, "linkedin", "linkedin_connections.csv")
    finally:
        monkeypatch.setenv("NETWERK_LANG", "en")
        i18n.reset()
    reasons = [w["reason"] for w in out["warnings"]]
    assert "de Connected On-datum '31 Foo 2018' is geen datum; geïmporteerd zonder" in reasons
    assert [s["reason"] for s in out["skipped"]] == ["de rij heeft geen voor- of achternaam"]
