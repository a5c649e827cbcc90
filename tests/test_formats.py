"""Tests for netwerk.formats: vCard, LinkedIn and Google CSV parsing, and vCard writing.

The fixtures under tests/fixtures/formats/ are small hand-written copies of what real exporters
produce (Android 2.1 quoted-printable, iPhone 3.0, Nextcloud/khard 4.0, LinkedIn, Google); the
hostile inputs are built in the tests themselves so that no huge file is committed.
"""

import io
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netwerk.formats import (
    ContactRecord,
    ParseProblem,
    ParseResult,
    parse_google,
    parse_linkedin,
    parse_vcard_text,
    parse_vcards,
    write_vcards,
)
from netwerk.formats._common import MAX_FILE_BYTES, clean, parse_birthday
from netwerk.formats.linkedin import parse_connected_on
from netwerk.formats.names import merge_particles, split_name

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def card(*lines: str, version: str = "3.0") -> str:
    """One vCard as CRLF text, for inline cases that do not deserve a fixture file."""
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD", ""])


def only(result: ParseResult) -> ContactRecord:
    """The single record of a result that must have no problems."""
    assert result.problems == []
    assert len(result.records) == 1
    return result.records[0]


def write_file(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


# ------------------------------------------------------------------------- vCard 2.1


def test_android_21_quoted_printable_card() -> None:
    result = parse_vcards(FIXTURES / "android_21.vcf")
    assert result.problems == []
    jose = result.records[0]
    assert jose.name == "José Müller"
    assert jose.given_name == "José"
    assert jose.family_name == "Müller"
    assert jose.phones == ["+31 6 12345678", "030-2345678"]
    assert jose.emails == ["jose.muller@example.nl"]
    assert jose.company == "Bakkerij De Zon"
    assert jose.role == "Bakker"
    assert jose.city == "Utrecht"
    assert jose.birthday == (1985, 4, 27)
    # The soft line break (=CRLF) falls inside the two bytes of "é" (=C3= / =A9): the bytes
    # must be joined before decoding. =0D=0A becomes a plain \n, and the unescaped comma and
    # semicolon of vCard 2.1 stay in the text.
    assert jose.note == (
        "Ontmoet op de verjaardag van Anke, in juni.\n"
        "Houdt van cafés en fietsen; vraag naar de moestuin."
    )
    # X-ANDROID-CUSTOM nicknames are not NICKNAME; nothing else is set.
    assert jose.aliases == [] and jose.urls == [] and jose.socials == [] and jose.circles == []
    assert jose.uid is None and jose.profile_url is None and jose.met_on is None


def test_android_21_photo_is_skipped_and_n_without_fn_composes_the_name() -> None:
    anne, jan = parse_vcards(FIXTURES / "android_21.vcf").records[1:]
    assert anne.name == "Anne de Vries"
    assert anne.birthday == (1990, 2, 15)  # basic format 19900215
    assert anne.emails == ["anne@devries.example"]
    assert anne.phones == ["06-98765432"]
    # N:Berg;Jan;van der;; has no FN: the particles in the middle name join the family name.
    assert jan.name == "Jan van der Berg"
    assert (jan.given_name, jan.family_name) == ("Jan", "van der Berg")


def test_vobject_allowqp_joins_soft_line_breaks() -> None:
    """The vobject behaviour we rely on: with allowQP a line ending in '=' continues."""
    from vobject.base import getLogicalLines

    text = "NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=\r\n=A9 en=\r\nmeer\r\nFN:x\r\n"
    lines = [line for line, _ in getLogicalLines(io.StringIO(text), allowQP=True)]
    assert lines == ["NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=\n=A9 en=\nmeer", "FN:x"]
    record = only(parse_vcard_text(card(text.rstrip("\r\n"), version="2.1")))
    assert record.note == "café enmeer"


def test_quoted_printable_in_lower_case_with_a_latin1_charset() -> None:
    # vobject's own value layer would base64-decode this (it only knows upper-case QP).
    text = card(
        "FN:Ren=E9", "NOTE;ENCODING=quoted-printable;CHARSET=ISO-8859-1:caf=E9", version="2.1"
    )
    record = only(parse_vcard_text(text))
    assert record.name == "Ren=E9"  # not QP-encoded, so left alone
    assert record.note == "café"


def test_bare_21_quoted_printable_parameter_and_unknown_charset() -> None:
    text = card("FN;QUOTED-PRINTABLE;CHARSET=X-UNKNOWN:Jos=C3=A9", version="2.1")
    assert only(parse_vcard_text(text)).name == "José"  # unknown charset: falls back to UTF-8


def test_21_photo_with_unindented_base64_lines() -> None:
    text = card(
        "FN:Oude Nokia",
        "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD",
        "2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwS",
        "",
        "TEL;CELL:0612345678",
        version="2.1",
    )
    record = only(parse_vcard_text(text))
    assert record.phones == ["0612345678"]


def test_unescaped_comma_in_a_21_note_is_kept() -> None:
    # vobject's readOne cuts this at the comma ("Met at a party"); we must not.
    record = only(parse_vcard_text(card("FN:Doe, John", "NOTE:Met at a party, Utrecht")))
    assert record.name == "Doe, John"
    assert record.note == "Met at a party, Utrecht"


# ------------------------------------------------------------------------- vCard 3.0 / 4.0


def test_apple_30_card() -> None:
    result = parse_vcards(FIXTURES / "apple_30.vcf")
    jan = result.records[0]
    assert jan.name == "Jan van der Berg"
    assert (jan.given_name, jan.family_name) == ("Jan", "van der Berg")
    assert jan.aliases == ["Jantje"]
    assert jan.company == "Rijkswaterstaat"  # first ORG component; the department is dropped
    assert jan.role == "Projectleider"
    # item1.EMAIL (grouped with an X-ABLabel) counts like any other EMAIL.
    assert jan.emails == ["jan.vanderberg@example.nl", "j.vdberg@rws.example.nl"]
    assert jan.phones == ["+31 6 11122233"]
    assert jan.city == "Utrecht"
    assert jan.urls == ["https://janvdberg.example.nl"]
    # Apple escapes the colon in X-SOCIALPROFILE values (https\://).
    assert jan.socials == ["https://www.linkedin.com/in/janvdberg", "http://twitter.com/janvdb"]
    assert jan.birthday == (None, 3, 15)  # 1604-03-15 with X-APPLE-OMIT-YEAR: no year
    # Folded in the middle of a word ("Lange N" / "ieuwstraat"), with \, and \n escapes.
    assert jan.note == (
        "Fietst elke zondag met de club. Vraag naar de verbouwing aan de Lange Nieuwstraat, "
        "die in maart klaar zou zijn.\nHeeft twee katten: Tijger en Mos."
    )
    assert jan.circles == ["Fietsclub", "Werk"]
    assert jan.uid is None


def test_apple_company_card_and_group_card() -> None:
    """A company card (X-ABShowAs:COMPANY) and a group card are not people: both are
    reported and left out."""
    result = parse_vcards(FIXTURES / "apple_30.vcf")
    assert [record.name for record in result.records] == ["Jan van der Berg"]
    source = str(FIXTURES / "apple_30.vcf")
    assert result.problems == [
        ParseProblem(source, 2, "the card is an organisation (Bakkerij De Zon), not a person"),
        ParseProblem(source, 3, "the card is a contact group, not a person"),
    ]


def test_vcard4_organisation_card_is_not_a_person() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Gemeente Utrecht\nORG:Gemeente Utrecht\nEND:VCARD\n"
    )
    result = parse_vcard_text(text)
    assert result.records == []
    assert result.problems == [
        ParseProblem("<text>", 1, "the card is an organisation (Gemeente Utrecht), not a person")
    ]


