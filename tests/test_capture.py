"""`netwerk import whatsapp|calendar|mail`: touches from exports, through the real CLI on real
SQLite files, with the fixtures in tests/fixtures/capture (every format variant, Dutch and
English)."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "capture"
CHATS = FIXTURES / "whatsapp"
PIET_CHAT = CHATS / "WhatsApp-chat met Piet Jansen.txt"
GOOGLE = FIXTURES / "calendar" / "google.ics"
OUTLOOK = FIXTURES / "calendar" / "outlook.ics"
APPLE = FIXTURES / "calendar" / "apple.ics"
GMAIL = FIXTURES / "mail" / "gmail-takeout.mbox"
THUNDERBIRD = FIXTURES / "mail" / "thunderbird-inbox"
MAILDIR = FIXTURES / "mail" / "Maildir"
MET = "2020-01-01"


def touches(db: Path) -> list[tuple[str, str, str, str | None]]:
    """(date, kind, participant names joined, note) of every imported touch, sorted."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT t.happened_on, t.kind, group_concat(c.name, '+'), t.note FROM touch t "
            "JOIN (SELECT tc.touch_id, c.name FROM touch_contact tc "
            "      JOIN contact c ON c.id = tc.contact_id ORDER BY c.name) c "
            "ON c.touch_id = t.id WHERE t.source_key IS NOT NULL "
            "GROUP BY t.id ORDER BY t.happened_on, 3"
        ).fetchall()
    finally:
        conn.close()
    return [tuple(r) for r in rows]


