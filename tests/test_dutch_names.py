"""Dutch names: particles, sorting by the main part of the family name, and matching."""

from __future__ import annotations

import json

import pytest

from netwerk.formats.names import split_name as split_for_vcard
from netwerk.rules.names import (
    PARTICLES,
    family_forms,
    sort_key,
    split_name,
    written_forward,
)


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Jan van der Berg", ("Jan", "van der", "Berg")),
        ("Anna de Vries", ("Anna", "de", "Vries")),
        ("Anna Maria de Vries", ("Anna Maria", "de", "Vries")),
        ("Van Dijk, Jan", ("Jan", "Van", "Dijk")),
        ("Berg, Jan van der", ("Jan", "van der", "Berg")),
        ("Vries, Anna de", ("Anna", "de", "Vries")),
        ("Jan in 't Veld", ("Jan", "in 't", "Veld")),
        ("Kees op de Beek", ("Kees", "op de", "Beek")),
        ("Els uit de Bos", ("Els", "uit de", "Bos")),
        ("Ria ter Horst", ("Ria", "ter", "Horst")),
        ("Otto von Bismarck", ("Otto", "von", "Bismarck")),
        ("Jan Van Dijk", ("Jan", "Van", "Dijk")),
        ("De Vries", ("", "De", "Vries")),
        ("Piet Jansen", ("Piet", "", "Jansen")),
        ("Cher", ("", "", "Cher")),
        ("", ("", "", "")),
        ("  Jan   van  Dijk ", ("Jan", "van", "Dijk")),
    ],
)
def test_split_name(name, parts):
    assert split_name(name) == parts


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Jan van der Berg", "berg jan van der"),
        ("Anna de Vries", "vries anna de"),
        ("Van Dijk, Jan", "dijk jan van"),
        ("Zoë Öztürk", "ozturk zoe"),
        ("ÖZTÜRK, ZOË", "ozturk zoe"),
        ("Piet Jansen", "jansen piet"),
    ],
)
def test_sort_key(name, key):
    assert sort_key(name) == key


def test_sorting_like_a_dutch_address_list():
    names = [
        "Anna de Vries",
        "Piet Jansen",
        "Jan van der Berg",
        "Van Dijk, Jan",
        "Bram Aalders",
        "Zoë Öztürk",
        "Otto Olsen",
    ]
    assert sorted(names, key=sort_key) == [
        "Bram Aalders",
        "Jan van der Berg",
        "Van Dijk, Jan",
        "Piet Jansen",
        "Otto Olsen",
        "Zoë Öztürk",
        "Anna de Vries",
    ]


@pytest.mark.parametrize(
    ("text", "forward"),
    [
        ("Berg, Jan van der", "Jan van der Berg"),
        ("Van Dijk, Jan", "Jan Van Dijk"),
        ("Jan van der Berg", "Jan van der Berg"),
    ],
)
def test_written_forward(text, forward):
    assert written_forward(text) == forward


def test_family_forms():
    assert family_forms("Jan van der Berg") == {"berg", "van der berg"}
    assert family_forms("Piet Jansen") == {"jansen"}


def test_one_table_of_particles():
    for particle in ("van", "van de", "van der", "van den", "de", "den", "der", "het", "'t"):
        assert particle in PARTICLES
    for particle in ("ter", "ten", "te", "in 't", "op de", "uit de", "von", "zu", "le", "la"):
        assert particle in PARTICLES
    from netwerk.formats import names

    assert {"van", "der", "'t", "op", "uit"} <= names.PARTICLES


@pytest.mark.parametrize(
    ("name", "given_family"),
    [
        ("Jan van der Berg", ("Jan", "van der Berg")),
        ("Van Dijk, Jan", ("Jan", "Van Dijk")),
        ("Berg, Jan van der", ("Jan", "van der Berg")),
        ("Cher", ("Cher", None)),
    ],
)
def test_vcard_family_names_keep_their_particles(name, given_family):
    assert split_for_vcard(name) == given_family


@pytest.fixture
def dutch_people(run):  # type: ignore[no-untyped-def]
    for name in (
        "Jan van der Berg",
        "Anna de Vries",
        "Piet Jansen",
        "Van Dijk, Klaas",
        "Bram Aalders",
        "Zoë Öztürk",
    ):
        run.ok("add", name)


@pytest.mark.parametrize(
    "query",
    ["van der berg", "berg", "Berg", "Berg, Jan van der", "BERG, JAN VAN DER", "jan van der berg"],
)
def test_show_finds_him_by_family_name(run, dutch_people, query):
    assert run.json("show", query)["name"] == "Jan van der Berg"


@pytest.mark.parametrize("query", ["dijk", "van dijk", "Klaas van Dijk", "Dijk, Klaas van"])
def test_show_finds_a_name_stored_surname_first(run, dutch_people, query):
    assert run.json("show", query)["name"] == "Van Dijk, Klaas"


def test_family_name_shared_by_two_is_ambiguous(run, dutch_people, unchanged):
    run.ok("add", "Mies van der Berg")
    with unchanged():
        result = run.fails("show", "berg")
    assert "Jan van der Berg" in result.output and "Mies van der Berg" in result.output


def test_an_unknown_family_name_is_not_found(run, dutch_people):
    result = run.fails("show", "van der bergen")
    assert "No contact 'van der bergen'" in result.output


def test_list_and_exports_sort_by_the_main_part(run, dutch_people):
    listed = [c["name"] for c in run.json("list")]
    assert listed == [
        "Bram Aalders",
        "Jan van der Berg",
        "Van Dijk, Klaas",
        "Piet Jansen",
        "Zoë Öztürk",
        "Anna de Vries",
    ]
    card = run.ok("export", "vcard").stdout
    families = [line for line in card.splitlines() if line.startswith("N:")]
    assert families == [
        "N:Aalders;Bram;;;",
        "N:van der Berg;Jan;;;",
        "N:Van Dijk;Klaas;;;",
        "N:Jansen;Piet;;;",
        "N:Öztürk;Zoë;;;",
        "N:de Vries;Anna;;;",
    ]


def test_vcard_import_keeps_particles_in_the_family_name(run, tmp_path):
    path = tmp_path / "c.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Berg;Jan;van der;;\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:van den Broek;Els;;;\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    run.ok("import", "vcard", str(path))
    exported = run.ok("export", "vcard").stdout
    assert "N:van der Berg;Jan;;;" in exported
    assert "N:van den Broek;Els;;;" in exported
    assert json.loads(run.ok("show", "broek", "--json").stdout)["name"] == "Els van den Broek"
