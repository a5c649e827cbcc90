"""WhatsApp "Export chat" files: who wrote on which day, never what they wrote.

Accepted: the .txt an Android phone exports, the .zip an iPhone exports (holding `_chat.txt`,
Android's zip holds the .txt), or a folder of these. Dutch and English phone settings:

    [12-03-2024 14:05:12] Piet Jansen: …        iPhone, day first, 24-hour clock
    12-03-2024 14:05 - Piet Jansen: …           Android
    3/12/24, 2:05 PM - Piet Jansen: …           US settings, 12-hour clock

System lines (the end-to-end encryption notice, joins and leaves, "<Media weggelaten>",
"image omitted", deleted messages, missed calls) are not messages: on Android they have no
author, on iPhone their text starts with the invisible U+200E mark, and both are also
recognised by their words. Lines that do not start with a date continue the message above.

Whether 03-04-2024 is the 3rd of April or the 4th of March is decided once for the whole file:
a first number above 12 means day first, a second above 12 month first; a file with neither
takes the order in which the days run forward (a chat is written in time order), and on a tie
day first, except for the US style (slashes and AM/PM).

Memory stays bounded: lines are read in pieces of at most MAX_LINE characters and only the set
of authors per day is kept. Standard library only.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from netwerk.formats.encounter import Encounter, Participant
from netwerk.i18n import _
from netwerk.rules.text import fold

MAX_LINE = 64 * 1024
# a decade of a busy group chat is well under this; beyond it the file is not a chat export
MAX_CHAT_CHARS = 512 * 1024 * 1024
MAX_AUTHOR = 100
_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_SPACE = r"[\s\u202f\u00a0]"

_HEADER = re.compile(
    rf"""^[{_MARKS}\s]*
    (?P<bracket>\[)?
    (?P<a>\d{{1,4}})(?P<sep>[./-])(?P<b>\d{{1,2}})(?P=sep)(?P<c>\d{{2,4}})\.?
    ,?{_SPACE}+
    (?P<hour>\d{{1,2}})[:.](?P<minute>\d{{2}})(?:[:.]\d{{2}})?
    (?:{_SPACE}*(?P<ampm>[AaPp]\.?{_SPACE}?[Mm]\.?))?
    (?(bracket)\]{_SPACE}*|{_SPACE}+[-–]{_SPACE}+)
    (?P<rest>.*)""",
    re.X | re.S,
)

# Text of lines that are not someone writing (folded, compared by prefix).
_NOT_MESSAGES = tuple(
    fold(text)
    for text in (
        "<media weggelaten>",
        "<media omitted>",
        "<bijlage:",
        "<attached:",
        "afbeelding weggelaten",
        "image omitted",
        "video weggelaten",
        "video omitted",
        "audio weggelaten",
        "audio omitted",
        "sticker weggelaten",
        "sticker omitted",
        "gif weggelaten",
        "gif omitted",
        "document weggelaten",
        "document omitted",
        "contactkaart weggelaten",
        "contact card omitted",
        "dit bericht is verwijderd",
        "this message was deleted",
        "je hebt dit bericht verwijderd",
        "you deleted this message",
        "gemiste spraakoproep",
        "gemiste video-oproep",
        "missed voice call",
        "missed video call",
        "berichten en oproepen zijn end-to-end versleuteld",
        "messages and calls are end-to-end encrypted",
        "berichten aan deze groep zijn nu beveiligd",
        "messages to this group are now secured",
        "null",
    )
)
_PHONE = re.compile(r"^\+?[\d\s().-]{6,}$")


class ChatProblem(Exception):
    """The file or folder cannot be read as WhatsApp chats; the message is one sentence."""


@dataclass
class Chat:
    """One exported chat: its title and, per day, the authors who wrote (folded -> as
    written)."""

    title: str
    source: str
    days: dict[date, dict[str, str]] = field(default_factory=dict)
    messages: int = 0
    skipped_lines: int = 0

    def authors(self) -> dict[str, str]:
        """Everyone who wrote in this chat, folded -> as written."""
        found: dict[str, str] = {}
        for people in self.days.values():
            for key, name in people.items():
                found.setdefault(key, name)
        return found


def chat_title(path: Path) -> str:
    """The chat's name from the export's file name ("WhatsApp Chat with Piet Jansen.txt",
    "WhatsApp-chat met Piet Jansen.txt", "WhatsApp Chat - Piet Jansen.zip")."""
    stem = path.stem if path.name != "_chat.txt" else path.parent.name
    for prefix in ("whatsapp chat with ", "whatsapp-chat met ", "whatsapp chat met ",
                   "whatsapp chat - ", "whatsapp-chat - ", "whatsapp chat – "):  # fmt: skip
        if stem.casefold().startswith(prefix):
            return stem[len(prefix) :].strip() or stem
    return stem


def read_chats(path: Path) -> list[Chat]:
    """Every chat at `path`: one .txt, one .zip, or a folder of them."""
    if not path.exists():
        raise ChatProblem(_("No such file or folder: {path}.").format(path=path))
    if path.is_dir():
        files = sorted(
            p for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".txt", ".zip")
        )
        if not files:
            raise ChatProblem(
                _("{path} holds no exported chats (.txt or .zip files).").format(path=path)
            )
        chats = [_read_one(p) for p in files]
    else:
        chats = [_read_one(path)]
    empty = [c for c in chats if not c.days]
    if len(empty) == len(chats):
        raise ChatProblem(
            _("No WhatsApp messages found in {path}: is it an exported chat?").format(path=path)
        )
    return chats


def _read_one(path: Path) -> Chat:
    title = chat_title(path)
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                member = _chat_member(archive, path)
                with archive.open(member) as raw:
                    text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace")
                    return parse_chat(_bounded_lines(text, path), title, str(path))
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as text:
            return parse_chat(_bounded_lines(text, path), title, str(path))
    except (OSError, zipfile.BadZipFile, EOFError) as e:
        reason = getattr(e, "strerror", None) or str(e)
        raise ChatProblem(
            _("Cannot read {path}: {reason}.").format(path=path, reason=reason)
        ) from None
    except NotImplementedError as e:  # a zip compression method Python does not have
        raise ChatProblem(_("Cannot read {path}: {reason}.").format(path=path, reason=e)) from None


def _chat_member(archive: zipfile.ZipFile, path: Path) -> zipfile.ZipInfo:
    texts = [i for i in archive.infolist() if i.filename.lower().endswith(".txt")]
    for info in texts:
        if Path(info.filename).name == "_chat.txt":
            return info
    if texts:
        return texts[0]
    raise ChatProblem(_("{path} holds no chat (_chat.txt).").format(path=path))


def _bounded_lines(text: io.TextIOBase, path: Path) -> Iterator[str]:
    """Lines of at most MAX_LINE characters (the rest of a longer line is skipped, as it can
    only be message text), and no more than MAX_CHAT_CHARS in all."""
    total = 0
    while True:
        piece = text.readline(MAX_LINE)
        if not piece:
            return
        total += len(piece)
        if total > MAX_CHAT_CHARS:
            raise ChatProblem(
                _("{path} is larger than {size} MB: not a chat export.").format(
                    path=path, size=MAX_CHAT_CHARS // (1024 * 1024)
                )
            )
        yield piece
        while not piece.endswith(("\n", "\r")):  # the tail of an over-long line
            piece = text.readline(MAX_LINE)
            if not piece:
                return
            total += len(piece)
            if total > MAX_CHAT_CHARS:
                raise ChatProblem(
                    _("{path} is larger than {size} MB: not a chat export.").format(
                        path=path, size=MAX_CHAT_CHARS // (1024 * 1024)
                    )
                )


def _author(text: str) -> str:
    """An author as shown: without direction marks and the '~' WhatsApp puts before a name
    that is not in the phone's address book."""
    name = text.strip(_MARKS + " \t")
    name = name.lstrip("~").strip(_MARKS + " \t\u202f\u00a0")
    return " ".join(name.split())