def query(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def friends(people):
    """The contacts the fixtures talk to (met long ago, so their last touch is old)."""
    people("Piet Jansen", met=MET, email="piet@example.nl")
    people("Anna Bakker", met=MET, email="anna@bakker.example")
    people("Tom Visser", "Bram Bos", met=MET)
    people("Sanne de Wit", met=MET, email="sanne@example.org")
    people("Kees Kok", met=MET, phone="06-12345678")


# --- WhatsApp ---------------------------------------------------------------------------------


WHATSAPP_TOUCHES = [
    ("2024-03-12", "message", "Bram Bos", None),
    ("2024-03-12", "message", "Kees Kok+Piet Jansen", None),  # the group chat's day
    ("2024-03-12", "message", "Tom Visser", None),
    ("2024-03-15", "message", "Tom Visser", None),
    ("2024-03-20", "message", "Anna Bakker", None),
    ("2024-03-25", "message", "Piet Jansen", None),
    ("2024-04-02", "message", "Sanne de Wit", None),
    ("2024-04-03", "message", "Bram Bos", None),
    ("2024-04-05", "message", "Sanne de Wit", None),
]


def test_whatsapp_folder_of_chats(run, friends, db_file):
    data = run.json("import", "whatsapp", str(CHATS))
    assert data["me"] == ["Eva de Boer"]  # the one name in every chat
    assert data["chats"] == 5
    assert (data["touches"], data["people"]) == (9, 6)
    assert data["unmatched"] == [] and data["ambiguous"] == []
    # Piet's 1:1 chat on 12 March: the group chat already gave him a touch that day
    assert data["skipped"]["same_day"] == 1
    assert touches(db_file) == WHATSAPP_TOUCHES
    piet = next(c for c in data["contacts"] if c["name"] == "Piet Jansen")
    assert piet == {
        "id": piet["id"], "name": "Piet Jansen", "touches": 2, "last_touch": "2024-03-25",
        "due": "2024-06-23",
    }  # fmt: skip


def test_whatsapp_reimport_changes_nothing(run, friends, db_file, unchanged):
    run.ok("import", "whatsapp", str(CHATS))
    with unchanged():
        data = run.json("import", "whatsapp", str(CHATS))
    assert data["touches"] == 0 and data["skipped"]["already_imported"] == 9


def test_whatsapp_longer_export_adds_only_what_is_new(run, friends, db_file, tmp_path):
    run.ok("import", "whatsapp", str(PIET_CHAT), "--me", "Eva de Boer")
    longer = tmp_path / PIET_CHAT.name
    longer.write_text(
        PIET_CHAT.read_text(encoding="utf-8")
        + "02-05-2024 10:00 - Piet Jansen: Nog één ding\n02-05-2024 10:05 - Eva de Boer: Ja?\n",
        encoding="utf-8",
    )
    data = run.json("import", "whatsapp", str(longer))
    assert data["touches"] == 1 and data["skipped"]["already_imported"] == 2
    assert [t[0] for t in touches(db_file)] == ["2024-03-12", "2024-03-25", "2024-05-02"]


def test_a_deleted_touch_stays_deleted_when_the_export_comes_again(run, friends, db_file):
    """WhatsApp exports the whole chat every time: a touch the user deleted must not return."""
    run.ok("import", "whatsapp", str(PIET_CHAT), "--me", "Eva de Boer")
    (wrong,) = query(db_file, "SELECT id FROM touch WHERE happened_on = '2024-03-25'")[0]
    run.ok("touch", "delete", str(wrong), "--yes")
    again = run("import", "whatsapp", str(PIET_CHAT))
    assert again.exit_code == 0, again.output
    assert "1 was left out: you deleted its touch before." in again.stderr
    assert [t[0] for t in touches(db_file)] == ["2024-03-12"]
    data = run.json("import", "whatsapp", str(PIET_CHAT))
    assert data["touches"] == 0 and data["skipped"] == {**data["skipped"], "deleted": 1}
    # what is kept is a one-way hash: no chat name or date readable in the file
    (stored,) = query(db_file, "SELECT key_hash FROM capture_dropped")[0]
    assert len(stored) == 64 and "Piet" not in stored
    # undo of the delete takes the memory back too
    run.ok("touch", "delete", str(query(db_file, "SELECT max(id) FROM touch")[0][0]), "--yes")
    run.ok("undo")
    assert query(db_file, "SELECT count(*) FROM capture_dropped") == [(1,)]


def test_whatsapp_touch_logged_by_hand_is_not_doubled(run, friends, db_file):
    run.ok("log", "Tom Visser", "--when", "2024-03-15", "--kind", "coffee")
    data = run.json("import", "whatsapp", str(CHATS))
    assert data["touches"] == 8 and data["skipped"]["same_day"] == 2
    kinds = query(
        db_file,
        "SELECT t.kind FROM touch t JOIN touch_contact tc ON tc.touch_id = t.id "
        "JOIN contact c ON c.id = tc.contact_id "
        "WHERE c.name = 'Tom Visser' AND t.happened_on = '2024-03-15'",
    )
    assert kinds == [("coffee",)]


def test_whatsapp_one_chat_asks_who_you_are_then_remembers(run, friends, db_file, unchanged):
    with unchanged():
        result = run.fails("import", "whatsapp", str(PIET_CHAT))
    assert "Which of these names is you?" in result.output
    assert "Eva de Boer, Piet Jansen" in result.output
    assert result.output.count("\n") == 1
    run.ok("import", "whatsapp", str(PIET_CHAT), "--me", "eva de boer")
    # remembered: the next single chat needs no --me
    data = run.json("import", "whatsapp", str(CHATS / "WhatsApp Chat with Tom Visser.txt"))
    assert data["me"] == ["Eva de Boer"] and data["touches"] == 2


def test_whatsapp_me_who_did_not_write(run, friends, unchanged):
    with unchanged():
        result = run.fails("import", "whatsapp", str(PIET_CHAT), "--me", "Evert")
    assert "'evert' did not write in these chats" in result.output


def test_whatsapp_dry_run_writes_nothing(run, friends, unchanged):
    with unchanged():
        data = run.json("import", "whatsapp", str(CHATS), "--dry-run")
    assert data["dry_run"] is True and data["touches"] == 9
    with unchanged():
        out = run.ok("import", "whatsapp", str(CHATS), "--dry-run").stdout
    assert out.startswith("Would import 9 touches with 6 people, 0 unmatched, 0 ambiguous.")


def test_whatsapp_unmatched_listed_with_counts(run, people, db_file):
    people("Piet Jansen", met=MET)
    result = run("import", "whatsapp", str(CHATS))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "Imported 2 touches with 1 person, 5 unmatched, 0 ambiguous."
    )
    assert "  Bram (WhatsApp, 2 days)" in result.stderr
    assert "  +31 6 12345678 (WhatsApp, 1 day)" in result.stderr
    assert "--add-unknown" in result.stderr
    data = run.json("import", "whatsapp", str(CHATS), "--dry-run")
    assert [(u["label"], u["count"]) for u in data["unmatched"]] == [
        ("Bram", 2), ("Sanne", 2), ("Tom Visser", 2), ("+31 6 12345678", 1), ("Anna Bakker", 1),
    ]  # fmt: skip


