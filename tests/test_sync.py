"""`netwerk sync` against a real Radicale server on 127.0.0.1 (tests/dav.py)."""

from __future__ import annotations

import json

import pytest

from tests.dav import PASSWORD, USER, Phone


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch):
    # no OS keyring in the tests: the password comes from the environment
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("NETWERK_DAV_PASSWORD", PASSWORD)


def setup(run, radicale, *args, db=None):
    extra = ["--db", str(db)] if db else []
    return run.json("sync", "setup", radicale.url, "--user", USER, *args, *extra)


def sync(run, db=None):
    extra = ["--db", str(db)] if db else []
    return run.json("sync", *extra)


def book(radicale) -> Phone:
    return Phone(radicale, f"/{USER}/netwerk/")


def test_setup_discovers_and_creates_the_collections(run, radicale):
    data = setup(run, radicale)
    assert data["addressbook"] == f"{radicale.url}{USER}/netwerk/"
    assert data["calendar"] == f"{radicale.url}{USER}/netwerk-calendar/"
    assert data["sync_collection"] is True
    assert PASSWORD not in json.dumps(data)
    status = run.json("sync", "status")
    assert status["pending"] == {"new": 0, "changed": 0, "deleted": 0, "touches": 0}
    assert status["last_sync"] is None


def test_contacts_go_to_the_server_and_back(run, radicale, people, tmp_path):
    people("Piet Jansen", email="piet@example.nl", circle="BNI", every="2w", met="2026-10-01")
    run.ok("edit", "Piet", "--expertise", "logistiek", "--phone", "06 1234 5678")
    setup(run, radicale)
    first = sync(run)
    assert first["counts"]["uploaded"] == 1
    cards = book(radicale).cards()
    (text,) = cards.values()
    assert "FN:Piet Jansen" in text and "CATEGORIES:BNI" in text
    assert "X-NETWERK-CADENCE:14" in text and "X-NETWERK-EXPERTISE:logistiek" in text
    # a second machine
    other = tmp_path / "other.db"
    setup(run, radicale, db=other)
    second = sync(run, db=other)
    assert second["counts"]["added_here"] == 1
    shown = run.json("show", "Piet", "--db", str(other))
    assert shown["emails"] == ["piet@example.nl"]
    assert shown["circles"] == ["BNI"]


def card(uid, name, *lines, version="3.0"):
    family, _, given = name.rpartition(" ")
    body = "\n".join(lines)
    return (
        f"BEGIN:VCARD\nVERSION:{version}\nUID:{uid}\nFN:{name}\nN:{given};{family};;;\n"
        f"{body}\nEND:VCARD\n"
    )


def edit_card(text, old, new):
    assert old in text, text
    return text.replace(old, new)


def no_ids(data):
    """JSON without the ids, which differ between machines."""
    if isinstance(data, dict):
        return {k: no_ids(v) for k, v in data.items() if k not in ("id", "ids")}
    if isinstance(data, list):
        return [no_ids(v) for v in data]
    return data


def names(run, db=None):
    extra = ["--db", str(db)] if db else []
    return sorted(c["name"] for c in run.json("list", *extra))


def test_a_card_added_on_the_phone_arrives_here(run, radicale):
    setup(run, radicale)
    sync(run)
    phone = book(radicale)
    phone.put("zoe.vcf", card("zoe-1", "Zoë de Vries", "EMAIL:zoe@example.nl", "CATEGORIES:Hockey"))
    phone.put(
        "kees.vcf",
        card("urn:uuid:kees", "Kees Smit", "TEL;TYPE=cell:tel:+31612345678", version="4.0"),
    )
    data = sync(run)
    assert data["counts"]["added_here"] == 2
    assert names(run) == ["Kees Smit", "Zoë de Vries"]
    assert run.json("show", "Zoë")["circles"] == ["Hockey"]
    assert run.json("show", "Kees")["phones"] == ["+31612345678"]
    # and nothing goes back up that did not change
    assert sync(run)["counts"] == {k: 0 for k in data["counts"]}


