"""A small, careful WebDAV client for CardDAV (RFC 6352) and CalDAV (RFC 4791) collections.

Everything that reaches the network goes through `Dav`:
- TLS is verified (httpx's default, never turned off); plain http is refused by the caller
  (`check_url`) except for localhost.
- Redirects are followed only within the same scheme, host and port (a `.well-known` hop to
  the server's own DAV root); a redirect to another host is an error, so a server can never
  send our credentials elsewhere.
- Every response is read in chunks up to MAX_RESPONSE_BYTES: a server that sends more is cut
  off with one clear error, so memory stays bounded.
- XML is parsed with defusedxml, which refuses DTDs, entity declarations (billion laughs) and
  external entities.
- `requests` counts what was sent, so a test can hold a no-change sync to a constant number.
- `pause` wraps every request: `sync` sets it to `Store.released`, so the database is free
  for other commands while we wait on the server (see `netwerk.services.sync.contacts`).

Messages never contain the password: httpx errors are reduced to their class and the URL
(which holds no credentials: `check_url` refuses user:password@ in a URL).

httpx and defusedxml are imported inside the functions (start-up cost; only sync needs them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from netwerk.errors import NetwerkError
from netwerk.i18n import _

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element


DAV = "DAV:"
CARDDAV = "urn:ietf:params:xml:ns:carddav"
CALDAV = "urn:ietf:params:xml:ns:caldav"
NS = {"d": DAV, "c": CARDDAV, "k": CALDAV}

# An address book of 1,000 cards is about 1 MB; one response bigger than this is a broken or
# hostile server. Multiget requests are cut into pages so honest responses stay far below it.
MAX_RESPONSE_BYTES = 32 * 1024 * 1024
MAX_REDIRECTS = 5
TIMEOUT_SECONDS = 30.0
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})


class SyncError(NetwerkError):
    """The server cannot be used as it answered (or did not answer)."""

    status: int | None = None


class AuthError(SyncError):
    """The server refused the user name or password."""


class PreconditionFailed(SyncError):
    """412: the resource changed on the server since we last saw it (or exists already)."""


class Gone(SyncError):
    """404 on a resource we expected."""


class TokenInvalid(SyncError):
    """The server no longer knows our sync token: fall back to a full listing."""


def check_url(url: str, *, allow_http: bool) -> str:
    """The URL, normalised; refused when it holds credentials or is plain http elsewhere than
    this machine (without --allow-http)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError(_("{url} is not an http(s) URL.").format(url=url))
    if parts.username or parts.password:
        raise SyncError(
            _(
                "Put the user name in --user, not in the URL; the password comes from the "
                "keyring, NETWERK_DAV_PASSWORD or --password-command."
            )
        )
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS and not allow_http:
        raise SyncError(
            _(
                "{url} is plain http: the password and your contacts would travel unencrypted. "
                "Use https, or --allow-http if you really mean it."
            ).format(url=url)
        )
    path = parts.path or "/"
    return f"{parts.scheme}://{parts.netloc}{path}" + (f"?{parts.query}" if parts.query else "")


def same_origin(a: str, b: str) -> bool:
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.scheme, pa.hostname, pa.port) == (pb.scheme, pb.hostname, pb.port)


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    url: str

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")


@dataclass
class Resource:
    """One member of a collection as a PROPFIND or REPORT lists it."""

    href: str
    etag: str | None
    data: str | None = None  # address-data / calendar-data when asked for
    missing: bool = False  # 404 in a sync-collection report: removed on the server


