"""Read any address-book CSV: Outlook's, Apple's (through the usual export tools),
Thunderbird's, and the lists people make by hand ("Naam,E-mail,Telefoon,Bedrijf").

The header decides: every column whose name we recognise (English or Dutch, ignoring case,
spaces and punctuation: "E-mail Address", "email", "E-mailadres") maps to a field; several
columns may feed one list field (Outlook's "E-mail Address", "E-mail 2 Address", "Mobile
Phone", "Business Phone"). `mapping` ("Column=field" pairs, `--map`) overrides the guess for the
columns it names; `ignore` leaves a column out. Placeholder cells ("-", "n/a", "?") are not data.

Pure: the caller gets the records, the problems and the mapping that was used (`--dry-run`
shows it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from netwerk.formats._common import (
    FileProblem,
    clean,
    is_placeholder,
    parse_birthday,
    read_text,
    too_long,
    too_long_message,
    unique,
)
from netwerk.formats._csv import collect, guess_delimiter, read_rows
from netwerk.formats.names import compose_name
from netwerk.formats.record import ContactRecord, ParseProblem, ParseResult
from netwerk.i18n import _

# the fields a column can map to (--map "Column=field"); list fields take several columns
FIELDS = (
    "name", "first_name", "middle_name", "last_name", "alias", "email", "phone", "company",
    "role", "city", "note", "birthday", "birth_year", "birth_month", "birth_day", "circle",
    "url", "ignore",
)  # fmt: skip

# header names as folded by _key (lower case, letters and digits only) -> field
_HEADERS = {
    "name": ("name", "naam", "fullname", "volledigenaam", "displayname", "weergavenaam",
             "contact", "contactpersoon", "contactname", "formattedname"),
    "first_name": ("firstname", "voornaam", "givenname", "roepnaam"),
    "middle_name": ("middlename", "tussenvoegsel", "tussenvoegsels", "additionalname"),
    "last_name": ("lastname", "achternaam", "surname", "familyname", "familienaam"),
    "alias": ("nickname", "bijnaam"),
    "email": ("email", "emailaddress", "emailadres", "mail", "mailadres", "primaryemail",
              "secondaryemail", "workemail", "homeemail", "otheremail", "email2address",
              "email3address", "email1", "email2", "email3", "emailwerk", "emailprive"),
    "phone": ("phone", "phonenumber", "telefoon", "telefoonnummer", "tel", "telephone",
              "mobile", "mobiel", "mobilephone", "mobilenumber", "mobielnummer", "gsm",
              "cell", "cellphone", "mobieletelefoon", "homephone", "workphone",
              "businessphone", "businessphone2", "homephone2", "otherphone", "primaryphone",
              "telefoonwerk", "telefoonprive", "telefoonthuis"),
    "company": ("company", "bedrijf", "organisation", "organization", "organisatie",
                "werkgever", "firma", "companyname", "bedrijfsnaam"),
    "role": ("jobtitle", "functie", "role", "rol", "position", "functietitel"),
    "city": ("city", "plaats", "woonplaats", "stad", "homecity", "businesscity", "workcity",
             "othercity"),
    "note": ("notes", "note", "notities", "notitie", "opmerkingen", "opmerking"),
    "birthday": ("birthday", "verjaardag", "geboortedatum", "dateofbirth", "birthdate"),
    "birth_year": ("birthyear",),
    "birth_month": ("birthmonth",),
    "birth_day": ("birthday1", "birthdayday", "birthdaynumber", "birthdayofmonth"),
    "circle": ("categories", "category", "groups", "group", "labels", "kring", "kringen",
               "groep", "groepen", "categorie"),
    "url": ("website", "webpage", "url", "webaddress", "homepage", "website1", "webpage1",
            "webpage2", "personalwebpage", "businesswebpage"),
}  # fmt: skip
_BY_HEADER = {alias: name for name, aliases in _HEADERS.items() for alias in aliases}
# Thunderbird's three birthday columns ("Birth Year", "Birth Month", "Birth Day"): the last
# one folds to "birthday" too, so it is told apart by its neighbours
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def _key(header: str) -> str:
    from netwerk.rules.text import fold

    return _NOT_ALNUM.sub("", fold(header.lstrip("\ufeff")))


@dataclass
class CsvMapping:
    """Which column feeds which field, and the columns left out."""

    columns: list[tuple[str, int, str]] = field(default_factory=list)  # (header, index, field)
    unmapped: list[str] = field(default_factory=list)


class MappingError(ValueError):
    """--map names a field or column that does not exist."""


def parse_map(text: str | None) -> dict[str, str]:
    """'Naam=name, Mobiel=phone' -> {'naam': 'name', 'mobiel': 'phone'} (columns folded)."""
    mapping: dict[str, str] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        column, sep, target = part.partition("=")
        target = target.strip().lower().replace("-", "_").replace(" ", "_")
        if not sep or not column.strip() or target not in FIELDS:
            raise MappingError(
                _("--map takes Column=field pairs; '{part}' is not one. Fields: {fields}.").format(
                    part=part.strip(), fields=", ".join(FIELDS)
                )
            )
        mapping[_key(column)] = target
    return mapping


def choose_mapping(header: list[str], mapping: dict[str, str]) -> CsvMapping:
    """The field of every column: --map first, else its recognised name."""
    keys = [_key(h) for h in header]
    unknown = [c for c in mapping if c not in keys]
    if unknown:
        raise MappingError(
            _("--map names a column the file does not have; its columns are: {columns}.").format(
                columns=", ".join(h.strip() for h in header)
            )
        )
    chosen = CsvMapping()
    for index, (label, key) in enumerate(zip(header, keys, strict=True)):
        target = mapping.get(key) or _BY_HEADER.get(key)
        if key == "birthday" and "birthyear" in keys and "birthmonth" in keys:
            target = mapping.get(key) or "birth_day"  # Thunderbird: Birth Year/Month/Day
        # several columns may feed one field: a list takes them all, a single field the
        # first one with a value (Outlook's Business City, else Home City)
        if target and target != "ignore":
            chosen.columns.append((label.strip(), index, target))
        else:
            chosen.unmapped.append(label.strip())
    return chosen


def parse_csv(path: Path, mapping: dict[str, str] | None = None) -> tuple[ParseResult, CsvMapping]:
    """Parse a CSV address book with the header on its first non-empty line."""
    path = Path(path)
    source = str(path)
    try:
        text, _codec = read_text(path)
    except FileProblem as exc:
        return ParseResult([], [ParseProblem(source, 0, str(exc))]), CsvMapping()
    table = read_rows(text, guess_delimiter(text))
    rows = [(line, row) for line, row in table.rows if any(value.strip() for value in row)]
    if not rows:
        return ParseResult([], [ParseProblem(source, 0, _("the file has no header line"))]), (
            CsvMapping()
        )
    header = rows[0][1]
    chosen = choose_mapping(header, mapping or {})
    fields = {f for _h, _i, f in chosen.columns}
    if not fields & {"name", "first_name", "last_name", "email"}:
        message = _(
            "no column for the name among {columns}; name one with --map 'Column=name'"
        ).format(columns=", ".join(h.strip() for h in header))
        return ParseResult([], [ParseProblem(source, 0, message)]), chosen
    return collect(source, table, rows[1:], lambda row: _row_to_record(row, chosen)), chosen


def _row_to_record(row: list[str], chosen: CsvMapping) -> tuple[ContactRecord, str | None]:
    values: dict[str, list[str]] = {}
    for label, index, target in chosen.columns:
        value = row[index] if index < len(row) else ""
        if "\x00" in value:
            raise ValueError(_("the field {label} contains a NUL byte").format(label=label))
        if too_long(value):
            raise ValueError(too_long_message(label))
        value = clean(value)
        if value and not is_placeholder(value):
            values.setdefault(target, []).append(value)

    def one(target: str) -> str:
        return values.get(target, [""])[0]

    def many(target: str, split: bool = False) -> list[str]:
        found = values.get(target, [])
        if split:  # "Familie; Vrienden" or "BNI, Hockey" in one cell
            found = [p for v in found for p in re.split(r"\s*[;,]\s*", v)]
        return unique(found)

    emails, phones = many("email"), many("phone")
    name = one("name") or compose_name(one("first_name"), one("middle_name"), one("last_name"))
    if not name:
        name = emails[0] if emails else ""
    if not name:
        raise ValueError(_("the row has no name"))
    warning = None
    birthday = None
    text = one("birthday")
    if not text and one("birth_month") and one("birth_day"):
        year = one("birth_year")
        text = f"{year or '-'}-{int(one('birth_month')):02d}-{int(one('birth_day')):02d}"
        text = text if year else "-" + text[1:]  # --MM-DD
    if text:
        try:
            birthday = parse_birthday(_iso(text))
        except ValueError:
            warning = _("the birthday {text!r} is not a date; imported without it").format(
                text=text
            )
    record = ContactRecord(
        name=name,
        aliases=many("alias"),
        emails=emails,
        phones=phones,
        urls=many("url"),
        company=one("company") or None,
        role=one("role") or None,
        city=one("city") or None,
        note="\n\n".join(values.get("note", [])) or None,
        circles=many("circle", split=True),
        birthday=birthday,
        given_name=one("first_name") or None,
        family_name=" ".join(p for p in (one("middle_name"), one("last_name")) if p) or None,
    )
    return record, warning


_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def _iso(text: str) -> str:
    """Day-month-year (27-04-1985, 27/4/1985) as ISO; month first when the day cannot be a
    month (an English Outlook's 4/27/1985); others unchanged."""
    found = _DMY.fullmatch(text.strip())
    if found:
        first, second, year = (int(g) for g in found.groups())
        day, month = (second, first) if second > 12 >= first else (first, second)
        return f"{year}-{month:02d}-{day:02d}"
    return text