def test_both_sides_edit_different_fields_and_lists(run, radicale, people):
    people("Piet Jansen", email="piet@example.nl", phone="0611111111", circle="BNI")
    run.ok("edit", "Piet", "--email", "piet@werk.nl")
    setup(run, radicale)
    sync(run)
    phone = book(radicale)
    (name,) = phone.names()
    text, etag = phone.get(name)
    text = edit_card(text, "EMAIL;TYPE=INTERNET:piet@werk.nl\r\n", "")  # deleted on the phone
    text = (
        edit_card(text, "ORG:", "ORG:")
        if "ORG:" in text
        else text.replace("END:VCARD", "ORG:Bakkerij Jansen\r\nEND:VCARD")
    )
    text = text.replace("END:VCARD", "EMAIL:pj@privé.nl\r\nEND:VCARD")
    phone.put(name, text, etag=etag)
    run.ok("edit", "Piet", "--city", "Utrecht", "--phone", "0622222222", "--circle", "Hockey")
    data = sync(run)
    assert data["counts"]["updated_here"] == 1 and data["counts"]["uploaded"] == 1
    assert data["conflicts"] == []
    piet = run.json("show", "Piet")
    assert piet["company"] == "Bakkerij Jansen" and piet["city"] == "Utrecht"
    assert piet["emails"] == ["piet@example.nl", "pj@privé.nl"]
    assert piet["phones"] == ["0611111111", "0622222222"]
    assert piet["circles"] == ["BNI", "Hockey"]
    text, _ = phone.get(name)
    assert "piet@werk.nl" not in text and "0622222222" in text and "Utrecht" in text
    assert "CATEGORIES:BNI,Hockey" in text


def test_conflicting_single_value_keeps_ours_and_shows_theirs(run, radicale, people):
    people("Piet Jansen", company="Acme")
    setup(run, radicale)
    sync(run)
    phone = book(radicale)
    (name,) = phone.names()
    text, etag = phone.get(name)
    phone.put(name, edit_card(text, "ORG:Acme", "ORG:Bakkerij"), etag=etag)
    run.ok("edit", "Piet", "--company", "Jansen BV")
    data = sync(run)
    assert data["conflicts"] == [
        {
            "id": 1,
            "name": "Piet Jansen",
            "field": "company",
            "kept": "Jansen BV",
            "lost": "Bakkerij",
        }
    ]
    piet = run.json("show", "Piet")
    assert piet["company"] == "Jansen BV"
    assert "Bakkerij" in piet["note"]
    text, _ = phone.get(name)
    assert "ORG:Jansen BV" in text and "Bakkerij" in text  # the note travels too
    human = run.ok("sync")  # nothing new to report the second time
    assert "Bakkerij" not in human.stdout


def test_deleted_on_the_phone_is_archived_here_and_stays_off_the_phone(run, radicale, people):
    people("Piet Jansen", "Klaas Bakker")
    run.ok("log", "Piet", "--note", "koffie")
    setup(run, radicale)
    sync(run)
    phone = book(radicale)
    piet = next(n for n, t in phone.cards().items() if "Piet" in t)
    phone.delete(piet)
    run.ok("edit", "Piet", "--city", "Delft")  # delete versus edit: the edit stays here
    result = run.ok("sync")
    assert "Archived Piet Jansen" in result.stdout
    shown = run.json("show", "Piet")
    assert shown["archived"] is True and shown["city"] == "Delft"
    assert len(run.json("show", "Piet")["touches"] if "touches" in shown else [1]) >= 1
    assert sync(run)["counts"]["uploaded"] == 0
    assert len(phone.names()) == 1
    run.ok("unarchive", "Piet")
    assert sync(run)["counts"]["uploaded"] == 1
    assert len(phone.names()) == 2


def test_remove_and_forget_delete_on_the_server(run, radicale, people, db_file):
    people("Piet Jansen", "Klaas Bakker", "Zoë de Vries")
    setup(run, radicale)
    sync(run)
    phone = book(radicale)
    cards = phone.cards()
    zoe_name, zoe_card = next((n, t) for n, t in cards.items() if "Zo" in t)
    run.ok("remove", "Piet", "--yes")
    run.ok("forget", "Zoë", "--yes")
    data = sync(run)
    assert data["counts"]["deleted_on_server"] == 2
    assert [t for t in phone.cards().values()] and all("Klaas" in t for t in phone.cards().values())
    # another device still had Zoë and puts her back: she does not come back here
    phone.put(zoe_name, zoe_card)
    data = sync(run)
    assert data["counts"]["added_here"] == 0 and data["counts"]["deleted_on_server"] == 1
    assert names(run) == ["Klaas Bakker"]
    assert zoe_name not in phone.names()
    assert b"Zo" not in db_file.read_bytes().replace(b"Zoom", b"")


