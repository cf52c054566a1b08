"""Run the reader fuzzer (``fuzz_readers.py``) format by format and report what it found.

    python tests/fuzz/run_fuzz.py --iterations 20000                 # every format
    python tests/fuzz/run_fuzz.py --iterations 5000 --target docx --target pdf
    python tests/fuzz/run_fuzz.py --iterations 2000 --target all     # one process, first byte picks
    python tests/fuzz/run_fuzz.py --iterations 500 --json            # machine-readable summary

Each format gets a fresh corpus in a temporary directory, seeded from ``corpus/samples`` and
small generated files, and runs for N iterations (inputs executed, seeds included). A crash is
an exception other than ``AnalyzerError``; the fuzzer is restarted with that crash's signature
marked as known, so one run reports every distinct crash it meets, not only the first. A hang
(``-timeout``, seconds per input) and a memory blow-up (``-rss_limit_mb``) are reported too.
Crashing inputs are copied to ``--artifacts`` (a temporary directory by default); reproduce one
with ``BIENBAN_FUZZ_FORMAT=<format> python tests/fuzz/fuzz_readers.py --reproduce FILE``.

Exit status: 0 when nothing was found, 1 when a crash, hang or memory blow-up was found.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FUZZER = HERE / "fuzz_readers.py"
FORMATS = ("docx", "pdf", "vtt", "srt", "txt", "md")
MAX_LEN = {"docx": 65536, "pdf": 65536, "all": 65536}  # text formats: 16 KiB
_TEXT_MAX_LEN = 16384
_MAX_RESTARTS = 25

_EXECUTED = re.compile(r"stat::number_of_executed_units:\s*(\d+)")
_NEW_UNITS = re.compile(r"stat::new_units_added:\s*(\d+)")
_DONE = re.compile(r"^#(\d+)\s", re.MULTILINE)
_ARTIFACT = re.compile(r"Test unit written to (\S+)")
_CRASH = re.compile(r"BIENBAN-FUZZ-CRASH (\S+)")


@dataclass
class Finding:
    kind: str  # "crash" | "timeout" | "oom" | "error"
    signature: str
    artifact: str | None
    traceback: str = ""


@dataclass
class FormatResult:
    target: str
    iterations: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    new_units: int = 0
    restarts: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def crashes(self) -> int:
        return sum(1 for f in self.findings if f.kind == "crash")


def _traceback(stderr: str) -> str:
    start = stderr.find("=== Uncaught Python exception: ===")
    if start < 0:
        return ""
    end = stderr.find("==", start + 40)
    return stderr[start : end if end > 0 else start + 4000].strip()


def _executed(stderr: str) -> int:
    found = _EXECUTED.findall(stderr)
    if found:
        return int(found[-1])
    progress = _DONE.findall(stderr)  # killed before its final stats: the last progress line
    return int(progress[-1]) if progress else 0


def fuzz_format(target: str, args: argparse.Namespace, artifacts: Path) -> FormatResult:
    """Fuzz one format (or "all") for ``args.iterations`` inputs, restarting after findings."""
    result = FormatResult(target)
    work = Path(tempfile.mkdtemp(prefix=f"bienban-fuzz-{target}-"))
    corpus, crashes = work / "corpus", work / "artifacts"
    crashes.mkdir(parents=True)
    known = work / "known.txt"
    known.write_text("")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "BIENBAN_FUZZ_KNOWN": str(known)}
    env.pop("BIENBAN_FUZZ_FORMAT", None)
    if target != "all":
        env["BIENBAN_FUZZ_FORMAT"] = target
    if args.pipeline:
        env["BIENBAN_FUZZ_PIPELINE"] = "1"
    python = [sys.executable, str(FUZZER)]
    subprocess.run(
        [*python, "--write-seeds", str(corpus)], env=env, check=True, capture_output=True
    )
    started = time.monotonic()
    try:
        while result.iterations < args.iterations and result.restarts <= _MAX_RESTARTS:
            command = [
                *python,
                str(corpus),
                f"-runs={args.iterations - result.iterations}",
                f"-timeout={args.timeout}",
                f"-rss_limit_mb={args.rss_limit_mb}",
                f"-max_len={args.max_len or MAX_LEN.get(target, _TEXT_MAX_LEN)}",
                f"-artifact_prefix={crashes}/",
                "-print_final_stats=1",
                f"-seed={args.seed + result.restarts}",
            ]
            if args.max_total_time:
                left = args.max_total_time - (time.monotonic() - started)
                if left <= 0:
                    break
                command.append(f"-max_total_time={max(1, int(left))}")
            returncode, stderr, cpu = _run(command, env)
            result.cpu_seconds += cpu
            result.iterations += _executed(stderr)
            result.new_units += sum(int(n) for n in _NEW_UNITS.findall(stderr))
            if args.verbose:
                print(stderr[-3000:], file=sys.stderr)
            if returncode == 0:
                break
            finding = _finding(stderr, returncode, artifacts, target)
            result.findings.append(finding)
            result.restarts += 1
            if finding.kind == "crash" and finding.signature != "?":
                with known.open("a") as out:
                    out.write(finding.signature + "\n")
            elif finding.kind == "error":
                break  # the fuzzer itself failed: do not loop
            if args.max_total_time and time.monotonic() - started >= args.max_total_time:
                break
    finally:
        result.seconds = round(time.monotonic() - started, 1)
        result.cpu_seconds = round(result.cpu_seconds, 1)
        if args.keep:
            print(f"[{target}] work directory kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return result


def _finding(stderr: str, returncode: int, artifacts: Path, target: str) -> Finding:
    crash = _CRASH.findall(stderr)
    if "libFuzzer: timeout" in stderr:
        kind, signature = "timeout", "timeout"
    elif "libFuzzer: out-of-memory" in stderr or "malloc limit" in stderr:
        kind, signature = "oom", "out-of-memory"
    elif crash or "Uncaught Python exception" in stderr:
        kind, signature = "crash", crash[-1] if crash else "?"
    else:
        kind, signature = "error", f"exit status {returncode}"
    written = _ARTIFACT.findall(stderr)
    artifact = None
    if written and Path(written[-1]).exists():
        artifacts.mkdir(parents=True, exist_ok=True)
        source = Path(written[-1])
        copy = artifacts / f"{target}-{kind}-{source.name.split('-', 1)[-1]}"
        shutil.copyfile(source, copy)
        artifact = str(copy)
    detail = _traceback(stderr) or stderr[-2000:]
    return Finding(kind, signature, artifact, detail)


def _run(command: list[str], env: dict[str, str]) -> tuple[int, str, float]:
    """Run one fuzzer process: exit status, its output, and the CPU seconds it used."""
    with tempfile.TemporaryFile() as output:
        proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=output, stderr=output)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        output.seek(0)
        text = output.read().decode("utf-8", errors="replace")
    return proc.returncode, text, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, required=True, help="inputs per format")
    parser.add_argument(
        "--target",
        action="append",
        choices=[*FORMATS, "all"],
        help="format to fuzz (repeatable; default: each format in turn; all: one mixed run)",
    )
    parser.add_argument("--timeout", type=int, default=10, help="seconds per input (hang)")
    parser.add_argument("--rss-limit-mb", type=int, default=2048, help="memory limit")
    parser.add_argument("--max-len", type=int, default=0, help="largest input in bytes")
    parser.add_argument("--max-total-time", type=int, default=0, help="seconds per format")
    parser.add_argument("--seed", type=int, default=1, help="libFuzzer seed (reproducible runs)")
    parser.add_argument("--jobs", type=int, default=1, help="formats fuzzed at once")
    parser.add_argument("--pipeline", action="store_true", help="also analyse accepted texts")
    parser.add_argument("--artifacts", type=Path, help="where crashing inputs are copied")
    parser.add_argument("--keep", action="store_true", help="keep the work directories")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--verbose", action="store_true", help="show libFuzzer's output")
    args = parser.parse_args(argv)
    try:
        import atheris  # noqa: F401
    except ImportError:
        print("atheris is not installed: pip install atheris", file=sys.stderr)
        return 2
    targets = args.target or list(FORMATS)
    artifacts = args.artifacts or Path(tempfile.mkdtemp(prefix="bienban-fuzz-crashes-"))
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda t: fuzz_format(t, args, artifacts), targets))
    found = sum(len(r.findings) for r in results)
    if args.json:
        rows = [{**asdict(r), "crashes": r.crashes} for r in results]
        print(json.dumps({"results": rows, "findings": found}, ensure_ascii=False, indent=1))
    else:
        _print_table(results, artifacts)
    return 1 if found else 0


def _print_table(results: list[FormatResult], artifacts: Path) -> None:
    print(f"{'target':<7}{'inputs':>10}{'wall s':>9}{'cpu s':>9}{'exec/s':>9}{'new':>7}  findings")
    for r in results:
        rate = r.iterations / r.seconds if r.seconds else 0
        summary = ", ".join(f"{f.kind} {f.signature}" for f in r.findings) or "none"
        print(
            f"{r.target:<7}{r.iterations:>10,}{r.seconds:>9.1f}{r.cpu_seconds:>9.1f}{rate:>9.0f}"
            f"{r.new_units:>7}  {summary}"
        )
    total = sum(r.iterations for r in results)
    crashes = sum(r.crashes for r in results)
    others = sum(len(r.findings) - r.crashes for r in results)
    print(f"total: {total:,} inputs tried, {crashes} crashes, {others} hangs/ooms/errors")
    for r in results:
        for f in r.findings:
            print(f"\n[{r.target}] {f.kind} {f.signature}: {f.artifact or '(no input saved)'}")
            print(f.traceback[-1500:])
    if any(r.findings for r in results):
        print(f"\ncrashing inputs in {artifacts}")


if __name__ == "__main__":
    sys.exit(main())