def test_nextcloud_40_card() -> None:
    sanne, pieter = parse_vcards(FIXTURES / "nextcloud_40.vcf").records
    assert sanne.name == "Sanne de Vries"
    assert sanne.uid == "5f3c1b2a-8d4e-4c3b-9a7e-2b1d0c9e8f7a"
    assert sanne.aliases == ["San", "Sannie"]  # NICKNAME:San,Sannie
    assert sanne.emails == ["sanne@example.com", "s.devries@amersfoort.example"]
    assert sanne.phones == ["+31-6-98765432"]  # TEL;VALUE=uri:tel:... loses the scheme
    assert sanne.company == "Gemeente Amersfoort"
    assert sanne.role == "Beleidsadviseur"
    assert sanne.birthday == (None, 9, 12)  # --0912
    # The quoted LABEL parameter contains ':' and ';' and must not end the parameters early.
    assert sanne.city == "Amersfoort"
    assert sanne.circles == ["Vrienden", "Buren"]  # trimmed, empty ones dropped
    assert sanne.urls == ["https://sanne.example.com"]
    assert sanne.socials == ["https://mastodon.social/@sanne"]
    assert sanne.note == "Twee kinderen: Mees en Fien.\nVerhuisd in 2023; nieuw adres op Hof."
    assert (sanne.given_name, sanne.family_name) == ("Sanne", "de Vries")

    assert pieter.name == "Pieter ter Horst"
    assert pieter.family_name == "ter Horst"
    assert pieter.uid == "urn:uuid:0e8a6f52-6d3c-4c59-8f8e-1d2b3c4d5e6f"
    assert pieter.birthday == (1970, 1, 1)
    assert pieter.emails == ["pieter@terhorst.example"]


def test_cp1252_file() -> None:
    record = only(parse_vcards(FIXTURES / "cp1252.vcf"))
    assert record.name == "José Müller"
    assert (record.given_name, record.family_name) == ("José", "Müller")
    assert record.company == "Café De Hoek"
    assert record.city == "Liège"
    assert record.note == "Houdt van crème brûlée. Krijgt nog €20 van me."  # € is cp1252 only


