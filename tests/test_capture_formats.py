"""The capture parsers and rules on their own: no database, no CLI (table-driven)."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from netwerk.formats import mail, whatsapp
from netwerk.formats.calendar import read_calendar
from netwerk.rules.titles import title_kind, title_names
from netwerk.services.capture import Matcher, email_of, ignore_key

L = "\u200e"


# --- WhatsApp lines ---------------------------------------------------------------------------

LINES = [
    # iPhone, Dutch settings: day first, 24-hour clock with seconds
    ("[12-03-2024 14:05:12] Piet Jansen: Hoi", (date(2024, 3, 12), "Piet Jansen")),
    # iPhone puts an invisible mark before some lines
    (f"{L}[12-03-2024 14:05:12] Piet Jansen: Hoi", (date(2024, 3, 12), "Piet Jansen")),
    # Android, Dutch settings
    ("12-03-2024 14:05 - Piet Jansen: Hoi", (date(2024, 3, 12), "Piet Jansen")),
    # Android, UK settings
    ("12/03/2024, 14:05 - Piet Jansen: Hi", (date(2024, 3, 12), "Piet Jansen")),
    # Android, US settings: month first, 12-hour clock (with the narrow no-break space)
    ("3/12/24, 2:05 PM - Piet Jansen: Hi", (date(2024, 3, 12), "Piet Jansen")),
    ("3/12/24, 2:05\u202fPM - Piet Jansen: Hi", (date(2024, 3, 12), "Piet Jansen")),
    # iPhone, US settings
    ("[3/12/24, 2:05:12 PM] Piet Jansen: Hi", (date(2024, 3, 12), "Piet Jansen")),
    # German-style dots
    ("12.03.24, 14:05 - Piet Jansen: Hallo", (date(2024, 3, 12), "Piet Jansen")),
    # an unsaved number, wrapped in direction marks; a '~ ' name not in the address book
    ("12-03-2024 14:05 - \u202a+31 6 12345678\u202c: Hoi", (date(2024, 3, 12), "+31 6 12345678")),
    ("[12-03-2024 14:05:12] ~\u202fSanne: Hoi", (date(2024, 3, 12), "Sanne")),
    # system lines: not messages
    ("12-03-2024 14:05 - Berichten en oproepen zijn end-to-end versleuteld. Tik voor info.", None),
    ("3/12/24, 2:05 PM - Messages and calls are end-to-end encrypted. Tap to learn more.", None),
    (
        f"[12-03-2024 14:05:12] Piet Jansen: {L}Berichten en oproepen zijn end-to-end versleuteld.",
        None,
    ),
    ("12-03-2024 14:05 - Piet Jansen heeft Eva toegevoegd", None),
    ("3/12/24, 2:05 PM - Piet Jansen left", None),
    ("12-03-2024 14:05 - Piet Jansen: <Media weggelaten>", None),
    ("3/12/24, 2:05 PM - Piet Jansen: <Media omitted>", None),
    (f"[12-03-2024 14:05:12] Piet Jansen: {L}afbeelding weggelaten", None),
    (f"[3/12/24, 2:05:12 PM] Piet Jansen: {L}image omitted", None),
    ("12-03-2024 14:05 - Piet Jansen: Dit bericht is verwijderd", None),
    ("3/12/24, 2:05 PM - Piet Jansen: This message was deleted", None),
    ("12-03-2024 14:05 - Piet Jansen: Gemiste spraakoproep", None),
    # the next line of a multi-line message
    ("en dan nog dit: tot morgen", None),
]


@pytest.mark.parametrize("line, expected", LINES)
def test_whatsapp_line(line, expected):
    chat = whatsapp.parse_chat([line + "\n"], "x")
    found = [(day, name) for day, authors in chat.days.items() for name in authors.values()]
    assert found == ([expected] if expected else [])


@pytest.mark.parametrize(
    "tokens, us_style, order",
    [
        ([(12, 3, 2024), (13, 3, 2024)], False, "dmy"),  # 13 cannot be a month
        ([(3, 12, 24), (3, 13, 24)], False, "mdy"),  # 13 cannot be a month: second is the day
        # nothing above 12: the order in which the days run forward
        ([(3, 12, 24), (4, 2, 24), (4, 3, 24)], False, "mdy"),
        ([(12, 3, 24), (2, 4, 24), (3, 4, 24)], False, "dmy"),
        # a tie: day first, unless US style
        ([(2, 4, 2024), (3, 4, 2024)], False, "dmy"),
        ([(4, 2, 24), (4, 3, 24)], True, "mdy"),
        ([(2024, 3, 12)], False, "ymd"),
    ],
)
def test_day_order_from_the_whole_file(tokens, us_style, order):
    assert whatsapp.day_order(tokens, us_style=us_style) == order


def test_whatsapp_day_order_decided_by_a_late_line():
    lines = ["01-02-2024 10:00 - A: x\n"] * 50 + ["13-02-2024 10:00 - A: x\n"]
    chat = whatsapp.parse_chat(lines, "x")
    assert sorted(chat.days) == [date(2024, 2, 1), date(2024, 2, 13)]


def test_whatsapp_recognise_me():
    a = whatsapp.parse_chat(["12-03-2024 14:05 - Eva: x\n", "12-03-2024 14:06 - Piet: x\n"], "a")
    b = whatsapp.parse_chat(["12-03-2024 14:05 - Eva: x\n", "12-03-2024 14:06 - Tom: x\n"], "b")
    assert whatsapp.recognise_me([a, b], set()) == {"eva"}
    assert whatsapp.recognise_me([a], set()) == ["Eva", "Piet"]  # one chat: ask
    assert whatsapp.recognise_me([a], {"piet"}) == {"piet"}


def test_whatsapp_group_day_needs_you_and_is_one_touch():
    lines = [
        "12-03-2024 14:05 - Piet: x\n", "12-03-2024 14:06 - Anna: x\n",
        "12-03-2024 14:07 - Eva: x\n", "13-03-2024 14:05 - Piet: x\n",
        "13-03-2024 14:06 - Anna: x\n",
    ]  # fmt: skip
    found = whatsapp.encounters(whatsapp.parse_chat(lines, "Club"), {"eva"})
    assert [(e.on, [p.name for p in e.people], e.key) for e in found] == [
        (date(2024, 3, 12), ["Piet", "Anna"], "whatsapp:club:2024-03-12")
    ]


def test_whatsapp_long_line_is_bounded():
    text = "12-03-2024 14:05 - Piet: " + "x" * (whatsapp.MAX_LINE * 5) + "\n"
    text += "12-03-2024 14:06 - Eva: ok\n"
    import io

    lines = list(whatsapp._bounded_lines(io.StringIO(text), Path("x")))
    assert max(len(x) for x in lines) <= whatsapp.MAX_LINE
    chat = whatsapp.parse_chat(lines, "x")
    assert sorted(chat.days[date(2024, 3, 12)]) == ["eva", "piet"]


@pytest.mark.parametrize(
    "name, title",
    [
        ("WhatsApp Chat with Piet Jansen.txt", "Piet Jansen"),
        ("WhatsApp-chat met Piet Jansen.txt", "Piet Jansen"),
        ("WhatsApp Chat - Piet Jansen.zip", "Piet Jansen"),
        ("chat.txt", "chat"),
    ],
)
def test_chat_title(name, title):
    assert whatsapp.chat_title(Path(name)) == title


def test_zip_with_android_text(tmp_path):
    path = tmp_path / "WhatsApp Chat with Piet.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("WhatsApp Chat with Piet.txt", "12-03-2024 14:05 - Piet: x\n")
    assert whatsapp.read_chats(path)[0].title == "Piet"


# --- calendar titles --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, kind",
    [
        ("Koffie met Piet", "coffee"),
        ("Koffiedate Anna", "coffee"),
        ("Coffee with Anna", "coffee"),
        ("Lunch", "lunch"),
        ("Lunchafspraak Tom", "lunch"),
        ("Borrel", "drinks"),
        ("Drinks at the office", "drinks"),
        ("Etentje bij Sanne", "meal"),
        ("Dinner with Piet", "meal"),
        ("Bellen met Sanne", "call"),
        ("Call Anna", "call"),
        ("Zoom: plannen", "video"),
        ("Videogesprek Piet", "video"),
        ("Verjaardag Bram", "event"),
        ("Tandarts", "event"),
        ("Belasting", "event"),  # not 'bel'
        ("", "event"),
    ],
)
def test_title_kind(title, kind):
    assert title_kind(title) == kind


@pytest.mark.parametrize(
    "title, names",
    [
        ("Koffie met Piet Jansen", ["Piet Jansen"]),
        ("Lunch Anna & Bram", ["Anna", "Bram"]),
        ("Lunch with Anna and Bram", ["Anna", "Bram"]),
        ("Bellen met Sanne", ["Sanne"]),
        ("Borrel", []),
        ("Koffie", []),
        ("Verjaardag Bram", ["Verjaardag Bram"]),
    ],
)
def test_title_names(title, names):
    assert title_names(title) == names


# --- matching keys ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, key",
    [("Piet@Example.NL", "piet@example.nl"), ("<a@b.nl>", "a@b.nl"), ("piet", None), (None, None)],
)
def test_email_of(value, key):
    assert email_of(value) == key


@pytest.mark.parametrize(
    "text, key",
    [("Sanne", "sanne"), ("  Zoë  de Vries ", "zoe de vries"), ("A@B.nl", "a@b.nl"),
     ("06 12345678", "+31612345678")],
)  # fmt: skip
def test_ignore_key(text, key):
    assert ignore_key(text) == key


def test_matcher_follows_names_rules():
    """The in-memory matcher gives what `netwerk.services.names.resolve_row` would."""
    m = Matcher()
    for cid, name in [(1, "jan jansen"), (2, "janneke de vries"), (3, "piet jansen"),
                      (4, "piet de groot"), (5, "zoe bakker")]:  # fmt: skip
        m.add(cid, name, None, None)
    m.names.setdefault("zo", set()).add(5)  # an alias
    m.keys.append(("zo", 5, "zoe bakker"))
    m.keys.sort()
    assert m.by_name("Jan") == (1, [])  # a whole first name beats a mere prefix
    assert m.by_name("jann") == (2, [])
    assert m.by_name("Piet") == (None, [3, 4])  # two whole first names: ambiguous
    assert m.by_name("Zoë Bakker") == (5, [])
    assert m.by_name("zo") == (5, [])
    assert m.by_name("Klaas") == (None, [])


# --- mail headers -----------------------------------------------------------------------------


def _headers(*lines: str) -> mail.Headers:
    return mail._parse([(x + "\n").encode() for x in lines], b"")


@pytest.mark.parametrize(
    "extra, automated",
    [
        ([], False),
        (["List-Id: <x.example>"], True),
        (["Auto-Submitted: auto-replied"], True),
        (["Auto-Submitted: no"], False),
        (["Precedence: bulk"], True),
        (["Precedence: list"], True),
        (["X-Autoreply: yes"], True),
    ],
)
def test_mail_automated(extra, automated):
    found = _headers("From: Piet <piet@example.nl>", "To: eva@example.nl", *extra)
    assert found.automated is automated


@pytest.mark.parametrize(
    "sender", ["noreply@x.nl", "no-reply@x.nl", "do-not-reply@x.nl", "MAILER-DAEMON@x.nl",
               "postmaster@x.nl", "no-reply+abc@x.nl"],
)  # fmt: skip
def test_mail_no_reply_senders(sender):
    assert _headers(f"From: {sender}", "To: eva@example.nl").automated


def test_mail_folded_and_encoded_headers():
    found = _headers(
        "From: =?UTF-8?Q?Zo=C3=AB_de_Vries?= <Zoe@Vries.example>",
        "To: a@example.nl,",
        "\tb@example.nl",
        "Date: Tue, 12 Mar 2024 12:00:00 +0100",
        "Subject: =?UTF-8?B?VWl0bm9kaWdpbmc=?=",
    )
    assert found.sender == ("Zoë de Vries", "zoe@vries.example")
    assert [a for _n, a in found.recipients] == ["a@example.nl", "b@example.nl"]
    assert found.subject == "Uitnodiging"
    assert found.day == date(2024, 3, 12)


def test_mbox_bodies_are_never_kept(tmp_path):
    body = b"From here on a body line.\n" + b"y" * (mail.MAX_LINE * 3) + b"\n"
    path = tmp_path / "box.mbox"
    path.write_bytes(
        b"From a Tue Mar 12 12:00:00 2024\nFrom: piet@example.nl\nTo: eva@example.nl\n\n"
        + body
        + b"\nFrom b Wed Mar 13 12:00:00 2024\nFrom: eva@example.nl\nTo: piet@example.nl\n\n"
        + b"hoi\n"
    )
    found = list(mail.read_mailbox(path))
    assert [(h.sender[1], h.day) for h in found] == [
        ("piet@example.nl", date(2024, 3, 12)),  # from the envelope line: no Date header
        ("eva@example.nl", date(2024, 3, 13)),
    ]


def test_mail_one_encounter_per_address_per_day():
    messages = [
        _headers("From: eva@example.nl", "To: piet@example.nl", "Date: Tue, 12 Mar 2024 12:00:00"),
        _headers(
            "From: Piet <piet@example.nl>", "To: eva@example.nl", "Date: Tue, 12 Mar 2024 13:00:00"
        ),  # fmt: skip
        _headers("From: tom@example.nl", "To: other@example.nl", "Date: Tue, 12 Mar 2024 13:00:00"),
    ]
    found = mail.encounters(iter(messages), {"eva@example.nl"})
    assert [(e.key, e.people[0].name) for e in found.encounters] == [
        ("mail:piet@example.nl:2024-03-12", "Piet")  # the name from the other message
    ]
    assert found.messages == 2


# --- calendar ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "freq", ["SECONDLY", "MINUTELY", "HOURLY", "DAILY;BYMINUTE=0,1,2", "DAILY;BYSECOND=1,2"]
)
def test_calendar_rapid_rules_are_left_out(tmp_path, freq):
    path = tmp_path / "x.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260101T000000Z\r\n"
        f"RRULE:FREQ={freq}\r\nSUMMARY:Spam\r\nATTENDEE:mailto:p@x.nl\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    found, _me = read_calendar(path, today=date(2026, 11, 22))
    assert found.encounters == [] and "repeating by the second" in found.problems[0]


def test_calendar_long_daily_series_is_capped(tmp_path):
    path = tmp_path / "x.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTART:19500101T120000Z\r\n"
        "RRULE:FREQ=DAILY;BYHOUR=8,12,18\r\nSUMMARY:Spam\r\nATTENDEE:mailto:p@x.nl\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n"
    )
    found, _me = read_calendar(path, today=date(2026, 11, 22))
    assert len(found.encounters) == 25_000 and "more than 25000 times" in found.problems[0]


def _box(path: Path, messages: int, body: bytes) -> None:
    with path.open("wb") as out:
        for i in range(messages):
            out.write(
                b"From x Tue Mar 12 12:00:00 2024\n"
                + f"Date: Tue, {1 + i % 28} Mar 2024 12:00:00 +0100\n".encode()
                + f"From: p{i % 50}@example.nl\nTo: eva@example.nl\n\n".encode()
                + body
                + b"\n\n"
            )


def test_mail_memory_does_not_grow_with_the_bodies(tmp_path):
    """Peak memory of reading a mailbox: the same whether the bodies are 10 bytes or 400 KB."""
    import tracemalloc

    peaks = []
    for size in (10, 400_000):
        path = tmp_path / f"box-{size}.mbox"
        _box(path, 200, b"x" * (size // 2) + b"\n" + b"y" * (size // 2))
        tracemalloc.start()
        found = mail.encounters(mail.read_mailbox(path), {"eva@example.nl"})
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        assert len(found.encounters) == 200 and found.messages == 200
    # what is held is a few line pieces of at most MAX_LINE, never a body
    assert peaks[1] < peaks[0] + 4 * mail.MAX_LINE, peaks
