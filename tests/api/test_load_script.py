"""The pure helpers of ``benchmarks/load_api.py`` on known numbers: no server, no timing."""

from __future__ import annotations

import importlib.util
import math
import statistics
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "load_api.py"


@pytest.fixture(scope="module")
def load_api() -> Iterator[ModuleType]:
    """The script as a module; sys.path and sys.modules as they were afterwards."""
    saved_path = list(sys.path)
    spec = importlib.util.spec_from_file_location("load_api", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["load_api"] = module  # dataclasses look their module up while the class is built
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop("load_api", None)
        sys.path[:] = saved_path


def test_percentile_interpolates_between_ranks(load_api: ModuleType) -> None:
    ten = [7, 1, 10, 3, 5, 2, 9, 4, 8, 6]  # order does not matter
    assert load_api.percentile(ten, 50) == 5.5
    assert load_api.percentile(ten, 0) == 1
    assert load_api.percentile(ten, 100) == 10
    assert load_api.percentile(ten, 95) == pytest.approx(9.55)
    hundred = list(range(1, 101))
    assert load_api.percentile(hundred, 95) == pytest.approx(95.05)
    # Same definition as statistics.quantiles(method="inclusive") (and numpy's default).
    cuts = statistics.quantiles(hundred, n=20, method="inclusive")
    assert load_api.percentile(hundred, 95) == pytest.approx(cuts[-1])
    assert load_api.percentile([42.0], 95) == 42.0
    assert math.isnan(load_api.percentile([], 50))
    with pytest.raises(ValueError):
        load_api.percentile(ten, 101)


def test_summarize_counts_errors_in_throughput_not_in_latency(load_api: ModuleType) -> None:
    stats = load_api.summarize(
        "w2c8", 2, 8, [0.4, 0.1, 0.3, 0.2], {"ReadTimeout": 1, "HTTP 503 timeout": 2}, 2.0
    )
    assert (stats.completed, stats.ok, stats.error_count) == (7, 4, 3)
    assert stats.p50_ms == pytest.approx(250)
    assert stats.p95_ms == pytest.approx(385)
    assert stats.max_ms == pytest.approx(400)
    assert stats.throughput == pytest.approx(3.5)
    assert list(stats.errors) == ["HTTP 503 timeout", "ReadTimeout"]


def test_format_table(load_api: ModuleType) -> None:
    ok = load_api.summarize("a", 1, 1, [0.15] * 10, {}, 1.5)
    ok.server_cpu_pct, ok.client_cpu_pct = 99.4, 2.0
    two = load_api.summarize("c", 2, 8, [0.6] * 4, {}, 1.0)
    two.server_cpu_pct, two.worker_cpu_pct = 150.2, [100.4, 49.6]
    bad = load_api.summarize(
        "b", None, 32, [1.0, 2.0], {"HTTP 503 timeout": 2, "ConnectError": 1}, 0.5
    )
    lines = load_api.format_table([ok, bad, two]).splitlines()
    assert lines[0].startswith("| workers | clients | requests | errors | p50 ms | p95 ms |")
    assert lines[1].count("|") == lines[0].count("|")
    assert lines[2] == "| 1 | 1 | 10 | 0 | 150 | 150 | 150 | 6.7 | 99% | 149 | 2% |"
    assert lines[3] == (
        "| ext | 32 | 5 | 3 (ConnectError ×1, HTTP 503 timeout ×2) | 1,500 | 1,950 | 2,000 "
        "| 10.0 | – | – | – |"
    )
    assert lines[4] == "| 2 | 8 | 4 | 0 | 600 | 600 | 600 | 4.0 | 150% (100 + 50) | 376 | – |"


def test_format_memory(load_api: ModuleType) -> None:
    stats = load_api.summarize("memory", 2, 8, [0.5, 0.6], {}, 0.25)
    text = load_api.format_memory(stats, 700.0, [(1000, 705.2), (2000, 712.4)])
    lines = text.splitlines()
    assert lines[2] == "| 2 | 8 | 2 | 0 | 700 | 712 | +12 | 550 | 595 | 8.0 |"
    assert lines[-1].endswith("after N requests: 1000: 705, 2000: 712")


def test_parse_status_kb(load_api: ModuleType) -> None:
    status = "Name:\tpython\nVmPeak:\t  900000 kB\nVmRSS:\t  412345 kB\nThreads:\t4\n"
    assert load_api.parse_status_kb(status) == 412345
    assert load_api.parse_status_kb(status, "VmPeak") == 900000
    assert load_api.parse_status_kb("Name:\tzombie\n") == 0
