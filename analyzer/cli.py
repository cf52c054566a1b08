"""Command line: ``bienban analyze FILE``, batch analysis of folders, training, evaluation and
trends. The server commands (``serve``, ``keys``, ``reanalyze``, ``db``) are added by
``api.cli``, which is the ``bienban`` entry point."""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from analyzer.errors import AnalyzerError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="bienban: phân tích biên bản họp.",
)

SUPPORTED = {".docx", ".pdf", ".txt", ".md", ".vtt", ".srt"}


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    md = "md"
    html = "html"
    docx = "docx"


def fail(message: str, code: int = 2) -> None:
    typer.echo(f"bienban: {message}", err=True)
    raise typer.Exit(code)


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED
            )
        else:
            files.append(path)
    return files


def _analyze_one(path: str, roster: str | None) -> dict[str, Any]:
    """Worker for batches: the analysis as JSON, or an error record; never raises."""
    from analyzer.pipeline import analyze

    try:
        return analyze(Path(path), roster=roster).model_dump(mode="json")
    except AnalyzerError as exc:
        return {
            "source": {"name": Path(path).name},
            "error": {"code": exc.code, "message": exc.message},
        }
    except Exception as exc:  # a bug must not stop a batch of hundreds of files
        return {
            "source": {"name": Path(path).name},
            "error": {"code": "internal_error", "message": f"Lỗi nội bộ: {type(exc).__name__}"},
        }


@app.callback()
def _root() -> None:
    """bienban: phân tích biên bản họp, hoàn toàn ngoại tuyến."""


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Tệp biên bản, hoặc thư mục chứa nhiều tệp.")],
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="json, jsonl, md, html hoặc docx.")
    ] = Format.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Ghi kết quả vào tệp.")
    ] = None,
    roster: Annotated[
        Path | None,
        typer.Option(
            "--roster", help="Danh sách thành viên: mỗi dòng một tên, có thể thêm ', chức vụ'."
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Số tiến trình khi phân tích nhiều tệp.")
    ] = 1,
) -> None:
    """Phân tích biên bản hoặc bản ghi cuộc họp."""
    if fmt is Format.docx and output is None:
        fail("định dạng docx cần tệp kết quả: thêm -o TỆP.docx.")
    files = _expand(paths)
    if not files:
        fail(
            "không có tệp nào để phân tích (định dạng hỗ trợ: "
            + ", ".join(sorted(SUPPORTED))
            + ")."
        )
    batch = len(files) > 1 or any(p.is_dir() for p in paths)
    if batch and fmt is not Format.jsonl:
        fail("phân tích nhiều tệp cần --format jsonl.")
    roster_path = str(roster) if roster else None
    if batch or fmt is Format.jsonl:
        failed = _batch(files, roster_path, jobs, output)
        raise typer.Exit(1 if failed else 0)
    from analyzer.pipeline import analyze as run_analysis
    from analyzer.render import to_markdown

    try:
        result = run_analysis(files[0], roster=roster_path)
    except AnalyzerError as exc:
        fail(exc.message)
    if fmt is Format.docx and output is not None:
        from analyzer.render_docx import to_docx

        try:
            to_docx(result, output)
        except OSError as exc:
            fail(f"không ghi được tệp {output}: {exc.strerror}")
        return
    if fmt is Format.html:
        from analyzer.render_html import to_html

        text = to_html(result)
    else:
        text = (
            to_markdown(result)
            if fmt is Format.md
            else json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        )
    _write(text, output)


@app.command()
def train(
    seed: Annotated[int, typer.Option(help="Hạt giống ngẫu nhiên (kết quả lặp lại được).")] = 0,
    version: Annotated[
        str | None, typer.Option(help="Phiên bản mô hình (mặc định: phiên bản hiện hành).")
    ] = None,
) -> None:
    """Huấn luyện lại bộ phân loại ý kiến trên tập train của kho ngữ liệu."""
    from analyzer.evaluate import train as run_training

    card = run_training(seed=seed, version=version, command=" ".join(["bienban", *sys.argv[1:]]))
    typer.echo(
        f"Đã lưu mô hình phiên bản {card['version']} ({card['train_candidates']} mệnh đề huấn luyện)."
    )
    _print_report(card["dev_report"])


@app.command()
def evaluate(
    split: Annotated[str, typer.Option(help="dev hoặc test.")] = "dev",
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")] = False,
    cv: Annotated[
        int,
        typer.Option(
            help="Kiểm định chéo K phần trên tập train (K ≥ 2; bỏ qua --split); 0: không dùng."
        ),
    ] = 0,
) -> None:
    """Đánh giá trên kho ngữ liệu đã gán nhãn."""
    from analyzer.evaluate import cross_validate, splits
    from analyzer.evaluate import evaluate as run_evaluation

    if cv:
        if cv < 2:
            fail(f"--cv cần ít nhất 2 phần (nhận được {cv}).")
        report = cross_validate(cv)
    else:
        if split not in splits():
            fail(f"không có tập {split!r} (có: {', '.join(splits())}).")
        report = run_evaluation(split)
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print_report(report)


