"""Builders for small minutes used across tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from analyzer.attribution import build_analysis
from analyzer.facts import MeetingFacts
from analyzer.pipeline import run, state
from analyzer.schema import Analysis, Source


def minutes(
    *body: str,
    title: str = "BIÊN BẢN SINH HOẠT CHI BỘ ĐỊNH KỲ THÁNG 4",
    org: str = "CHI BỘ TỔ DÂN PHỐ 5",
    opening: str = "Vào hồi 8 giờ 00 ngày 10 tháng 4 năm 2025, tại Nhà văn hóa tổ 5, chi bộ tiến hành họp.",
) -> str:
    """A plain minutes text: header, title, opening sentence, then the given lines."""
    head = ["ĐẢNG BỘ XÃ AN PHÚ", org, "", title, "", opening]
    return "\n".join([*head, *body]) + "\n"


# Minutes whose header was typed at a desk and the rest on a phone during the meeting, without
# diacritics.
PHONE_NOTES_HEADER = [
    "HỘI SINH VIÊN VIỆT NAM",
    "BIÊN BẢN HỌP BAN CHẤP HÀNH THÁNG 3/2026",
    "- Chủ trì: Ninh Quang Thái – Chủ tịch Hội",
    "- Thư ký: Vũ Thị Hoài Thương",
    "(phan duoi ghi tren dt trong luc hop)",
    "Thoi gian: 19h30 toi thu 3, 10/3/2026, phong Doan - Hoi tang 1 nha C3.",
]


def facts_of(text: str) -> MeetingFacts:
    return state(run(text))["facts"]


def analysis_of(text: str, roster: list[str] | None = None) -> Analysis:
    doc = run(text)
    return build_analysis(doc, Source(name="test.txt", format="txt", sha256="0" * 64), roster, [])


ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, timeout: int = 180) -> subprocess.CompletedProcess[str]:
    """``bienban ARGS`` in a subprocess, offline, from the repository root."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "COLUMNS": "80"}
    return subprocess.run(
        [sys.executable, "-m", "analyzer.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
    )


def assemble_pdf(objects: list[bytes]) -> bytes:
    """A PDF of numbered objects 1..n (1 is the catalogue), its cross-reference table and
    trailer."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
