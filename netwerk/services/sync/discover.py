"""Finding the address book and calendar from what the user typed.

A collection URL is used as it is. Otherwise (RFC 6764, RFC 6352 section 7.1, RFC 4791
section 6.2): PROPFIND the URL for `current-user-principal`, trying `/.well-known/carddav`
when the URL does not answer; PROPFIND the principal for `addressbook-home-set` and
`calendar-home-set`; list each home (Depth: 1). A collection named "netwerk" is chosen; when
there is none, one is created (MKCOL with the addressbook resourcetype, MKCALENDAR) if the
server allows it, else the first existing one is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from netwerk.i18n import _
from netwerk.services.sync.dav import NS, Dav, SyncError, same_origin

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

NAME = "netwerk"
_KINDS = "<d:resourcetype/><d:displayname/><k:supported-calendar-component-set/>"


@dataclass
class Found:
    addressbook: str
    calendar: str | None
    created: list[str]
    sync_report: bool  # the address book offers sync-collection (RFC 6578)
    calendar_sync_report: bool


def _is(prop: Element, kind: str) -> bool:
    return prop.find(f"d:resourcetype/{kind}", NS) is not None


def _href(prop: Element, name: str, base: str) -> str | None:
    href = prop.findtext(f"{name}/d:href", None, NS)
    if not href or not href.strip():
        return None
    found = urljoin(base, href.strip())
    if not same_origin(base, found):
        # never follow a server to another host with our credentials
        raise SyncError(
            _("The server points to another host ({url}); netwerk does not follow it.").format(
                url=found
            )
        )
    return found


def _first(dav: Dav, url: str, props: str) -> tuple[str, Element] | None:
    found = dav.propfind(url, props)
    return found[0] if found else None


def discover(dav: Dav, url: str) -> Found:
    """The collections to sync with, created when missing and allowed."""
    props = (
        "<d:resourcetype/><d:current-user-principal/><c:addressbook-home-set/>"
        "<k:calendar-home-set/>"
    )
    try:
        first = _first(dav, url, props)
    except SyncError as e:
        if e.status is None and "404" not in str(e):
            raise
        first = None
    if first is None or (
        not _is(first[1], "c:addressbook")
        and _href(first[1], "d:current-user-principal", url) is None
    ):
        well_known = urljoin(url, "/.well-known/carddav")
        first = _first(dav, well_known, props)
        if first is None:
            raise SyncError(_("{url} offers no CardDAV address book.").format(url=url))
    href, prop = first
    if _is(prop, "c:addressbook"):
        book, calendar, created = href, None, []
        principal = _href(prop, "d:current-user-principal", href)
        if principal:
            calendar, created = _calendar_of(dav, principal)
        return _found(dav, book, calendar, created)
    principal = _href(prop, "d:current-user-principal", href) or href
    homes = _first(dav, principal, "<c:addressbook-home-set/><k:calendar-home-set/>")
    if homes is None:
        raise SyncError(_("The server at {url} shows no address book home.").format(url=url))
    book_home = _href(homes[1], "c:addressbook-home-set", principal)
    if book_home is None:
        raise SyncError(_("The server at {url} shows no address book home.").format(url=url))
    created: list[str] = []
    book = _choose(dav, book_home, "c:addressbook", created)
    calendar, more = _calendar_of(dav, principal, homes[1])
    return _found(dav, book, calendar, created + more)


def _calendar_of(
    dav: Dav, principal: str, homes: Element | None = None
) -> tuple[str | None, list[str]]:
    if homes is None:
        found = _first(dav, principal, "<k:calendar-home-set/>")
        homes = found[1] if found else None
    home = _href(homes, "k:calendar-home-set", principal) if homes is not None else None
    if home is None:
        return None, []
    created: list[str] = []
    try:
        return _choose(dav, home, "k:calendar", created), created
    except SyncError:
        return None, []


def _choose(dav: Dav, home: str, kind: str, created: list[str]) -> str:
    members = [
        (href, prop)
        for href, prop in dav.propfind(home, _KINDS, "1")
        if _is(prop, kind) and href.rstrip("/") != home.rstrip("/") and same_origin(home, href)
    ]
    if kind == "k:calendar":  # only calendars that take events
        members = [(h, p) for h, p in members if _takes_events(p)]
    for href, prop in members:
        if (prop.findtext("d:displayname", "", NS) or "").strip().lower() == NAME:
            return href
    for href, _prop in members:
        if href.rstrip("/").rsplit("/", 1)[-1].lower() == NAME:
            return href
    target = urljoin(home if home.endswith("/") else home + "/", f"{NAME}/")
    if kind == "k:calendar":
        target = urljoin(home if home.endswith("/") else home + "/", f"{NAME}-calendar/")
    try:
        _create(dav, target, kind)
        created.append(target)
        return target
    except SyncError:
        if members:
            return members[0][0]
        raise


def _takes_events(prop: Element) -> bool:
    components = prop.find("k:supported-calendar-component-set", NS)
    if components is None or not len(components):
        return True
    return any(c.get("name") == "VEVENT" for c in components)


def _create(dav: Dav, url: str, kind: str) -> None:
    if kind == "c:addressbook":
        body = (
            '<d:mkcol xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:set><d:prop>'
            "<d:resourcetype><d:collection/><c:addressbook/></d:resourcetype>"
            f"<d:displayname>{NAME}</d:displayname></d:prop></d:set></d:mkcol>"
        )
        dav.request("MKCOL", url, body=body, ok=(201,))
    else:
        body = (
            '<k:mkcalendar xmlns:d="DAV:" xmlns:k="urn:ietf:params:xml:ns:caldav"><d:set>'
            f"<d:prop><d:displayname>{NAME}</d:displayname><k:supported-calendar-component-set>"
            '<k:comp name="VEVENT"/></k:supported-calendar-component-set></d:prop></d:set>'
            "</k:mkcalendar>"
        )
        dav.request("MKCALENDAR", url, body=body, ok=(201,))


def offers_sync(dav: Dav, url: str) -> bool:
    found = _first(dav, url, "<d:supported-report-set/>")
    if found is None:
        return False
    return found[1].find(".//d:sync-collection", NS) is not None


def _found(dav: Dav, book: str, calendar: str | None, created: list[str]) -> Found:
    return Found(
        book,
        calendar,
        created,
        offers_sync(dav, book),
        offers_sync(dav, calendar) if calendar else False,
    )
