"""Phone numbers: one number however written (netwerk.rules.phones); the store keys them so."""

from __future__ import annotations

import sqlite3

import pytest

from netwerk.rules.phones import default_region, is_mobile, normalize_phone
from netwerk.rules.text import phone_key
from netwerk.store import migrations
from netwerk.store.db import connect


@pytest.mark.parametrize(
    "text",
    ["06-12345678", "+31 6 12345678", "0031612345678", "06 1234 5678", "(06) 123-456-78",
     "tel:+31-6-12345678", "+31 (0)6 12345678"],
)  # fmt: skip
def test_dutch_mobile_in_every_spelling_is_one_number(text):
    assert normalize_phone(text, "NL") == "+31612345678"


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("020 123 4567", "NL", "+31201234567"),
        ("02 123 45 67", "BE", "+3221234567"),
        ("+44 20 7946 0958", "NL", "+442079460958"),
        ("00 49 30 1234567", "NL", "+49301234567"),
        ("030 1234567", "DE", "+49301234567"),
        ("06 12345678 ext. 12", "NL", "+31612345678"),
    ],
)
def test_region_reads_numbers_without_a_country_code(text, region, expected):
    assert normalize_phone(text, region) == expected


@pytest.mark.parametrize("text", ["", "   ", "abc", "112", "0612", "1" * 60, "tel:"])
def test_what_cannot_be_a_number_is_none(text):
    assert normalize_phone(text, "NL") is None


def test_default_region_order():
    assert default_region({"NETWERK_REGION": "be", "LANG": "de_DE.UTF-8"}) == "BE"
    assert default_region({"LC_ALL": "nl_BE.UTF-8", "LANG": "de_DE.UTF-8"}) == "BE"
    assert default_region({"LC_TELEPHONE": "fr_FR", "LANG": "de_DE.UTF-8"}) == "FR"
    assert default_region({"LANG": "de_DE.UTF-8"}) == "DE"
    assert default_region({"LANG": "C.UTF-8"}) == "NL"
    assert default_region({"NETWERK_REGION": "nonsense"}) == "NL"
    assert default_region({}) == "NL"


def test_default_region_from_environment(monkeypatch):
    monkeypatch.setenv("NETWERK_REGION", "DE")
    assert normalize_phone("030 1234567") == "+49301234567"
    monkeypatch.setenv("NETWERK_REGION", "NL")
    assert normalize_phone("030 1234567") == "+31301234567"


def test_mobile_or_not():
    assert is_mobile("+31612345678")
    assert not is_mobile("+31201234567")
    assert not is_mobile("garbage")


def test_phone_key_falls_back_to_digits_for_short_numbers():
    assert phone_key("06-12345678") == phone_key("0031612345678") == "+31612345678"
    assert phone_key("112") == "112"


def test_add_refuses_the_same_number_written_differently(run):
    run.ok("add", "Piet Jansen", "--phone", "06-12345678")
    run.ok("edit", "Piet", "--phone", "+31 6 12345678")
    assert run.json("show", "Piet")["phones"] == ["06-12345678"]
    run.ok("edit", "Piet", "--remove-phone", "0031612345678")
    assert run.json("show", "Piet")["phones"] == []


def test_m005_rekeys_stored_phones(db_file, monkeypatch):
    """A database of version 4 with digits-only keys: after the upgrade its numbers match in
    E.164, and one number stored twice in two spellings is kept once."""
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:4])
        connect(db_file).close()
    conn = sqlite3.connect(db_file, isolation_level=None)
    conn.execute(
        "INSERT INTO contact (id, name, name_key, uid, created_on, archived) "
        "VALUES (1, 'Piet', 'piet', 'u1', '2026-01-01', 0)"
    )
    conn.executemany(
        "INSERT INTO detail (contact_id, kind, value, value_key) VALUES (1, 'phone', ?, ?)",
        [("06-12345678", "0612345678"), ("+31 6 12345678", "+31612345678"), ("112", "112")],
    )
    conn.close()
    conn = connect(db_file)
    rows = conn.execute("SELECT value, value_key FROM detail ORDER BY id").fetchall()
    assert rows == [("06-12345678", "+31612345678"), ("112", "112")]


