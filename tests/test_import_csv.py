"""`netwerk import csv`: Outlook, Apple, Thunderbird and hand-made lists, --map, --dry-run,
placeholders; and `import google` refusing a CSV that is not Google's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netwerk.formats.csv_generic import parse_csv

CSV = Path(__file__).parent / "fixtures" / "formats" / "csv"


def imported(run, name: str, *extra: str) -> dict:
    return json.loads(run.ok("import", "csv", str(CSV / name), *extra, "--json").stdout)


def test_outlook_export():
    result, chosen = parse_csv(CSV / "outlook.csv")
    sanne, joost = result.records
    assert sanne.name == "Sanne van Dijk"
    assert sanne.emails == ["sanne@utrecht.nl", "sanne@home.nl"]
    assert sanne.phones == ["030 2861111", "06-55556666"]
    assert (sanne.company, sanne.role, sanne.city) == ("Gemeente Utrecht", "Architect", "Utrecht")
    assert sanne.circles == ["Werk", "BNI"]
    assert sanne.birthday == (1985, 4, 27)  # an English Outlook's month/day/year
    assert joost.city == "Delft"  # Home City when Business City is empty
    assert joost.birthday is None and result.problems == []  # Outlook's 0/0/00 is no date
    assert "Title" in chosen.unmapped  # "Dhr." is not a job title


def test_thunderbird_export():
    (femke,) = parse_csv(CSV / "thunderbird.csv")[0].records
    assert femke.name == "Femke Smit" and femke.aliases == ["Fem"]
    assert femke.birthday == (1990, 3, 12)  # Birth Year, Birth Month, Birth Day
    assert femke.urls == ["https://femke.example.nl"] and femke.company == "Hogeschool Leiden"


def test_apple_style_export():
    (yara,) = parse_csv(CSV / "apple.csv")[0].records
    assert (yara.name, yara.company, yara.city) == ("Yara Bos", "Bos Design", "Haarlem")
    assert yara.phones == ["+31 6 99990000"] and yara.note == "via Apple Contacts"


def test_dutch_hand_made_list_with_semicolons():
    piet, klaas = parse_csv(CSV / "handmade_nl.csv")[0].records
    assert piet.emails == ["piet@example.nl"] and piet.company == "Bakkerij Jansen"
    assert piet.circles == ["BNI", "Familie"] and piet.birthday == (1985, 4, 27)
    assert klaas.phones == ["020 1234567"] and klaas.city == "Amsterdam"


def test_placeholders_are_not_data(run):
    out = imported(run, "handmade_en.csv")
    assert [a["name"] for a in out["added"]] == ["Anna de Vries", "Bram Kok"]  # file order
    assert [s["reason"] for s in out["skipped"]] == ["the row has no name"]
    anna, bram = run.json("show", "Anna de Vries"), run.json("show", "Bram Kok")
    assert anna["note"] is None and anna["phones"] == ["06-11112222"]
    assert bram["emails"] == [] and bram["company"] is None
    assert sorted(c["name"] for c in run.json("list")) == ["Anna de Vries", "Bram Kok"]


def test_dry_run_shows_the_mapping_and_writes_nothing(run, unchanged):
    run.ok("list")  # the database exists: the failure must not change it
    with unchanged():
        result = run.ok("import", "csv", str(CSV / "outlook.csv"), "--dry-run")
    assert "Columns:" in result.stdout
    assert "E-mail 2 Address -> email" in result.stdout
    assert "Mobile Phone -> phone" in result.stdout
    assert "left out: Title, Suffix" in result.stdout
    data = imported(run, "outlook.csv", "--dry-run")
    assert {"column": "Job Title", "field": "role"} in data["columns"]["mapped"]


def test_map_handles_unknown_headers(run, unchanged):
    run.ok("list")  # the database exists: the failure must not change it
    with unchanged():
        error = run.fails("import", "csv", str(CSV / "unknown_headers.csv")).stderr
    assert "no column for the name among Wie, Adres, Nummer" in error
    assert "--map 'Column=name'" in error
    out = imported(run, "unknown_headers.csv", "--map", "Wie=name, Adres=email,Nummer=phone")
    assert out["counts"]["added"] == 1
    eva = run.json("show", "Eva Mulder")
    assert eva["emails"] == ["eva@example.nl"] and eva["phones"] == ["06-12121212"]
    assert imported(run, "unknown_headers.csv", "--map", "Wie=name")["counts"]["added"] == 0


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ("Wie=shoe_size", "Fields: name"),
        ("Wie", "is not one"),
        ("Nobody=name", "its columns are: Wie, Adres, Nummer"),
    ],
)
def test_bad_map_is_one_line_and_writes_nothing(run, unchanged, mapping, message):
    run.ok("list")  # the database exists: the failure must not change it
    with unchanged():
        result = run.fails("import", "csv", str(CSV / "unknown_headers.csv"), "--map", mapping)
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_map_is_only_for_csv(run, unchanged):
    run.ok("list")  # the database exists: the failure must not change it
    with unchanged():
        assert (
            "--map is for"
            in run.fails("import", "vcard", str(CSV / "apple.csv"), "--map", "a=name").stderr
        )


def test_reimport_adds_nothing(run):
    for name in ("outlook.csv", "thunderbird.csv", "apple.csv", "handmade_nl.csv"):
        assert imported(run, name)["counts"]["added"] >= 1
        again = imported(run, name)
        assert again["counts"]["added"] == again["counts"]["merged"] == 0


def test_import_google_refuses_a_csv_that_is_not_googles(run, unchanged):
    """A "Name,Email,Phone Number" list once came in as names only and a contact "-"."""
    path = CSV / "handmade_en.csv"
    run.ok("list")  # the database exists: the failure must not change it
    with unchanged():
        error = run.fails("import", "google", str(path)).stderr
    assert "not a Google Contacts CSV" in error
    assert "'E-mail 1 - Value'" in error and "found Name, Email, Phone Number" in error
    assert f"netwerk import csv {path}" in error