def test_whatsapp_add_unknown(run, people, db_file):
    people("Piet Jansen", met=MET)
    data = run.json("import", "whatsapp", str(CHATS), "--add-unknown")
    assert sorted(a["name"] for a in data["added"]) == [
        "+31 6 12345678", "Anna Bakker", "Bram", "Sanne", "Tom Visser",
    ]  # fmt: skip
    assert data["unmatched"] == [] and data["touches"] == 9
    phone = query(db_file, "SELECT value FROM detail WHERE kind = 'phone'")
    assert phone == [("+31 6 12345678",)]
    # they are contacts now: importing again matches them
    assert run.json("import", "whatsapp", str(CHATS))["added"] == []


def test_whatsapp_ignore_is_remembered(run, people, db_file):
    people("Piet Jansen", met=MET)
    data = run.json(
        "import", "whatsapp", str(CHATS), "--ignore", "Sanne", "--ignore", "+31612345678"
    )
    labels = [u["label"] for u in data["unmatched"]]
    assert "Sanne" not in labels and "+31 6 12345678" not in labels
    assert data["skipped"]["ignored"] == 3
    again = run.json("import", "whatsapp", str(CHATS), "--add-unknown")
    assert "Sanne" not in [a["name"] for a in again["added"]]
    assert query(db_file, "SELECT value_key FROM import_ignore ORDER BY 1") == [
        ("+31612345678",), ("sanne",),
    ]  # fmt: skip


def test_whatsapp_ambiguous_name_is_reported_and_skipped(run, people, db_file):
    people("Bram Bos", "Bram de Vries", "Sanne de Wit", met=MET)
    data = run.json(
        "import", "whatsapp", str(CHATS / "WhatsApp Chat - Bram.zip"), "--me", "Eva de Boer"
    )
    assert data["touches"] == 0
    assert [(a["label"], a["count"]) for a in data["ambiguous"]] == [("Bram", 2)]
    assert [c["name"] for c in data["ambiguous"][0]["candidates"]] == ["Bram Bos", "Bram de Vries"]
    result = run("import", "whatsapp", str(CHATS / "WhatsApp Chat - Bram.zip"))
    assert "0 unmatched, 1 ambiguous" in result.stdout
    assert "Bram (WhatsApp, 2 days): #1 Bram Bos, #2 Bram de Vries" in result.stderr


def test_whatsapp_since(run, friends, db_file):
    data = run.json("import", "whatsapp", str(CHATS), "--since", "2024-04-01")
    assert data["touches"] == 3 and data["skipped"]["before_since"] == 7
    assert {t[0] for t in touches(db_file)} == {"2024-04-02", "2024-04-03", "2024-04-05"}


def test_whatsapp_due_and_show_follow(run, friends):
    run.ok("import", "whatsapp", str(CHATS))
    shown = run.json("show", "Sanne de Wit")
    assert shown["last_touch"] == "2024-04-05"


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "No WhatsApp messages found"),
        (b"\x00\xff" * 5000, "No WhatsApp messages found"),
        (b"just some notes\nno chat here\n", "No WhatsApp messages found"),
    ],
)
def test_whatsapp_not_a_chat(run, friends, tmp_path, unchanged, content, words):
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    with unchanged():
        result = run.fails("import", "whatsapp", str(path))
    assert words in result.output and result.output.count("\n") == 1


def test_whatsapp_broken_zip(run, friends, tmp_path, unchanged):
    path = tmp_path / "WhatsApp Chat - X.zip"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with unchanged():
        result = run.fails("import", "whatsapp", str(path))
    assert result.output.count("\n") == 1


def test_missing_path(run, friends, unchanged, tmp_path):
    with unchanged():
        result = run.fails("import", "whatsapp", str(tmp_path / "nope.txt"))
    assert "No such file or folder" in result.output


