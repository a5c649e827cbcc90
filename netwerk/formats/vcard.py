"""Read vCard 2.1/3.0/4.0 files into ContactRecords and write records back as vCard 3.0.

Reading is split in three layers, each chosen so that one bad card never costs the others:

1. We decode the bytes and cut the text into cards ourselves (BEGIN:VCARD .. END:VCARD), so a
   broken card becomes one ParseProblem and the cards around it still import.
2. vobject's logical-line reader unfolds each card, including vCard 2.1 quoted-printable soft
   line breaks (``=`` at the end of a line), which is the fiddly part of the old format.
3. We split each logical line into name, parameters and value, and decode the value, ourselves.
   vobject's own line regex backtracks exponentially on a hostile parameter list (a 100-byte
   line took minutes), and its vCard 3.0 value layer loses data: it cuts unescaped commas
   ("NOTE:Met at party, Utrecht" becomes "Met at party"), keeps only the first of several
   comma-separated NICKNAME values, and base64-decodes ``ENCODING=quoted-printable`` written
   in lower case. Our regex uses possessive quantifiers, so it runs in linear time.

vobject is imported inside the functions that need it: the CLI imports this module on every
start and most commands never touch a vCard.
"""

import base64
import io
import quopri
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from netwerk.formats._common import (
    FileProblem,
    clean,
    clean_or_none,
    parse_birthday,
    read_text,
    too_long,
    too_long_message,
    unique,
)
from netwerk.formats.names import compose_name, merge_particles, split_name
from netwerk.formats.record import Birthday, ContactRecord, ParseProblem, ParseResult
from netwerk.i18n import _

VCARD_SUFFIXES = (".vcf", ".vcard")

# Binary properties: never decoded, never length-checked, never stored. A phone's contact
# photo can be hundreds of kilobytes of base64 and that must not cost the card.
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})

# What netwerk knows and vCard has no property for travels as X-NETWERK-… properties (other
# address books keep X- properties they do not know): property -> ContactRecord field. The one
# mapping both directions use; cadence is a number of days, the met date ISO. The names agree
# with netwerk.formats.dav_card (sync), which adds the state only sync needs (snooze…).
NETWERK_PROPERTIES = {
    "X-NETWERK-EXPERTISE": "expertise",
    "X-NETWERK-CADENCE": "cadence_days",
    "X-NETWERK-MET": "met_on",
    "X-NETWERK-MET-AT": "met_at",
    "X-NETWERK-VIA": "via_uid",  # the introducer's card UID, as `netwerk sync` writes it
    "X-NETWERK-VIA-NAME": "via_name",  # and their name, for a file without their card
}

# Properties whose values we read; everything else is skipped undecoded.
_MAPPED = frozenset(
    {
        "FN", "N", "NICKNAME", "EMAIL", "TEL", "ORG", "TITLE", "ROLE", "NOTE", "CATEGORIES",
        "BDAY", "UID", "URL", "ADR", "X-SOCIALPROFILE", "KIND", "X-ADDRESSBOOKSERVER-KIND",
        "X-ABSHOWAS", *NETWERK_PROPERTIES,
    }
)  # fmt: skip

# Google's vCard export puts its system group in CATEGORIES; it is not a circle of the user's.
_SYSTEM_CATEGORIES = frozenset({"myContacts"})

