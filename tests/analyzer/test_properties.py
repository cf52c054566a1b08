"""Property-based tests: any text either yields a well-formed ``Analysis`` or a clear
``AnalyzerError``, never another exception, and every offset points into ``analysis.text``.

Examples per test, chosen with ``BIENBAN_HYPOTHESIS_PROFILE``:

- ``ci`` (default): 100, derandomised (the same examples on every run, no example database), so
  CI is reproducible; about 15 s in all;
- ``long``: 3,000, random, with the example database (``.hypothesis/`` in the working directory),
  for a hunt: ``BIENBAN_HYPOTHESIS_PROFILE=long python -m pytest -q tests/analyzer/test_properties.py``;
- ``dev``: 20, random, for a quick local loop.

The settings are applied to these tests only (no global profile is loaded, so the other
hypothesis users, such as the schema fuzzing of the API, keep theirs). The slowest strategies
(long lines, the Word round trip, the three reports) run a quarter of the examples.

The model is loaded once per process; one analysis costs about 0.05-0.2 s.
"""

from __future__ import annotations

import io
import json
import os
import re
import string
import unicodedata
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from analyzer import ingest
from analyzer.errors import AnalyzerError
from analyzer.normalize import normalize_text
from analyzer.pipeline import analyze_raw, get_nlp, state
from analyzer.render import to_markdown
from analyzer.render_docx import to_docx
from analyzer.render_html import to_html
from analyzer.schema import Analysis

_PROFILES: dict[str, dict[str, Any]] = {
    "ci": {"max_examples": 100, "derandomize": True, "database": None},
    "dev": {"max_examples": 20},
    "long": {"max_examples": 3000},
}
PROFILE = os.environ.get("BIENBAN_HYPOTHESIS_PROFILE", "ci")
PROPERTY = settings(
    deadline=None,  # one analysis takes 0.05-0.5 s, the first ones longer
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
    **_PROFILES[PROFILE],
)
FEWER = settings(PROPERTY, max_examples=max(10, PROPERTY.max_examples // 4))


@pytest.fixture(scope="module", autouse=True)
def _loaded() -> None:
    get_nlp()  # loaded once, outside the timed examples


# --- strategies ------------------------------------------------------------------------------

# Any Unicode text, control characters and noncharacters included, without lone surrogates
# (``test_lone_surrogates`` has those: only JSON input can carry them).
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=400)

# Scripts mixed in one text, with the combining marks that Vietnamese uses.
_SCRIPTS = (
    "abcdeghiklmnopqrstuvxyĐđăâêôơư"
    "ÀÁẢÃẠàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "\u0300\u0301\u0303\u0309\u0323\u0306\u0302\u031b"
    "абвгдежзийклмнопрстуфхцчшщъыьэюя中文字會議記錄会议ひらがなカタカナ한국어"
    "ابتثجحخدذرזשלוםאבגดตถทธนบปผฝพฟภมยรลวศษสหอฮ"
    "😀👍🏽🇻🇳\u200b\u200d\u2028\u2029\ufeff\ufffe\uffff\u00ad\u00a0\u3000"
    "0123456789٠١٢٣٤٥٦٧٨٩०१२३"
    " \t\n\r\x0b\x0c\x85:.,;!?-–—•*+()[]/\"'“”…"
)
mixed_text = st.text(alphabet=st.sampled_from(_SCRIPTS), min_size=1, max_size=600)

_PUNCTUATION = string.punctuation + "–—…“”‘’«»·•●○▪■◦►✓❖➢→、。！？：；（）【】"
only_punctuation = st.text(
    alphabet=st.sampled_from(_PUNCTUATION + " \n\t"), min_size=1, max_size=2000
)

# Vietnamese-looking minutes from a small alphabet of cue words, names, numbers and dates.
_PIECES = (
    "Đồng chí",
    "đồng chí",
    "Đ/c",
    "đ/c",
    "Ý kiến",
    "Ý kiến của đồng chí",
    "Ông",
    "Bà",
    "Các đồng chí đều nhất trí",
    ":",
    ": ",
    "\n",
    "\n\n",
    "- ",
    "+ ",
    "• ",
    "1. ",
    "2) ",
    "I. ",
    "II/ ",
    "a) ",
    " ",
    ".",
    ",",
    "(",
    ")",
    "Nguyễn Văn Hùng",
    "Trần Thị Lan",
    "Lê Minh",
    "Hùng",
    "Lan",
    "Minh",
    "Bí thư chi bộ",
    "chủ trì",
    "Chủ trì:",
    "Thư ký:",
    "thư ký",
    "phát biểu",
    "đề nghị",
    "đề xuất",
    "kiến nghị",
    "nhất trí",
    "đồng ý",
    "kết luận",
    "Kết luận:",
    "giao",
    "trước ngày",
    "biểu quyết",
    "tán thành",
    "không tán thành",
    "9/9",
    "100%",
    "BIÊN BẢN",
    "SINH HOẠT CHI BỘ",
    "THẢO LUẬN",
    "KẾT LUẬN",
    "Vào hồi",
    "14 giờ 00",
    "2 giờ chiều",
    "ngày",
    "15/3/2024",
    "31/02/2024",
    "ngày 15 tháng 3 năm 2024",
    "tại Hội trường",
    "Địa điểm:",
    "Có mặt:",
    "Tổng số đảng viên:",
    "Vắng:",
    "vắng có lý do",
    "0",
    "7",
    "12",
    "9999",
    "?",
    "…",
    "WEBVTT\n\n",
    "00:00:01.000 --> 00:00:02.000\n",
    "1\n00:00:01,000 --> 00:00:02,000\n",
    "<v Lan>",
    "</v>",
    "[Hùng] ",
)
vietnamese_like = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=120).map("".join)

