"""Read LinkedIn's data-export ``Connections.csv`` into ContactRecords.

The file starts with a preamble of varying length ("Notes:", a quoted paragraph about missing
e-mail addresses, blank lines; older exports have none), then the header
``First Name,Last Name,URL,Email Address,Company,Position,Connected On``. We find the header by
its content, map columns by name (LinkedIn has reordered them before), and use the profile URL
as the record's stable key.
"""

import re
from datetime import date
from pathlib import Path

from netwerk.formats._common import (
    FileProblem,
    clean,
    clean_or_none,
    read_text,
    too_long,
    too_long_message,
)
from netwerk.formats._csv import cell, collect, error_problems, header_index, read_rows
from netwerk.formats.record import ContactRecord, ParseProblem, ParseResult
from netwerk.i18n import _

# LinkedIn writes English month abbreviations whatever the account language; a table of our
# own keeps the parse independent of the machine's locale (strptime's %b is not).
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_CONNECTED_ON = re.compile(r"(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4}|\d{2})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?")
# older exports (2018 and before): US month/day/year with a time, "1/8/18, 6:14 PM"
_US_DATE = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?"
)
# "Mar 12, 2024"
_MONTH_FIRST = re.compile(r"([A-Za-z]+)\.? (\d{1,2}),? (\d{4})")

# The columns we read, by their header name (lower case) and the name used in messages.
_COLUMNS = {
    "first name": "First Name",
    "last name": "Last Name",
    "url": "URL",
    "email address": "Email Address",
    "email": "Email",
    "company": "Company",
    "position": "Position",
    "connected on": "Connected On",
}


def parse_connected_on(text: str) -> date | None:
    """Parse LinkedIn's 'Connected On' in every generation of the export: '12 Mar 2024',
    '1/8/18, 6:14 PM' (older exports: month/day/year), 'Mar 12, 2024' and ISO '2024-03-12'.

    Returns None for an empty cell and raises ValueError for anything else unreadable.
    """
    value = text.strip()
    if not value:
        return None
    if match := _CONNECTED_ON.fullmatch(value):
        day, month_name, year = match.groups()
        month = _MONTHS.get(month_name.lower())
        if month is None:
            raise ValueError(f"unknown month {month_name!r}")
        full_year = int(year) + 2000 if len(year) == 2 else int(year)
        return date(full_year, month, int(day))
    if match := _ISO_DATE.fullmatch(value):
        return date(*(int(group) for group in match.groups()))
    if match := _US_DATE.fullmatch(value):
        month, day, year = match.groups()
        full_year = int(year) + 2000 if len(year) == 2 else int(year)
        return date(full_year, int(month), int(day))
    if match := _MONTH_FIRST.fullmatch(value):
        month_name, day, year = match.groups()
        month = _MONTHS.get(month_name.lower())
        if month is None:
            raise ValueError(f"unknown month {month_name!r}")
        return date(int(year), month, int(day))
    raise ValueError(f"{value!r} is not a date")


def parse_linkedin(path: Path) -> ParseResult:
    """Parse a LinkedIn ``Connections.csv``; rows without any name are skipped and reported."""
    path = Path(path)
    source = str(path)
    try:
        text, _codec = read_text(path)
    except FileProblem as exc:
        return ParseResult([], [ParseProblem(source, 0, str(exc))])

    table = read_rows(text)
    header_at = next(
        (
            position
            for position, (_line, row) in enumerate(table.rows)
            if _is_header(header_index(row))
        ),
        None,
    )
    if header_at is None:
        problems = error_problems(source, table)
        message = _("not a LinkedIn Connections.csv: no header line found")
        return ParseResult([], [*problems, ParseProblem(source, 0, message)])

    columns = header_index(table.rows[header_at][1])
    data = table.rows[header_at + 1 :]
    return collect(source, table, data, lambda row: _row_to_record(row, columns))


def _is_header(columns: dict[str, int]) -> bool:
    """The header has separate First Name and Last Name cells plus URL or Connected On."""
    return (
        "first name" in columns
        and "last name" in columns
        and ("url" in columns or "connected on" in columns)
    )


def _row_to_record(row: list[str], columns: dict[str, int]) -> tuple[ContactRecord, str | None]:
    """One data row as a record plus an optional warning; ValueError skips the row."""
    values: dict[str, str] = {}
    for key, label in _COLUMNS.items():
        value = cell(row, columns.get(key))
        if "\x00" in value:
            raise ValueError(_("the field {label} contains a NUL byte").format(label=label))
        if too_long(value):
            raise ValueError(too_long_message(label))
        values[key] = value

    first, last = clean(values["first name"]), clean(values["last name"])
    if not first and not last:
        # LinkedIn exports members who left or hid their profile with empty names.
        raise ValueError(_("the row has no first or last name"))
    url = clean_or_none(values["url"])
    email = clean(values["email address"]) or clean(values["email"])
    warning = None
    try:
        met_on = parse_connected_on(values["connected on"])
    except ValueError:
        met_on = None
        warning = _("the Connected On date {text!r} is not a date; imported without it").format(
            text=clean(values["connected on"])
        )
    record = ContactRecord(
        name=f"{first} {last}".strip(),
        emails=[email] if email else [],
        urls=[url] if url else [],
        company=clean_or_none(values["company"]),
        role=clean_or_none(values["position"]),
        profile_url=url,
        met_on=met_on,
        given_name=first or None,
        family_name=last or None,
    )
    return record, warning