def test_utf8_bom_and_utf16_files(tmp_path: Path) -> None:
    text = card("FN:Zoë Ünal")
    bom = write_file(tmp_path, "bom.vcf", b"\xef\xbb\xbf" + text.encode("utf-8"))
    utf16 = write_file(tmp_path, "utf16.vcf", text.encode("utf-16"))
    assert only(parse_vcards(bom)).name == "Zoë Ünal"
    assert only(parse_vcards(utf16)).name == "Zoë Ünal"


def test_broken_card_between_two_good_ones() -> None:
    path = FIXTURES / "broken_middle.vcf"
    result = parse_vcards(path)
    assert [record.name for record in result.records] == ["Alice Jansen", "Carol de Boer"]
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.source == str(path)
    assert problem.item == 2
    assert "has no name" in problem.message
    assert not problem.kept


def test_card_without_end_is_reported_and_the_next_card_still_counts() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Een\r\n"  # no END:VCARD
        + card("FN:Twee")
        + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Drie\r\n"  # the file ends inside this card
    )
    result = parse_vcard_text(text, source="x.vcf")
    assert [record.name for record in result.records] == ["Twee"]
    assert [(problem.item, problem.message) for problem in result.problems] == [
        (1, "the card has no END:VCARD line"),
        (3, "the card has no END:VCARD line (the file ends inside it)"),
    ]


def test_folder_of_vcards_is_read_in_name_order_and_not_recursively() -> None:
    result = parse_vcards(FIXTURES / "folder")
    assert result.problems == []
    # a_google.vcf, then b_khard.vcard (both suffixes); c_readme.txt and nested/ are ignored.
    assert [record.name for record in result.records] == [
        "Pieter ter Horst",
        "Eva Jansen",
        "Frank Kok",
    ]
    pieter, eva, _frank = result.records
    # Google's vCard export: item1.ORG, BDAY --07-04, and the system category myContacts.
    assert pieter.company == "Philips"
    assert pieter.birthday == (None, 7, 4)
    assert pieter.circles == ["Voetbal"]
    assert pieter.phones == ["+31 6 55512345"]
    # khard: escaped comma, semicolon and backslash in NOTE.
    assert eva.note == "Notitie met komma, puntkomma; en backslash \\ erin."
    assert eva.aliases == ["Eef"]
    assert eva.company == "Jansen & Zn."
    assert eva.birthday == (1988, 6, 6)
    assert eva.uid == "7a1f9c3e-2b4d-4e6f-8a0b-1c2d3e4f5a6b"


def test_folder_problems_name_the_file_they_come_from(tmp_path: Path) -> None:
    write_file(tmp_path, "a.vcf", card("FN:Goed"))
    bad = write_file(tmp_path, "b.VCF", card("TEL:112") + card("FN:Ook goed"))
    result = parse_vcards(tmp_path)
    assert [record.name for record in result.records] == ["Goed", "Ook goed"]
    assert [(problem.source, problem.item) for problem in result.problems] == [(str(bad), 1)]


def test_empty_folder_missing_file_and_file_without_cards(tmp_path: Path) -> None:
    assert parse_vcards(tmp_path).problems == [
        ParseProblem(str(tmp_path), 0, "the folder has no .vcf or .vcard files")
    ]
    missing = parse_vcards(tmp_path / "nope.vcf")
    assert missing.records == []
    assert missing.problems[0].item == 0
    assert missing.problems[0].message.startswith("cannot read the file")
    empty = write_file(tmp_path, "empty.vcf", "hello\r\n")
    assert parse_vcards(empty).problems == [
        ParseProblem(str(empty), 0, "no vCard found (no BEGIN:VCARD line)")
    ]


def test_lower_case_begin_end_and_lf_line_endings() -> None:
    text = "begin:vcard\nversion:3.0\nfn:Klein Letters\nemail:k@example.org\nend:vcard\n"
    record = only(parse_vcard_text(text))
    assert record.name == "Klein Letters"
    assert record.emails == ["k@example.org"]


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        (["N:van Dijk;Els;;;"], "Els van Dijk"),
        (["N:;;;;", "ORG:Loodgieter Jansen;"], "Loodgieter Jansen"),
        (["EMAIL:iemand@example.org"], "iemand@example.org"),
    ],
)
def test_name_fallbacks(lines: list[str], name: str) -> None:
    assert only(parse_vcard_text(card(*lines))).name == name


def test_card_without_any_name_is_a_problem() -> None:
    result = parse_vcard_text(card("TEL:0612345678"))
    assert result.records == []
    assert result.problems == [
        ParseProblem("<text>", 1, "the card has no name (no FN, N, ORG or EMAIL)")
    ]


def test_multiple_values_and_duplicates() -> None:
    text = card(
        "FN:Veel Waarden",
        "NICKNAME:Vee, Waardje ,,Vee",
        "NICKNAME:Extra\\, met komma",
        "CATEGORIES:Werk, Buren",
        "CATEGORIES:Werk,Sport",
        "EMAIL:a@example.org",
        "EMAIL:a@example.org",
        "EMAIL;TYPE=INTERNET:mailto:b@example.org",
        "URL:https://a.example/x,y",
        "NOTE:Eerste",
        "NOTE:Tweede",
        "TITLE:",
        "ROLE:Voorzitter",
    )
    record = only(parse_vcard_text(text))
    assert record.aliases == ["Vee", "Waardje", "Extra, met komma"]
    assert record.circles == ["Werk", "Buren", "Sport"]
    assert record.emails == ["a@example.org", "b@example.org"]
    assert record.urls == ["https://a.example/x,y"]
    assert record.note == "Eerste\n\nTweede"
    assert record.role == "Voorzitter"  # empty TITLE: ROLE is the fallback


