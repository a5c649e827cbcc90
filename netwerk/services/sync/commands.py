"""What the `netwerk sync` commands do: set up, show the status, run a sync.

Each function takes the command's `Store` and returns the data the output layer prints
(`--json` prints it as is).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from netwerk.errors import NetwerkError
from netwerk.i18n import _
from netwerk.services.sync import secret
from netwerk.services.sync.dav import Dav, check_url, same_origin
from netwerk.services.sync.state import (
    Account,
    circle_members,
    contact_states,
    load_account,
    load_cards,
)
from netwerk.store.store import Store


def _password(account_user: str | None, url: str, command: str | None) -> str | None:
    return secret.password(account_user, url, command)


def setup(
    store: Store,
    url: str,
    *,
    user: str | None,
    circles: list[str],
    password_command: str | None,
    allow_http: bool,
    birthday_alarm: bool = False,
    ask_password: Callable[[], str | None] | None = None,
) -> dict[str, Any]:
    """Find the collections at `url` and store the account (never the password)."""
    from netwerk.rules.text import clean_name
    from netwerk.services.sync.discover import discover

    url = check_url(url, allow_http=allow_http)
    circles = [clean_name(c, "circle name") for c in circles]
    # the password may be typed, or come from a command; discovery waits on the server: the
    # database is free for other commands meanwhile
    with store.released():
        source = None
        password = None
        saved = False
        if user:
            password = secret.from_keyring(user, url)
            source = "keyring" if password else None
            if password is None and os.environ.get(secret.ENV_PASSWORD):
                password, source = os.environ[secret.ENV_PASSWORD], "environment"
            if password is None and password_command:
                password, source = secret.from_command(password_command), "command"
            if password is None and ask_password is not None:
                password = ask_password()
                if password:
                    source = "keyring"
                    saved = True
            if password is None:
                secret.password(user, url, None)  # raises the "no password" error
        with Dav(user, password) as dav:
            found = discover(dav, url)
        if saved and not secret.save_in_keyring(user or "", url, password or ""):
            raise NetwerkError(
                _(
                    "There is no usable keyring on this machine to keep the password; set "
                    "NETWERK_DAV_PASSWORD or give --password-command instead."
                )
            )
    for found_url in (found.addressbook, found.calendar):
        if found_url and not same_origin(url, found_url):
            raise NetwerkError(
                _("The server points to another host ({url}); netwerk does not follow it.").format(
                    url=found_url
                )
            )
    previous = load_account(store)
    if previous is not None and previous.addressbook_url != found.addressbook:
        # another address book: the cards we knew are not in it
        store.execute("DELETE FROM sync_card WHERE forgotten = 0")
    account = Account(
        url=url,
        user=user,
        addressbook_url=found.addressbook,
        calendar_url=found.calendar,
        password_command=password_command,
        circles=circles,
        allow_http=allow_http,
        book_sync_report=found.sync_report,
        calendar_sync_report=found.calendar_sync_report,
        book_token=None,
        calendar_token=None,
        birthday_alarm=birthday_alarm,
        set_up_at=datetime.now(UTC).isoformat(timespec="seconds"),
        last_sync_at=previous.last_sync_at if previous else None,
    )
    from netwerk.services.sync.state import save_account

    save_account(store, account)
    return {
        "url": url,
        "user": user,
        "addressbook": found.addressbook,
        "calendar": found.calendar,
        "created": found.created,
        "sync_collection": found.sync_report,
        "circles": circles,
        "password_from": source,
    }


def _account(store: Store) -> Account:
    account = load_account(store)
    if account is None:
        raise NetwerkError(_("Sync is not set up; run `netwerk sync setup URL` first."))
    return account


def status(store: Store) -> dict[str, Any]:
    """The account and what the next sync would send (computed here, no network)."""
    account = _account(store)
    cards = load_cards(store)
    linked = {c.contact_id: c for c in cards if c.contact_id is not None}
    scope = circle_members(store, account.circles) if account.circles else None
    states = contact_states(store)
    new = changed = 0
    for cid, state in states.items():
        card = linked.get(cid)
        if card is None or card.gone:
            if (scope is None or cid in scope) and not (card and state["archived"]):
                new += 1
        elif state != card.base:
            changed += 1
    deletions = sum(1 for c in cards if c.contact_id is None and c.href and not c.gone)
    return {
        "url": account.url,
        "user": account.user,
        "addressbook": account.addressbook_url,
        "calendar": account.calendar_url,
        "circles": account.circles,
        "sync_collection": account.book_sync_report,
        "last_sync": account.last_sync_at,
        "on_server": sum(1 for c in cards if c.href),
        "pending": {
            "new": new,
            "changed": changed,
            "deleted": deletions,
            "touches": _touches_waiting(store) if account.calendar_url else 0,
        },
    }


def _touches_waiting(store: Store) -> int:
    """Touches that travel and are not on the calendar as they are here."""
    import json

    from netwerk.services.sync.calendar import touch_states

    bases = {
        touch_id: json.loads(base) if base else None
        for touch_id, base in store.rows(
            "SELECT touch_id, base FROM sync_event WHERE kind = 'touch' AND touch_id IS NOT NULL"
        )
    }
    return sum(1 for tid, state in touch_states(store).items() if bases.get(tid) != state)


def sync(store: Store, *, today: date) -> dict[str, Any]:
    """One sync both ways (see `netwerk.services.sync.contacts`)."""
    from netwerk.services.sync.contacts import run

    account = _account(store)
    with store.released():  # a password command may wait for the user
        password = _password(account.user, account.url, account.password_command)
    with Dav(account.user, password) as dav:
        dav.pause = store.released  # each request lets other commands write: batches
        return run(store, account, dav, today=today)