def test_first_sync_matches_instead_of_doubling(run, radicale, people):
    people("Piet Jansen", email="piet@example.nl")
    people("Kees Smit", phone="+31 6 1234 5678")
    people("Zoë de Vries")
    setup(run, radicale)
    phone = book(radicale)
    phone.put("a.vcf", card("phone-a", "P. Jansen", "EMAIL:PIET@example.nl", "TITLE:bakker"))
    phone.put("b.vcf", card("phone-b", "Kees Smit", "TEL:+31612345678"))
    phone.put("c.vcf", card("phone-c", "zoe de vries", "NOTE:hockey"))
    data = sync(run)
    assert data["counts"]["added_here"] == 0
    assert names(run) == ["Kees Smit", "Piet Jansen", "Zoë de Vries"]
    assert len(phone.names()) == 3
    assert run.json("show", "Piet")["role"] == "bakker"
    assert run.json("show", "Zoë")["note"] == "hockey"


def test_the_circle_filter_limits_what_goes_to_the_phone(run, radicale, people):
    people("Piet Jansen", circle="BNI")
    people("Klaas Bakker", circle="LinkedIn")
    setup(run, radicale, "--circle", "bni")
    assert sync(run)["counts"]["uploaded"] == 1
    (text,) = book(radicale).cards().values()
    assert "Piet Jansen" in text
    assert run.json("sync", "status")["pending"]["new"] == 0


def test_a_no_change_sync_makes_two_requests_whatever_the_size(run, radicale, people, db_file):
    import sqlite3

    people("A One")
    setup(run, radicale)
    sync(run)
    # one request for the address book, one for the calendar
    assert sync(run)["requests"] == 2
    for i in range(30):
        people(f"Person {i:02d}")
    assert sync(run)["counts"]["uploaded"] == 30
    assert sync(run)["requests"] == 2
    # a server without sync-collection: one listing of ETags
    with sqlite3.connect(db_file) as conn:
        conn.execute("UPDATE sync_account SET book_sync_report = 0, calendar_sync_report = 0")
    data = sync(run)
    assert data["requests"] == 2 and data["counts"]["uploaded"] == 0


def test_a_token_the_server_expired_costs_one_full_listing(run, radicale, people):
    # Radicale forgets sync tokens after 30 days (max_sync_token_age): the sync that follows
    # is refused its token once per collection, lists everything, and changes nothing
    people("A One", "B Two")
    run.ok("log", "A One")
    setup(run, radicale)
    sync(run)
    tokens = list((radicale.folder / "storage").rglob(".Radicale.cache/sync-token/*"))
    assert tokens
    for token in tokens:
        token.unlink()
    data = sync(run)
    assert data["requests"] == 4  # refused + full listing, for the book and the calendar
    assert data["counts"] == {k: 0 for k in data["counts"]}
    assert data["calendar"]["touches_uploaded"] == data["calendar"]["reminders_written"] == 0
    assert sync(run)["requests"] == 2
    assert len(book(radicale).names()) == 2


def test_a_card_changed_meanwhile_is_fetched_merged_and_written(run, radicale, people, db_file):
    import sqlite3

    people("Piet Jansen", company="Acme")
    setup(run, radicale)
    sync(run)
    phone = book(radicale)
    (name,) = phone.names()
    text, etag = phone.get(name)
    phone.put(name, text.replace("END:VCARD", "TITLE:bakker\r\nEND:VCARD"), etag=etag)
    with sqlite3.connect(db_file) as conn:  # as if that change had not been listed yet
        (token,) = conn.execute("SELECT book_token FROM sync_account").fetchone()
    status, _, body = radicale.request(
        "REPORT",
        f"/{USER}/netwerk/",
        '<sync-collection xmlns="DAV:"><sync-token/><sync-level>1</sync-level><prop/>'
        "</sync-collection>",
        {"Depth": "1"},
    )
    newest = body.decode().split("<sync-token>")[1].split("</sync-token>")[0]
    with sqlite3.connect(db_file) as conn:
        conn.execute("UPDATE sync_account SET book_token = ?", (newest,))
    run.ok("edit", "Piet", "--city", "Delft")
    data = sync(run)
    assert data["counts"]["uploaded"] == 1
    piet = run.json("show", "Piet")
    assert piet["role"] == "bakker" and piet["city"] == "Delft"
    text, _ = phone.get(name)
    assert "TITLE:bakker" in text and "Delft" in text
    assert token != newest