# ------------------------------------------------------------------------- birthdays and names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1985-04-27", (1985, 4, 27)),
        ("19850427", (1985, 4, 27)),
        ("--0427", (None, 4, 27)),
        ("--04-27", (None, 4, 27)),
        ("1604-04-27", (None, 4, 27)),
        ("19850427T000000Z", (1985, 4, 27)),
        ("--0229", (None, 2, 29)),
        ("", None),
    ],
)
def test_parse_birthday(text: str, expected: tuple[int | None, int, int] | None) -> None:
    assert parse_birthday(text) == expected


@pytest.mark.parametrize("text", ["--0230", "1985-13-01", "2023-02-29", "circa 1800", "1985"])
def test_parse_birthday_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_birthday(text)


def test_unreadable_birthday_is_a_warning_and_the_card_is_kept() -> None:
    result = parse_vcard_text(card("FN:Oud", "BDAY;VALUE=text:circa 1800"), source="o.vcf")
    assert [record.name for record in result.records] == ["Oud"]
    assert result.records[0].birthday is None
    assert result.records[0].note == "Birthday: circa 1800"
    assert result.problems == [
        ParseProblem("o.vcf", 1, "the birthday 'circa 1800' is not a date; kept in the notes", True)
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Jan van der Berg", ("Jan", "van der Berg")),
        ("Jan Peter de Vries", ("Jan Peter", "de Vries")),
        ("Pieter ter Horst", ("Pieter", "ter Horst")),
        ("Anna in 't Veld", ("Anna", "in 't Veld")),
        ("Ludwig van Beethoven", ("Ludwig", "van Beethoven")),
        ("Marie Curie", ("Marie", "Curie")),
        ("Cher", ("Cher", None)),
        ("  ", (None, None)),
    ],
)
def test_split_name(name: str, expected: tuple[str | None, str | None]) -> None:
    assert split_name(name) == expected


def test_merge_particles_only_moves_particles() -> None:
    assert merge_particles("van der", "Berg") == ("", "van der Berg")
    assert merge_particles("Pieter", "Berg") == ("Pieter", "Berg")
    assert merge_particles("van", "") == ("van", "")


# ------------------------------------------------------------------------- hostile vCards


def test_over_long_note_rejects_only_that_card(tmp_path: Path) -> None:
    text = card("FN:Eerste") + card("FN:Lang", "NOTE:" + "x" * 20_000) + card("FN:Derde")
    path = write_file(tmp_path, "long.vcf", text)
    result = parse_vcards(path)
    assert [record.name for record in result.records] == ["Eerste", "Derde"]
    assert result.problems == [
        ParseProblem(str(path), 2, "field NOTE is longer than 10000 characters")
    ]


def test_over_long_quoted_printable_value_is_measured_after_decoding() -> None:
    encoded = "=C3=A9" * 6_000  # 36,000 characters on the line, 6,000 after decoding
    ok = parse_vcard_text(
        card("FN:Kort", f"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{encoded}")
    )
    assert only(ok).note == "é" * 6_000
    too_long = parse_vcard_text(card("FN:" + "a" * 10_001))
    assert too_long.problems[0].message == "field FN is longer than 10000 characters"


def test_nul_byte_rejects_only_that_card(tmp_path: Path) -> None:
    text = card("FN:Goed") + card("FN:Nul\x00byte") + card("FN:Ook goed")
    path = write_file(tmp_path, "nul.vcf", text)
    result = parse_vcards(path)
    assert [record.name for record in result.records] == ["Goed", "Ook goed"]
    assert result.problems == [ParseProblem(str(path), 2, "the card contains a NUL byte")]


def test_file_over_50_mb_is_refused_whole(tmp_path: Path) -> None:
    big = tmp_path / "big.vcf"
    with big.open("wb") as handle:
        handle.write(card("FN:Eerste").encode())
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: cheap to make
    for parse in (parse_vcards, parse_linkedin, parse_google):
        result = parse(big)
        assert result.records == []
        assert result.problems == [ParseProblem(str(big), 0, "the file is larger than 50 MB")]


def test_big_base64_photo_parses_fine() -> None:
    photo = "A" * 2_000_000
    folded = "\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    text = card("FN:Met Foto", f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}", "EMAIL:foto@example.org")
    started = time.perf_counter()
    record = only(parse_vcard_text(text))
    assert record.emails == ["foto@example.org"]
    # a hang guard, not a speed target (benchmarks measure speed): a quadratic unfolding of
    # 27,000 lines would take minutes
    assert time.perf_counter() - started < 30