# [group.]NAME[;param...]:value. Parameter values may be quoted and then contain ':' and ';'
# (vCard 4 LABEL="..."). The possessive quantifiers (*+) forbid backtracking, which keeps this
# linear on hostile input; vobject's equivalent pattern is exponential on a failed match.
_LINE = re.compile(
    r"(?:(?P<group>[A-Za-z0-9_-]+)\.)?(?P<name>[A-Za-z0-9_-]+)"
    r'(?P<params>(?:;(?:[^";:]|"[^"]*")*+)*+):(?P<value>.*)',
    re.DOTALL,
)
# Fallback for a stray double quote in the parameters: split at the first colon.
_LOOSE_LINE = re.compile(
    r"(?:(?P<group>[A-Za-z0-9_-]+)\.)?(?P<name>[A-Za-z0-9_-]+)(?P<params>;[^:]*)?:(?P<value>.*)",
    re.DOTALL,
)
# Does a card use quoted-printable anywhere? Only then do we ask vobject for its QP-aware line
# reader: that reader treats a folded continuation line that is all blanks as the end of the
# line (losing it), which the plain reader gets right. The pattern only looks at parameters of
# a line that starts with a property name, so a NOTE that mentions quoted-printable (or a fold
# continuation, which starts with a space) does not switch modes.
_USES_QP = re.compile(r"^[A-Za-z0-9_.-]+;[^:\r\n]*quoted-printable", re.IGNORECASE | re.MULTILINE)
_BASE64_LINE = re.compile(r"[A-Za-z0-9+/=]+")
_PHYSICAL_LINES = re.compile(r"\r\n|\r|\n")
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
# RFC 6350 text escapes (\n \, \; \\), plus \: which Apple writes inside X-SOCIALPROFILE and
# URL values and the non-standard \' and \" that DAVx5 and Apple write. An unknown escape such
# as \t is kept as written: it is more likely a Windows path than markup.
_UNESCAPES = {
    "n": "\n", "N": "\n", "\\": "\\", ",": ",", ";": ";", ":": ":", "'": "'", '"': '"'
}  # fmt: skip
# vCard 2.1 allows bare parameter values (TEL;CELL, NOTE;QUOTED-PRINTABLE); these name an
# encoding, the others are types.
_BARE_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})

_LogicalLines = Callable[..., Iterator[tuple[str, int]]]


class _CardError(Exception):
    """This card cannot be imported; the message becomes its ParseProblem."""


class _OddLine(Exception):
    """One line of the card is not a property: left out, the card imported without it."""


@dataclass
class _Property:
    name: str
    params: dict[str, list[str]]
    value: str  # transfer-decoded (QP/base64) but still backslash-escaped


# --------------------------------------------------------------------------------- reading


# A card with a photo is rarely over 1 MB; one of 5 MB is an attack or an accident.
MAX_CARD_CHARS = 5_000_000


def parse_vcards(path: Path) -> ParseResult:
    """Parse a .vcf file (one or many cards) or a folder of .vcf/.vcard files (not recursive).

    Cards that cannot be read are skipped and reported, one ParseProblem each, with the file
    and the 1-based card number; a file over 50 MB is refused as a whole (item 0).
    """
    path = Path(path)
    records: list[ContactRecord] = []
    problems: list[ParseProblem] = []
    if path.is_dir():
        files = sorted(
            entry
            for entry in path.iterdir()
            if entry.suffix.lower() in VCARD_SUFFIXES and entry.is_file()
        )
        if not files:
            problems.append(ParseProblem(str(path), 0, "the folder has no .vcf or .vcard files"))
        for file in files:
            _parse_file(file, records, problems)
    else:
        _parse_file(path, records, problems)
    return ParseResult(records, problems)


def parse_vcard_text(text: str, source: str = "<text>", codec: str = "utf-8") -> ParseResult:
    """Parse vCard text that is already decoded (for example read from standard input).

    ``codec`` is the encoding the text was decoded from; quoted-printable values are turned
    back into bytes with it before being decoded with their own CHARSET.
    """
    records: list[ContactRecord] = []
    problems: list[ParseProblem] = []
    _parse_text(text, codec, source, records, problems)
    return ParseResult(records, problems)


def _parse_file(path: Path, records: list[ContactRecord], problems: list[ParseProblem]) -> None:
    try:
        text, codec = read_text(path)
    except FileProblem as exc:
        problems.append(ParseProblem(str(path), 0, str(exc)))
        return
    _parse_text(text, codec, str(path), records, problems)


def _parse_text(
    text: str,
    codec: str,
    source: str,
    records: list[ContactRecord],
    problems: list[ParseProblem],
) -> None:
    from vobject.base import getLogicalLines  # see the module docstring: kept out of start-up

    found = False
    for number, lines, error in _split_cards(text):
        found = True
        try:
            if error:
                raise _CardError(error)
            record, warnings = _read_card(lines, codec, getLogicalLines)
        except (_CardError, ValueError, LookupError) as exc:
            # ValueError covers UnicodeError and binascii.Error from a mangled encoded value:
            # whatever is wrong inside one card, it must not stop the cards after it.
            problems.append(ParseProblem(source, number, str(exc)))
            continue
        records.append(record)
        problems.extend(ParseProblem(source, number, w, kept=True) for w in warnings)
    if not found:
        problems.append(ParseProblem(source, 0, _("no vCard found (no BEGIN:VCARD line)")))