def test_two_machines_agree_on_show_and_due(run, radicale, people, tmp_path):
    people("Klaas Bakker", met="2026-09-01")
    people(
        "Piet Jansen",
        circle="BNI",
        every="2w",
        met="2026-10-01",
        via="Klaas Bakker",
        met_at="BNI Utrecht",
        expertise="logistiek",
        birthday="27 april",
    )
    run.ok("log", "Piet", "--when", "2026-11-01")
    run.ok("snooze", "Klaas", "2026-12-01")
    people("Anna de Wit", circle="BNI", met="2026-10-20")  # due by the circle's cadence
    run.ok("circle", "set", "BNI", "--every", "3w")
    setup(run, radicale)
    sync(run)
    other = tmp_path / "laptop.db"
    setup(run, radicale, db=other)
    sync(run, db=other)
    sync(run, db=other)
    for who in ("Piet", "Klaas"):
        assert no_ids(run.json("show", who)) == no_ids(run.json("show", who, "--db", str(other)))
    assert no_ids(run.json("due")) == no_ids(run.json("due", "--db", str(other)))
    # and they agree: neither rewrites what the other wrote
    again = sync(run)
    assert again["requests"] == 2 and again["calendar"]["reminders_written"] == 0


@pytest.mark.parametrize("width", ["60", "80", "120"])
def test_what_sync_prints_fits_the_terminal(run, radicale, people, monkeypatch, width):
    monkeypatch.setenv("COLUMNS", width)
    people("Piet Jansen", met="2026-11-01")
    run.ok("sync", "setup", radicale.url, "--user", USER)
    first = run.ok("sync").stdout.splitlines()
    assert first == [
        "1 card sent to the server.",
        "1 touch sent to the calendar.",
        "1 reminder written.",
    ]
    assert run.ok("sync").stdout.splitlines() == ["Up to date: nothing changed on either side."]
    status = run.ok("sync", "status").stdout.splitlines()
    assert status[-2:] == [
        "Last sync: " + run.json("sync", "status")["last_sync"],
        "On the server: 1. Waiting: 0 new, 0 changed, 0 to delete.",
    ]
    assert all(len(line) <= int(width) for line in first + status if "http" not in line)


def test_open_offers_travel_and_one_given_elsewhere_closes_here(run, radicale, people, tmp_path):
    people("Piet Jansen")
    run.ok("offer", "Piet", "het BNI-boek")
    run.ok("offer", "Piet", "intro bij Acme")
    setup(run, radicale)
    sync(run)
    (text,) = book(radicale).cards().values()
    assert "X-NETWERK-OFFER:het BNI-boek" in text
    laptop = ["--db", str(tmp_path / "laptop.db")]
    setup(run, radicale, db=tmp_path / "laptop.db")
    sync(run, db=tmp_path / "laptop.db")
    there = run.json("show", "Piet", *laptop)["offers"]
    assert [o["what"] for o in there] == ["het BNI-boek", "intro bij Acme"]
    # given on the laptop: closed here too, and the give arrives with its touch
    book_offer = next(o["id"] for o in there if o["what"] == "het BNI-boek")
    run.ok("give", "Piet", "--offer", str(book_offer), *laptop)
    sync(run, db=tmp_path / "laptop.db")
    sync(run)
    piet = run.json("show", "Piet")
    assert [o["what"] for o in piet["offers"]] == ["intro bij Acme"]
    assert [[g["what"] for g in t["gave"]] for t in piet["touches"]] == [["het BNI-boek"], []]
    # a new offer here reaches the laptop; nothing else changes on either side
    run.ok("offer", "Piet", "koffie bij de Bakkerij")
    assert sync(run)["counts"]["uploaded"] == 1
    data = sync(run, db=tmp_path / "laptop.db")
    assert data["counts"]["updated_here"] == 1 and data["counts"]["uploaded"] == 0
    assert [o["what"] for o in run.json("show", "Piet", *laptop)["offers"]] == [
        "intro bij Acme",
        "koffie bij de Bakkerij",
    ]
    assert sync(run)["requests"] == 2