def _vcards(tmp_path, text):
    path = tmp_path / "phone.vcf"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_matches_a_mobile_number_written_otherwise(run, tmp_path):
    """A phone's card "Mama" with her mobile in another spelling is Ans, gaining an alias."""
    run.ok("add", "Ans de Vries", "--phone", "06-12345678")
    path = _vcards(
        tmp_path, "BEGIN:VCARD\nVERSION:3.0\nFN:Mama\nTEL;TYPE=CELL:+31 6 12345678\nEND:VCARD\n"
    )
    out = run.json("import", "vcard", str(path))
    assert [(m["name"], m["matched_by"]) for m in out["merged"]] == [("Ans de Vries", "phone")]
    profile = run.json("show", "Ans")
    assert profile["phones"] == ["06-12345678"]
    assert profile["aliases"] == ["Mama"]


def test_import_does_not_match_a_shared_home_line(run, tmp_path):
    """A landline is a household's: Kees with Piet's home number is a new contact."""
    run.ok("add", "Piet Jansen", "--phone", "020-1234567")
    path = _vcards(
        tmp_path, "BEGIN:VCARD\nVERSION:3.0\nFN:Kees Jansen\nTEL:+31201234567\nEND:VCARD\n"
    )
    out = run.json("import", "vcard", str(path))
    assert out["counts"]["added"] == 1


def test_import_does_not_add_the_same_number_twice(run, tmp_path):
    run.ok("add", "Piet Jansen", "--phone", "06-12345678")
    path = _vcards(
        tmp_path, "BEGIN:VCARD\nVERSION:3.0\nFN:Piet Jansen\nTEL:0031612345678\nEND:VCARD\n"
    )
    out = run.json("import", "vcard", str(path))
    assert out["counts"] == {"added": 0, "merged": 0, "skipped": 1}
    assert run.json("show", "Piet")["phones"] == ["06-12345678"]


def test_merge_keeps_one_number_written_two_ways(run):
    run.ok("add", "Piet Jansen", "--phone", "06-12345678")
    run.ok("add", "P. Jansen", "--phone", "+31 6 12345678", "--phone", "020 1234567", "--force")
    run.ok("merge", "Piet Jansen", "P. Jansen")
    assert run.json("show", "Piet")["phones"] == ["06-12345678", "020 1234567"]


def test_add_refuses_a_number_someone_has_in_another_spelling(run, unchanged):
    run.ok("add", "Piet Jansen", "--phone", "06-12345678")
    run.ok("add", "Klaas Bakker")
    with unchanged():
        result = run.fails("add", "P. Jansen", "--phone", "0031612345678")
        assert "#1 Piet Jansen already exists with the same phone number" in result.stderr
        run.fails("edit", "Klaas", "--phone", "+31 6 12345678")
    run.ok("add", "P. Jansen", "--phone", "0031612345678", "--force")


def test_phone_prefix_of_a_number_being_typed():
    from netwerk.rules.phones import phone_prefix

    assert phone_prefix("0612", "NL") == "+31612"
    assert phone_prefix("06-12 3", "NL") == "+316123"
    assert phone_prefix("+31 61", "NL") == "+3161"
    assert phone_prefix("0049 30", "NL") == "+4930"
    assert phone_prefix("02 12", "BE") == "+32212"
    assert phone_prefix("06", "NL") is None  # too short to say
    assert phone_prefix("Jan 06", "NL") is None and phone_prefix("12345", "NL") is None


def test_completion_offers_the_holder_of_a_number_typed_any_way(run, db_file):
    from netwerk.store.completion import matching_names

    run.ok("add", "Piet Jansen", "--phone", "+31 6 12345678")
    run.ok("add", "Klaas Bakker", "--phone", "06-87654321")
    assert matching_names(db_file, "0612") == ["Piet Jansen"]
    assert matching_names(db_file, "06") == []
    assert matching_names(db_file, "+316") == ["Klaas Bakker", "Piet Jansen"]
    assert matching_names(db_file, "pie") == ["Piet Jansen"]


def test_a_phone_number_names_its_holder(run):
    run.ok("add", "Piet Jansen", "--phone", "+31 6 12345678")
    assert run.json("show", "0612345678")["name"] == "Piet Jansen"
    assert run.json("show", "06-12345678")["name"] == "Piet Jansen"
    assert "No contact" in run.fails("show", "0699999999").stderr
