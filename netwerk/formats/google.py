"""Read a Google Contacts CSV export (the current header and the older "Google CSV" one).

Both styles number their repeating groups ("E-mail 1 - Value", "E-mail 2 - Value", ...) with no
fixed count, so the columns are found by a regular expression on the header. Google packs
several values into one cell joined by " ::: " (two phone numbers with the same label, several
labels on a contact); every cell we read is split on it. System labels start with "* "
("* myContacts", "* starred") and are not circles the user made, so they are dropped.
"""

import re
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
from netwerk.formats._csv import cell, collect, error_problems, header_index, read_rows
from netwerk.formats.names import compose_name, merge_particles
from netwerk.formats.record import Birthday, ContactRecord, ParseProblem, ParseResult
from netwerk.i18n import _

MULTI_VALUE_SEPARATOR = " ::: "
# "E-mail 3 - Value", "Organization 1 - Title", "Address 2 - City" (case-insensitive).
_GROUP_COLUMN = re.compile(r"(?P<kind>[a-z-]+) (?P<number>\d+) - (?P<field>.+)")

# Single columns we read: our key -> header names (lower case), current style first, then old.
_SINGLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "display": ("name",),  # old style only: the current export has no display-name column
    "given": ("first name", "given name"),
    "middle": ("middle name", "additional name"),
    "family": ("last name", "family name"),
    "nickname": ("nickname",),
    "birthday": ("birthday",),
    "notes": ("notes",),
    "labels": ("labels", "group membership"),
    "company": ("organization name",),
    "title": ("organization title",),
}
# Numbered groups we read: (kind, field) as in the header, lower case -> our key.
_GROUP_COLUMNS = {
    ("e-mail", "value"): "emails",
    ("phone", "value"): "phones",
    ("website", "value"): "urls",
    ("address", "city"): "cities",
    ("organization", "name"): "companies",
    ("organization", "title"): "titles",
}


def parse_google(path: Path) -> ParseResult:
    """Parse a Google Contacts CSV export; rows with no name and no e-mail are reported."""
    path = Path(path)
    source = str(path)
    try:
        text, _codec = read_text(path)
    except FileProblem as exc:
        return ParseResult([], [ParseProblem(source, 0, str(exc))])

    table = read_rows(text)
    # Google writes the header on the first line; skipping leading blank lines costs nothing.
    rows = [(line, row) for line, row in table.rows if any(value.strip() for value in row)]
    columns = _map_columns(rows[0][1]) if rows else None
    if columns is None:
        problems = error_problems(source, table)
        found = ", ".join(h.strip() for h in rows[0][1]) if rows else ""
        problems.append(
            ParseProblem(
                source,
                0,
                _(
                    "not a Google Contacts CSV: expected Google's columns such as 'First Name', "
                    "'Last Name', 'E-mail 1 - Value', 'Phone 1 - Value' and 'Labels', found "
                    "{found}; 'netwerk import csv {path}' reads other CSV files"
                ).format(found=found or _("no header"), path=source),
            )
        )
        return ParseResult([], problems)

    return collect(source, table, rows[1:], lambda row: _row_to_record(row, columns))


def _map_columns(header: list[str]) -> dict[str, list[tuple[str, int]]] | None:
    """Our key -> [(header label, column)], or None if this is not a Google header."""
    index = header_index(header)
    if not ({"first name", "given name", "name"} & index.keys()):
        return None
    # a name column alone is any CSV ("Name,Email,Phone Number"): Google's own export always
    # has its numbered groups ("E-mail 1 - Value") or its labels column
    numbered = any(_GROUP_COLUMN.fullmatch(label.strip().lower()) for label in header)
    if not numbered and not ({"labels", "group membership"} & index.keys()):
        return None
    columns: dict[str, list[tuple[str, int]]] = {}
    for key, names in _SINGLE_COLUMNS.items():
        for name in names:
            if name in index:
                columns[key] = [(header[index[name]].strip(), index[name])]
                break
    groups: dict[str, list[tuple[int, str, int]]] = {}
    for column, label in enumerate(header):
        match = _GROUP_COLUMN.fullmatch(label.strip().lower())
        if match:
            key = _GROUP_COLUMNS.get((match["kind"], match["field"]))
            if key:
                groups.setdefault(key, []).append((int(match["number"]), label.strip(), column))
    for key, found in groups.items():
        columns[key] = [(label, column) for _number, label, column in sorted(found)]
    return columns


def _split(value: str) -> list[str]:
    """Split a cell on Google's " ::: " separator; clean the parts and drop empty ones.

    We split on ":::" and strip, so a hand-edited cell with the spaces missing works too.
    """
    return [part for part in map(clean, value.split(MULTI_VALUE_SEPARATOR.strip())) if part]


def _row_to_record(
    row: list[str], columns: dict[str, list[tuple[str, int]]]
) -> tuple[ContactRecord, str | None]:
    """One data row as a record plus an optional warning; ValueError skips the row."""
    values: dict[str, list[str]] = {}
    for key, sources in columns.items():
        for label, column in sources:
            value = cell(row, column)
            if "\x00" in value:
                raise ValueError(_("the field {label} contains a NUL byte").format(label=label))
            if too_long(value):
                raise ValueError(too_long_message(label))
            values.setdefault(key, []).append(value)

    def single(key: str) -> str:
        value = clean(values.get(key, [""])[0])
        return "" if is_placeholder(value) else value

    def many(key: str) -> list[str]:
        parts = (part for value in values.get(key, []) for part in _split(value))
        return unique(part for part in parts if not is_placeholder(part))

    given, middle, family = single("given"), single("middle"), single("family")
    middle, family = merge_particles(middle, family)
    emails = many("emails")
    aliases = many("nickname")
    company = single("company") or next(iter(many("companies")), "")
    name = (
        single("display")
        or compose_name(given, middle, family)
        or next(iter(aliases), "")
        or company
        or next(iter(emails), "")
    )
    if not name:
        raise ValueError(_("the row has no name and no e-mail address"))

    warning = None
    birthday: Birthday | None = None
    try:
        birthday = parse_birthday(single("birthday"))
    except ValueError:
        warning = _("the birthday {text!r} is not a date; imported without it").format(
            text=single("birthday")
        )

    return (
        ContactRecord(
            name=name,
            aliases=aliases,
            emails=emails,
            phones=many("phones"),
            urls=many("urls"),
            company=company or None,
            role=single("title") or next(iter(many("titles")), None),
            city=next(iter(many("cities")), None),
            note=single("notes") or None,
            circles=[label for label in many("labels") if not label.startswith("* ")],
            birthday=birthday,
            given_name=given or None,
            family_name=family or None,
        ),
        warning,
    )