def is_phone(name: str) -> bool:
    """An author shown as a phone number (someone not in the phone's address book)."""
    return bool(_PHONE.match(name)) and sum(ch.isdigit() for ch in name) >= 6


def parse_chat(lines: Iterable[str], title: str, source: str = "") -> Chat:
    """Read one chat's lines; dates are interpreted after the whole file was seen."""
    # raw (a, b, c) date numbers -> authors that wrote on it, in order of first appearance
    raw: dict[tuple[int, int, int], dict[str, str]] = {}
    us_style = False
    chat = Chat(title=title, source=source)
    for line in lines:
        match = _HEADER.match(line)
        if not match:
            continue  # the next line of a multi-line message (or junk)
        rest = match["rest"].rstrip("\r\n")
        author, colon, text = rest.partition(": ")
        if not colon:
            continue  # Android system line: no author
        if text.startswith("\u200e") or len(author) > MAX_AUTHOR:
            continue  # iPhone system line or media, or a system sentence with a colon in it
        words = fold(text.strip(_MARKS + " "))
        if words.startswith(_NOT_MESSAGES):
            continue
        name = _author(author)
        if not name:
            continue
        token = (int(match["a"]), int(match["b"]), int(match["c"]))
        if match["ampm"] and match["sep"] == "/":
            us_style = True
        raw.setdefault(token, {}).setdefault(fold(name), name)
        chat.messages += 1
    order = day_order(list(raw), us_style=us_style)
    for token, authors in raw.items():
        day = _as_date(token, order)
        if day is None:
            chat.skipped_lines += 1
            continue
        merged = chat.days.setdefault(day, {})
        for key, name in authors.items():
            merged.setdefault(key, name)
    return chat