_NAMES = ["Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Minh", "Hùng", "Lan", "Phạm Thu Hà", "Ngọc Ánh"]
_HONORIFICS = ["Đồng chí ", "đồng chí ", "Đ/c ", "đ/c ", "Ý kiến của đồng chí ", "Ông ", "Bà "]
_ROLES = ["", " (Bí thư chi bộ)", " - Phó bí thư", ", chủ trì", " (thư ký)", " Chi ủy viên"]
_VERBS = [":", ": ", " phát biểu:", " đề nghị", " kết luận:", " trình bày báo cáo", " hỏi:"]
_CLAUSES = [
    "đề nghị tăng cường kiểm tra việc thực hiện nghị quyết",
    "nhất trí với báo cáo",
    "giao đồng chí Lan hoàn thành trước ngày 30/4/2024",
    "Chi bộ biểu quyết 9/9 đồng chí tán thành (100%)",
    "còn băn khoăn về kinh phí tổ chức",
    "khi nào thì triển khai?",
    "thống nhất thông qua nghị quyết",
    "đồng ý",
    "cần làm rõ trách nhiệm của từng tổ",
    "Đề xuất tổ chức hội nghị vào tháng 5",
]
_HEADINGS = [
    "BIÊN BẢN SINH HOẠT CHI BỘ THÁNG 3",
    "CHI BỘ TỔ DÂN PHỐ 5",
    "I. THỜI GIAN, ĐỊA ĐIỂM",
    "II. THÀNH PHẦN",
    "III. NỘI DUNG",
    "1. Báo cáo",
    "2. Thảo luận",
    "Ý KIẾN THẢO LUẬN",
    "KẾT LUẬN",
    "Biểu quyết",
    "Cuộc họp kết thúc vào hồi 16 giờ 30 cùng ngày.",
    "THƯ KÝ                CHỦ TRÌ",
]
_FACTS = [
    "Vào hồi 14 giờ 00 ngày 15/3/2024, tại Hội trường, chi bộ tiến hành họp.",
    "Thời gian: 8 giờ sáng ngày 10 tháng 4 năm 2025",
    "Địa điểm: Nhà văn hóa tổ 5",
    "Chủ trì: đồng chí Nguyễn Văn Hùng, Bí thư chi bộ",
    "Thư ký: đồng chí Trần Thị Lan",
    "Tổng số đảng viên: 10; có mặt: 9; vắng: 1 (đồng chí Minh, có lý do)",
    "Khách mời: đồng chí Phạm Thu Hà",
    "Chương trình: 1. Báo cáo tháng 3; 2. Phương hướng tháng 4",
]