@pytest.mark.parametrize(
    "args, words",
    [
        (["vcard", "x.vcf", "--me", "Eva"], "--me is for importing touches"),
        (["google", "x.csv", "--since", "2024-01-01"], "--since is for importing touches"),
        (["whatsapp", str(CHATS), "--titles"], "--titles does not apply to importing whatsapp"),
        (["calendar", str(GOOGLE), "--subjects"], "--subjects does not apply"),
        (["mail", str(GMAIL), "--circle", "Werk"], "--circle does not apply"),
        (["whatsapp", str(CHATS), "--since", "gobbledygook"], "gobbledygook"),
        (["mail", str(GMAIL), "--me", "not-an-address"], "--me takes your e-mail address"),
    ],
)
def test_options_that_do_not_apply(run, friends, unchanged, args, words):
    with unchanged():
        result = run.fails("import", *args)
    assert words in result.output and result.output.count("\n") == 1


# --- calendar ---------------------------------------------------------------------------------


def test_calendar_google(run, friends, db_file):
    data = run.json("import", "calendar", str(GOOGLE))
    assert data["me"] == ["eva@example.nl"]  # X-WR-CALNAME: Google's primary calendar
    assert touches(db_file) == [
        # 23:30 UTC is past midnight in Amsterdam (X-WR-TIMEZONE)
        ("2024-03-13", "coffee", "Piet Jansen", None),
        ("2026-09-01", "lunch", "Tom Visser", None),  # 15 Sep: EXDATE; 29 Sep: cancelled
        ("2026-10-13", "lunch", "Anna Bakker+Tom Visser", None),  # a moved occurrence
        ("2026-10-27", "lunch", "Tom Visser", None),
        ("2026-11-03", "video", "Sanne de Wit", None),
        ("2026-11-10", "lunch", "Tom Visser", None),  # 24 Nov is after today
    ]  # the declined borrel, the cancelled meeting and the future call are not touches
    assert data["unmatched"] == []


def test_calendar_outlook_after_google_knows_me(run, friends, db_file):
    run.ok("import", "calendar", str(GOOGLE))
    data = run.json("import", "calendar", str(OUTLOOK), "--titles")
    assert data["unmatched"] == []  # eva@example.nl, the organiser, is remembered as you
    assert touches(db_file)[:3] == [
        ("2024-03-13", "coffee", "Piet Jansen", None),
        ("2024-10-01", "call", "Anna Bakker", "Bellen met Anna"),  # TZID: W. Europe
        ("2024-11-05", "event", "Bram Bos", "Verjaardag Bram"),  # all day, a name in the title
    ]
    assert ("2025-01-10", "lunch", "Piet Jansen", "Lunch with Piet") in touches(db_file)


def test_calendar_apple_titles_without_attendees(run, friends, db_file):
    data = run.json("import", "calendar", str(APPLE))
    assert touches(db_file) == [
        ("2026-03-15", "meal", "Sanne de Wit", None),  # "Etentje bij Sanne"
        ("2026-04-01", "coffee", "Tom Visser", None),  # monthly, all day, COUNT=3
        ("2026-05-01", "coffee", "Tom Visser", None),
        ("2026-06-01", "coffee", "Tom Visser", None),
    ]  # "Tandarts" names nobody
    assert data["touches"] == 4


def test_calendar_title_name_of_two_contacts_is_no_touch(run, friends, people, db_file):
    people("Piet de Groot", met=MET)
    run.ok("import", "calendar", str(OUTLOOK), "--me", "eva@example.nl")
    assert [t for t in touches(db_file) if t[0] == "2025-01-10"] == []


def test_calendar_reimport_changes_nothing(run, friends, unchanged):
    run.ok("import", "calendar", str(GOOGLE))
    with unchanged():
        assert run.json("import", "calendar", str(GOOGLE))["touches"] == 0


def test_calendar_not_a_calendar(run, friends, tmp_path, unchanged):
    path = tmp_path / "x.ics"
    path.write_text("BEGIN:VCARD\nFN:Piet\nEND:VCARD\n")
    with unchanged():
        result = run.fails("import", "calendar", str(path))
    assert "x.ics" in result.output and result.output.count("\n") == 1


# --- mail -------------------------------------------------------------------------------------


def test_mail_asks_for_your_address_first(run, friends, unchanged):
    with unchanged():
        result = run.fails("import", "mail", str(GMAIL))
    assert "Which address is yours?" in result.output
    assert "eva@example.nl (4)" in result.output


