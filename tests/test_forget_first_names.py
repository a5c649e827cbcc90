"""`forget` redacts first names and short forms in the texts about the person, and lists the
other texts that still hold the first name; `redact WORD` redacts a word everywhere."""

from __future__ import annotations

import sqlite3

import pytest

from netwerk.services.forget import short_forms


@pytest.fixture
def harbour(run, people):
    people("Henk Visser", "Ria de Boer")
    people("Klaas Bakker", note="kent Henk van de zeilclub")
    run.ok(
        "log",
        "Henk",
        "Klaas",
        "--note",
        "vraag Henk naar de haven; H. Visser had een idee, Klaas ook",
        "--asked",
        "Henk V. om een intro",
    )
    run.ok("log", "Ria", "--note", "Ria zei dat Henk verhuist")


def texts(db_file) -> list[str]:
    conn = sqlite3.connect(db_file)
    try:
        rows = conn.execute(
            "SELECT note FROM touch WHERE note IS NOT NULL UNION ALL SELECT what FROM exchange "
            "UNION ALL SELECT note FROM contact WHERE note IS NOT NULL"
        ).fetchall()
    finally:
        conn.close()
    return sorted(r[0] for r in rows)


def test_short_forms():
    assert short_forms("Henk Visser") == ["Henk V.", "Henk V", "H. Visser", "H Visser", "Henk"]
    assert short_forms("Jan van der Berg")[2] == "J. van der Berg"
    assert short_forms("Mama") == []


def test_forget_redacts_the_first_name_in_the_touches_they_were_in(run, harbour, db_file):
    result = run.ok("forget", "Henk", "--yes")
    assert texts(db_file) == [
        "Ria zei dat Henk verhuist",
        "[forgotten] om een intro",
        "kent Henk van de zeilclub",
        "vraag [forgotten] naar de haven; [forgotten] had een idee, Klaas ook",
    ]
    assert "2 other texts still mention 'Henk' (maybe someone else of that name):" in result.stdout
    assert "contact Klaas Bakker" in result.stdout and "touch #5" in result.stdout
    assert "netwerk redact Henk" in result.stderr


def test_a_first_name_another_participant_shares_stays(run, people, db_file):
    people("Henk Visser", "Henk de Wit")
    run.ok("log", "Henk Visser", "Henk de Wit", "--note", "Henk de Wit en Henk V. aten samen")
    run.ok("forget", "Henk Visser", "--yes")
    assert texts(db_file) == ["Henk de Wit en [forgotten] aten samen"]


def test_redact_a_word_everywhere(run, harbour, db_file):
    run.ok("forget", "Henk", "--yes")
    assert "Redacted 'henk' in 2 texts." in run.ok("redact", "henk", "--yes").stdout
    assert not any("Henk" in t for t in texts(db_file))
    assert "Redacted 'Henk' in 0 texts." in run.ok("redact", "Henk", "--yes").stdout


def test_redact_asks_first_and_refuses_without_a_terminal(run, harbour, unchanged):
    with unchanged():
        assert "without --yes" in run.fails("redact", "Henk").stderr
        assert "the word is empty" in run.fails("redact", " ", "--yes").stderr