def _split_cards(text: str) -> Iterator[tuple[int, list[str], str | None]]:
    """Yield (card number, physical lines, error or None) for every BEGIN:VCARD in ``text``.

    Matching is on whole physical lines, case-insensitively; a fold continuation starts with a
    space, so text inside a value can never look like BEGIN or END. A BEGIN inside an open card
    means that card lost its END (a truncated or hand-edited file): it is reported and the new
    card starts. Lines outside cards are ignored.
    """
    number = 0
    current: list[str] | None = None
    for line in _PHYSICAL_LINES.split(text):
        marker = line.rstrip(" \t").upper()
        if marker == "BEGIN:VCARD":
            if current is not None:
                yield number, current, "the card has no END:VCARD line"
            number += 1
            current = [line]
        elif current is not None:
            current.append(line)
            if marker == "END:VCARD":
                yield number, current, None
                current = None
    if current is not None:
        yield number, current, "the card has no END:VCARD line (the file ends inside it)"


def _read_card(
    lines: list[str], codec: str, logical_lines: _LogicalLines
) -> tuple[ContactRecord, list[str]]:
    """Turn one card's physical lines into a record plus non-fatal warnings."""
    card = "\r\n".join(lines) + "\r\n"
    if len(card) > MAX_CARD_CHARS:
        # bounds the memory of unfolding (vobject builds each logical line in memory)
        raise _CardError(f"the card is larger than {MAX_CARD_CHARS // 1_000_000} MB")
    if "\x00" in card:
        raise _CardError("the card contains a NUL byte")
    qp = _USES_QP.search(card) is not None
    props: dict[str, list[_Property]] = {}
    odd: list[str] = []
    in_binary = False
    for logical, _number in logical_lines(io.StringIO(card), allowQP=qp):
        if not logical.strip():
            continue
        if in_binary and _BASE64_LINE.fullmatch(logical):
            # Old vCard 2.1 writers (Nokia, Outlook) do not indent the base64 lines of a PHOTO,
            # so they arrive as lines of their own; they belong to the photo we skip.
            continue
        try:
            name, prop = _parse_line(logical, codec)
        except _OddLine as exc:  # a comment, a line continued without folding…
            odd.append(str(exc))
            continue
        in_binary = name in _BINARY
        if prop is not None:
            props.setdefault(prop.name, []).append(prop)
    record, warnings = _to_record(props)
    return record, odd + warnings


def _parse_line(line: str, codec: str) -> tuple[str, _Property | None]:
    """Split one logical line into (NAME, property), the property None if we do not map it."""
    match = _LINE.fullmatch(line) or _LOOSE_LINE.fullmatch(line)
    if match is None:
        excerpt = line[:40] + ("…" if len(line) > 40 else "")
        raise _OddLine(
            _("the line {line!r} is not a vCard property; imported without that line").format(
                line=excerpt
            )
        )
    name = match["name"].upper()
    if name not in _MAPPED:
        # Not even decoded: a photo is never stored, and skipping it keeps big cards cheap.
        return name, None
    params = _parse_params(match["params"] or "")
    value = _transfer_decode(match["value"], params, codec)
    if too_long(_unescape(value)):
        raise _CardError(too_long_message(name))
    return name, _Property(name, params, value)


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    """Split on ``separator`` except inside double quotes (linear, unlike a regex with |)."""
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def _parse_params(text: str) -> dict[str, list[str]]:
    """Parameters as upper-case name -> values; vCard 2.1 bare values go to TYPE or ENCODING."""
    params: dict[str, list[str]] = {}
    for part in _split_outside_quotes(text, ";")[1:]:  # text starts with ';'
        name, has_value, values = part.partition("=")
        name = name.strip().upper()
        if not has_value:
            key = "ENCODING" if name in _BARE_ENCODINGS else "TYPE"
            params.setdefault(key, []).append(name)
            continue
        params.setdefault(name, []).extend(
            value.strip().strip('"') for value in _split_outside_quotes(values, ",")
        )
    return params


