"""Bounded load test of the HTTP API: ``POST /api/v1/analyze`` with 3,000-word minutes.

    python benchmarks/load_api.py                 # full run: 6-7 min on an idle 2-core machine
    python benchmarks/load_api.py --quick         # the same grid, small counts: < 1 minute
    python benchmarks/load_api.py --json out.json # also save every figure as JSON
    python benchmarks/load_api.py --url http://127.0.0.1:8000 --clients 1 8   # a running server

For each number of server worker processes (``--workers``, default 1 and 2) the script starts
``bienban serve --host 127.0.0.1 --port <free port> --workers N`` itself, waits until
``GET /readyz`` answers and every worker has logged its start-up (``--startup-timeout``), and
for each number of concurrent clients (``--clients``, default 1, 8 and 32) sends a warm-up and
then at most ``--requests`` requests within ``--time-limit`` seconds (no new request starts
after the limit; requests already sent are awaited). Each client sends its next request as soon
as the previous answer arrives (a closed loop; ``--think-time`` adds a pause). The bodies are
JSON ``{"text", "filename"}`` with minutes from ``benchmarks/make_long_minutes.py`` (``--words``,
``--distinct-texts`` seeds, sent in turn, so that no result could come from a cache).

Reported per configuration: p50, p95 and max latency of the successful requests (time to the
whole response body), throughput (completed requests per second of the phase), errors by kind
(non-2xx status with its error code, or the client exception's type), the CPU time the server
processes used during the phase (in % of one core; 200% = both cores of a 2-core machine; with
several workers, the share of each in brackets, which shows how evenly the connections were
spread over them), the server CPU time per request (which contention from other programs
changes little, unlike latency) and the CPU used by this script itself, since both share the
machine.

Memory: a separate phase (``--memory-workers``, ``--memory-clients``, default 2 workers and
8 clients), run on that server once its configurations are done, measures the sum of the RSS
of the server's processes (the ``bienban serve`` process and its uvicorn workers, from
``/proc/<pid>/status``) after a warm-up and then every ``--memory-sample-every`` requests up to
``--memory-requests`` (2,000). Flat memory means the samples no longer grow.

Each server the script starts first gets rounds of concurrent requests on new connections until
every worker process has done some analyses (checked on its CPU time), so that no measured
request meets a cold worker.

The floor: before the servers start, a child process times the same analysis in-process
(``analyzer.ingest.read_text``, ``analyzer.pipeline.analyze_raw``, then the JSON the API sends,
``model_dump_json``: what a server thread does for a JSON request), so the HTTP figures can be
compared with the analysis alone (``--no-floor`` skips it).

The server is always stopped (SIGTERM, then SIGKILL of its process group after a grace period),
also on Ctrl-C or an error; its log goes to a temporary file that is shown if it fails to start.
Linux only (``/proc``). Latencies are measured on the same machine as the server: on a 2-core
machine the client and any other load compete with the server for the CPUs, so read the load
average printed with the results.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from make_long_minutes import make_minutes  # noqa: E402

ANALYZE_PATH = "/api/v1/analyze"
READY_PATH = "/readyz"
STARTUP_LINE = "Application startup complete"
CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
# Errors met during warm-ups: reported with the results, since they are server errors too.
WARMUP_ERRORS: Counter[str] = Counter()


# --------------------------------------------------------------------------------------------
# Pure helpers (tested in tests/api/test_load_script.py)
# --------------------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) with linear interpolation between closest ranks (the
    default of numpy and of ``statistics.quantiles(method="inclusive")``); NaN when empty."""
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0..100, got {q}")
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class PhaseStats:
    """What one load phase measured; latencies in milliseconds, CPU in % of one core."""

    label: str
    workers: int | None
    clients: int
    completed: int
    ok: int
    errors: dict[str, int]
    elapsed_s: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    throughput: float
    server_cpu_pct: float | None = None
    client_cpu_pct: float | None = None
    rss_mb: float | None = None
    worker_cpu_pct: list[float] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())


