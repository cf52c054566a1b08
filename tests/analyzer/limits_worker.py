"""Measure the analysis of pathological texts: CPU time, wall time and peak memory of each.

Run by ``test_limits.py`` in a subprocess; by hand it prints a table:

    python tests/analyzer/limits_worker.py [CASE ...]
    python tests/analyzer/limits_worker.py --json one_line_minutes bullets

The pipeline is loaded once; each case then runs in a forked child, so that its peak resident
memory (``ru_maxrss`` of the child, which starts at the parent's size) is its own.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
import unicodedata
from collections.abc import Callable

os.environ.setdefault("HF_HUB_OFFLINE", "1")

_MINUTES_LINE = "Đồng chí Lan phát biểu: đề nghị tăng cường kiểm tra việc thực hiện nghị quyết. "
_PROSE = "Hôm nay trời đẹp, chúng tôi đi làm việc ở cơ quan và họp bàn kế hoạch của quý ba. "
_NFD = unicodedata.normalize(
    "NFD",
    "BIÊN BẢN SINH HOẠT CHI BỘ THÁNG 3\nĐồng chí Nguyễn Văn Hùng phát biểu: nhất trí với báo "
    "cáo, đề nghị bổ sung nhiệm vụ. Giao đồng chí Lan hoàn thành trước ngày 30/6/2024.\n",
)
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


# name → (what it is, text builder)
CASES: dict[str, tuple[str, Callable[[], str]]] = {
    "one_line_minutes": (
        "999,000 characters on one line: a cue and a proposal, repeated (12,646 turns)",
        lambda: _fill(_MINUTES_LINE, 999_000),
    ),
    "one_line_prose": (
        "999,000 characters on one line of narration without cues",
        lambda: _fill(_PROSE, 999_000),
    ),
    "bullets": ('"- a\\n" × 100,000 (400,000 characters)', lambda: "- a\n" * 100_000),
    "punctuation": (
        "200,000 characters of punctuation only",
        lambda: _fill("!?.,:;-–—…()[]\"'/*+•", 200_000),
    ),
    "nfd_combining": (
        "NFD Vietnamese, 40-mark stacks and one run of 50,000 combining marks (~300,000 chars)",
        lambda: _fill(_NFD, 150_000) + ("a" + _TONES * 8) * 2_000 + "a" + "\u0301" * 50_000 + "\n",
    ),
    # Regressions: quadratic before the fixes of the hardening issue.
    "short_sentences": (
        "20,000 short sentences under a discussion heading (LexRank similarity was n × n)",
        lambda: "I. THẢO LUẬN\n" + "Một hai ba bốn năm sáu bảy. " * 20_000,
    ),
    "many_headings": (
        "20,000 headings (the section lookup scanned every section)",
        lambda: "I. THẢO LUẬN\nabc def\n" * 20_000,
    ),
    "reported_speech": (
        "a summary of the discussion on one 400,000-character line: 9,750 reported contributions "
        "(the first-person check scanned the line again at each: 2.9 s at 82,000 characters)",
        lambda: (
            "Các đồng chí tham gia ý kiến: "
            + "đồng chí Lan nêu ý kiến về việc thu quỹ; " * 9_750
            + "\n"
        ),
    ),
    "time_then_blanks": (
        "times, an ending and a weekday each followed by 100,000 blanks (the notebook end-time "
        "pattern had four blank runs in a row: over 60 s for 5,000 blanks)",
        lambda: (
            "HỌP PHỤ HUYNH\n8h"
            + " " * 100_000
            + "x\nII. THẢO LUẬN\nĐ/c Lan: giao tổ 1 làm xong thứ Hai"
            + " " * 100_000
            + ", x\n9h35"
            + " " * 100_000
            + "kết thúc\n"
        ),
    ),
    "label_blanks": (
        "a signature line laid out with 100,000 blanks between two roles, three times (the speech "
        "verb after a name tried every split of the blanks around its optional comma: 25 s for "
        "4,000 blanks)",
        lambda: "BIÊN BẢN\n" + ("Thư ký" + " " * 100_000 + "Chủ trì\n") * 3,
    ),
    "space_runs": (
        "runs of 100,000 spaces after header labels and inside a turn (label and clause patterns "
        "backtracked over every blank: 83 s for 40,000 spaces in a turn)",
        lambda: (
            "BIÊN BẢN HỌP CHI BỘ\nThời gian:"
            + " " * 100_000
            + "14 giờ ngày 1/6/2025\nCó mặt"
            + " " * 100_000
            + "9/10\nII. THẢO LUẬN\nĐ/c Lan: một là "
            + "a " * 30
            + " " * 100_000
            + "b hai là c, thứ hai - d e\n"
        ),
    ),
}


def _maxrss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _measure_here(text: str) -> dict[str, object]:
    from analyzer.errors import AnalyzerError
    from analyzer.ingest import read_text
    from analyzer.pipeline import analyze_raw

    base = _maxrss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        analysis, _ = analyze_raw(read_text(text, "limits.txt"))
        outcome = {
            "outcome": "analysed",
            "turns": len(analysis.turns),
            "items": len(analysis.items),
            "sections": len(analysis.sections),
        }
    except AnalyzerError as error:
        outcome = {"outcome": "refused", "code": error.code, "message": error.message}
    return {
        "chars": len(text),
        "cpu_s": round(time.process_time() - cpu, 2),
        "wall_s": round(time.perf_counter() - wall, 2),
        "rss_start_mb": round(base),
        "rss_delta_mb": round(_maxrss_mb() - base),
        **outcome,
    }


def measure(name: str) -> dict[str, object]:
    """One case in a forked child (its own peak memory), or in this process without fork."""
    text = CASES[name][1]()
    if not hasattr(os, "fork"):
        return {"case": name, **_measure_here(text)}
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, send the result, leave without cleanup
        os.close(read)
        try:
            result = _measure_here(text)
        except BaseException as exc:
            result = {"outcome": "crashed", "error": f"{type(exc).__name__}: {exc}"[:500]}
        os.write(write, json.dumps(result).encode())
        os._exit(0)
    os.close(write)
    data = b""
    while chunk := os.read(read, 65536):
        data += chunk
    os.close(read)
    _, status = os.waitpid(pid, 0)
    if not data:
        return {"case": name, "outcome": "died", "status": status}
    return {"case": name, **json.loads(data)}


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    names = [a for a in argv if a != "--json"] or list(CASES)
    from analyzer.ingest import read_text
    from analyzer.pipeline import analyze_raw, get_nlp

    get_nlp()
    analyze_raw(read_text("Đồng chí Lan phát biểu: đề nghị kiểm tra.\n", "warm.txt"))  # item model
    results = [measure(name) for name in names]
    if as_json:
        print(json.dumps(results, ensure_ascii=False))
        return 0
    for r in results:
        print(
            f"{r['case']:<18} {r.get('chars', 0):>9,} chars  cpu {r.get('cpu_s', '?'):>6} s  "
            f"wall {r.get('wall_s', '?'):>6} s  +{r.get('rss_delta_mb', '?')} MB  "
            f"{r['outcome']} {r.get('turns', r.get('code', ''))}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