def test_hostile_parameter_lists_parse_in_linear_time() -> None:
    # vobject's line regex backtracks exponentially on these (minutes for 100 characters).
    lines = [
        "X" + ";a=b,c" * 20_000 + ";",  # no colon at all
        "X" + ';a="' * 20_000,  # unbalanced quotes
        "TEL" + ";TYPE=cell,voice" * 5_000 + ":0612345678",  # many parameters, valid
    ]
    started = time.perf_counter()
    results = [parse_vcard_text(card("FN:Vijandig", line)) for line in lines]
    assert time.perf_counter() - started < 30  # hang guard: exponential would take hours
    for result in results[:2]:  # the line is left out, the card kept
        assert [r.name for r in result.records] == ["Vijandig"]
        assert [p.kept for p in result.problems] == [True]
    assert results[2].records[0].phones == ["0612345678"]


def test_quoted_printable_mentioned_in_a_value_does_not_switch_line_modes() -> None:
    # Only a parameter switches to vobject's QP line reader, whose handling of a folded
    # continuation that is all blanks differs; text in a value must not.
    note = "about quoted-printable =" + " " * 80 + "end"
    written = write_vcards([ContactRecord(name="Q", note=note, uid="q")])
    assert parse_vcard_text(written).records[0].note == note


def test_module_import_does_not_load_vobject() -> None:
    code = "import sys, netwerk.formats; assert 'vobject' not in sys.modules, 'vobject imported'"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parent.parent)


# ------------------------------------------------------------------------- writing vCards


def test_write_vcards_format() -> None:
    record = ContactRecord(
        name="Jan van der Berg",
        aliases=["Jantje", "J, B"],
        emails=["jan@example.nl"],
        phones=["+31 6 11122233"],
        urls=["https://janvdberg.example.nl"],
        socials=["https://www.linkedin.com/in/janvdberg"],
        company="Acme; Inc.",
        role="Projectleider",
        city="Utrecht",
        note="Regel een\nRegel twee met een backslash \\ en 🌷, " + " ".join(["lang"] * 20),
        circles=["Fietsclub", "Werk"],
        birthday=(None, 3, 15),
        uid="uid-1",
        profile_url="https://www.linkedin.com/in/janvdberg-li",
        met_on=date(2024, 3, 12),
    )
    text = write_vcards([record, replace(record, uid="uid-2", birthday=(1985, 4, 27))])
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # CRLF only
    physical = text.split("\r\n")[:-1]
    for line in physical:
        assert len(line.encode("utf-8")) <= 75
    unfolded = text.replace("\r\n ", "").split("\r\n")[:-1]
    first = unfolded[: unfolded.index("END:VCARD") + 1]
    assert first == [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "UID:uid-1",
        "FN:Jan van der Berg",
        "N:van der Berg;Jan;;;",
        "NICKNAME:Jantje,J\\, B",
        "EMAIL;TYPE=INTERNET:jan@example.nl",
        "TEL:+31 6 11122233",
        "ORG:Acme\\; Inc.",
        "TITLE:Projectleider",
        "NOTE:Regel een\\nRegel twee met een backslash \\\\ en 🌷\\, " + "lang " * 19 + "lang",
        "CATEGORIES:Fietsclub,Werk",
        "BDAY:--0315",
        "URL:https://janvdberg.example.nl",
        "URL:https://www.linkedin.com/in/janvdberg-li",
        "X-SOCIALPROFILE:https://www.linkedin.com/in/janvdberg",
        "ADR:;;;Utrecht;;;",
        "X-NETWERK-MET:2024-03-12",
        "END:VCARD",
    ]
    assert "BDAY:1985-04-27" in unfolded
    assert unfolded.count("BEGIN:VCARD") == 2


def test_folding_never_splits_a_utf8_character() -> None:
    text = write_vcards([ContactRecord(name="🌷é" * 100, uid="u")])
    for line in text.encode("utf-8").split(b"\r\n"):
        line.decode("utf-8")  # raises if a fold cut a multi-byte sequence


def test_write_needs_uid_and_valid_birthday() -> None:
    with pytest.raises(ValueError, match="no uid"):
        write_vcards([ContactRecord(name="Geen UID")])
    with pytest.raises(ValueError, match="invalid birthday"):
        write_vcards([ContactRecord(name="X", uid="x", birthday=(None, 2, 30))])


def test_write_uses_given_and_family_names_when_set() -> None:
    text = write_vcards([ContactRecord(name="Prof. J. Berg", given_name="Jan", uid="u")])
    assert "N:;Jan;;;\r\n" in text  # a stated name part is never mixed with a derived one


def expected_after_round_trip(record: ContactRecord) -> ContactRecord:
    """What parse(write(record)) must give: the profile URL comes back among the URLs."""
    urls = list(record.urls)
    if record.profile_url and record.profile_url not in urls:
        urls.append(record.profile_url)
    given, family = record.given_name, record.family_name
    if given is None and family is None:
        given, family = split_name(record.name)
    return replace(record, urls=urls, profile_url=None, given_name=given, family_name=family)