@st.composite
def cue_line(draw: st.DrawFn) -> str:
    marker = draw(st.sampled_from(["", "- ", "+ ", "• ", "1. ", "a) "]))
    clauses = draw(st.lists(st.sampled_from(_CLAUSES), min_size=0, max_size=3))
    return (
        marker
        + draw(st.sampled_from(_HONORIFICS))
        + draw(st.sampled_from(_NAMES))
        + draw(st.sampled_from(_ROLES))
        + draw(st.sampled_from(_VERBS))
        + " "
        + ". ".join(clauses)
        + draw(st.sampled_from(["", ".", ";", "?"]))
    )


def _spliced(line: str, pieces: list[str], where: int) -> str:
    cut = where % (len(line) + 1)
    return line[:cut] + "".join(pieces) + line[cut:]


@st.composite
def minutes_like(draw: st.DrawFn) -> str:
    """Minutes shaped like the real ones (headings, facts, cue lines, clauses), with some lines
    damaged by pieces or any characters spliced in, and a line separator drawn per document."""
    line = st.one_of(
        cue_line(),
        st.sampled_from(_HEADINGS),
        st.sampled_from(_FACTS),
        st.sampled_from(_CLAUSES).map(lambda c: "- " + c + "."),
        st.just(""),
    )
    lines = draw(st.lists(line, min_size=1, max_size=40))
    damage = draw(
        st.lists(
            st.tuples(
                st.integers(0, 10**6),
                st.lists(
                    st.one_of(
                        st.sampled_from(_PIECES),
                        st.sampled_from(_SCRIPTS),
                        st.characters(exclude_categories=("Cs",)),
                    ),
                    max_size=3,
                ),
            ),
            max_size=5,
        )
    )
    for where, pieces in damage:
        index = where % len(lines)
        lines[index] = _spliced(lines[index], pieces, where)
    separator = draw(st.sampled_from(["\n", "\n", "\r\n", "\n\n", " "]))
    return separator.join(lines)


@st.composite
def captions_like(draw: st.DrawFn) -> tuple[str, str]:
    """A WebVTT or SRT file: cues with timings (some malformed), voice tags or "Name:" labels,
    markup and entities; and the file name to read it under."""
    vtt = draw(st.booleans())
    text_piece = st.one_of(
        st.sampled_from(_CLAUSES),
        st.sampled_from(_PIECES),
        st.sampled_from(["<b>", "</b>", "<i>", "&amp;", "&lt;", "<c.loud>", "</c>", "{\\an8}"]),
        st.text(max_size=5),
    )
    cues = []
    for number in range(draw(st.integers(1, 12))):
        start = draw(st.integers(0, 10**6))
        end = start + draw(st.integers(-1000, 10**5))
        sep = "." if vtt else ","
        timing = f"{_clock(start, sep)} --> {_clock(max(end, 0), sep)}"
        timing = draw(st.sampled_from([timing] * 12 + [timing + " align:start", "00:00 --> ", ""]))
        speaker = draw(st.sampled_from([*_NAMES, ""]))
        label = draw(
            st.sampled_from(
                [f"<v {speaker}>", f"<v.loud {speaker}>", f"{speaker}: ", f"[{speaker}] ", ""]
            )
        )
        body = label + "".join(draw(st.lists(text_piece, max_size=4)))
        identifier = draw(st.sampled_from([str(number + 1), f"{number}-0", ""]))
        cues.append("\n".join(x for x in (identifier, timing, body) if x))
    header = (
        draw(st.sampled_from(["WEBVTT\n\n", "WEBVTT - họp\n\n", "\ufeffWEBVTT\n\n"])) if vtt else ""
    )
    return header + "\n\n".join(cues) + "\n", "hop.vtt" if vtt else "hop.srt"