def _transfer_decode(value: str, params: dict[str, list[str]], codec: str) -> str:
    """Undo ENCODING=QUOTED-PRINTABLE or BASE64 and apply CHARSET.

    A plain value of a file that is not UTF-8 (so it was read as Windows-1252 or Latin-1,
    both of which give back the file's bytes exactly) is decoded again from those bytes with
    its CHARSET (Shift_JIS on an old Android phone, ISO-8859-15), else as UTF-8 when its bytes
    are valid UTF-8 (a UTF-8 value inside an otherwise Windows-1252 file). Before any
    unescaping: a Shift_JIS character may end in the byte of a backslash."""
    encodings = {encoding.upper() for encoding in params.get("ENCODING", [])}
    if "QUOTED-PRINTABLE" in encodings:
        # Back to the file's own bytes first: the =XX escapes and any raw 8-bit characters
        # must be decoded together with the card's CHARSET. vobject joined soft line breaks
        # with "\n", which quopri treats as the soft break it was.
        data = quopri.decodestring(value.encode(codec, errors="replace"))
    elif encodings & {"B", "BASE64"}:
        data = base64.b64decode("".join(value.split()))
    elif codec == "utf-8" or value.isascii():
        return value
    else:
        data = value.encode(codec, errors="replace")
    # a file read as Latin-1 (because of a byte Windows-1252 leaves undefined, often from a
    # UTF-8 value elsewhere in it) is most likely Windows-1252 in its other values
    guesses = ["utf-8", "cp1252", codec] if codec == "latin-1" else ["utf-8", codec]
    charsets = params.get("CHARSET", [])[:1] + guesses
    for charset in charsets:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):  # unknown or wrong CHARSET: try the next
            continue
    return data.decode("latin-1")


def _unescape(text: str) -> str:
    """Undo vCard backslash escaping (\\n \\, \\; \\\\ \\:), keeping unknown escapes as written."""
    return _ESCAPE.sub(lambda match: _UNESCAPES.get(match[1], match[0]), text)


