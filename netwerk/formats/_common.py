"""Helpers shared by the format parsers: bounded file reading, decoding, clean-up and dates.

Everything here is standard library only, so importing a parser module stays cheap.
"""

import codecs
import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from netwerk.formats.record import Birthday
from netwerk.i18n import _

# A personal address book is a few megabytes even with photos; anything bigger is a wrong file
# or an attack, and we refuse it before holding it in memory.
MAX_FILE_BYTES = 50 * 1024 * 1024
# No name, note or e-mail address a person would type is this long; a longer field means a
# broken or hostile file, and we reject that item rather than store a silently truncated value.
MAX_FIELD_CHARS = 10_000


class FileProblem(Exception):
    """The whole file cannot be used; the message becomes a ParseProblem with item 0."""


def read_text(path: Path) -> tuple[str, str]:
    """Read ``path`` within MAX_FILE_BYTES and decode it; return (text, codec used).

    The codec is returned because quoted-printable vCard values have to be turned back into
    the original bytes before they can be decoded with their own CHARSET.
    """
    try:
        with path.open("rb") as handle:
            # Read one byte more than allowed instead of trusting stat(): a pipe or a file that
            # is still growing has no reliable size.
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise FileProblem(
            _("cannot read the file: {problem}").format(problem=exc.strerror or exc)
        ) from exc
    if len(data) > MAX_FILE_BYTES:
        raise FileProblem(
            _("the file is larger than {size} MB").format(size=MAX_FILE_BYTES // (1024 * 1024))
        )
    return decode_bytes(data)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file bytes: UTF-8 (BOM stripped) if valid, else Windows-1252.

    UTF-16 with a BOM (Outlook's "Unicode" exports) is honoured too, because decoding it as
    cp1252 would put a NUL between every character. Latin-1 is the last resort: it never fails,
    and it only differs from cp1252 on the five bytes cp1252 leaves undefined.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-8"
        except UnicodeDecodeError:
            pass
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    for codec in ("utf-8", "cp1252"):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def clean(text: str | None) -> str:
    """Normal form of a text value: ``\\n`` line breaks only, surrounding whitespace stripped."""
    if not text:
        return ""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


# What people and programs put in a cell that has no value: not data (a contact named "-").
# Outlook writes 0/0/00 for a birthday it does not know.
_PLACEHOLDERS = frozenset(
    {"-", "--", "---", "–", "—", ".", "?", "??", "n/a", "na", "n.v.t.", "nvt", "none", "null",
     "nil", "unknown", "onbekend", "x", "0/0/00", "0/0/0000", "00-00-0000", "#n/a"}
)  # fmt: skip


def is_placeholder(text: str) -> bool:
    """Whether a cleaned cell only says "no value" ("-", "n/a", "?", Outlook's 0/0/00)."""
    return text.casefold() in _PLACEHOLDERS


def clean_or_none(text: str | None) -> str | None:
    """``clean`` but with None for an empty result, for the optional scalar fields."""
    return clean(text) or None


def unique(items: Iterable[str]) -> list[str]:
    """Cleaned, non-empty items without duplicates, in first-seen order."""
    seen: dict[str, None] = {}
    for item in items:
        value = clean(item)
        if value:
            seen.setdefault(value, None)
    return list(seen)


_BDAY_FULL = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")
_BDAY_NO_YEAR = re.compile(r"--(\d{2})-?(\d{2})")
# Apple Contacts stores a year-less birthday as year 1604 (plus X-APPLE-OMIT-YEAR=1604); some
# other programs use year 0. Neither is a real year of birth.
_NO_YEAR_MARKERS = frozenset({0, 1604})


def parse_birthday(text: str) -> Birthday | None:
    """Parse a birthday: 1985-04-27, 19850427, --0427, --04-27, 1604-04-27 (no year).

    A time part (``19850427T000000Z``, as Outlook writes it) is ignored. Returns None for an
    empty value and raises ValueError for anything else that is not a real calendar date.
    """
    value = text.strip()
    if not value:
        return None
    if not value.startswith("--"):
        value = value.split("T", 1)[0]
    year: int | None
    if match := _BDAY_FULL.fullmatch(value):
        year, month, day = (int(group) for group in match.groups())
        if year in _NO_YEAR_MARKERS:
            year = None
    elif match := _BDAY_NO_YEAR.fullmatch(value):
        year = None
        month, day = (int(group) for group in match.groups())
    else:
        raise ValueError(f"{text.strip()!r} is not a date")
    # 2000 is a leap year, so a year-less 29 February is accepted.
    date(year if year is not None else 2000, month, day)
    return (year, month, day)


def too_long(value: str) -> bool:
    """True if a field value exceeds MAX_FIELD_CHARS."""
    return len(value) > MAX_FIELD_CHARS


def too_long_message(field_name: str) -> str:
    """The one problem sentence for an over-long field, the same in every format."""
    return f"field {field_name} is longer than {MAX_FIELD_CHARS} characters"