def summarize(
    label: str,
    workers: int | None,
    clients: int,
    latencies_s: Sequence[float],
    errors: dict[str, int],
    elapsed_s: float,
) -> PhaseStats:
    """Latency percentiles of the successful requests and throughput of all completed ones."""
    ms = [1000 * t for t in latencies_s]
    completed = len(ms) + sum(errors.values())
    return PhaseStats(
        label=label,
        workers=workers,
        clients=clients,
        completed=completed,
        ok=len(ms),
        errors=dict(sorted(errors.items())),
        elapsed_s=elapsed_s,
        p50_ms=percentile(ms, 50),
        p95_ms=percentile(ms, 95),
        max_ms=max(ms) if ms else math.nan,
        throughput=completed / elapsed_s if elapsed_s > 0 else math.nan,
    )


def _num(value: float | None, digits: int = 0) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.{digits}f}"


def _errors_cell(errors: dict[str, int]) -> str:
    if not errors:
        return "0"
    kinds = ", ".join(f"{kind} ×{count}" for kind, count in sorted(errors.items()))
    return f"{sum(errors.values())} ({kinds})"


def format_table(rows: Sequence[PhaseStats]) -> str:
    """A Markdown table with one line per (workers, clients) configuration."""
    lines = [
        "| workers | clients | requests | errors | p50 ms | p95 ms | max ms | req/s "
        "| server CPU | CPU ms/req | client CPU |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        workers = "ext" if row.workers is None else str(row.workers)
        cpu = _num(row.server_cpu_pct) + "%" if row.server_cpu_pct is not None else "–"
        if len(row.worker_cpu_pct) > 1:
            cpu += " (" + " + ".join(_num(pct) for pct in row.worker_cpu_pct) + ")"
        client_cpu = _num(row.client_cpu_pct) + "%" if row.client_cpu_pct is not None else "–"
        per_request = None
        if row.server_cpu_pct is not None and row.completed:
            per_request = 10 * row.server_cpu_pct * row.elapsed_s / row.completed
        lines.append(
            f"| {workers} | {row.clients} | {row.completed} | {_errors_cell(row.errors)} "
            f"| {_num(row.p50_ms)} | {_num(row.p95_ms)} | {_num(row.max_ms)} "
            f"| {_num(row.throughput, 1)} | {cpu} | {_num(per_request)} | {client_cpu} |"
        )
    return "\n".join(lines)


def format_memory(
    stats: PhaseStats, baseline_mb: float, samples: Sequence[tuple[int, float]]
) -> str:
    """A Markdown table for the memory phase, then the RSS samples on one line."""
    end_mb = samples[-1][1] if samples else math.nan
    workers = "ext" if stats.workers is None else str(stats.workers)
    lines = [
        "| workers | clients | requests | errors | RSS after warm-up MB | RSS at end MB "
        "| change MB | p50 ms | p95 ms | req/s |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|",
        f"| {workers} | {stats.clients} | {stats.completed} | {_errors_cell(stats.errors)} "
        f"| {_num(baseline_mb)} | {_num(end_mb)} | {end_mb - baseline_mb:+,.0f} "
        f"| {_num(stats.p50_ms)} | {_num(stats.p95_ms)} | {_num(stats.throughput, 1)} |",
    ]
    if samples:
        points = ", ".join(f"{n}: {mb:,.0f}" for n, mb in samples)
        lines += ["", f"RSS (MB, sum of server processes) after N requests: {points}"]
    return "\n".join(lines)


def parse_status_kb(status_text: str, key: str = "VmRSS") -> int:
    """A ``kB`` field of ``/proc/<pid>/status`` (0 when absent, e.g. for a zombie)."""
    for line in status_text.splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


# --------------------------------------------------------------------------------------------
# Processes (Linux /proc)
# --------------------------------------------------------------------------------------------


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return handle.read()
    except OSError:
        return None


def _stat_fields(pid: int) -> list[str] | None:
    """Fields of ``/proc/<pid>/stat`` after the command name (field 3 onwards)."""
    text = _read(f"/proc/{pid}/stat")
    if text is None:
        return None
    return text[text.rfind(")") + 2 :].split()


def process_tree(root: int) -> list[int]:
    """``root`` and all its live descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat_fields(int(entry))
            if fields:
                children.setdefault(int(fields[1]), []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        if _read(f"/proc/{pid}/status") is None:
            continue
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def rss_mb(pids: Sequence[int]) -> float:
    """Sum of the resident set sizes of ``pids`` in MiB (shared pages counted in each)."""
    return sum(parse_status_kb(_read(f"/proc/{pid}/status") or "") for pid in pids) / 1024


def cpu_seconds(pids: Sequence[int]) -> dict[int, float]:
    """User + system CPU time used so far by each of ``pids``."""
    times = {}
    for pid in pids:
        fields = _stat_fields(pid)
        if fields:
            times[pid] = (int(fields[11]) + int(fields[12])) / CLK_TCK
    return times


def _self_cpu() -> float:
    t = os.times()
    return t.user + t.system


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``bienban serve`` (or uvicorn with the app factory) in its own process group."""

    def __init__(
        self,
        workers: int,
        launcher: str,
        startup_timeout: float,
        env: dict[str, str],
        keep_log: bool,
    ) -> None:
        self.workers = workers
        self.launcher = launcher
        self.startup_timeout = startup_timeout
        self.env = env
        self.keep_log = keep_log
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.seen: set[int] = set()
        self.startup_s = math.nan
        self.rss_mb_after_start = math.nan
        log = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed in stop())
            prefix=f"bienban-load-{workers}w-", suffix=".log", delete=False
        )
        self.log_path = Path(log.name)
        self._log = log
        # A throw-away data directory: the server may create its SQLite database there at
        # start-up; the analyze endpoint itself stores nothing. Not used when the environment
        # names a database (BIENBAN_DATABASE_URL) or a data directory already.
        self._data_dir: str | None = None
        if not {"BIENBAN_DATA_DIR", "BIENBAN_DATABASE_URL"} & (os.environ.keys() | env.keys()):
            self._data_dir = tempfile.mkdtemp(prefix="bienban-load-data-")
            self.env = {**env, "BIENBAN_DATA_DIR": self._data_dir}

    def command(self) -> list[str]:
        args = ["--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers)]
        entry = Path(sys.executable).parent / "bienban"
        if self.launcher == "bienban" and entry.exists():
            return [str(entry), "serve", *args]
        if self.launcher == "bienban" and shutil.which("bienban"):
            return [str(shutil.which("bienban")), "serve", *args]
        return [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", *args]

    @property
    def pids(self) -> list[int]:
        if self.proc is None or self.proc.poll() is not None:
            return []
        tree = process_tree(self.proc.pid)
        self.seen.update(tree)
        return tree

    @property
    def worker_pids(self) -> list[int]:
        """The processes that serve requests: the uvicorn workers spawned by the supervisor
        (multiprocessing ``spawn_main``), or the server process itself with one worker."""
        workers = [
            pid for pid in self.pids if "spawn_main" in (_read(f"/proc/{pid}/cmdline") or "")
        ]
        return workers or self.pids[:1]

    def start(self) -> None:
        import httpx2

        env = {**os.environ, "HF_HUB_OFFLINE": "1", **self.env}
        started = time.perf_counter()
        # A new session: Ctrl-C in the terminal reaches this script only, which then stops the
        # server in order; the process group lets stop() kill every worker as a last resort.
        self.proc = subprocess.Popen(
            self.command(),
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = started + self.startup_timeout
        with httpx2.Client(timeout=2.0) as client:
            while True:
                if self.proc.poll() is not None:
                    raise RuntimeError(
                        f"server exited with status {self.proc.returncode} during start-up:\n"
                        + self.log_tail()
                    )
                if time.perf_counter() > deadline:
                    raise RuntimeError(
                        f"server not ready after {self.startup_timeout:g} s:\n" + self.log_tail()
                    )
                self.pids  # noqa: B018 (records the worker pids for stop())
                try:
                    ready = client.get(self.url + READY_PATH).status_code == 200
                except httpx2.HTTPError:
                    ready = False
                # /readyz is answered by any worker that has started: wait for all of them.
                if ready and self.log_text().count(STARTUP_LINE) >= self.workers:
                    break
                time.sleep(0.2)
        self.startup_s = time.perf_counter() - started

    def log_text(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log_text().splitlines()[-lines:])

    def stop(self, grace_s: float = 20.0) -> None:
        """SIGTERM (uvicorn's graceful shutdown), then SIGKILL to the group and to any process
        of the server still alive; never leaves a worker behind."""
        proc = self.proc
        if proc is not None:
            self.pids  # noqa: B018
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(grace_s)
                except subprocess.TimeoutExpired:
                    print(
                        f"server {proc.pid} did not stop in {grace_s:g} s: killed", file=sys.stderr
                    )
                    with contextlib.suppress(OSError):
                        os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(5)
            time.sleep(0.2)
            for pid in sorted(self.seen - {proc.pid}):
                fields = _stat_fields(pid)
                if fields and fields[0] != "Z" and int(fields[2]) == proc.pid:  # same group
                    with contextlib.suppress(OSError):
                        os.kill(pid, signal.SIGKILL)
            self.proc = None
        self._log.close()
        if not self.keep_log:
            self.log_path.unlink(missing_ok=True)
        if self._data_dir is not None:
            shutil.rmtree(self._data_dir, ignore_errors=True)
            self._data_dir = None

    def __enter__(self) -> Server:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --------------------------------------------------------------------------------------------
# Load
# --------------------------------------------------------------------------------------------


def make_payloads(words: int, distinct: int, filename: str) -> list[bytes]:
    """JSON bodies ``{"text", "filename"}`` with minutes of ``words`` words, seeds 0..n-1."""
    return [
        json.dumps(
            {"text": make_minutes(words, seed=seed), "filename": filename}, ensure_ascii=False
        ).encode()
        for seed in range(distinct)
    ]


def _error_kind(response: Any) -> str:
    try:
        code = response.json()["error"]["code"]
    except Exception:
        code = "?"
    return f"HTTP {response.status_code} {code}"


async def run_load(
    url: str,
    payloads: Sequence[bytes],
    clients: int,
    n_requests: int,
    time_limit_s: float,
    request_timeout_s: float,
    keepalive: bool,
    on_done: Callable[[int], None] | None = None,
    check_first: bool = False,
    think_time_s: float = 0.0,
) -> tuple[list[float], dict[str, int], float]:
    """``clients`` concurrent closed-loop clients share ``n_requests`` requests, each pausing
    ``think_time_s`` after an answer; none starts after ``time_limit_s``. Returns the
    successful latencies (s), errors by kind and the elapsed time from the first request to
    the last answer."""
    import httpx2

    latencies: list[float] = []
    errors: Counter[str] = Counter()
    issued = done = 0
    limits = httpx2.Limits(
        max_connections=clients, max_keepalive_connections=clients if keepalive else 0
    )
    headers = {"Content-Type": "application/json"}
    async with httpx2.AsyncClient(
        timeout=httpx2.Timeout(request_timeout_s, connect=10.0), limits=limits
    ) as client:
        start = time.perf_counter()
        deadline = start + time_limit_s
        last = start

        async def user() -> None:
            nonlocal issued, done, last
            while issued < n_requests and time.perf_counter() < deadline:
                body = payloads[issued % len(payloads)]
                issued += 1
                sent = time.perf_counter()
                try:
                    response = await client.post(url + ANALYZE_PATH, content=body, headers=headers)
                    took = time.perf_counter() - sent
                    if 200 <= response.status_code < 300:
                        latencies.append(took)
                        if check_first and done == 0:
                            _check_analysis(response.json())
                    else:
                        errors[_error_kind(response)] += 1
                except httpx2.HTTPError as exc:
                    errors[type(exc).__name__] += 1
                last = time.perf_counter()
                done += 1
                if on_done is not None:
                    on_done(done)
                if think_time_s > 0:
                    await asyncio.sleep(think_time_s)

        await asyncio.gather(*(user() for _ in range(clients)))
    return latencies, dict(errors), last - start


def _check_analysis(body: dict[str, Any]) -> None:
    """The server really analysed the minutes (not an empty or cached shell)."""
    if body.get("schema_version") != "1" or len(body.get("turns", [])) < 10:
        raise RuntimeError("unexpected /api/v1/analyze answer: no schema_version or too few turns")


def run_phase(
    label: str,
    url: str,
    payloads: Sequence[bytes],
    workers: int | None,
    clients: int,
    n_requests: int,
    time_limit_s: float,
    args: argparse.Namespace,
    server: Server | None,
    on_done: Callable[[int], None] | None = None,
) -> PhaseStats:
    pids = server.pids if server else list(args.server_pid or [])
    cpu_before, self_before = cpu_seconds(pids), _self_cpu()
    latencies, errors, elapsed = asyncio.run(
        run_load(
            url,
            payloads,
            clients,
            n_requests,
            time_limit_s,
            args.request_timeout,
            not args.new_connections,
            on_done,
            think_time_s=args.think_time,
        )
    )
    cpu_after, self_after = cpu_seconds(pids), _self_cpu()
    stats = summarize(label, workers, clients, latencies, errors, elapsed)
    if pids and elapsed > 0:
        used = {pid: cpu_after[pid] - cpu_before.get(pid, 0.0) for pid in cpu_after}
        stats.server_cpu_pct = 100 * sum(used.values()) / elapsed
        stats.extra["server_cpu_pct_by_pid"] = {
            str(pid): round(100 * t / elapsed, 1) for pid, t in used.items()
        }
        if server is not None and server.workers > 1:
            # How the load spread over the workers (the kernel and uvicorn decide).
            stats.worker_cpu_pct = sorted(
                (100 * used.get(pid, 0.0) / elapsed for pid in server.worker_pids), reverse=True
            )
        stats.rss_mb = rss_mb(server.pids if server else pids)
    if elapsed > 0:
        stats.client_cpu_pct = 100 * (self_after - self_before) / elapsed
    return stats


def warm_up(
    url: str, payloads: Sequence[bytes], clients: int, n: int, args: argparse.Namespace
) -> None:
    """``n`` requests (at most ``clients`` at once), the first answer checked."""
    if n <= 0:
        return
    _, errors, _ = asyncio.run(
        run_load(
            url,
            payloads,
            min(clients, n),
            n,
            args.time_limit,
            args.request_timeout,
            not args.new_connections,
            check_first=True,
        )
    )
    if errors:
        WARMUP_ERRORS.update(errors)
        print(f"  warm-up errors: {errors}", file=sys.stderr)


def warm_workers(
    server: Server, payloads: Sequence[bytes], args: argparse.Namespace, cpu_s: float = 1.0
) -> None:
    """Rounds of concurrent requests on new connections until every worker has used ``cpu_s``
    of CPU since start-up (a few analyses), so that no measured request meets a cold worker:
    which worker accepts a connection is up to the kernel and the workers' event loops."""
    workers = server.worker_pids
    before = cpu_seconds(workers)
    for _ in range(12):
        _, errors, _ = asyncio.run(
            run_load(
                server.url,
                payloads,
                2 * len(workers),
                2 * len(workers),
                args.time_limit,
                args.request_timeout,
                keepalive=False,
                check_first=True,
            )
        )
        if errors:
            WARMUP_ERRORS.update(errors)
            print(f"  warm-up errors: {errors}", file=sys.stderr)
        after = cpu_seconds(workers)
        if all(after.get(pid, 0.0) - before.get(pid, 0.0) >= cpu_s for pid in workers):
            return
    print("  warning: not every worker took part in the warm-up", file=sys.stderr)


# --------------------------------------------------------------------------------------------
# The floor: the same analysis in-process, in a child (keeps the analyzer out of this process)
# --------------------------------------------------------------------------------------------

_FLOOR_CODE = """
import json, statistics, sys, time
from analyzer import item_model
from analyzer.ingest import read_text
from analyzer.pipeline import analyze_raw, get_nlp
texts = json.loads(sys.stdin.read())
get_nlp()
item_model.load()
def analyse(text):
    return analyze_raw(read_text(text, "bien-ban.txt"), None)[0]
for text in texts[:2]:
    analyse(text).model_dump_json()
analysed, serialised = [], []
for i in range(int(sys.argv[1])):
    t0 = time.perf_counter()
    analysis = analyse(texts[i % len(texts)])
    t1 = time.perf_counter()
    analysis.model_dump_json().encode()
    analysed.append(t1 - t0)
    serialised.append(time.perf_counter() - t1)
print(json.dumps({"analyze_ms_min": 1000 * min(analysed),
                  "analyze_ms_median": 1000 * statistics.median(analysed),
                  "render_json_ms_median": 1000 * statistics.median(serialised),
                  "repeat": len(analysed)}))
"""


def measure_floor(payloads: Sequence[bytes], repeat: int) -> dict[str, Any]:
    texts = [json.loads(body)["text"] for body in payloads]
    result = subprocess.run(
        [sys.executable, "-c", _FLOOR_CODE, str(repeat)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        timeout=600,
        check=True,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def _machine() -> dict[str, Any]:
    cpu = "?"
    for line in (_read("/proc/cpuinfo") or "").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "python": platform.python_version(),
        "memory_total_mb": parse_status_kb(_read("/proc/meminfo") or "", "MemTotal") // 1024,
    }


def _loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    grid = parser.add_argument_group("grid and counts (defaults: full run)")
    grid.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    grid.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    grid.add_argument("--requests", type=int, default=200, help="requests per configuration")
    grid.add_argument(
        "--time-limit",
        type=float,
        default=45.0,
        help="seconds per configuration; no new request after it",
    )
    grid.add_argument(
        "--warmup",
        type=int,
        default=None,
        help="warm-up requests per configuration (default: 2 per client, 4..16)",
    )
    grid.add_argument(
        "--quick",
        action="store_true",
        help="small counts so that the whole run takes under a minute",
    )
    mem = parser.add_argument_group("memory phase")
    mem.add_argument(
        "--memory-requests",
        type=int,
        default=2000,
        help="requests of the memory phase (0: skip it)",
    )
    mem.add_argument("--memory-workers", type=int, default=2)
    mem.add_argument("--memory-clients", type=int, default=8)
    mem.add_argument("--memory-warmup", type=int, default=50)
    mem.add_argument("--memory-sample-every", type=int, default=250)
    mem.add_argument("--memory-time-limit", type=float, default=600.0)
    body = parser.add_argument_group("request body")
    body.add_argument("--words", type=int, default=3000)
    body.add_argument(
        "--distinct-texts",
        type=int,
        default=8,
        help="different minutes (seeds 0..n-1), sent in turn",
    )
    body.add_argument("--filename", default="bien-ban.txt")
    srv = parser.add_argument_group("server")
    srv.add_argument("--url", help="target this running server instead of starting one")
    srv.add_argument(
        "--server-pid",
        type=int,
        nargs="*",
        help="with --url: pids of the server processes, for CPU and memory",
    )
    srv.add_argument(
        "--launcher",
        choices=["bienban", "uvicorn"],
        default="bienban",
        help="'bienban serve' or 'python -m uvicorn api.app:create_app --factory'",
    )
    srv.add_argument(
        "--analysis-threads",
        type=int,
        help="BIENBAN_ANALYSIS_THREADS for the started servers (default: unset, 2)",
    )
    srv.add_argument("--startup-timeout", type=float, default=180.0)
    srv.add_argument(
        "--request-timeout", type=float, default=120.0, help="client time limit of one request"
    )
    srv.add_argument(
        "--think-time",
        type=float,
        default=0.0,
        help="seconds each client waits after an answer before its next request",
    )
    srv.add_argument(
        "--new-connections",
        action="store_true",
        help="a new connection per request instead of keep-alive",
    )
    srv.add_argument("--keep-logs", action="store_true", help="keep the servers' log files")
    out = parser.add_argument_group("output")
    out.add_argument(
        "--floor",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="time the analysis in-process first (default: on, off with --quick)",
    )
    out.add_argument("--floor-repeat", type=int, default=10)
    out.add_argument("--json", type=Path, help="also write all figures to this JSON file")
    args = parser.parse_args(argv)
    if args.quick:
        args.requests = min(args.requests, 16)
        args.time_limit = min(args.time_limit, 2.0)
        args.memory_requests = min(args.memory_requests, 60)
        args.memory_warmup = min(args.memory_warmup, 4)
        args.memory_sample_every = min(args.memory_sample_every, 20)
        args.memory_time_limit = min(args.memory_time_limit, 6.0)
    if args.floor is None:
        args.floor = not args.quick
    return args


def _default_warmup(args: argparse.Namespace, clients: int) -> int:
    if args.warmup is not None:
        return args.warmup
    return 2 if args.quick else max(4, min(16, 2 * clients))


def _progress(stats: PhaseStats) -> None:
    print(
        f"  {stats.completed} requests in {stats.elapsed_s:.1f} s, errors {stats.error_count}, "
        f"p50 {stats.p50_ms:.0f} ms, p95 {stats.p95_ms:.0f} ms, {stats.throughput:.1f} req/s",
        file=sys.stderr,
    )


def _server_env(args: argparse.Namespace) -> dict[str, str]:
    env = {}
    if args.analysis_threads:
        env["BIENBAN_ANALYSIS_THREADS"] = str(args.analysis_threads)
    return env


def _start(workers: int, args: argparse.Namespace, payloads: Sequence[bytes]) -> Server:
    """A started server whose workers have all served a few requests."""
    print(f"starting a server with {workers} worker(s)…", file=sys.stderr)
    server = Server(workers, args.launcher, args.startup_timeout, _server_env(args), args.keep_logs)
    server.__enter__()
    try:
        server.rss_mb_after_start = rss_mb(server.pids)
        print(
            f"  ready in {server.startup_s:.1f} s at {server.url}, "
            f"{server.rss_mb_after_start:,.0f} MB; warming up every worker…",
            file=sys.stderr,
        )
        warm_workers(server, payloads, args)
    except BaseException:
        server.stop()
        raise
    return server


def run_grid(
    args: argparse.Namespace, payloads: Sequence[bytes]
) -> tuple[list[PhaseStats], dict[str, Any] | None]:
    """Every (workers, clients) configuration, one fresh server per number of workers; the
    memory phase runs on the server with ``--memory-workers`` once its grid is done (on a
    fresh server of its own if that number is not in the grid)."""
    rows: list[PhaseStats] = []
    memory = None
    for workers in [None] if args.url else args.workers:
        server = _start(workers, args, payloads) if workers is not None else None
        try:
            url = server.url if server else args.url.rstrip("/")
            for clients in args.clients:
                print(f"workers {workers or 'ext'}, clients {clients}…", file=sys.stderr)
                warm_up(url, payloads, clients, _default_warmup(args, clients), args)
                stats = run_phase(
                    f"w{workers}c{clients}",
                    url,
                    payloads,
                    workers,
                    clients,
                    args.requests,
                    args.time_limit,
                    args,
                    server,
                )
                _progress(stats)
                rows.append(stats)
            if args.memory_requests > 0 and (
                (server is not None and workers == args.memory_workers)
                or (server is None and args.server_pid)
            ):
                memory = run_memory(args, payloads, server)
        finally:
            if server is not None:
                server.stop()
    if memory is None and args.memory_requests > 0 and not args.url:
        server = _start(args.memory_workers, args, payloads)
        try:
            memory = run_memory(args, payloads, server)
        finally:
            server.stop()
    return rows, memory


def run_memory(
    args: argparse.Namespace, payloads: Sequence[bytes], server: Server | None
) -> dict[str, Any]:
    """RSS of the server's processes before and every ``--memory-sample-every`` requests of
    ``--memory-requests``."""
    url = server.url if server else args.url.rstrip("/")

    def pids() -> list[int]:
        return server.pids if server else list(args.server_pid)

    workers = server.workers if server else None
    warm_up(url, payloads, args.memory_clients, args.memory_warmup, args)
    baseline = rss_mb(pids())
    samples: list[tuple[int, float]] = []

    def on_done(n: int) -> None:
        if n % args.memory_sample_every == 0:
            samples.append((n, rss_mb(pids())))

    print(
        f"memory phase: workers {workers or 'ext'}, clients {args.memory_clients}, "
        f"{args.memory_requests} requests; RSS now {baseline:,.0f} MB…",
        file=sys.stderr,
    )
    stats = run_phase(
        "memory",
        url,
        payloads,
        workers,
        args.memory_clients,
        args.memory_requests,
        args.memory_time_limit,
        args,
        server,
        on_done,
    )
    end = rss_mb(pids())
    if not samples or samples[-1][0] != stats.completed:
        samples.append((stats.completed, end))
    _progress(stats)
    return {
        "stats": stats,
        "rss_mb_after_start": getattr(server, "rss_mb_after_start", None),
        "rss_mb_before": baseline,
        "rss_mb_samples": samples,
        "rss_mb_by_pid_at_end": {str(pid): round(rss_mb([pid]), 1) for pid in pids()},
        "table": format_memory(stats, baseline, samples),
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # SIGTERM ends the script like Ctrl-C does, through the finally blocks that stop servers.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    began = time.perf_counter()
    payloads = make_payloads(args.words, args.distinct_texts, args.filename)
    texts = [json.loads(body)["text"] for body in payloads]
    words = [len(text.split()) for text in texts]
    meta: dict[str, Any] = {
        "date": datetime.now().isoformat(timespec="seconds"),
        **_machine(),
        "loadavg_before": _loadavg(),
        "words_per_text": f"{min(words)}-{max(words)}",
        "body_bytes": f"{min(map(len, payloads))}-{max(map(len, payloads))}",
        "distinct_texts": len(payloads),
        "mode": "quick" if args.quick else "full",
        "requests_per_config": args.requests,
        "time_limit_s": args.time_limit,
        "keepalive": not args.new_connections,
        "think_time_s": args.think_time,
        "analysis_threads": args.analysis_threads or "default (2)",
        "launcher": args.launcher if not args.url else args.url,
    }
    floor = None
    try:
        if args.floor:
            print("timing the analysis in-process (the floor)…", file=sys.stderr)
            floor = measure_floor(payloads, args.floor_repeat)
        rows, memory = run_grid(args, payloads)
    except KeyboardInterrupt:
        print("interrupted: servers stopped", file=sys.stderr)
        return 130
    meta["loadavg_after"] = _loadavg()
    meta["warmup_errors"] = dict(WARMUP_ERRORS)
    meta["total_s"] = round(time.perf_counter() - began, 1)

    print(
        f"\n{meta['date']}: {meta['cpus']} CPU ({meta['cpu_model']}), Python {meta['python']}; "
        f"minutes of {meta['words_per_text']} words ({meta['body_bytes']} bytes of JSON), "
        f"{meta['distinct_texts']} texts; {meta['mode']} run, at most {args.requests} requests "
        f"or {args.time_limit:g} s per configuration, "
        f"{'keep-alive' if meta['keepalive'] else 'new connection per request'}"
        + (f", think time {args.think_time:g} s" if args.think_time else "")
        + "; "
        f"load average before {meta['loadavg_before']}, after {meta['loadavg_after']}; "
        f"{meta['total_s']:g} s in all.\n"
    )
    if floor:
        print(
            f"In-process floor (one analysis, no HTTP, {floor['repeat']} runs): "
            f"median {floor['analyze_ms_median']:.0f} ms, best {floor['analyze_ms_min']:.0f} ms; "
            f"JSON rendering {floor['render_json_ms_median']:.1f} ms.\n"
        )
    print(format_table(rows))
    if WARMUP_ERRORS:
        print(f"\nErrors during the warm-ups (not in the table): {_errors_cell(WARMUP_ERRORS)}")
    if memory:
        start = memory["rss_mb_after_start"]
        print(
            f"\nMemory: {memory['stats'].completed} more requests on the server of "
            f"{memory['stats'].workers or 'ext'} worker(s) after the configurations above"
            + (f" (RSS right after start-up {start:,.0f} MB)" if start is not None else "")
            + ":\n"
        )
        print(memory["table"])
    if args.json:
        document = {
            "meta": meta,
            "floor": floor,
            "configurations": [asdict(row) for row in rows],
            "memory": None
            if memory is None
            else {
                **{k: v for k, v in memory.items() if k not in ("stats", "table")},
                "stats": asdict(memory["stats"]),
            },
        }
        args.json.write_text(
            json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    failed = sum(row.error_count for row in rows) + sum(WARMUP_ERRORS.values())
    failed += memory["stats"].error_count if memory else 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