def day_order(tokens: list[tuple[int, int, int]], *, us_style: bool = False) -> str:
    """'ymd', 'dmy' or 'mdy' for the whole file's date numbers (in file order)."""
    if tokens and all(a > 31 for a, _b, _c in tokens):
        return "ymd"
    day_first = any(a > 12 for a, _b, _c in tokens)
    month_first = any(b > 12 for _a, b, _c in tokens)
    if day_first != month_first:
        return "dmy" if day_first else "mdy"
    backwards = {}
    for order in ("dmy", "mdy"):
        days = [d for d in (_as_date(t, order) for t in tokens) if d is not None]
        backwards[order] = sum(1 for x, y in zip(days, days[1:], strict=False) if y < x)
    if backwards["dmy"] != backwards["mdy"]:
        return min(backwards, key=lambda o: backwards[o])
    return "mdy" if us_style else "dmy"


def _as_date(token: tuple[int, int, int], order: str) -> date | None:
    a, b, c = token
    year, month, day = {"ymd": (a, b, c), "dmy": (c, b, a), "mdy": (c, a, b)}[order]
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def recognise_me(chats: list[Chat], known: set[str]) -> set[str] | list[str]:
    """The user's folded names: those of `known` (remembered or --me) that wrote in these
    chats, else the one name present in every chat. With no such name, the candidates (as
    written) for the user to choose from with --me."""
    everyone: dict[str, str] = {}
    common: set[str] | None = None
    for chat in chats:
        authors = chat.authors()
        everyone.update({k: v for k, v in authors.items() if k not in everyone})
        common = set(authors) if common is None else common & set(authors)
    present = {k for k in known if k in everyone}
    if present:
        return present
    if common and len(common) == 1 and len(chats) > 1:
        return common
    candidates = common if common else set(everyone)
    return sorted(everyone[k] for k in candidates)


def encounters(chat: Chat, me: set[str]) -> list[Encounter]:
    """A touch per day on which the user and someone else in the chat both wrote, with
    everyone else who wrote that day (a group chat's day is one touch with all of them)."""
    found = []
    chat_key = fold(chat.title)
    for day in sorted(chat.days):
        authors = chat.days[day]
        if not me & set(authors):
            continue
        others = [name for key, name in authors.items() if key not in me]
        if not others:
            continue
        people = tuple(
            Participant(phone=name) if is_phone(name) else Participant(name=name) for name in others
        )
        found.append(
            Encounter(
                key=f"whatsapp:{chat_key}:{day.isoformat()}", on=day, kind="message", people=people
            )  # fmt: skip
        )
    return found
