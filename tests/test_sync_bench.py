"""The sync benchmark runs end to end on a tiny database (the real one is run by hand)."""

from bench import sync


def test_the_sync_benchmark_runs(capsys, monkeypatch):
    monkeypatch.delenv("NETWERK_DB")
    assert sync.main(["--contacts", "6", "--touches", "20"]) == 0
    out = capsys.readouterr().out
    lines = {line.split("  ")[1].strip(): line for line in out.splitlines()[1:]}
    assert lines["no-change sync"].rstrip().endswith("2 requests")
    assert lines["second machine, no-change sync"].rstrip().endswith("2 requests")