def round_trip(records: list[ContactRecord], folder: Path) -> ParseResult:
    path = folder / "export.vcf"
    path.write_text(write_vcards(records), encoding="utf-8", newline="")
    return parse_vcards(path)


def test_fixture_records_round_trip(tmp_path: Path) -> None:
    records: list[ContactRecord] = []
    for source in ["android_21.vcf", "apple_30.vcf", "nextcloud_40.vcf", "cp1252.vcf", "folder"]:
        records += parse_vcards(FIXTURES / source).records
    records += parse_linkedin(FIXTURES / "linkedin_connections.csv").records
    records += parse_google(FIXTURES / "google_current.csv").records
    records = [replace(record, uid=record.uid or f"uid-{n}") for n, record in enumerate(records)]
    result = round_trip(records, tmp_path)
    assert result.problems == []
    assert result.records == [expected_after_round_trip(record) for record in records]


# Text in normal form (what parsers produce): no NUL, no surrogates, \n line breaks, stripped.
# The alphabet leans on the characters vCard has to escape or fold around.
_characters = st.one_of(
    st.sampled_from([",", ";", "\\", "\n", ":", '"', "=", " ", "é", "🌷", "\t", "\x85"]),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
)
_text = st.text(_characters, min_size=1, max_size=30).map(clean).filter(bool)
_texts = st.lists(_text, max_size=3, unique=True)


@st.composite
def _birthdays(draw: st.DrawFn) -> tuple[int | None, int, int] | None:
    if draw(st.booleans()):
        return None
    day = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
    if draw(st.booleans()) or day.year == 1604:  # 1604 is Apple's "no year" marker
        return (None, day.month, day.day)
    return (day.year, day.month, day.day)


_records = st.builds(
    ContactRecord,
    name=_text,
    aliases=_texts,
    # A leading "mailto:" / "tel:" is a URI scheme the parser strips, as vCard 4 intends.
    emails=st.lists(
        _text.filter(lambda s: not s.lower().startswith("mailto:")), max_size=3, unique=True
    ),
    phones=st.lists(
        _text.filter(lambda s: not s.lower().startswith("tel:")), max_size=3, unique=True
    ),
    urls=_texts,
    socials=_texts,
    company=st.none() | _text,
    role=st.none() | _text,
    city=st.none() | _text,
    note=st.none() | st.text(_characters, max_size=200).map(clean).filter(bool),
    # System categories are dropped on import, so they cannot come back.
    circles=st.lists(
        _text.filter(lambda s: s != "myContacts" and not s.startswith("* ")),
        max_size=3,
        unique=True,
    ),
    birthday=_birthdays(),
    uid=_text,
    profile_url=st.none() | _text,
    met_on=st.none() | st.dates(),
    expertise=st.none() | _text,
    cadence_days=st.none() | st.integers(1, 36_500),
    met_at=st.none() | _text,
    via_name=st.none() | _text,
    via_uid=st.none() | _text,
    given_name=st.none() | _text,
    family_name=st.none() | _text,
)


@settings(max_examples=100, deadline=None)
@given(records=st.lists(_records, min_size=1, max_size=3))
def test_write_parse_round_trip_property(records: list[ContactRecord]) -> None:
    import tempfile

    text = write_vcards(records)
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    # tmp_path is function-scoped and hypothesis runs many examples per call: own temp dir.
    with tempfile.TemporaryDirectory() as folder:
        result = round_trip(records, Path(folder))
    assert result.problems == []
    assert result.records == [expected_after_round_trip(record) for record in records]


# ------------------------------------------------------------------------- LinkedIn


def test_linkedin_export_with_preamble_bom_and_crlf() -> None:
    path = FIXTURES / "linkedin_connections.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbfNotes:\r\n")
    result = parse_linkedin(path)
    jan, sophie, lotte, kees, mark = result.records
    assert jan == ContactRecord(
        name="Jan van der Berg",
        urls=["https://www.linkedin.com/in/janvdberg"],
        company="Rijkswaterstaat",
        role="Projectleider",
        profile_url="https://www.linkedin.com/in/janvdberg",
        met_on=date(2024, 3, 12),
        given_name="Jan",
        family_name="van der Berg",
    )
    assert jan.emails == []  # empty Email Address
    assert sophie.emails == ["sophie.bakker@example.com"]
    assert sophie.company == "Acme, Inc."  # quoted comma
    assert sophie.met_on == date(2023, 1, 3)
    assert lotte.name == "Lotte 🌷 de Wit"
    assert lotte.role == 'Coach "werk & leven"'  # doubled quotes inside quotes
    assert kees.name == "Kees, MBA Visser"
    assert kees.given_name == "Kees, MBA"
    assert kees.role == "Senior Manager, Risk"
    assert kees.met_on == date(2019, 9, 5)
    assert mark.met_on is None
    # Line numbers count the preamble: the header is line 4, Jan line 5.
    assert result.problems == [
        ParseProblem(str(path), 8, "the row has no first or last name"),
        ParseProblem(
            str(path),
            10,
            "the Connected On date '31 Foo 2018' is not a date; imported without it",
            kept=True,
        ),
    ]


