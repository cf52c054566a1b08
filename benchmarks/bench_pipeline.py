"""Speed and memory of the full analysis against underthesea word segmentation alone.

    python benchmarks/bench_pipeline.py [--words 5000 20000] [--repeat 5]

For each size it composes minutes (``make_long_minutes.make_minutes``), then prints:
the full ``analyze`` wall time (after load, best and median of ``--repeat`` runs), the time of
the core analysis (normalise, pipeline, attribution), the shares of the full time spent in item
extraction and in metrics, completeness and score, the time of
underthesea ``word_tokenize`` alone over the same lines (the way the tokenizer calls it), their
ratio, words per second, and the process's peak RSS. Targets from the core issue: ratio <= 1.5,
5,000 words in < 0.5 s after load, peak RSS < 500 MB.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from make_long_minutes import make_minutes

from analyzer import completeness, items, metrics, review, score, summary
from analyzer.attribution import build_analysis
from analyzer.normalize import normalize_text
from analyzer.pipeline import analyze, get_nlp, run
from analyzer.schema import Source
from analyzer.tokenizer import _chunks


def _timed(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from underthesea import word_tokenize

    load_start = time.perf_counter()
    get_nlp()
    analyze("Vào hồi 8 giờ, chi bộ họp.\nĐồng chí Nguyễn Văn An: nhất trí.\n")  # loads every model
    load = time.perf_counter() - load_start
    print(f"load (imports excluded): {load:.2f} s")
    print(
        f"{'words':>7} {'chars':>8} {'analyze s':>10} {'core s':>8} {'items %':>8} {'reports %':>9} "
        f"{'segment s':>10} {'ratio':>6} {'words/s':>8}"
    )
    for n_words in args.words:
        text = make_minutes(n_words, seed=1)
        words = len(text.split())
        chunks = [text[a:b] for a, b in _chunks(text)]

        def segment(chunks: list[str] = chunks) -> None:
            for chunk in chunks:
                word_tokenize(chunk, use_token_normalize=False)

        def core(text: str = text):  # type: ignore[no-untyped-def]
            # Normalise, spaCy pipeline, attribution: everything before items and reports.
            normalized = normalize_text(text).text
            doc = run(normalized)
            return doc, build_analysis(doc, Source(name="b", format="txt", sha256=""), None, [])

        doc, analysis = core()
        analysis.items = items.extract(doc, analysis)

        def reports(analysis=analysis, doc=doc) -> None:  # type: ignore[no-untyped-def]
            analysis.metrics = metrics.compute(analysis, doc)
            analysis.completeness = completeness.check(analysis, doc.user_data["bienban"]["facts"])
            analysis.score = score.compute(analysis, analysis.completeness)
            analysis.summary = summary.summarize(analysis)
            analysis.review = review.review(analysis)
            analysis.resolution = summary.draft_resolution(analysis)

        full = _timed(lambda: analyze(text), args.repeat)  # noqa: B023
        base = _timed(core, args.repeat)
        extraction = _timed(lambda: items.extract(doc, analysis), args.repeat)  # noqa: B023
        post = _timed(reports, args.repeat)
        seg = _timed(segment, args.repeat)
        best_full, best_core, best_seg = min(full), min(base), min(seg)
        print(
            f"{words:>7} {len(text):>8} {best_full:>10.3f} {best_core:>8.3f} "
            f"{100 * min(extraction) / best_full:>7.1f}% {100 * min(post) / best_full:>8.1f}% "
            f"{best_seg:>10.3f} {best_full / best_seg:>6.2f} {words / best_full:>8.0f}"
            f"   (median analyze {statistics.median(full):.3f} s, segment {statistics.median(seg):.3f} s)"
        )
    import tempfile

    from analyzer.render_docx import to_docx

    analysis = analyze(make_minutes(5000, seed=1))
    with tempfile.TemporaryDirectory() as tmp:
        docx_times = _timed(lambda: to_docx(analysis, Path(tmp) / "b.docx"), 3)
    print(f"DOCX for 5,000-word minutes: {min(docx_times):.3f} s")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak RSS: {peak_kb / 1024:.0f} MB")


if __name__ == "__main__":
    main()
