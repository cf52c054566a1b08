"""A short coverage-guided fuzzing run of every file reader, in a subprocess (atheris).

The long runs are manual: ``python tests/fuzz/run_fuzz.py --iterations 50000 --jobs 2``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("atheris", reason="atheris is not installed (pip install -e '.[dev]')")

RUNNER = Path(__file__).resolve().parent / "run_fuzz.py"
# Seeds included; about 15 s of CPU for the six formats, mostly instrumenting pypdf at start-up.
ITERATIONS = 200


def run_fuzz(*args: str, env: dict[str, str] | None = None) -> tuple[int, dict]:
    proc = subprocess.run(
        [sys.executable, str(RUNNER), "--json", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HF_HUB_OFFLINE": "1", **(env or {})},
    )
    assert proc.stdout, proc.stderr[-3000:]
    return proc.returncode, json.loads(proc.stdout)


def test_readers_survive_a_short_fuzzing_run() -> None:
    status, summary = run_fuzz("--iterations", str(ITERATIONS), "--jobs", "2")
    findings = [
        (row["target"], finding["kind"], finding["signature"], finding["traceback"])
        for row in summary["results"]
        for finding in row["findings"]
    ]
    assert findings == [], findings
    assert status == 0
    assert [row["target"] for row in summary["results"]] == [
        "docx",
        "pdf",
        "vtt",
        "srt",
        "txt",
        "md",
    ]
    for row in summary["results"]:
        assert row["iterations"] >= ITERATIONS, row


def test_a_crash_is_caught_reported_and_the_run_goes_on(tmp_path: Path) -> None:
    """The harness itself: with the self-test switch an input crashes; the run reports it once,
    saves the input, and still executes all its iterations."""
    status, summary = run_fuzz(
        "--iterations",
        "100",
        "--target",
        "txt",
        "--artifacts",
        str(tmp_path),
        env={"BIENBAN_FUZZ_SELFTEST": "1"},
    )
    assert status == 1
    (row,) = summary["results"]
    assert [(f["kind"], f["signature"].split("@")[0]) for f in row["findings"]] == [
        ("crash", "RuntimeError")
    ]
    assert row["iterations"] >= 100
    saved = Path(row["findings"][0]["artifact"])
    assert saved.parent == tmp_path and saved.read_bytes()[1:].startswith(b"SELFTEST")