def test_linkedin_export_without_preamble() -> None:
    result = parse_linkedin(FIXTURES / "linkedin_no_preamble.csv")
    assert result.problems == []
    ruud, ingrid = result.records
    assert ruud.name == "Ruud ter Steege"
    assert ruud.family_name == "ter Steege"
    assert ruud.emails == ["ruud@example.nl"]
    assert ruud.company == "Gemeente Utrecht"
    assert ruud.role == "Adviseur"
    assert ruud.met_on == date(2022, 12, 1)
    assert ruud.profile_url == "https://www.linkedin.com/in/ruudtersteege"
    assert ruud.urls == [ruud.profile_url]
    assert ingrid.met_on is None and ingrid.company is None


def test_linkedin_columns_are_found_by_name(tmp_path: Path) -> None:
    text = "Connected On,URL,Last Name,First Name\r\n7 Jul 2020,https://l.in/x,Boer,Wim\r\n"
    record = only(parse_linkedin(write_file(tmp_path, "c.csv", text)))
    assert (record.name, record.met_on, record.profile_url) == (
        "Wim Boer",
        date(2020, 7, 7),
        "https://l.in/x",
    )


def test_linkedin_missing_header(tmp_path: Path) -> None:
    path = write_file(tmp_path, "c.csv", "Name,Email\r\nJan,jan@example.nl\r\n")
    assert parse_linkedin(path) == ParseResult(
        [], [ParseProblem(str(path), 0, "not a LinkedIn Connections.csv: no header line found")]
    )


def test_linkedin_gigantic_field_stops_reading_with_a_problem(tmp_path: Path) -> None:
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    good = "Jan,Berg,https://l.in/jan,,,,1 Jan 2020\r\n"
    huge = 'Piet,Groot,https://l.in/piet,,"' + "x" * 200_000 + '",,1 Jan 2020\r\n'
    path = write_file(tmp_path, "c.csv", header + good + huge + good)
    result = parse_linkedin(path)
    assert [record.name for record in result.records] == ["Jan Berg"]
    assert len(result.problems) == 1
    assert result.problems[0].item == 3
    assert "field larger than field limit" in result.problems[0].message
    assert "the rest of the file was not read" in result.problems[0].message


def test_linkedin_long_field_and_nul_reject_only_their_rows(tmp_path: Path) -> None:
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
    rows = [
        "Jan,Berg,https://l.in/jan,,,,1 Jan 2020",
        "Lang,Veld,https://l.in/lang,,," + "y" * 10_001 + ",1 Jan 2020",
        "Nul,Byte,https://l.in/nul,,Acme\x00,,1 Jan 2020",
        '"Multi\r\nline",Naam,https://l.in/ml,,"Nested ""quotes"", and, commas",,1 Jan 2020',
        "Laatste,Rij,https://l.in/laatste,,,,",
    ]
    path = write_file(tmp_path, "c.csv", header + "\r\n".join(rows) + "\r\n")
    result = parse_linkedin(path)
    assert [record.name for record in result.records] == [
        "Jan Berg",
        "Multi\nline Naam",
        "Laatste Rij",
    ]
    assert result.records[1].company == 'Nested "quotes", and, commas'
    assert result.problems == [
        ParseProblem(str(path), 3, "field Position is longer than 10000 characters"),
        ParseProblem(str(path), 4, "the field Company contains a NUL byte"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Mar 2024", date(2024, 3, 12)),
        ("1 Sept 2020", date(2020, 9, 1)),
        ("03 January 2023", date(2023, 1, 3)),
        ("12-Mar-24", date(2024, 3, 12)),
        ("2024-03-12", date(2024, 3, 12)),
        ("", None),
    ],
)
def test_parse_connected_on(text: str, expected: date | None) -> None:
    assert parse_connected_on(text) == expected


@pytest.mark.parametrize("text", ["12 Maart 2024", "31 Feb 2024", "yesterday"])
def test_parse_connected_on_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_connected_on(text)


# ------------------------------------------------------------------------- Google CSV


def test_google_current_export() -> None:
    path = FIXTURES / "google_current.csv"
    result = parse_google(path)
    jan, sanne, plumber, mila = result.records
    assert jan.name == "Jan van der Berg"  # Google put "van der" in Middle Name
    assert (jan.given_name, jan.family_name) == ("Jan", "van der Berg")
    assert jan.aliases == ["Jantje"]
    assert jan.company == "Rijkswaterstaat"
    assert jan.role == "Projectleider"
    assert jan.birthday == (1985, 4, 27)
    assert jan.note == (
        "Fietst elke zondag.\nVraag naar de verbouwing, die in maart klaar zou zijn."
    )
    assert jan.circles == ["Fietsclub"]  # "* myContacts" and "* starred" dropped
    # Three e-mail groups, the first holding two values joined by " ::: ".
    assert jan.emails == [
        "jan@example.nl",
        "jan.berg@example.org",
        "j.vdberg@rws.example.nl",
        "jan@oud.example",
    ]
    assert jan.phones == ["+31 6 11122233", "+31 6 99988777", "+31 88 7970000"]
    assert jan.city == "Utrecht"
    assert jan.urls == ["https://janvdberg.example.nl"]  # the Photo URL is not a website
    assert jan.socials == [] and jan.uid is None and jan.profile_url is None

    assert sanne.birthday == (None, 9, 12)  # --09-12
    assert sanne.circles == ["Vrienden", "Buren"]
    assert sanne.family_name == "de Vries"
    assert plumber.name == "info@loodgieter.example"  # no name: the e-mail address stands in
    assert mila.birthday is None
    assert result.problems == [
        ParseProblem(str(path), 7, "the row has no name and no e-mail address"),
        ParseProblem(
            str(path), 8, "the birthday '27 april' is not a date; imported without it", kept=True
        ),
    ]


