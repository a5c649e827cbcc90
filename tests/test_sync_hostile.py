"""Sync when things go wrong: wrong password, a server that stops half-way, hostile servers,
and the password never showing up anywhere. Only 127.0.0.1 is contacted."""

from __future__ import annotations

import http.client
import http.server
import sqlite3
import threading
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import pytest

from tests.dav import PASSWORD, USER, Phone, start_radicale


@pytest.fixture(autouse=True)
def no_keyring(monkeypatch):
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("NETWERK_DAV_PASSWORD", PASSWORD)


@contextmanager
def serve(handle: Callable[[http.server.BaseHTTPRequestHandler], None]) -> Iterator[str]:
    """A tiny HTTP server of our own on 127.0.0.1; `handle` answers every request."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):  # type: ignore[no-untyped-def]
            pass

        def handle_one_request(self):  # type: ignore[no-untyped-def]
            self.raw_requestline = self.rfile.readline(65537)
            if not self.raw_requestline or not self.parse_request():
                self.close_connection = True
                return
            length = int(self.headers.get("Content-Length") or 0)
            self.body = self.rfile.read(length)
            with suppress(BrokenPipeError, ConnectionResetError):
                handle(self)
            self.close_connection = True

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def answer(status: int, body: bytes, headers: dict[str, str] | None = None):
    def handle(h):  # type: ignore[no-untyped-def]
        h.send_response(status)
        for key, value in (headers or {}).items():
            h.send_header(key, value)
        if "Content-Length" not in (headers or {}):
            h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    return handle


def endless(h):  # type: ignore[no-untyped-def]
    """A multistatus that never ends (no Content-Length, 64 MB before giving up)."""
    h.send_response(207)
    h.send_header("Content-Type", "application/xml")
    h.end_headers()
    h.wfile.write(b'<?xml version="1.0"?><multistatus xmlns="DAV:">')
    chunk = b"<response><href>/x</href></response>" * 30_000
    for _ in range(64 * 1024 * 1024 // len(chunk)):
        h.wfile.write(chunk)


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<multistatus xmlns="DAV:"><response><href>&lol4;</href></response></multistatus>"""


@pytest.mark.parametrize(
    ("handler", "message"),
    [
        (endless, "more than 32 MB"),
        (answer(207, b"x" * 100, {"Content-Length": str(10**10)}), "more than 32 MB"),
        (answer(207, b'<multistatus xmlns="DAV:"><response><href>'), "malformed XML"),
        (answer(207, BOMB), "entity or DTD"),
        (answer(301, b"", {"Location": "http://127.0.0.2:9/"}), "redirected to another host"),
        (answer(500, b"oops"), "answered 500"),
    ],
    ids=["endless", "declared-huge", "malformed", "entity-bomb", "redirect", "error"],
)
def test_a_hostile_server_gets_one_line_and_changes_nothing(run, unchanged, handler, message):
    run.ok("add", "Piet")  # the database exists before
    with serve(handler) as url, unchanged():
        tracemalloc.start()
        result = run.fails("sync", "setup", url, "--user", USER)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert PASSWORD not in result.output
    assert peak < 80 * 1024 * 1024


def test_a_server_that_points_elsewhere_is_refused(run, unchanged):
    multistatus = (
        b'<multistatus xmlns="DAV:"><response><href>/</href><propstat><prop>'
        b"<current-user-principal><href>http://127.0.0.2:9/principal/</href>"
        b"</current-user-principal></prop><status>HTTP/1.1 200 OK</status></propstat>"
        b"</response></multistatus>"
    )
    run.ok("add", "Piet")
    with serve(answer(207, multistatus)) as url, unchanged():
        result = run.fails("sync", "setup", url, "--user", USER)
    assert "another host" in result.output


def test_plain_http_elsewhere_and_credentials_in_the_url_are_refused(run, unchanged):
    run.ok("add", "Piet")
    with unchanged():
        result = run.fails("sync", "setup", "http://dav.example.nl/", "--user", USER)
        assert "plain http" in result.output and "--allow-http" in result.output
        result = run.fails("sync", "setup", "https://ann:geheim@dav.example.nl/")
        assert "geheim" not in result.output and "--user" in result.output
        result = run.fails("sync")
        assert "sync setup" in result.output


def test_wrong_password_is_one_line_and_exit_1(run, radicale, people, db_file, monkeypatch):
    people("Piet Jansen")
    run.ok("sync", "setup", radicale.url, "--user", USER)
    before = list(sqlite3.connect(db_file).iterdump())
    monkeypatch.setenv("NETWERK_DAV_PASSWORD", "not-the-password")
    result = run.fails("sync")
    assert result.output.strip().splitlines() == [
        f"Error: The server http://127.0.0.1:{radicale.port} refused the user name or "
        "password (401)."
    ]
    assert list(sqlite3.connect(db_file).iterdump()) == before
    monkeypatch.delenv("NETWERK_DAV_PASSWORD")
    result = run.fails("sync")
    assert "No password for ann" in result.output