class Dav:
    """One sync's HTTP session: basic auth, bounded responses, counted requests."""

    def __init__(self, user: str | None, password: str | None) -> None:
        import httpx

        auth = httpx.BasicAuth(user, password or "") if user else None
        self._client = httpx.Client(
            auth=auth,
            follow_redirects=False,
            timeout=TIMEOUT_SECONDS,
            headers={"User-Agent": "netwerk"},
        )
        self.requests = 0
        self.pause: Callable[[], AbstractContextManager[Any]] = nullcontext

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Dav:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ raw requests

    def request(
        self,
        method: str,
        url: str,
        *,
        body: str | None = None,
        headers: dict[str, str] | None = None,
        ok: tuple[int, ...] = (200, 201, 204, 207),
    ) -> Response:
        """Send one request (following same-origin redirects); raise SyncError unless the
        status is in `ok`."""
        with self.pause():
            response, url = self._follow(method, url, body, headers or {})
        if response.status == 401:
            raise AuthError(
                _("The server {host} refused the user name or password (401).").format(
                    host=_origin(url)
                )
            )
        if response.status == 412:
            raise PreconditionFailed(_("The server says {url} changed meanwhile.").format(url=url))
        if response.status not in ok:
            if response.status == 404:
                raise Gone(_("{url} does not exist on the server (404).").format(url=url))
            error = SyncError(
                _("The server answered {status} to {method} {url}.").format(
                    status=response.status, method=method, url=url
                )
            )
            error.status = response.status
            raise error
        return response

    def _follow(
        self, method: str, url: str, body: str | None, headers: dict[str, str]
    ) -> tuple[Response, str]:
        """The response to `method url`, after same-origin redirects, and its URL."""
        import httpx

        content = body.encode("utf-8") if body is not None else None
        for _hop in range(MAX_REDIRECTS + 1):
            self.requests += 1
            try:
                response = self._send(method, url, content, headers)
            except httpx.HTTPError as e:
                raise SyncError(_describe_transport(e, url)) from None
            if response.status in (301, 302, 303, 307, 308) and "location" in response.headers:
                target = urljoin(url, response.headers["location"])
                if not same_origin(url, target):
                    raise SyncError(
                        _(
                            "The server at {url} redirected to another host ({target}); "
                            "netwerk does not follow it. Give that address directly if you "
                            "trust it."
                        ).format(url=url, target=_origin(target))
                    )
                url = target
                continue
            return response, url
        raise SyncError(_("Too many redirects from {url}.").format(url=url))

    def _send(self, method: str, url: str, content: bytes | None, headers: dict) -> Response:
        if content is not None and "Content-Type" not in headers:
            headers = {**headers, "Content-Type": "application/xml; charset=utf-8"}
        with self._client.stream(method, url, content=content, headers=headers) as r:
            chunks: list[bytes] = []
            size = 0
            declared = r.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > MAX_RESPONSE_BYTES:
                raise SyncError(_too_big(url))
            for chunk in r.iter_bytes():
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    raise SyncError(_too_big(url))
                chunks.append(chunk)
            return Response(
                r.status_code, {k.lower(): v for k, v in r.headers.items()}, b"".join(chunks), url
            )

    # ------------------------------------------------------------------ WebDAV verbs

    def propfind(self, url: str, props: str, depth: str = "0") -> list[tuple[str, Element]]:
        """(href, prop element) of each response whose propstat is 200."""
        body = f'<d:propfind xmlns:d="DAV:" {_XMLNS}><d:prop>{props}</d:prop></d:propfind>'
        response = self.request("PROPFIND", url, body=body, headers={"Depth": depth})
        return self._props(response)

    def _props(self, response: Response) -> list[tuple[str, Element]]:
        found = []
        for item in parse_xml(response.body, response.url).iterfind("d:response", NS):
            href = item.findtext("d:href", "", NS).strip()
            for propstat in item.iterfind("d:propstat", NS):
                status = propstat.findtext("d:status", "", NS)
                prop = propstat.find("d:prop", NS)
                if prop is not None and " 200" in status:
                    found.append((urljoin(response.url, href), prop))
        return found

    def report(self, url: str, body: str, depth: str = "1") -> list[Resource]:
        """A REPORT (multiget or sync-collection): the resources it lists."""
        response = self.request("REPORT", url, body=body, headers={"Depth": depth})
        return self._resources(response)

    def _resources(self, response: Response) -> list[Resource]:
        root = parse_xml(response.body, response.url)
        self.last_token = root.findtext("d:sync-token", None, NS)
        resources = []
        for item in root.iterfind("d:response", NS):
            href = urljoin(response.url, item.findtext("d:href", "", NS).strip())
            status = item.findtext("d:status", "", NS)
            if " 404" in status:
                resources.append(Resource(href, None, missing=True))
                continue
            etag = data = None
            for propstat in item.iterfind("d:propstat", NS):
                if " 200" not in propstat.findtext("d:status", "", NS):
                    continue
                etag = propstat.findtext("d:prop/d:getetag", etag, NS)
                data = (
                    propstat.findtext("d:prop/c:address-data", None, NS)
                    or propstat.findtext("d:prop/k:calendar-data", None, NS)
                    or data
                )
            resources.append(Resource(href, etag, data))
        return resources

    def list_etags(self, url: str) -> list[Resource]:
        """Every member of the collection with its ETag (PROPFIND Depth: 1)."""
        return [
            Resource(href, prop.findtext("d:getetag", None, NS))
            for href, prop in self.propfind(url, "<d:getetag/><d:resourcetype/>", "1")
            if prop.find("d:resourcetype/d:collection", NS) is None and href.rstrip("/") != url
        ]

    def sync_collection(self, url: str, token: str | None) -> tuple[list[Resource], str | None]:
        """RFC 6578: what changed since `token` (everything when None), and the new token."""
        body = (
            f'<d:sync-collection xmlns:d="DAV:"><d:sync-token>{_text(token or "")}'
            "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop>"
            "</d:sync-collection>"
        )
        try:
            response = self.request("REPORT", url, body=body, headers={"Depth": "1"})
        except SyncError as e:
            invalid = isinstance(e, PreconditionFailed | Gone) or e.status in (403, 409)
            if token and invalid:
                raise TokenInvalid(str(e)) from None
            raise
        resources = self._resources(response)
        return [r for r in resources if r.href.rstrip("/") != url.rstrip("/")], self.last_token

    def multiget(self, url: str, hrefs: list[str], *, calendar: bool) -> Iterator[list[Resource]]:
        """The data of the given members, one page of MULTIGET_PAGE hrefs per request (the
        caller settles each page before the next is asked for: a batch)."""
        kind, data = (
            ("k:calendar-multiget", "k:calendar-data")
            if calendar
            else ("c:addressbook-multiget", "c:address-data")
        )
        for start in range(0, len(hrefs), MULTIGET_PAGE):
            page = hrefs[start : start + MULTIGET_PAGE]
            refs = "".join(f"<d:href>{_text(urlsplit(h).path)}</d:href>" for h in page)
            body = (
                f'<{kind} xmlns:d="DAV:" {_XMLNS}><d:prop><d:getetag/><{data}/></d:prop>'
                f"{refs}</{kind}>"
            )
            yield [r for r in self.report(url, body) if not r.missing]

    def get(self, url: str) -> Response:
        return self.request("GET", url, ok=(200,))

    def put(self, url: str, text: str, *, etag: str | None, calendar: bool) -> str | None:
        """Create (etag None: If-None-Match: *) or replace (If-Match) one resource; its new
        ETag when the server says it."""
        headers = {
            "Content-Type": "text/calendar; charset=utf-8"
            if calendar
            else "text/vcard; charset=utf-8"
        }
        headers["If-Match" if etag else "If-None-Match"] = etag or "*"
        return self.request("PUT", url, body=text, headers=headers, ok=(200, 201, 204)).etag

    def delete(self, url: str, *, etag: str | None) -> None:
        """Delete one resource (If-Match when we know its ETag); gone already is fine."""
        try:
            self.request("DELETE", url, headers={"If-Match": etag} if etag else {}, ok=(200, 204))
        except Gone:
            return