def _split_escaped(text: str, separator: str) -> list[str]:
    """Split on ``separator`` where it is not backslash-escaped, then unescape each part."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, ""))
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [_unescape(part) for part in parts]


def _texts(props: dict[str, list[_Property]], name: str) -> list[str]:
    return [_unescape(prop.value) for prop in props.get(name, [])]


def _first_text(props: dict[str, list[_Property]], name: str) -> str | None:
    return next((value for value in map(clean, _texts(props, name)) if value), None)


def _strip_scheme(value: str, scheme: str) -> str:
    """Drop a URI scheme vCard 4 puts in front of a value (``tel:+31...``, ``mailto:...``)."""
    return value[len(scheme) :] if value[: len(scheme)].lower() == scheme else value


def _to_record(props: dict[str, list[_Property]]) -> tuple[ContactRecord, list[str]]:
    warnings: list[str] = []
    kind = _first_text(props, "KIND") or _first_text(props, "X-ADDRESSBOOKSERVER-KIND")
    if kind and kind.lower() == "group":
        # Apple and vCard 4 write contact groups as cards; they are not people.
        raise _CardError("the card is a contact group, not a person")
    if kind and kind.lower() == "location":
        name = _first_text(props, "FN") or _first_text(props, "ORG") or _("without a name")
        raise _CardError(_("the card is a place ({name}), not a person").format(name=name))
    show_as = _first_text(props, "X-ABSHOWAS")
    if (kind and kind.lower() == "org") or (show_as and show_as.upper() == "COMPANY"):
        # vCard 4 KIND:org, Apple's "show as company": a business's card, not someone to
        # keep in touch with (add the people who work there instead)
        name = _first_text(props, "FN") or _first_text(props, "ORG") or "without a name"
        raise _CardError(f"the card is an organisation ({name}), not a person")

    given = family = ""
    middle = ""
    if props.get("N"):
        parts = [clean(part) for part in _split_escaped(props["N"][0].value, ";")]
        parts += [""] * (5 - len(parts))
        family, given, middle = parts[0], parts[1], parts[2]
        # A prefix that is only particles ("van der") is a mis-filed family-name part too.
        middle, family = merge_particles(middle, family)
        _prefix, family = merge_particles(parts[3], family)

    emails = unique(_strip_scheme(clean(value), "mailto:") for value in _texts(props, "EMAIL"))
    company = None
    for prop in props.get("ORG", []):
        if company := clean_or_none(_split_escaped(prop.value, ";")[0]):
            break
    # vCard 4 alternatives (FN;ALTID=1;LANGUAGE=ja / LANGUAGE=en): the preferred one is the
    # name, the others become aliases, as do more FN lines of any kind
    names = unique(_texts(_by_preference(props, "FN"), "FN"))
    name = (
        (names[0] if names else "")
        or compose_name(given, middle, family)
        or company
        or (emails[0] if emails else "")
    )
    if not name:
        raise _CardError("the card has no name (no FN, N, ORG or EMAIL)")

    city = None
    for prop in props.get("ADR", []):
        parts = _split_escaped(prop.value, ";")
        if len(parts) > 3 and (city := clean_or_none(parts[3])):
            break

    notes = [note for note in map(clean, _texts(props, "NOTE")) if note]
    birthday: Birthday | None = None
    for prop in props.get("BDAY", [])[:1]:
        text = _unescape(prop.value)
        try:
            birthday = parse_birthday(text)
        except ValueError:
            # vCard 4 allows a text birthday ("circa 1800"): not a date, but not to be lost
            notes.append(_("Birthday: {text}").format(text=clean(text)))
            warnings.append(
                _("the birthday {text!r} is not a date; kept in the notes").format(text=clean(text))
            )
            continue
        if birthday and "1604" in prop.params.get("X-APPLE-OMIT-YEAR", []):
            birthday = (None, birthday[1], birthday[2])

    record = ContactRecord(
        name=name,
        aliases=unique([*names[1:], *_split_all(props.get("NICKNAME", []))]),
        emails=emails,
        phones=unique(_strip_scheme(clean(value), "tel:") for value in _texts(props, "TEL")),
        urls=unique(_texts(props, "URL")),
        socials=unique(_texts(props, "X-SOCIALPROFILE")),
        company=company,
        role=_first_text(props, "TITLE") or _first_text(props, "ROLE"),
        city=city,
        # Several NOTE lines are kept, not dropped: joined like paragraphs.
        note="\n\n".join(notes) or None,
        circles=[
            circle
            for circle in unique(_split_all(props.get("CATEGORIES", [])))
            if circle not in _SYSTEM_CATEGORIES and not circle.startswith("* ")
        ],
        birthday=birthday,
        uid=_first_text(props, "UID"),
        given_name=given or None,
        family_name=family or None,
    )
    _read_netwerk(props, record, warnings)
    return record, warnings


def _read_netwerk(
    props: dict[str, list[_Property]], record: ContactRecord, warnings: list[str]
) -> None:
    """The X-NETWERK-… properties into the record; an unreadable one is a warning."""
    for prop, attr in NETWERK_PROPERTIES.items():
        text = _first_text(props, prop)
        if text is None:
            continue
        value: object = text
        try:
            if attr == "cadence_days":
                value = int(text)
                if not 0 < value <= 36_500:
                    raise ValueError(text)
            elif attr == "met_on":
                value = date.fromisoformat(text)
        except ValueError:
            warnings.append(
                _("{property} {value!r} cannot be read; imported without it").format(
                    property=prop, value=text
                )
            )
            continue
        setattr(record, attr, value)


def _by_preference(props: dict[str, list[_Property]], name: str) -> dict[str, list[_Property]]:
    """The `name` lines, PREF=1 first, then in file order (a stable sort)."""

    def rank(prop: _Property) -> int:
        pref = prop.params.get("PREF", [""])[0]
        if pref.isdigit():
            return int(pref)
        return 0 if "PREF" in (t.upper() for t in prop.params.get("TYPE", [])) else 101

    return {name: sorted(props.get(name, []), key=rank)}


def _split_all(props: Iterable[_Property]) -> Iterator[str]:
    """All comma-separated values of several NICKNAME or CATEGORIES lines."""
    for prop in props:
        yield from _split_escaped(prop.value, ",")


# --------------------------------------------------------------------------------- writing


def write_vcards(records: list[ContactRecord]) -> str:
    """Serialize records as vCard 3.0 text: CRLF line ends, folded at 75 octets, one card each.

    Every record needs a ``uid`` (ValueError otherwise): it is what lets a later import of the
    same file update contacts instead of duplicating them. ``profile_url`` is written as a URL
    because vCard has no field for it; what vCard lacks goes in X-NETWERK-… properties
    (`NETWERK_PROPERTIES`).
    """
    lines: list[str] = []
    for index, record in enumerate(records, start=1):
        lines.extend(_card_lines(record, index))
    return "".join(f"{physical}\r\n" for line in lines for physical in _fold(line))


def _card_lines(record: ContactRecord, index: int) -> list[str]:
    if record.uid is None or not record.uid.strip():
        raise ValueError(f"record {index} ({record.name!r}) has no uid")
    if not record.name.strip():
        raise ValueError(f"record {index} has no name")
    given, family = record.given_name, record.family_name
    if given is None and family is None:
        given, family = split_name(record.name)
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:{_escape(record.uid)}",
        f"FN:{_escape(record.name)}",
        f"N:{_escape(family or '')};{_escape(given or '')};;;",
    ]
    if record.aliases:
        lines.append("NICKNAME:" + ",".join(_escape(alias) for alias in record.aliases))
    lines += [f"EMAIL;TYPE=INTERNET:{_escape(email)}" for email in record.emails]
    lines += [f"TEL:{_escape(phone)}" for phone in record.phones]
    if record.company:
        lines.append(f"ORG:{_escape(record.company)}")
    if record.role:
        lines.append(f"TITLE:{_escape(record.role)}")
    if record.note:
        lines.append(f"NOTE:{_escape(record.note)}")
    if record.circles:
        lines.append("CATEGORIES:" + ",".join(_escape(circle) for circle in record.circles))
    if record.birthday is not None:
        lines.append(f"BDAY:{_format_birthday(record.birthday, index)}")
    urls = list(record.urls)
    if record.profile_url and record.profile_url not in urls:
        urls.append(record.profile_url)
    lines += [f"URL:{_escape(url)}" for url in urls]
    lines += [f"X-SOCIALPROFILE:{_escape(social)}" for social in record.socials]
    if record.city:
        lines.append(f"ADR:;;;{_escape(record.city)};;;")
    for prop, attr in NETWERK_PROPERTIES.items():
        value = getattr(record, attr)
        if value is not None and value != "":
            text = value.isoformat() if isinstance(value, date) else str(value)
            lines.append(f"{prop}:{_escape(text)}")
    lines.append("END:VCARD")
    return lines


def _format_birthday(birthday: Birthday, index: int) -> str:
    year, month, day = birthday
    # Validate through parse_birthday so that we never write a date we would refuse to read.
    text = f"--{month:02d}{day:02d}" if year is None else f"{year:04d}-{month:02d}-{day:02d}"
    try:
        if parse_birthday(text) != (year, month, day):
            raise ValueError
    except ValueError:
        raise ValueError(f"record {index} has an invalid birthday {birthday!r}") from None
    return text


def _escape(text: str) -> str:
    """vCard 3.0 text escaping. NUL is dropped: it means nothing and readers refuse it."""
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _fold(line: str) -> list[str]:
    """Fold a content line into physical lines of at most 75 octets (RFC 2426 section 2.6).

    Continuation lines start with one space, which unfolding removes; we cut between
    characters, never inside a multi-byte UTF-8 sequence.
    """
    if len(line.encode("utf-8")) <= 75:
        return [line]
    chunks: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            chunks.append("".join(current))
            current, size, limit = [], 0, 74  # the leading space takes one octet
        current.append(char)
        size += width
    chunks.append("".join(current))
    return [chunks[0]] + [f" {chunk}" for chunk in chunks[1:]]
