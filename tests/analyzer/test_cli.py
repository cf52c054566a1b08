"""The command line: formats, output file, batch, and bad input as one line with status 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.analyzer.builders import run_cli as bienban
from tests.conftest import SAMPLES

ROOT = Path(__file__).resolve().parents[2]


def test_json_to_stdout() -> None:
    result = bienban("analyze", str(SAMPLES / "hop-hoi-dong-su-pham.txt"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema_version"] == "1" and data["turns"]


def test_markdown_to_file(tmp_path: Path) -> None:
    out = tmp_path / "out.md"
    result = bienban(
        "analyze", str(SAMPLES / "chi-bo-chuyen-de-quy-3.docx"), "--format", "md", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    body = out.read_text(encoding="utf-8")
    assert body.startswith("# ") and "## Ý kiến phát biểu" in body


def test_roster_file(tmp_path: Path) -> None:
    roster = tmp_path / "roster.txt"
    roster.write_text(
        "# thành viên\nNguyễn Văn An, trưởng nhóm\nĐặng Thị Im Lặng\n", encoding="utf-8"
    )
    transcript = tmp_path / "t.txt"
    transcript.write_text("Nguyễn Văn An: chào cả nhóm\nan: bắt đầu nhé\n", encoding="utf-8")
    result = bienban("analyze", str(transcript), "--roster", str(roster))
    assert result.returncode == 0, result.stderr
    members = {m["name"]: m for m in json.loads(result.stdout)["members"]}
    assert members["Đặng Thị Im Lặng"]["spoke"] is False
    assert members["Nguyễn Văn An"]["spoke"] is True


def test_batch_jsonl_keeps_going_after_a_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Nguyễn Văn An: nhất trí\nTrần Bình: đồng ý\n", encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    (folder / "c.srt").write_bytes((SAMPLES / "chi-doan-thang-10.srt").read_bytes())
    result = bienban("analyze", str(folder), "--format", "jsonl", "--jobs", "2")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3
    assert [("error" in line) for line in lines] == [False, True, False]
    assert result.returncode == 1


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("garbage.txt", bytes(range(256)) * 40),
        ("picture.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        ("broken.docx", b"PK\x03\x04 not really a zip"),
        ("missing.txt", None),
    ],
)
def test_bad_input_is_one_line_and_status_2(
    tmp_path: Path, name: str, content: bytes | None
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = bienban("analyze", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bienban: ")
    assert "Traceback" not in result.stderr


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    from analyzer.ingest import MAX_INPUT_BYTES

    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES + 1)  # sparse: costs no disk
    result = bienban("analyze", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "named"),
    [(("--cv", "1"), "--cv"), (("--split", "holdout"), "holdout")],
)
def test_evaluate_refuses_bad_options_in_one_line(args: tuple[str, ...], named: str) -> None:
    result = bienban("evaluate", *args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bienban: ") and named in lines[0]
    assert "Traceback" not in result.stderr