MULTIGET_PAGE = 200
_XMLNS = f'xmlns:c="{CARDDAV}" xmlns:k="{CALDAV}"'


def parse_xml(body: bytes, url: str) -> Element:
    """Parse a server's XML safely (no DTD, no entities); one clear error otherwise."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(body, forbid_dtd=True)
    except DefusedXmlException:
        raise SyncError(
            _("The server at {url} sent XML with entity or DTD declarations; refused.").format(
                url=_origin(url)
            )
        ) from None
    except ParseError:
        raise SyncError(
            _("The server at {url} sent malformed XML.").format(url=_origin(url))
        ) from None


def _text(value: str) -> str:
    from xml.sax.saxutils import escape

    return escape(value)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _too_big(url: str) -> str:
    return _("The server at {url} sent more than {mb} MB in one answer; stopped.").format(
        url=_origin(url), mb=MAX_RESPONSE_BYTES // (1024 * 1024)
    )


def _describe_transport(error: Any, url: str) -> str:
    import httpx

    if isinstance(error, httpx.ConnectError):
        if "CERTIFICATE" in str(error).upper():
            return _("The TLS certificate of {url} could not be verified.").format(url=_origin(url))
        return _("Cannot reach the server at {url}.").format(url=_origin(url))
    if isinstance(error, httpx.TimeoutException):
        return _("The server at {url} did not answer in time.").format(url=_origin(url))
    return _("The connection to {url} failed ({kind}).").format(
        url=_origin(url), kind=type(error).__name__
    )
