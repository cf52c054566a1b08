"""Pathological input finishes in bounded time and memory, or is refused quickly.

The texts and the measuring live in ``limits_worker.py``, run once in a subprocess (the pipeline
is loaded once; each case runs in a forked child, so its peak memory is its own). Time bounds are
on CPU time, which a busy CI machine does not inflate; each is at least three times what the case
takes on the development machine (2 cores), so they catch a complexity regression, not noise.
Measured there (CPU s, peak memory added): one_line_minutes 8.4 s / +86 MB (before the hardening
fixes: 30.4 s / +1,316 MB), one_line_prose 7.1 s / +36 MB, bullets 6.9 s / +97 MB, punctuation
4.1 s / +34 MB, nfd_combining 4.3 s / +47 MB, short_sentences 5.2 s / +40 MB (before:
16.8 s / +3,092 MB), many_headings 5.1 s / +58 MB (before: 32.5 s), space_runs 0.9 s / +11 MB
(before the possessive and start-of-run blanks: over 120 s), reported_speech 4.1 s / +19 MB
(before the first-person check was searched once per line: 2.9 s at 82,000 characters, growing
with the square of the length), time_then_blanks 1.2 s / +13 MB (before
the possessive blanks of the notebook end-time pattern: over 60 s for 5,000 blanks), label_blanks
1.1 s (before the possessive blanks of the speech-verb pattern: 25 s for 4,000 blanks).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analyzer import ingest
from analyzer.errors import InputTooLargeError
from tests.analyzer.builders import assemble_pdf
from tests.analyzer.limits_worker import CASES
from tests.analyzer.test_ingest import zip_bomb, zip_bytes

CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
PACKAGE_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)

WORKER = Path(__file__).resolve().parent / "limits_worker.py"
ROOT = WORKER.parents[2]
MAX_RSS_DELTA_MB = 512
CPU_BOUND_S = {"many_headings": 20}  # 32.5 s when the section lookup was a scan
DEFAULT_CPU_BOUND_S = 30


@pytest.fixture(scope="module")
def measured() -> dict[str, dict]:
    proc = subprocess.run(
        [sys.executable, str(WORKER), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return {row["case"]: row for row in json.loads(proc.stdout.splitlines()[-1])}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(CASES))
def test_pathological_text_is_analysed_in_bounded_time_and_memory(
    measured: dict[str, dict], case: str
) -> None:
    row = measured[case]
    assert row["outcome"] == "analysed", row
    assert row["cpu_s"] < CPU_BOUND_S.get(case, DEFAULT_CPU_BOUND_S), row
    assert row["rss_delta_mb"] < MAX_RSS_DELTA_MB, row


def test_a_docx_zip_bomb_is_refused_in_under_a_second() -> None:
    bomb = zip_bomb(60 * 1024 * 1024)  # 60 MB of zeros inflating from about 60 KB
    started = time.perf_counter()
    with pytest.raises(InputTooLargeError, match=r"bom\.docx"):
        ingest.read_bytes(bomb, "bom.docx")
    assert time.perf_counter() - started < 1.0


def _nested_tables_docx(depth: int, cells: int) -> bytes:
    """Tables nested ``depth`` deep around a row of ``cells`` cells of random hex text (so that
    the zip is not refused for its compression ratio)."""
    rnd = random.Random(0)
    row = "".join(
        f"<w:tc><w:p><w:r><w:t>{rnd.getrandbits(40):x}</w:t></w:r></w:p></w:tc>"
        for _ in range(cells)
    )
    body = (
        "<w:tbl><w:tr><w:tc>" * depth
        + f"<w:tbl><w:tr>{row}</w:tr></w:tbl>"
        + "<w:p/></w:tc></w:tr></w:tbl>" * depth
    )
    document = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    return zip_bytes(
        {
            "[Content_Types].xml": CONTENT_TYPES.encode(),
            "_rels/.rels": PACKAGE_RELS.encode(),
            "word/document.xml": document.encode(),
        }
    )


def test_deeply_nested_docx_tables_are_read_in_linear_time() -> None:
    """Every row used to visit every cell below it: 80 nested tables around 20,000 cells took
    3.2 s of CPU (200,000 cells, a 1.4 MB file: 37 s); now 0.2 s."""
    data = _nested_tables_docx(80, 20_000)
    started = time.process_time()
    document = ingest.read_bytes(data, "long-bang.docx")
    assert time.process_time() - started < 1.5
    assert document.text.count("|") == 19_999


def _pdf_with_a_form(form_ops: bytes, calls: int, pages: int) -> bytes:
    """``pages`` pages that each call the same form XObject ``calls`` times."""
    kids = " ".join(f"{6 + i} 0 R" for i in range(pages))
    page_ops = b"/X0 Do\n" * calls
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R"
        b" >> >> /Length %d >>\nstream\n%s\nendstream" % (len(form_ops), form_ops),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(page_ops), page_ops),
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R"
        b" >> /XObject << /X0 4 0 R >> >> /Contents 5 0 R >>"
    ] * pages
    return assemble_pdf(objects)


def test_pdf_text_extraction_has_a_cpu_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    """pypdf parses a form XObject again at every call: this file (99 KB, about 2 KB with its
    streams compressed) took 12 s a page, 2 minutes in all. The budget is 20 s; here 0.3 s, so
    that the test is quick."""
    monkeypatch.setattr(ingest, "_PDF_MAX_CPU_SECONDS", 0.3)
    data = _pdf_with_a_form(b"BT () Tj ET\n" * 8_000, calls=100, pages=10)
    started = time.process_time()
    with pytest.raises(InputTooLargeError, match=r"formy\.pdf quá phức tạp"):
        ingest.read_bytes(data, "formy.pdf")
    assert time.process_time() - started < 3.0


def test_a_pdf_form_is_read_at_most_100_times_a_page() -> None:
    form = b"BT /F1 12 Tf 72 700 Td (Bien ban hop chi bo) Tj ET\n"
    document = ingest.read_bytes(_pdf_with_a_form(form, calls=500, pages=1), "form.pdf")
    assert document.text.count("Bien ban hop chi bo") == 100


def test_text_over_the_character_limit_is_refused_at_once() -> None:
    text = "Đồng chí Lan phát biểu: nhất trí. " * 40_000  # 1,360,000 characters
    started = time.perf_counter()
    with pytest.raises(InputTooLargeError, match="1,000,000"):
        ingest.read_text(text, "dai.txt")
    assert time.perf_counter() - started < 1.0
