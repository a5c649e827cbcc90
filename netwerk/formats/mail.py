"""Mailboxes (an mbox file from Gmail Takeout or Thunderbird, or a Maildir folder) as
encounters: who you wrote to, and which contacts wrote to you, per day. Headers only.

The mbox is read as a stream of lines in pieces of at most MAX_LINE bytes: a message's header
block (up to MAX_HEADER bytes) is kept until the blank line that ends it, and every line of the
body is read past and dropped, so memory does not grow with the file or with an attachment.
(The standard library's `mailbox.mbox` first scans the whole file for its table of contents
and then hands out whole messages; this reader needs one pass and never holds a body.) A
message starts at a line beginning with "From " at the start of the file or after a blank
line, and ending in a year as envelope lines do. In a Maildir, each file in `cur/` and `new/`
(also of `.Folder` subfolders) is one message, read up to its blank line.

A message is a touch of kind email with:
- each To/Cc address when it is from one of your addresses (`--me`), and
- its sender when a sender's message is addressed to you (To/Cc).
Automated mail is never one: List-Id, Auto-Submitted (other than "no"), Precedence bulk, list
or junk, X-Autoreply, and no-reply, mailer-daemon and postmaster senders.
One encounter per address per day, dated in the computer's time zone. Standard library only.
"""

from __future__ import annotations

import contextlib
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO

from netwerk.formats.encounter import CaptureFile, Encounter, Participant
from netwerk.i18n import _, ngettext

MAX_LINE = 64 * 1024
MAX_HEADER = 256 * 1024
MAX_SUBJECT = 200
_WANTED = {
    b"from", b"to", b"cc", b"date", b"subject", b"list-id", b"auto-submitted", b"precedence",
    b"x-autoreply", b"x-autorespond",
}  # fmt: skip
_NO_REPLY = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|mailer[-_.]daemon|postmaster)(?:[-+_.].*)?@",
    re.I,
)
Progress = Callable[[int], None]
# an mbox envelope line ends in its date's year ("From - Mon Oct 05 09:15:00 2026"), which a
# body line that starts with "From " (unescaped by a careless writer) seldom does
_ENVELOPE = re.compile(rb"\d{4}\s*$")


class MailProblem(Exception):
    """The path cannot be read as a mailbox; the message is one sentence."""


@dataclass(slots=True)
class Headers:
    """What a message's headers say that a touch needs."""

    day: date | None
    sender: tuple[str, str] | None  # (display name, address folded)
    recipients: list[tuple[str, str]]
    subject: str | None
    automated: bool


def read_mailbox(path: Path, progress: Progress | None = None) -> Iterator[Headers]:
    """Every message's headers at `path` (an mbox file or a Maildir folder), in file order."""
    if not path.exists():
        raise MailProblem(_("No such file or folder: {path}.").format(path=path))
    if path.is_dir():
        yield from _maildir(path, progress)
        return
    try:
        handle = path.open("rb")
    except OSError as e:
        raise MailProblem(
            _("Cannot read {path}: {reason}.").format(path=path, reason=e.strerror)
        ) from None
    with handle:
        first = handle.read(5)
        if first != b"From ":
            raise MailProblem(
                _("{path} is not an mbox file (it does not start with 'From ').").format(path=path)
            )
        handle.seek(0)
        yield from _mbox(handle, progress)


def _mbox(handle: BinaryIO, progress: Progress | None) -> Iterator[Headers]:
    readline = handle.readline
    header: list[bytes] | None = None  # the header block being read, None in a body
    size = 0
    blank = True
    envelope = b""
    done = 0
    while True:
        line = readline(MAX_LINE)
        if not line:
            break
        if progress is not None:
            done += len(line)
            if done >= 1 << 20:
                progress(done)
                done = 0
        if blank and line.startswith(b"From ") and _ENVELOPE.search(line):
            if header is not None:  # a message with no body at all
                yield _parse(header, envelope)
            header, size, envelope = [], 0, line
            blank = False
            continue
        blank = line in (b"\n", b"\r\n")
        if header is None:
            continue  # body: read past, never kept
        if blank:
            yield _parse(header, envelope)
            header = None
            continue
        size += len(line)
        if size <= MAX_HEADER:
            header.append(line)
    if header is not None:
        yield _parse(header, envelope)
    if progress is not None and done:
        progress(done)


def _maildir(path: Path, progress: Progress | None) -> Iterator[Headers]:
    folders = [path, *sorted(p for p in path.iterdir() if p.is_dir() and p.name.startswith("."))]
    boxes = [f / sub for f in folders for sub in ("cur", "new") if (f / sub).is_dir()]
    if not boxes:
        raise MailProblem(
            _("{path} is not a Maildir folder (it has no cur/ or new/).").format(path=path)
        )
    for box in boxes:
        for file in sorted(box.iterdir()):
            if not file.is_file() or file.name.startswith("."):
                continue
            try:
                with file.open("rb") as handle:
                    header: list[bytes] = []
                    size = 0
                    while True:
                        line = handle.readline(MAX_LINE)
                        if not line or line in (b"\n", b"\r\n"):
                            break
                        size += len(line)
                        if size <= MAX_HEADER:
                            header.append(line)
            except OSError:
                continue
            if progress is not None:
                progress(1)
            yield _parse(header, b"")


