"""A real Radicale CardDAV/CalDAV server for the sync tests, on 127.0.0.1 and a free port.

`start_radicale(folder)` runs Radicale (installed by the `test` extra) as a child process with
its storage in `folder`, one htpasswd user with a password, and waits until it answers; the
`radicale` fixture in conftest starts one per test and stops it afterwards. `gated_hook` makes
a storage hook that holds one upload's answer back until the test says go. `Phone` changes the
server the way a phone's address book does: plain HTTP PUT and DELETE of vCards and events.
Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import http.client
import shlex
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

USER = "ann"
PASSWORD = "s3cret-Pa55word!"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Radicale:
    """A running server: `url` is its root, `stop()` ends it (idempotent)."""

    folder: Path
    port: int
    process: subprocess.Popen[bytes] | None = None
    options: tuple[str, ...] = ()  # more Radicale command-line options
    user: str = USER
    password: str = PASSWORD
    log: Path = field(init=False)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> Radicale:
        users = self.folder / "users"
        users.write_text(f"{self.user}:{self.password}\n")
        self.log = self.folder / "radicale.log"
        command = [
            sys.executable, "-m", "radicale", "--config", "",
            "--server-hosts", f"127.0.0.1:{self.port}",
            "--storage-filesystem-folder", str(self.folder / "storage"),
            "--auth-type", "htpasswd",
            "--auth-htpasswd-filename", str(users),
            "--auth-htpasswd-encryption", "plain",
            "--auth-delay", "0",
            "--logging-level", "warning",
            # Radicale drops a sync token whose file is older than this, comparing the file's
            # mtime with time.time(). Under `faketime '+3 years'` (a check the suite must pass)
            # time.time() is faked but the kernel's mtimes are not, so every token would be
            # "3 years old" the moment it is written, and each sync would fall back to a full
            # listing. A server's token expiry is its own policy, not what the tests are about:
            # keep tokens for a century.
            "--storage-max-sync-token-age", str(100 * 365 * 24 * 3600),
            *self.options,
        ]  # fmt: skip
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=log)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Radicale exited: {self.log.read_text()[-2000:]}")
            try:
                self.request("OPTIONS", "/")
                return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("Radicale did not answer within 20 s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def request(
        self, method: str, path: str, body: str | bytes | None = None, headers: dict | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        """One authenticated HTTP request to the server (what a phone sends)."""
        import base64

        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(
                method,
                path,
                body=body.encode() if isinstance(body, str) else body,
                headers={"Authorization": f"Basic {token}", **(headers or {})},
            )
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()


def start_radicale(folder: Path, *options: str) -> Radicale:
    """Radicale with its storage in `folder`; `options` are more command-line options (such as
    `--storage-hook CMD`)."""
    folder.mkdir(parents=True, exist_ok=True)
    return Radicale(folder, free_port(), options=options).start()


class Phone:
    """The other client of the address book: PUT, GET and DELETE of single resources."""

    def __init__(self, server: Radicale, collection: str) -> None:
        self.server = server
        self.collection = collection if collection.endswith("/") else collection + "/"

    def put(self, name: str, text: str, *, etag: str | None = None) -> str:
        headers = {"Content-Type": "text/vcard; charset=utf-8"}
        if name.endswith(".ics"):
            headers["Content-Type"] = "text/calendar; charset=utf-8"
        if etag:
            headers["If-Match"] = etag
        status, response, body = self.server.request(
            "PUT", self.collection + name, text.replace("\n", "\r\n"), headers
        )
        assert status in (201, 204), (status, body)
        return response.get("ETag", "")

    def get(self, name: str) -> tuple[str, str]:
        status, headers, body = self.server.request("GET", self.collection + name)
        assert status == 200, (status, body)
        return body.decode(), headers.get("ETag", "")

    def delete(self, name: str) -> None:
        status, _, body = self.server.request("DELETE", self.collection + name)
        assert status in (200, 204), (status, body)

    def names(self) -> list[str]:
        """The resource names in the collection (PROPFIND Depth: 1)."""
        import xml.etree.ElementTree as ET

        status, _, body = self.server.request(
            "PROPFIND",
            self.collection,
            '<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>',
            {"Depth": "1", "Content-Type": "application/xml"},
        )
        assert status == 207, (status, body)
        hrefs = [e.text or "" for e in ET.fromstring(body).iter("{DAV:}href")]
        return sorted(h.rsplit("/", 1)[-1] for h in hrefs if not h.endswith("/"))

    def cards(self) -> dict[str, str]:
        return {name: self.get(name)[0] for name in self.names()}


def gated_hook(gate: Path) -> str:
    """A Radicale `[storage] hook` (it runs inside the request, after the write): once the file
    `gate/armed` exists, the next PUT removes it, creates `gate/paused` and waits (up to 30 s)
    for `gate/go` before Radicale answers. A test sees the client waiting on the server."""
    armed, paused, go = (shlex.quote(str(gate / n)) for n in ("armed", "paused", "go"))
    return (
        f"if [ -e {armed} ] && [ %(request)s = PUT ]; then rm -f {armed}; touch {paused}; "
        f"i=0; while [ ! -e {go} ] && [ $i -lt 1500 ]; do sleep 0.02; i=$((i+1)); done; fi"
    )
