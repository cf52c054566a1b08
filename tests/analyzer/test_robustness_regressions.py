"""Regressions for the bugs found by property-based testing and fuzzing (issue "Hardening").

Each test holds the minimal input that failed. The quadratic time and memory regressions are in
``test_limits.py`` (``short_sentences``, ``many_headings``, ``one_line_minutes``).
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from analyzer import ingest
from analyzer.errors import AnalyzerError, EmptyInputError, UndecodableTextError
from analyzer.pipeline import analyze_raw
from analyzer.render_docx import to_docx
from analyzer.schema import Analysis
from analyzer.sections import SectionSpan, section_at


def encodable(analysis: Analysis) -> None:
    json.dumps(analysis.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")


def test_noncharacters_are_dropped_and_the_word_report_is_written(tmp_path: Path) -> None:
    """U+FFFF in a turn reached python-docx, which refuses it: ValueError "All strings must be
    XML compatible"."""
    raw = ingest.read_text("Đồng chí Lan phát biểu: đề nghị \uffff kiểm tra \ufffe.\n", "a.txt")
    analysis, _ = analyze_raw(raw)
    assert "\uffff" not in analysis.text and "\ufffe" not in analysis.text
    to_docx(analysis, tmp_path / "report.docx")


def test_lone_surrogates_from_json_input_do_not_reach_the_tokenizer() -> None:
    """JSON "\\ud800" decodes to a lone surrogate: underthesea's featurizer raised
    UnicodeEncodeError, and the JSON output could not be encoded either."""
    analysis, _ = analyze_raw(ingest.read_text("Đồng chí Lan: \ud800 nhất trí.", "a.txt"))
    assert "\ufffd" in analysis.text
    encodable(analysis)


@pytest.mark.parametrize("entry", ["Trần Thị\x01 Lan", "Trần Thị\ud800 Lan"])
def test_roster_entries_are_cleaned(entry: str, tmp_path: Path) -> None:
    """A control character in a roster name broke the Word report; a lone surrogate broke the
    JSON output."""
    raw = ingest.read_text("Đồng chí Lan phát biểu: đề nghị kiểm tra.\nĐ/c Hùng: nhất trí.\n")
    analysis, _ = analyze_raw(raw, [entry])
    assert all("\x01" not in m.name and "\ud800" not in m.name for m in analysis.members)
    encodable(analysis)
    to_docx(analysis, tmp_path / "report.docx")


def test_a_file_name_with_a_newline_gives_a_one_line_message() -> None:
    with pytest.raises(EmptyInputError) as info:
        ingest.read_bytes(b"", "bien\nban.txt")
    assert "\n" not in info.value.message
    assert "bien\ufffdban.txt" in info.value.message


@pytest.mark.parametrize("name", ["\udcff.txt", "\x01.txt"])
def test_an_undecodable_or_control_file_name_can_be_written_out(name: str, tmp_path: Path) -> None:
    """Linux file names are bytes: Python shows undecodable ones as lone surrogates."""
    analysis, _ = analyze_raw(ingest.read_bytes("Đ/c Lan: nhất trí.".encode(), name))
    assert analysis.source.name == "\ufffd.txt"
    encodable(analysis)
    to_docx(analysis, tmp_path / "report.docx")


def test_the_binary_check_does_not_depend_on_the_normal_form() -> None:
    """One control character in 45: refused in NFC (2.2% > 2%) but accepted in NFD, where the
    same text has 70 characters."""
    composed = "Đồng chí\x1fĐồng chíĐồng chíCHI BỘ TỔ DÂN PHỐ 5"
    outcomes = []
    for text in (composed, unicodedata.normalize("NFD", composed)):
        try:
            ingest.read_text(text, "a.txt")
            outcomes.append("read")
        except AnalyzerError as error:
            assert isinstance(error, UndecodableTextError)
            outcomes.append("refused")
    assert outcomes == ["refused", "refused"]


def test_an_nfd_transcript_is_a_transcript() -> None:
    """Speaker labels were matched on the raw text: in NFD the combining marks of "Hùng" are not
    word characters, so the same text was a transcript in NFC and plain text in NFD (found as
    "Đồng chíĐịa điểm:BIÊN BẢN ...\nThời gian: 8 giờ ...\nThời gian: 8 giờ ...", whose NFC form
    had a turn and NFD form none)."""
    text = "Hùng: chào các bạn\nLan: đồng ý\nHùng: vậy nhé\nLan: vâng\n"
    for form in ("NFC", "NFD"):
        assert ingest.read_text(unicodedata.normalize(form, text), "a.txt").format == "transcript"


def test_nfd_srt_speaker_runs_are_merged() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\nHùng: chào các bạn\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nHùng: hôm nay họp\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\nLan: đồng ý\n"
    )
    for form in ("NFC", "NFD"):
        document = ingest.read_text(unicodedata.normalize(form, srt), "a.srt")
        assert document.text == "Hùng: chào các bạn hôm nay họp\nLan: đồng ý"


def test_section_at_finds_the_containing_section() -> None:
    sections = [
        SectionSpan("header", None, 0, 10),
        SectionSpan("discussion", "THẢO LUẬN", 12, 30),  # a gap of blanks before it
        SectionSpan("closing", None, 30, 40),
    ]
    found = {
        offset: (s.kind if (s := section_at(sections, offset)) else None)
        for offset in (0, 9, 10, 11, 12, 29, 30, 39, 40, 99, -1)
    }
    assert found == {
        0: "header",
        9: "header",
        10: None,
        11: None,
        12: "discussion",
        29: "discussion",
        30: "closing",
        39: "closing",
        40: None,
        99: None,
        -1: None,
    }
    assert section_at([], 5) is None