def _parse(lines: list[bytes], envelope: bytes) -> Headers:
    """The wanted headers of one block (unfolded), as a Headers."""
    found: dict[bytes, bytes] = {}
    name = b""
    for line in lines:
        if line[:1] in (b" ", b"\t"):
            if name in found:
                found[name] += b" " + line.strip()
            continue
        name, colon, value = line.partition(b":")
        name = name.strip().lower()
        if not colon or name not in _WANTED:
            name = b""
            continue
        if name not in found:
            found[name] = value.strip()
        else:
            name = b""  # a repeated header: the first one counts
    text = {k.decode("ascii", "replace"): _text(v) for k, v in found.items()}
    automated = (
        "list-id" in text
        or text.get("auto-submitted", "no").strip().lower() not in ("no", "")
        or text.get("precedence", "").strip().lower() in ("bulk", "list", "junk")
        or "x-autoreply" in text
        or "x-autorespond" in text
    )
    senders = _addresses(text.get("from", ""))
    sender = senders[0] if senders else None
    if sender and _NO_REPLY.match(sender[1]):
        automated = True
    recipients = _addresses(text.get("to", "")) + _addresses(text.get("cc", ""))
    subject = text.get("subject")
    return Headers(
        day=_day(text.get("date"), envelope),
        sender=sender,
        recipients=recipients,
        subject=_decoded(subject)[:MAX_SUBJECT] if subject else None,
        automated=automated,
    )


def _text(value: bytes) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def _decoded(value: str) -> str:
    """An RFC 2047 encoded header ('=?UTF-8?Q?Zo=C3=AB?=') as text."""
    if "=?" not in value:
        return " ".join(value.split())
    from email.header import decode_header, make_header

    try:
        return " ".join(str(make_header(decode_header(value))).split())
    except (ValueError, LookupError, UnicodeDecodeError):
        return " ".join(value.split())


def _addresses(value: str) -> list[tuple[str, str]]:
    if not value:
        return []
    found = []
    for name, address in getaddresses([value]):
        address = address.strip().casefold()
        if "@" in address and " " not in address:
            found.append((_decoded(name) if name else "", address))
    return found


def _day(value: str | None, envelope: bytes) -> date | None:
    moment: datetime | None = None
    if value:
        try:
            moment = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            moment = None
    if moment is None and envelope:  # "From sender Tue Mar 12 14:05:00 2024"
        parts = envelope.decode("ascii", "replace").split()
        try:
            moment = datetime.strptime(" ".join(parts[-5:]), "%a %b %d %H:%M:%S %Y")
        except ValueError:
            return None
    if moment is None:
        return None
    if moment.tzinfo is not None:
        with contextlib.suppress(OverflowError, ValueError, OSError):
            moment = moment.astimezone()
    return moment.date()


def likely_me(path: Path) -> tuple[list[tuple[str, int]], int]:
    """The three addresses in most messages that are not automated, with how many messages
    each is in, and the number of such messages (for a first import without `--me`)."""
    counts: Counter[str] = Counter()
    messages = 0
    for headers in read_mailbox(path):
        if headers.automated:
            continue
        messages += 1
        everyone = {a for _n, a in headers.recipients}
        if headers.sender:
            everyone.add(headers.sender[1])
        counts.update(everyone)
    return counts.most_common(3), messages


def encounters(messages: Iterator[Headers], me: set[str], *, subjects: bool = False) -> CaptureFile:
    """One encounter per address per day, from your mail to them and theirs to you."""
    seen: dict[tuple[str, date], Encounter] = {}
    names: dict[str, str] = {}  # address -> the first display name it came with
    result = CaptureFile()
    undated = automated = mine = 0
    for headers in messages:
        if headers.automated:
            automated += 1
            continue
        if headers.day is None:
            undated += 1
            continue
        if headers.sender and headers.sender[1] in me:
            people = [(n, a) for n, a in headers.recipients if a not in me]
        elif headers.sender and any(a in me for _n, a in headers.recipients):
            people = [headers.sender]
        else:
            continue
        mine += 1
        for name, address in people:
            if name:
                names.setdefault(address, name)
            key = (address, headers.day)
            if key in seen:
                continue
            seen[key] = Encounter(
                key=f"mail:{address}:{headers.day.isoformat()}",
                on=headers.day,
                kind="email",
                people=(Participant(name=name or None, email=address),),
                note=headers.subject if subjects else None,
            )
    for encounter in seen.values():  # a name from another message for a bare address
        person = encounter.people[0]
        if not person.name and person.email in names:
            encounter.people = (Participant(name=names[person.email], email=person.email),)
    result.encounters = sorted(seen.values(), key=lambda e: (e.on, e.key))
    if undated:
        result.problems.append(
            ngettext(
                "{n} message without a readable date was left out.",
                "{n} messages without a readable date were left out.",
                undated,
            ).format(n=undated)
        )
    result.automated = automated
    result.messages = mine
    return result