def test_google_legacy_export() -> None:
    path = FIXTURES / "google_legacy.csv"
    result = parse_google(path)
    pieter, eva = result.records
    assert pieter.name == "Pieter ter Horst"
    assert (pieter.given_name, pieter.family_name) == ("Pieter", "ter Horst")
    assert pieter.aliases == ["Piet"]
    assert pieter.birthday == (1970, 1, 1)
    assert pieter.note == "Oud-collega bij Philips."
    assert pieter.circles == ["Voetbal", "Oud-collega's"]
    # E-mail 3 repeats E-mail 1: duplicates are dropped, order kept.
    assert pieter.emails == [
        "pieter@example.org",
        "p.terhorst@philips.example",
        "pieter.th@philips.example",
    ]
    assert pieter.phones == ["+31 6 55512345"]
    assert pieter.city == "Eindhoven"
    assert pieter.company == "Philips"
    assert pieter.role == "Engineer"
    assert pieter.urls == ["https://pieter.example", "https://blog.pieter.example"]
    assert eva.name == "Eva Jansen"  # empty Name column: composed from the parts
    assert eva.birthday == (None, 6, 6)
    assert eva.circles == []
    assert result.problems == [
        ParseProblem(str(path), 4, "the row has no name and no e-mail address")
    ]


def test_google_any_number_of_groups_and_lf_endings(tmp_path: Path) -> None:
    header = ["First Name", "Last Name"] + [f"E-mail {n} - Value" for n in (12, 2, 1)]
    text = ",".join(header) + "\nAda,Lovelace,twelve@example.org,two@example.org,one@example.org\n"
    record = only(parse_google(write_file(tmp_path, "g.csv", text)))
    assert record.emails == ["one@example.org", "two@example.org", "twelve@example.org"]


def test_google_rejects_a_file_that_is_not_a_google_export() -> None:
    path = FIXTURES / "linkedin_connections.csv"
    result = parse_google(path)
    assert result.records == [] and [p.item for p in result.problems] == [0]
    assert result.problems[0].message.startswith("not a Google Contacts CSV: expected")


def test_google_long_field_rejects_the_row(tmp_path: Path) -> None:
    text = "First Name,Notes,Labels\r\nKort,ok,\r\nLang," + "n" * 10_001 + ",\r\n"
    path = write_file(tmp_path, "g.csv", text)
    result = parse_google(path)
    assert [record.name for record in result.records] == ["Kort"]
    assert result.problems == [
        ParseProblem(str(path), 3, "field Notes is longer than 10000 characters")
    ]


LINKEDIN = FIXTURES / "linkedin"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/8/18, 6:14 PM", date(2018, 1, 8)),
        ("12/31/17, 9:05 AM", date(2017, 12, 31)),
        ("3/4/2016", date(2016, 3, 4)),
        ("Jun 2, 2022", date(2022, 6, 2)),
        ("2023-06-01T10:00:00Z", date(2023, 6, 1)),
    ],
)
def test_parse_connected_on_of_every_generation(text: str, expected: date) -> None:
    assert parse_connected_on(text) == expected


def test_linkedin_2018_export_without_url_and_with_us_dates() -> None:
    result = parse_linkedin(LINKEDIN / "connections_2018_us_dates.csv")
    assert result.problems == []
    assert [(r.name, r.emails, r.met_on) for r in result.records] == [
        ("Kees Visser", ["kees@example.nl"], date(2018, 1, 8)),
        ("Lotte de Graaf", [], date(2017, 12, 31)),
        ("Mo Amrani", ["mo@example.com"], date(2016, 3, 4)),
    ]
    assert all(r.profile_url is None for r in result.records)


def test_linkedin_export_with_preamble_url_and_no_email_column() -> None:
    result = parse_linkedin(LINKEDIN / "connections_url_no_email_iso.csv")
    assert result.problems == []
    iris, tom = result.records
    assert iris.profile_url == "https://www.linkedin.com/in/irisbakker" and iris.emails == []
    assert iris.met_on == date(2023, 6, 1) and tom.met_on == date(2022, 6, 2)


def test_linkedin_export_with_an_email_column() -> None:
    (sara,) = parse_linkedin(LINKEDIN / "connections_email_column.csv").records
    assert sara.emails == ["sara@example.org"] and sara.met_on == date(2025, 2, 5)
