"""vCards from the real world: each quirk has its own fixture in fixtures/formats/quirks,
written for netwerk (character sets, vCard 4 alternatives, odd lines, escapes, cards that are
not people, text birthdays)."""

from __future__ import annotations

import json
from pathlib import Path

from netwerk.formats import parse_vcard_text, parse_vcards

QUIRKS = Path(__file__).parent / "fixtures" / "formats" / "quirks"


def parsed(name: str):
    return parse_vcards(QUIRKS / name)


def test_android_21_shift_jis_plain_and_quoted_printable():
    """CHARSET=SHIFT_JIS on N, FN and NOTE (能 and 表 end in the byte of a backslash) and on
    a quoted-printable ORG: no mojibake, no 'control characters', the card is kept."""
    result = parsed("android_21_shift_jis.vcf")
    assert result.problems == []
    ino, tanaka = result.records
    assert ino.name == "伊能 忠敬"
    assert (ino.family_name, ino.given_name) == ("伊能", "忠敬")
    assert ino.company == "ソニー"
    assert ino.note == "表計算の達人"
    assert tanaka.name == "Hanako Tanaka"


def test_iso_8859_1_and_15_charsets():
    jose, zeljko = parsed("latin1_latin9.vcf").records
    assert jose.name == "José Muñoz"
    assert jose.note == "leent € 50"  # 0xA4 is the euro sign in ISO-8859-15
    assert zeljko.name == "Željko Štefan"


def test_utf8_values_inside_a_cp1252_file():
    renee, zoe = parsed("cp1252_with_utf8.vcf").records
    assert renee.name == "Renée François"
    assert renee.note == "“quoted” € 10"
    assert zoe.name == "Zoë Çelik"  # CHARSET=UTF-8
    assert zoe.company == "Café Łódź"  # UTF-8 without a CHARSET


def test_vcard4_altid_alternatives_become_aliases():
    taro, jurgen = parsed("vcard40_altid.vcf").records
    assert taro.name == "山田太郎"
    assert taro.aliases == ["Taro Yamada"]
    assert jurgen.name == "Juergen Weiss"  # PREF=1 is the name
    assert jurgen.aliases == ["Jürgen Weiß"]


def test_an_odd_line_skips_the_line_not_the_card():
    result = parsed("odd_lines.vcf")
    karel, marie, henk = result.records
    assert karel.emails == ["karel@example.nl"]
    assert marie.phones == ["06-22223333"]
    assert henk.note == "eerste regel" and henk.company == "Wit BV"
    assert [(p.item, p.kept) for p in result.problems] == [(1, True), (2, True), (3, True)]
    assert "'# exported by a script" in result.problems[0].message
    assert "'Dorp;Utrecht;;3511 AA;Nederland'" in result.problems[1].message
    assert "'tweede regel zonder vouw'" in result.problems[2].message
    assert all(p.source == str(QUIRKS / "odd_lines.vcf") for p in result.problems)


def test_rfc6350_escapes_and_the_tolerated_quote_escapes():
    anne, thunder = parsed("escapes.vcf").records
    assert anne.name == "Anne O'Brien"
    assert anne.note == 'zei "hallo"; daarna, weg\nnieuwe regel\\pad'
    assert anne.circles == ["A", "B'C"]  # DAVx5: split on the unescaped comma only
    # Thunderbird: escaped commas are one category, and no backslash survives
    assert thunder.circles == ["category1, category2, category3"]


def test_location_cards_are_left_out_and_text_birthdays_kept_in_the_notes():
    result = parsed("vcard40_location_text_bday.vcf")
    (painter,) = result.records
    assert painter.birthday is None
    assert painter.note == "schilder\n\nBirthday: circa 1800"
    place, bday = result.problems
    assert (place.item, place.kept) == (1, False)
    assert "place (Empire State Building)" in place.message
    assert (bday.item, bday.kept) == (2, True)
    assert "kept in the notes" in bday.message


def test_quirks_import_and_report_file_and_card_number(run):
    out = json.loads(
        run.ok("import", "vcard", str(QUIRKS / "vcard40_location_text_bday.vcf"), "--json").stdout
    )
    where = str(QUIRKS / "vcard40_location_text_bday.vcf")
    assert out["counts"]["added"] == 1
    assert [s["where"] for s in out["skipped"]] == [f"{where}:1"]
    assert [w["where"] for w in out["warnings"]] == [f"{where}:2"]
    assert run.json("show", "Oude Meester")["note"].endswith("Birthday: circa 1800")
    text = run.ok("import", "vcard", str(QUIRKS / "odd_lines.vcf")).stderr
    assert "odd_lines.vcf:3" in text


def test_every_quirk_file_imports_and_reimports_to_nothing(run):
    out = json.loads(run.ok("import", "vcard", str(QUIRKS), "--json").stdout)
    assert out["counts"]["added"] == 14
    again = json.loads(run.ok("import", "vcard", str(QUIRKS), "--json").stdout)
    assert again["counts"]["added"] == again["counts"]["merged"] == 0
    circles = {c["name"] for c in run.json("circle", "list")}
    assert {"A", "B'C", "category1, category2, category3"} <= circles


def test_a_skipped_card_of_standard_input_names_its_number():
    result = parse_vcard_text("BEGIN:VCARD\nVERSION:3.0\nTEL:112\nEND:VCARD\n", source="-")
    assert [(p.source, p.item) for p in result.problems] == [("-", 1)]
