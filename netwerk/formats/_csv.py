"""CSV reading shared by the LinkedIn and Google parsers: rows with their line numbers.

The csv module does the quoting (commas and newlines inside quotes, doubled quotes); we only
remember on which physical line each row starts, because that is what a user can find in an
editor, and we turn csv.Error into a position instead of an exception.
"""

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from netwerk.formats.record import ContactRecord, ParseProblem, ParseResult
from netwerk.i18n import _


@dataclass
class CsvRows:
    """All rows of a CSV text, and the first error that stopped reading, if any."""

    rows: list[tuple[int, list[str]]]  # (line number where the row starts, cells)
    error: tuple[int, str] | None = None  # (line number, csv's message)


def read_rows(text: str, delimiter: str = ",") -> CsvRows:
    """Read every row of ``text``; stop at the first csv.Error.

    After an error (most likely a field over csv.field_size_limit(), the default 128 KiB, which
    bounds memory) the reader's position inside the broken field is unknown, so going on would
    turn the rest of the file into garbage rows; we keep what was read and report the rest.
    """
    # newline="" leaves \r\n to the csv module, which needs it for newlines inside quotes.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    result = CsvRows(rows=[])
    start = 1
    try:
        for row in reader:
            result.rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        result.error = (start, str(exc))
    return result


def header_index(row: list[str]) -> dict[str, int]:
    """Map lower-cased, stripped header names to their column (the first one wins)."""
    index: dict[str, int] = {}
    for column, name in enumerate(row):
        index.setdefault(name.strip().lstrip("\ufeff").strip().lower(), column)
    return index


def cell(row: list[str], column: int | None) -> str:
    """The cell at ``column``, or "" for a missing column or a short row."""
    if column is None or column >= len(row):
        return ""
    return row[column]


def error_message(error: tuple[int, str]) -> str:
    """The ParseProblem sentence for a csv.Error that stopped reading."""
    return _("the CSV is malformed here ({problem}); the rest of the file was not read").format(
        problem=error[1]
    )


def error_problems(source: str, table: CsvRows) -> list[ParseProblem]:
    """The csv.Error that stopped reading `table`, as a problem (or none)."""
    return [ParseProblem(source, table.error[0], error_message(table.error))] if table.error else []


def collect(
    source: str,
    table: CsvRows,
    rows: Iterable[tuple[int, list[str]]],
    to_record: Callable[[list[str]], tuple[ContactRecord, str | None]],
) -> ParseResult:
    """Turn the data rows into records. `to_record` raises ValueError for a row it skips and
    returns a warning for a record it kept without one field; blank rows are passed over, and
    the csv.Error that stopped reading, if any, comes last."""
    records: list[ContactRecord] = []
    problems: list[ParseProblem] = []
    for line, row in rows:
        if not any(value.strip() for value in row):
            continue
        try:
            record, warning = to_record(row)
        except ValueError as exc:
            problems.append(ParseProblem(source, line, str(exc)))
            continue
        records.append(record)
        if warning:
            problems.append(ParseProblem(source, line, warning, kept=True))
    return ParseResult(records, problems + error_problems(source, table))


def guess_delimiter(text: str) -> str:
    """',' unless the first line holds more ';' (a Dutch Excel "CSV") or tabs."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","
