"""The HTML report and the Word document: self-contained, well-formed, faithful to the offsets;
the CLI writes both and refuses docx without an output file."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from analyzer import Analysis, analyze
from analyzer.render_docx import TASK_HEADERS, to_docx
from analyzer.render_html import to_html
from analyzer.schema import Item, Resolution, Review, Sentence, Summary, TaskRow
from tests.conftest import SAMPLES

ROOT = Path(__file__).resolve().parents[2]
CASES = {
    "docx": SAMPLES / "chi-bo-chuyen-de-quy-3.docx",
    "vtt": SAMPLES / "hop-nhom-du-an.vtt",
    "empty": "Hôm nay trời đẹp.",
}
FORBIDDEN = ("http://", "https://", "//", "src=", "@import")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SVG_EMPTY = {"rect", "path", "line", "circle"}  # written self-closing inside the SVG
HEADINGS = (
    "Tóm tắt cuộc họp",
    "Nhận xét, rút kinh nghiệm",
    "Dự thảo nghị quyết",
    "Tham gia thảo luận",
    "Độ đầy đủ của biên bản",
    "Phân công nhiệm vụ",
)


@pytest.fixture(scope="module", params=list(CASES), ids=list(CASES))
def analysis(request: pytest.FixtureRequest) -> Analysis:
    source = CASES[request.param]
    return analyze(Path(source) if isinstance(source, Path) else source)


class _Page(HTMLParser):
    """Checks nesting and collects every <mark> with its attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.marks: list[tuple[dict[str, str | None], str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._mark: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in VOID:
            return
        if tag == "mark":
            if self._mark is not None:
                self.errors.append("nested <mark>")
            self._mark = []
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID | SVG_EMPTY:
            self.errors.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        if tag == "mark" and self._mark is not None:
            self.marks.append((self.tags_last("mark"), "".join(self._mark)))
            self._mark = None

    def handle_data(self, data: str) -> None:
        if self._mark is not None:
            self._mark.append(data)

    def tags_last(self, name: str) -> dict[str, str | None]:
        return next(attrs for tag, attrs in reversed(self.tags) if tag == name)


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert not parser.errors, parser.errors[:5]
    assert parser.stack == [], parser.stack
    return parser


def _check_marks(analysis: Analysis, parser: _Page) -> None:
    items = {f"src-{item.id}": item for item in analysis.items}
    for attrs, text in parser.marks:
        item = items[str(attrs["id"])]
        assert text == analysis.text[item.start : item.end]
        assert attrs["class"] == item.kind and attrs["title"]


# --- HTML ---------------------------------------------------------------------------------------


def test_html_is_one_self_contained_page(analysis: Analysis) -> None:
    page = to_html(analysis)
    assert page.startswith("<!DOCTYPE html>")
    for needle in FORBIDDEN:
        assert needle not in page, needle
    parser = _parse(page)
    tags = [tag for tag, _ in parser.tags]
    assert ("html", {"lang": "vi"}) in parser.tags
    assert ("meta", {"charset": "utf-8"}) in parser.tags
    assert "<svg" in page and "script" not in tags and "img" not in tags and "link" not in tags
    svg = next(attrs for tag, attrs in parser.tags if tag == "svg")
    assert svg["role"] == "img" and svg["aria-label"]
    assert "title" in tags[tags.index("svg") :]
    for _, attrs in parser.tags:
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href


def test_html_marks_every_item_at_its_offsets(analysis: Analysis) -> None:
    parser = _parse(to_html(analysis))
    _check_marks(analysis, parser)
    assert len(parser.marks) == len(analysis.items)  # items never overlap in the samples


def test_html_chart_has_a_bar_per_member_and_labels_silent_ones(analysis: Analysis) -> None:
    page = to_html(analysis)
    chart = page[page.index("<svg") : page.index("</svg>")]
    members = analysis.metrics.members
    if not members:
        assert "Chưa có dữ liệu" in chart
        return
    silent = [m for m in members if m.turns == 0]
    assert chart.count('class="bar"') == len(members) - len(silent)
    assert chart.count('class="silent"') == len(silent)
    assert chart.count("chưa phát biểu</text>") == len(silent)
    for member in members:
        assert member.name in chart


def test_html_without_summary_review_resolution(analysis: Analysis) -> None:
    bare = analysis.model_copy(
        update={"summary": Summary(), "review": Review(), "resolution": Resolution()}
    )
    page = to_html(bare)
    _parse(page)
    for anchor in ("tom-tat", "nhan-xet", "nghi-quyet"):
        section = page[page.index(f'<section id="{anchor}"') :]
        section = section[: section.index("</section>")]
        assert "Chưa có." in section


def test_html_shows_summary_review_and_resolution(analysis: Analysis) -> None:
    filled = analysis.model_copy(
        update={
            "summary": Summary(
                opening="Cuộc họp diễn ra <đúng giờ>.",
                points=[Sentence(text="Ý chính thứ nhất")],
                tasks=[TaskRow(assignee="Tổ 2", task="Rà soát hồ sơ")],
            ),
            "review": Review(strengths=["Đông đủ"], suggestions=["Chuẩn bị kỹ hơn"]),
            "resolution": Resolution(title="DỰ THẢO NGHỊ QUYẾT", vote="……"),
        }
    )
    page = to_html(filled)
    _parse(page)
    for text in ("&lt;đúng giờ&gt;", "Ý chính thứ nhất", "Rà soát hồ sơ", "Đông đủ"):
        assert text in page
    assert "Chuẩn bị kỹ hơn" in page and "DỰ THẢO NGHỊ QUYẾT" in page


def test_html_escapes_text_and_guards_overlapping_items() -> None:
    text = "Đồng chí Lan: đề nghị xem <b>tài liệu</b> tại https://vi.example.org/a?x=1 & gửi góp ý."
    base = analyze(text)
    start = text.index("đề nghị")
    items = [
        Item(id="a", kind="proposal", text=text[start:], start=start, end=len(text), confidence=1),
        Item(id="b", kind="concern", text="", start=start + 3, end=start + 9, confidence=1),
        Item(
            id="c", kind="question", text="", start=len(text) - 2, end=len(text) + 5, confidence=1
        ),
        Item(id="d", kind="vote", text="", start=5, end=5, confidence=1),
    ]
    analysis = base.model_copy(update={"items": items})
    page = to_html(analysis)
    for needle in (*FORBIDDEN, "<b>"):
        assert needle not in page, needle
    parser = _parse(page)
    _check_marks(analysis, parser)
    assert [attrs["id"] for attrs, _ in parser.marks] == ["src-a"]
    assert parser.marks[0][1].endswith("https://vi.example.org/a?x=1 & gửi góp ý.")


# --- DOCX ---------------------------------------------------------------------------------------


def test_docx_reopens_with_headings_and_task_table(analysis: Analysis, tmp_path: Path) -> None:
    out = tmp_path / "bien-ban.docx"
    to_docx(analysis, out)
    document = docx.Document(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for heading in HEADINGS:
        assert heading in headings, heading
    assert document.paragraphs[0].style.name == "Title"
    assert document.styles["Normal"].font.name == "Times New Roman"
    task_tables = [
        t for t in document.tables if tuple(c.text for c in t.rows[0].cells) == TASK_HEADERS
    ]
    assert task_tables
    actions = [i for i in analysis.items if i.kind == "action_item"]
    rows = task_tables[0].rows
    assert len(rows) == 1 + len(actions)
    for row, item in zip(rows[1:], actions, strict=True):
        assert row.cells[1].text == " ".join((item.task or item.text).split())


def test_docx_for_5000_words_takes_under_a_second(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "make_long_minutes", ROOT / "benchmarks" / "make_long_minutes.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    analysis = analyze(module.make_minutes(5000))
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        to_docx(analysis, tmp_path / "long.docx")
        timings.append(time.perf_counter() - started)
    assert min(timings) < 1.0, timings


# --- CLI ----------------------------------------------------------------------------------------


def bienban(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analyzer.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        timeout=120,
    )


def test_cli_writes_html_and_docx(tmp_path: Path) -> None:
    sample = str(CASES["docx"])
    page = tmp_path / "x.html"
    result = bienban("analyze", sample, "--format", "html", "-o", str(page))
    assert result.returncode == 0, result.stderr
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    word = tmp_path / "x.docx"
    result = bienban("analyze", sample, "--format", "docx", "-o", str(word))
    assert result.returncode == 0, result.stderr
    assert docx.Document(str(word)).paragraphs[0].style.name == "Title"


def test_cli_refuses_docx_without_output() -> None:
    result = bienban("analyze", str(CASES["vtt"]), "--format", "docx")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bienban: ") and "-o" in lines[0]
    assert result.stdout == ""