def test_the_password_is_never_in_output_or_database(run, radicale, people, db_file, tmp_path,
                                                      monkeypatch):  # fmt: skip
    script = tmp_path / "pw.sh"
    script.write_text(f"#!/bin/sh\necho '{PASSWORD}'\n")
    script.chmod(0o700)
    monkeypatch.delenv("NETWERK_DAV_PASSWORD")
    people("Piet Jansen")
    outputs = [
        run.ok("sync", "setup", radicale.url, "--user", USER, "--password-command", str(script)),
        run.ok("sync"),
        run.ok("sync", "status"),
        run.ok("sync", "--json"),
        run.ok("sync", "status", "--json"),
    ]
    radicale.stop()
    outputs.append(run.fails("sync"))
    for result in outputs:
        assert PASSWORD not in result.output
    assert "Cannot reach the server" in outputs[-1].output
    for path in db_file.parent.iterdir():
        assert PASSWORD.encode() not in path.read_bytes()
    assert PASSWORD not in (radicale.folder / "radicale.log").read_text()


def test_a_failing_password_command_is_one_line(run, radicale, tmp_path, monkeypatch):
    monkeypatch.delenv("NETWERK_DAV_PASSWORD")
    result = run.fails("sync", "setup", radicale.url, "--user", USER, "--password-command",
                       "false")  # fmt: skip
    assert "exit code 1" in result.output


def test_the_keyring_is_used_first(run, radicale, monkeypatch):
    import keyring
    from keyring.backend import KeyringBackend

    class Memory(KeyringBackend):
        priority = 1  # type: ignore[assignment]
        store: dict = {}

        def get_password(self, service, username):  # type: ignore[no-untyped-def]
            return self.store.get((service, username))

        def set_password(self, service, username, password):  # type: ignore[no-untyped-def]
            self.store[(service, username)] = password

        def delete_password(self, service, username):  # type: ignore[no-untyped-def]
            self.store.pop((service, username), None)

    previous = keyring.get_keyring()
    keyring.set_keyring(Memory())
    try:
        monkeypatch.setenv("NETWERK_DAV_PASSWORD", "wrong-one")
        Memory.store[("netwerk-dav", f"{USER}@127.0.0.1:{radicale.port}")] = PASSWORD
        data = run.json("sync", "setup", radicale.url, "--user", USER)
        assert data["password_from"] == "keyring"
        run.ok("sync")
    finally:
        keyring.set_keyring(previous)


@pytest.mark.parametrize(
    ("stop_at", "answered"),
    [(5, False), (11, True)],
    ids=["card-not-arrived", "touch-arrived-unanswered"],
)
def test_server_stopped_mid_sync_then_nothing_lost_or_doubled(
    run, people, tmp_path, stop_at, answered
):
    """A proxy in front of Radicale stops the server at an upload (the 5th: a card; the 11th:
    a touch, after the 8 cards), before it arrives or after it arrived but unanswered. What
    the sync finished before is kept (it commits in batches); the next sync completes it."""
    server = start_radicale(tmp_path / "radicale")
    target = {"port": server.port, "puts": 0}

    def forward(h):  # type: ignore[no-untyped-def]
        stop = False
        if h.command == "PUT":
            target["puts"] += 1
            stop = target["puts"] == stop_at
            if stop and not answered:
                server.stop()
        conn = http.client.HTTPConnection("127.0.0.1", target["port"], timeout=10)
        headers = {k: v for k, v in h.headers.items() if k.lower() != "host"}
        try:
            conn.request(h.command, h.path, body=h.body or None, headers=headers)
            response = conn.getresponse()
        except OSError:
            return  # the server is gone: the client sees the connection close
        body = response.read()
        if stop:
            server.stop()
            return  # it arrived, but the answer never comes back
        h.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in ("content-length", "transfer-encoding", "connection"):
                h.send_header(key, value)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    for i in range(8):
        people(f"Person {i}", met="2026-11-01")
    try:
        with serve(forward) as url:
            run.ok("sync", "setup", url, "--user", USER)
            result = run.fails("sync")
            assert len(result.output.strip().splitlines()) == 1
            status = run.json("sync", "status")
            assert status["last_sync"] is None
            # the batches before the stop are kept: the cards it heard back about
            assert status["on_server"] == min(stop_at - 1, 8)
            restarted = start_radicale(tmp_path / "radicale")
            server.process, server.port = restarted.process, restarted.port
            target["port"] = restarted.port
            data = run.json("sync")
            assert data["counts"]["added_here"] == 0
            assert data["calendar"]["touches_added_here"] == 0
            again = run.json("sync")
            assert again["counts"]["uploaded"] == 0
            assert again["calendar"]["touches_uploaded"] == 0
            assert again["requests"] == 2
        book = Phone(server, f"/{USER}/netwerk/")
        assert len(book.names()) == 8
        assert len(run.json("list")) == 8
        assert sum(len(run.json("show", f"Person {i}")["touches"]) for i in range(8)) == 8
        touches = Phone(server, f"/{USER}/netwerk-calendar/").cards()
        assert sum("X-NETWERK-TYPE:touch" in t for t in touches.values()) == 8
    finally:
        server.stop()


def test_a_certificate_that_does_not_verify_is_refused(run, unchanged, tmp_path):
    """TLS is verified: a self-signed certificate on 127.0.0.1 is one line, exit 1."""
    import datetime
    import ssl

    x509 = pytest.importorskip("cryptography.x509")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    pem = tmp_path / "server.pem"
    pem.write_bytes(
        cert.public_bytes(serialization.Encoding.PEM)
        + key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(pem)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    run.ok("add", "Piet")
    try:
        with unchanged():
            result = run.fails(
                "sync", "setup", f"https://127.0.0.1:{server.server_address[1]}/", "--user", USER
            )
    finally:
        server.shutdown()
        server.server_close()
    assert "could not be verified" in result.output
    assert len(result.output.strip().splitlines()) == 1
