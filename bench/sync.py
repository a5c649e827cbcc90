"""Sync benchmark: a first `netwerk sync` of a generated database against a local Radicale,
then a sync with nothing changed, and a second machine's first sync (everything comes in).

    python -m bench.sync                       # 1,000 contacts and 10,000 touches
    python -m bench.sync --contacts 50 --touches 300

Run by hand (not in CI); Radicale comes with the test extra. Each step runs the installed
`netwerk` as a process and reports wall time and the number of HTTP requests it made.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import generate


def netwerk(*args: str, env: dict[str, str]) -> tuple[float, dict]:
    exe = Path(sys.executable).with_name("netwerk")
    started = time.perf_counter()
    done = subprocess.run([str(exe), *args], env=env, capture_output=True, text=True)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"netwerk {' '.join(args)} failed: {done.stderr.strip()}")
    return took, json.loads(done.stdout) if done.stdout.strip().startswith("{") else {}


def main(argv: list[str] | None = None) -> int:
    from tests.dav import PASSWORD, USER, start_radicale

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--contacts", type=int, default=1_000)
    parser.add_argument("--touches", type=int, default=10_000)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="netwerk-bench-sync-"))
    db, other = work / "here.db", work / "there.db"
    generate.build(db, args.contacts, args.touches)
    server = start_radicale(work / "radicale")
    env = {
        **os.environ,
        "NETWERK_TODAY": generate.TODAY.isoformat(),
        "NETWERK_DAV_PASSWORD": PASSWORD,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    rows = []
    try:
        for path in (db, other):
            netwerk("sync", "setup", server.url, "--user", USER, "--db", str(path), "--json",
                    env=env)  # fmt: skip
        for label, path in (
            ("first sync (uploads everything)", db),
            ("no-change sync", db),
            ("second machine, first sync", other),
            ("second machine, no-change sync", other),
        ):
            took, data = netwerk("sync", "--db", str(path), "--json", env=env)
            rows.append((label, took, data.get("requests")))
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"sync: {args.contacts} contacts, {args.touches} touches, Radicale on 127.0.0.1")
    for label, took, requests in rows:
        print(f"  {label:<34} {took:>8.2f} s  {requests:>6} requests")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