def _print_report(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=f"bienban — tập {report['split']} ({report['documents']} văn bản)")
    for column in ("chỉ số", "precision", "recall", "F1", "số mẫu"):
        table.add_column(column, justify="left" if column == "chỉ số" else "right")
    turns = report["turns"]
    table.add_row(
        "turns",
        f"{turns['precision']:.3f}",
        f"{turns['recall']:.3f}",
        f"{turns['f1']:.3f}",
        str(turns["support"]),
    )
    for kind, score in report["items"].items():
        table.add_row(
            kind,
            f"{score['precision']:.3f}",
            f"{score['recall']:.3f}",
            f"{score['f1']:.3f}",
            str(score["support"]),
        )
    console.print(table)
    accuracy = Table(show_header=True)
    accuracy.add_column("độ chính xác")
    accuracy.add_column("giá trị", justify="right")
    accuracy.add_column("số mẫu", justify="right")
    for key in (
        "speaker_accuracy",
        "facts_accuracy",
        "assignee_accuracy",
        "deadline_accuracy",
        "vote_counts_exact",
        "proposal_status_accuracy",
    ):
        accuracy.add_row(key, f"{report[key]['accuracy']:.3f}", str(report[key]["n"]))
    for key, value in report["facts"].items():
        accuracy.add_row(f"  facts.{key}", f"{value['accuracy']:.3f}", str(value["n"]))
    console.print(accuracy)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(f"không ghi được tệp {output}: {exc.strerror}")


def _batch(files: list[Path], roster: str | None, jobs: int, output: Path | None) -> int:
    from rich.console import Console
    from rich.progress import Progress

    failed = 0
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with Progress(transient=True, console=Console(stderr=True)) as progress:
            task = progress.add_task("Đang phân tích", total=len(files))
            if jobs == 1:
                results = (_analyze_one(str(f), roster) for f in files)
                for record in results:
                    failed += "error" in record
                    sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                    progress.advance(task)
            else:
                with ProcessPoolExecutor(max_workers=jobs) as pool:
                    for record in pool.map(_analyze_one, map(str, files), [roster] * len(files)):
                        failed += "error" in record
                        sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                        progress.advance(task)
    finally:
        if output:
            sink.close()
    return failed


class TrendFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _trend_inputs(paths: list[Path]) -> list[Path]:
    """Like ``_expand``, plus saved analyses (.json, .jsonl) found in folders."""
    from analyzer.trends import SAVED_SUFFIXES

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            saved = [
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SAVED_SUFFIXES
            ]
            files += sorted(_expand([path]) + saved)
        else:
            files.append(path)
    return files


def _trend_analyze(files: list[Path], jobs: int) -> list[dict[str, Any]]:
    """Batch worker records for the documents, in input order, with a progress bar on stderr."""
    from rich.console import Console
    from rich.progress import Progress

    records: list[dict[str, Any]] = []
    if not files:
        return records
    console = Console(stderr=True)
    with Progress(transient=True, console=console, disable=not console.is_terminal) as progress:
        task = progress.add_task("Đang phân tích", total=len(files))
        if jobs == 1 or len(files) == 1:
            results: Any = (_analyze_one(str(f), None) for f in files)
            for record in results:
                records.append(record)
                progress.advance(task)
        else:
            with ProcessPoolExecutor(max_workers=min(jobs, len(files))) as pool:
                for record in pool.map(_analyze_one, map(str, files), [None] * len(files)):
                    records.append(record)
                    progress.advance(task)
    return records


@app.command()
def trend(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Biên bản, kết quả phân tích đã lưu (.json, .jsonl) hoặc thư mục chứa chúng."
        ),
    ],
    fmt: Annotated[
        TrendFormat, typer.Option("--format", "-f", help="table, json hoặc csv.")
    ] = TrendFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Ghi kết quả vào tệp.")
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Số tiến trình khi phân tích nhiều tệp.")
    ] = 1,
) -> None:
    """Xu hướng tham gia của từng thành viên qua các cuộc họp, theo thứ tự ngày họp."""
    from analyzer.schema import Analysis
    from analyzer.trends import build_trend, is_saved, load_saved, print_table, to_csv, to_json
    from analyzer.trends import to_text as trend_text

    def warn(message: str) -> None:
        typer.echo(f"bienban: {message}", err=True)

    files = _trend_inputs(paths)
    if not files:
        fail(
            "không có tệp nào để đọc (định dạng hỗ trợ: "
            + ", ".join(sorted(SUPPORTED | {".json", ".jsonl"}))
            + ")."
        )
    found: list[list[Analysis]] = [[] for _ in files]
    documents = [i for i, f in enumerate(files) if not is_saved(f)]
    for i, path in enumerate(files):
        if is_saved(path):
            try:
                found[i] = load_saved(path, warn)
            except AnalyzerError as exc:
                warn(f"{path}: {exc.message}")
    for i, record in zip(
        documents, _trend_analyze([files[i] for i in documents], jobs), strict=True
    ):
        if "error" in record:
            warn(f"{files[i]}: {record['error']['message']}")
        else:
            found[i] = [Analysis.model_validate(record)]
    analyses = [analysis for group in found for analysis in group]
    if not analyses:
        fail("không đọc được cuộc họp nào.")
    result = build_trend(analyses, warn)
    if fmt is TrendFormat.json:
        _write(to_json(result), output)
    elif fmt is TrendFormat.csv:
        _write(to_csv(result), output)
    elif output is not None:
        _write(trend_text(result), output)
    else:
        print_table(result)


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        app()
    except AnalyzerError as exc:
        typer.echo(f"bienban: {exc.message}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("BIENBAN_DEBUG"):
            raise
        typer.echo(
            f"bienban: lỗi nội bộ ({type(exc).__name__}); chạy lại với BIENBAN_DEBUG=1 để xem chi tiết.",
            err=True,
        )
        sys.exit(1)


if __name__ == "__main__":
    main()
