"""A generated mailbox for the mail-import benchmark, and the standard library's baseline.

    python -m bench.mail PATH [N]        # write an mbox of N messages (default 50,000)
    python -m bench.mail --baseline PATH # read every message's headers with `mailbox`

The mbox looks like a Gmail Takeout of a few years: one owner (eva@example.nl), 400 people she
writes with, a third of the messages mailing lists and notifications, bodies of 1-4 KB and
one message in a hundred with a 200 KB attachment (about 240 MB for 50,000). Deterministic (seeded).

The baseline is what issue 14 measures the import against: the `mailbox` module reading just
the headers of every message (its table of contents, then each message's header block, parsed
by `email.parser.BytesHeaderParser`), with nothing written anywhere.
"""

from __future__ import annotations

import random
import sys
from datetime import datetime, timedelta
from email.parser import BytesHeaderParser
from pathlib import Path

ME = "eva@example.nl"
FIRST = ["Piet", "Anna", "Tom", "Sanne", "Bram", "Kees", "Lotte", "Daan", "Emma", "Sem"]
LAST = ["Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder"]


def people(n: int = 400) -> list[tuple[str, str]]:
    found = []
    for i in range(n):
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        found.append((f"{first} {last}", f"{first.lower()}.{i}@mail{i % 7}.example"))
    return found


def write_mbox(path: Path, n: int = 50_000, seed: int = 14) -> None:
    rng = random.Random(seed)
    folks = people()
    start = datetime(2023, 1, 1, 8, 0)
    line = b"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.\n"
    attachment = b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=" * 2 + b"\n"
    with path.open("wb") as out:
        for i in range(n):
            when = start + timedelta(minutes=i * 47 + rng.randrange(40))
            stamp = when.strftime("%a %b %d %H:%M:%S +0000 %Y")
            date = when.strftime("%a, %d %b %Y %H:%M:%S +0100")
            name, address = folks[rng.randrange(len(folks))]
            kind = rng.random()
            headers = [f"X-GM-THRID: {1790000000000000000 + i}", f"Date: {date}"]
            if kind < 0.33:
                headers += [
                    f"From: Nieuws {i % 20} <nieuws{i % 20}@list.example>",
                    f"To: {ME}",
                    f"List-Id: <list{i % 20}.list.example>",
                ]
            elif kind < 0.66:
                headers += [f"From: Eva de Boer <{ME}>", f'To: "{name}" <{address}>']
                if rng.random() < 0.2:
                    other = folks[rng.randrange(len(folks))]
                    headers.append(f"Cc: {other[0]} <{other[1]}>")
            else:
                headers += [f"From: {name} <{address}>", f"To: Eva de Boer <{ME}>"]
            headers += [f"Subject: Bericht {i}", f"Message-ID: <m{i}@example.nl>"]
            out.write(f"From {1790000000000000000 + i}@xxx {stamp}\n".encode())
            out.write(("\n".join(headers) + "\n\n").encode())
            out.write(line * rng.randrange(12, 60))
            if rng.random() < 0.01:
                out.write(b"--b\nContent-Type: application/pdf\n\n" + attachment * 2800)
            out.write(b"\n")


def baseline(path: Path) -> int:
    """The standard library reading every message's headers; how many it read."""
    import mailbox

    box = mailbox.mbox(str(path), create=False)
    parser = BytesHeaderParser()
    count = 0
    for key in box.iterkeys():
        handle = box.get_file(key)
        try:
            block = []
            for raw in iter(handle.readline, b""):
                if raw in (b"\n", b"\r\n"):
                    break
                block.append(raw)
        finally:
            handle.close()
        headers = parser.parsebytes(b"".join(block))
        headers.get("From"), headers.get("To"), headers.get("Date")
        count += 1
    return count


def main(argv: list[str]) -> int:
    if argv[:1] == ["--baseline"]:
        print(baseline(Path(argv[1])))
        return 0
    write_mbox(Path(argv[0]), int(argv[1]) if len(argv) > 1 else 50_000)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