def test_mail_mbox(run, friends, db_file):
    data = run.json("import", "mail", str(GMAIL), "--me", "Eva@Example.nl", "--subjects")
    assert touches(db_file) == [
        ("2024-03-12", "email", "Piet Jansen", "Koffie?"),  # sent and answered: one touch
        ("2024-03-12", "email", "Tom Visser", "Koffie?"),  # matched by the name in To
        ("2024-03-15", "email", "Piet Jansen", "Nog een"),
    ]
    assert data["automated"] == 4  # List-Id, Auto-Submitted, no-reply, Precedence: bulk
    assert [u["label"] for u in data["unmatched"]] == ["Zoë de Vries <zoe@vries.example>"]
    # remembered: no --me the next time; nothing new
    assert run.json("import", "mail", str(GMAIL))["skipped"]["already_imported"] == 3


def test_mail_without_subjects_keeps_no_note(run, friends, db_file):
    run.ok("import", "mail", str(GMAIL), "--me", "eva@example.nl")
    assert {t[3] for t in touches(db_file)} == {None}


def test_mail_thunderbird_and_maildir(run, friends, db_file):
    run.ok("import", "mail", str(THUNDERBIRD), "--me", "eva@werk.example")
    run.ok("import", "mail", str(MAILDIR), "--me", "eva@example.nl")
    assert touches(db_file) == [
        ("2024-03-12", "email", "Tom Visser", None),
        ("2024-03-14", "email", "Anna Bakker", None),  # from .Sent
        ("2024-03-14", "email", "Tom Visser", None),
        ("2026-10-05", "email", "Anna Bakker", None),
        ("2026-10-06", "email", "Sanne de Wit", None),  # no Date: the "From -" line's date
    ]


def test_mail_remembered_address_not_in_this_mailbox(run, friends, unchanged):
    run.ok("import", "mail", str(GMAIL), "--me", "eva@example.nl")
    with unchanged():
        result = run.fails("import", "mail", str(THUNDERBIRD))
    assert "No message here is from or to eva@example.nl" in result.output


@pytest.mark.parametrize("content", [b"", b"Hello\nthis is no mailbox\n", b"\x00\xff" * 100])
def test_mail_not_a_mailbox(run, friends, tmp_path, unchanged, content):
    path = tmp_path / "inbox.mbox"
    path.write_bytes(content)
    with unchanged():
        result = run.fails("import", "mail", str(path), "--me", "eva@example.nl")
    assert "is not an mbox file" in result.output


def test_mail_folder_that_is_no_maildir(run, friends, tmp_path, unchanged):
    with unchanged():
        result = run.fails("import", "mail", str(tmp_path), "--me", "eva@example.nl")
    assert "is not a Maildir folder" in result.output


# --- output and the script --------------------------------------------------------------------


@pytest.mark.parametrize("width", ["60", "80", "120"])
def test_summary_fits_the_terminal(run, friends, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", width)
    result = run("import", "whatsapp", str(CHATS))
    assert result.exit_code == 0, result.output
    for row in result.output.splitlines():
        assert len(row) <= int(width), row


def test_names_are_data_not_markup(run, people, tmp_path):
    chat = tmp_path / "WhatsApp Chat with X.txt"
    chat.write_text(
        "12-03-2024 14:05 - [red]Piet[/red]: hoi\n12-03-2024 14:06 - Eva: hoi\n"
        "13-03-2024 14:05 - Anna: hoi\n13-03-2024 14:06 - Eva: hoi\n",
        encoding="utf-8",
    )
    result = run("import", "whatsapp", str(chat), "--me", "Eva")
    assert "[red]Piet[/red] (WhatsApp, 1 day)" in result.stderr


def test_console_script_end_to_end(tmp_path):
    exe = shutil.which("netwerk") or str(Path(sys.executable).parent / "netwerk")
    env = {"NETWERK_DB": str(tmp_path / "n.db"), "NETWERK_TODAY": "2026-11-22",
           "PATH": "/usr/bin:/bin", "NETWERK_LANG": "en"}  # fmt: skip
    subprocess.run([exe, "add", "Tom Visser", "--met", MET], env=env, check=True, timeout=60)
    done = subprocess.run(
        [exe, "import", "calendar", str(APPLE), "--json"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["touches"] == 3
    assert "Traceback" not in done.stderr


def test_file_type_names_the_format(run, friends, db_file):
    assert run.json("import", "ics", str(APPLE))["source"] == "calendar"
    assert run.json("import", "mbox", str(GMAIL), "--me", "eva@example.nl")["source"] == "mail"