def _clock(ms: int, sep: str) -> str:
    return (
        f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}{sep}{ms % 1000:03d}"
    )


nfd_vietnamese = st.one_of(vietnamese_like, minutes_like()).map(
    lambda text: unicodedata.normalize("NFD", text)
)


@st.composite
def long_line(draw: st.DrawFn) -> str:
    """A long line: a short unit repeated thousands of times, no newline."""
    unit = draw(st.lists(st.sampled_from(_PIECES[:40]), min_size=1, max_size=6).map("".join))
    unit = unit.replace("\n", " ") or "a"
    return unit * draw(st.integers(min_value=200, max_value=6000 // len(unit) + 200))


# Mostly plain text; the caption names check that non-captions are refused cleanly.
names = st.sampled_from(["text.txt"] * 5 + ["text", "bien-ban.md", "hop.vtt", "hop.srt", "a.TXT"])


# --- invariants ------------------------------------------------------------------------------


def _spans(value: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every dict of the dump with both "start" and "end" keys, with its path."""
    found = []
    if isinstance(value, dict):
        if "start" in value and "end" in value:
            found.append((path, value))
        for key, child in value.items():
            found += _spans(child, f"{path}.{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _spans(child, f"{path}[{index}]")
    return found


def _within(start: int | None, end: int | None, length: int, where: str) -> None:
    assert (start is None) == (end is None), where
    if start is not None:
        assert isinstance(start, int) and isinstance(end, int), where
        assert 0 <= start <= end <= length, f"{where}: {start}..{end} of {length}"


def check_analysis(analysis: Analysis, doc: Any = None) -> None:
    """The invariants of the JSON contract that hold for every input."""
    assert isinstance(analysis, Analysis)
    event(
        f"analysed: {'with' if analysis.turns else 'no'} turns, {'with' if analysis.items else 'no'} items"
    )
    text = analysis.text
    n = len(text)
    # The text is the normalised form: normalising again changes nothing.
    assert normalize_text(text).text == text
    dump = analysis.model_dump(mode="json")
    json.dumps(dump, ensure_ascii=False, allow_nan=False).encode("utf-8")  # no NaN, encodable
    assert Analysis.model_validate(dump).model_dump(mode="json") == dump

    for where, span in _spans(dump):
        _within(span["start"], span["end"], n, where)

    for section in analysis.sections:
        _within(section.start, section.end, n, f"section {section}")
    for before, after in zip(analysis.sections, analysis.sections[1:], strict=False):
        assert before.start <= after.start, (before, after)

    ids = {member.id for member in analysis.members}
    assert len(ids) == len(analysis.members)
    turns = {}
    for turn in analysis.turns:
        _within(turn.start, turn.end, n, turn.id)
        assert text[turn.start : turn.end] == turn.text, turn.id
        assert turn.speaker_id is None or turn.speaker_id == "group" or turn.speaker_id in ids
        assert turn.id not in turns
        turns[turn.id] = turn
    for before, after in zip(analysis.turns, analysis.turns[1:], strict=False):
        assert before.start < before.end or before.start == before.end
        assert before.end <= after.start, f"{before.id} overlaps {after.id}"

    item_ids = {item.id for item in analysis.items}
    for item in analysis.items:
        _within(item.start, item.end, n, item.id)
        assert text[item.start : item.end] == item.text, item.id
        if item.turn_id is not None:
            turn = turns[item.turn_id]
            assert turn.start <= item.start and item.end <= turn.end, (item.id, turn.id)
            assert item.speaker_id == turn.speaker_id, item.id
        assert item.answered_by is None or item.answered_by in item_ids
        assert 0.0 <= item.confidence <= 1.0
    for before, after in zip(analysis.items, analysis.items[1:], strict=False):
        assert before.end <= after.start, f"{before.id} overlaps {after.id}"

    for field in analysis.completeness.fields:
        _within(field.start, field.end, n, field.field)
    assert 0 <= analysis.completeness.found <= analysis.completeness.total

    summary, resolution = analysis.summary, analysis.resolution
    for sentence in [
        *summary.points,
        *summary.proposals,
        *summary.conclusions,
        *resolution.assessment,
        *resolution.limitations,
    ]:
        _within(sentence.start, sentence.end, n, sentence.text)
        if sentence.start is not None:
            assert " ".join(text[sentence.start : sentence.end].split()) == sentence.text
    for row in [*summary.tasks, *resolution.tasks]:
        _within(row.start, row.end, n, row.task)
    for warning in analysis.warnings:
        _within(warning.start, warning.end, n, warning.code)
        assert warning.message and "\n" not in warning.message
    for agenda in analysis.metrics.agenda:
        _within(agenda.start, agenda.end, n, agenda.item)
    share = analysis.metrics.share_spoke
    assert share is None or 0.0 <= share <= 1.0

    if doc is not None:
        assert doc.text == text
        facts = state(doc)["facts"]
        for key, (start, end) in facts.evidence.items():
            _within(start, end, n, f"evidence {key}")
        people = [facts.chair, facts.secretary, *facts.guests, *facts.attendees, *facts.absentees]
        for person in people:
            if person is not None:
                _within(person.start, person.end, n, f"person {person.name}")


def analyze_or_refuse(text: str, name: str = "text.txt") -> Analysis | None:
    """Analyse ``text`` as the API's JSON input does; an AnalyzerError is an accepted answer."""
    try:
        raw = ingest.read_text(text, name)
        analysis, doc = analyze_raw(raw)
    except AnalyzerError as error:
        refused(error)
        return None
    check_analysis(analysis, doc)
    return analysis


def refused(error: AnalyzerError) -> None:
    """A refusal is a subclass with its own code and a one-line message."""
    event(f"refused: {error.code}")
    assert error.message and "\n" not in error.message
    assert error.code != AnalyzerError.code


def render_all(analysis: Analysis, tmp: Path) -> None:
    assert to_markdown(analysis)
    assert to_html(analysis).startswith("<!DOCTYPE html>")
    to_docx(analysis, tmp / "report.docx")


# --- properties ------------------------------------------------------------------------------


@PROPERTY
@given(text=any_text, name=names)
def test_any_unicode_text(text: str, name: str) -> None:
    analyze_or_refuse(text, name)


@PROPERTY
@given(text=mixed_text)
def test_mixed_scripts_and_invisible_characters(text: str) -> None:
    analyze_or_refuse(text)


@PROPERTY
@given(text=only_punctuation)
def test_only_punctuation(text: str) -> None:
    analyze_or_refuse(text)


@PROPERTY
@given(text=vietnamese_like, name=names)
def test_vietnamese_like_pieces(text: str, name: str) -> None:
    analyze_or_refuse(text, name)


@PROPERTY
@given(text=minutes_like(), name=names)
def test_minutes_like_documents(text: str, name: str) -> None:
    analyze_or_refuse(text, name)


@PROPERTY
@given(captions=captions_like())
def test_captions(captions: tuple[str, str]) -> None:
    analyze_or_refuse(*captions)


@PROPERTY
@given(text=nfd_vietnamese)
def test_nfd_text_gives_the_analysis_of_its_nfc_form(text: str) -> None:
    decomposed = analyze_or_refuse(text)
    composed = analyze_or_refuse(unicodedata.normalize("NFC", text))
    assert (decomposed is None) == (composed is None)
    if decomposed is not None and composed is not None:
        assert decomposed.text == composed.text
        assert [(t.start, t.end, t.speaker_id) for t in decomposed.turns] == [
            (t.start, t.end, t.speaker_id) for t in composed.turns
        ]


@PROPERTY
@given(
    text=st.lists(
        st.one_of(st.sampled_from(_PIECES), st.sampled_from(["\ud800", "\udcff", "\udfff"])),
        min_size=1,
        max_size=60,
    ).map("".join)
)
def test_lone_surrogates(text: str) -> None:
    """JSON input ("\\ud800") can carry lone surrogates; they must not reach the tokenizer,
    which cannot encode them, nor the JSON output."""
    analysis = analyze_or_refuse(text)
    if analysis is not None:
        assert not any("\ud800" <= c <= "\udfff" for c in analysis.text)


@PROPERTY
@given(
    name=st.text(min_size=1, max_size=30).map(lambda n: n + ".txt"),
    data=st.sampled_from([b"", b"\x89PNG\r\n", "Đ/c Lan: nhất trí.\n".encode()]),
)
def test_any_file_name_gives_a_one_line_message(name: str, data: bytes) -> None:
    """A Linux file name may hold a newline or undecodable bytes (lone surrogates in Python)."""
    try:
        analysis, _ = analyze_raw(ingest.read_bytes(data, name))
    except AnalyzerError as error:
        refused(error)
        error.message.encode("utf-8")
        return
    json.dumps(analysis.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")


@FEWER
@given(text=long_line())
def test_very_long_lines(text: str) -> None:
    analyze_or_refuse(text)


@PROPERTY
@given(
    text=st.one_of(minutes_like(), mixed_text),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1258", "cp1252"]),
    name=st.sampled_from(["a.txt", "a.md", "a.vtt", "a.srt", "a.docx", "a.pdf", "a"]),
)
def test_encoded_bytes_through_read_bytes(text: str, encoding: str, name: str) -> None:
    data = text.encode(encoding, errors="ignore")
    assume(data)
    try:
        analysis, doc = analyze_raw(ingest.read_bytes(data, name))
    except AnalyzerError as error:
        refused(error)
        return
    check_analysis(analysis, doc)


@PROPERTY
@given(
    text=minutes_like(),
    roster=st.lists(
        st.one_of(st.sampled_from(_PIECES), st.text(max_size=30)), min_size=0, max_size=8
    ),
)
def test_any_roster(text: str, roster: list[str]) -> None:
    try:
        analysis, doc = analyze_raw(ingest.read_text(text, "text.txt"), roster)
    except AnalyzerError as error:
        refused(error)
        return
    check_analysis(analysis, doc)


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@FEWER
@given(text=st.one_of(minutes_like(), mixed_text, any_text))
def test_docx_round_trip(text: str) -> None:
    """Paragraphs written with python-docx read back exactly (a tab stays a tab, a carriage
    return becomes a line break), and the document analyses like any text."""
    lines = _NOT_XML.sub("", text).split("\n")
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    try:
        raw = ingest.read_bytes(buffer.getvalue(), "bien-ban.docx")
    except AnalyzerError as error:
        refused(error)
        return
    assert raw.text == "\n".join(lines).replace("\r", "\n")
    try:
        analysis, doc = analyze_raw(raw)
    except AnalyzerError as error:
        refused(error)
        return
    check_analysis(analysis, doc)


@FEWER
@given(text=st.one_of(minutes_like(), mixed_text, any_text))
def test_reports_render_for_any_analysis(text: str, tmp_path_factory: Any) -> None:
    analysis = analyze_or_refuse(text)
    if analysis is not None:
        render_all(analysis, tmp_path_factory.mktemp("report"))
