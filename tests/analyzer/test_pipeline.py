"""The spaCy pipeline: exact tokenizer offsets, one pipeline per process, degraded input."""

from __future__ import annotations

import pytest

from analyzer import analyze
from analyzer.pipeline import PIPES, get_nlp, run


@pytest.mark.parametrize(
    "text",
    [
        "Đ/c Lan  phát biểu:\n\n  đề nghị   kiểm tra.\n",
        "Vào hồi 14 giờ 00, ngày 15/3/2024\ttại Hội trường.",
        "một dòng rất dài " * 200,
        "",
        "\n\n\n",
    ],
)
def test_tokenizer_keeps_text_exactly(text: str) -> None:
    doc = get_nlp().make_doc(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text


def test_multi_syllable_words_are_single_tokens() -> None:
    doc = get_nlp().make_doc("Đồng chí Nguyễn Văn Hùng đề nghị tăng cường kiểm tra.")
    assert "Nguyễn Văn Hùng" in [t.text for t in doc]
    assert "kiểm tra" in [t.text for t in doc]


def test_pipeline_is_built_once_with_all_stages() -> None:
    assert get_nlp() is get_nlp()
    assert tuple(get_nlp().pipe_names) == PIPES


def test_stages_write_doc_spans() -> None:
    doc = run(
        "I. THẢO LUẬN\n- Đồng chí Nguyễn Văn An: nhất trí.\n- Đ/c Bình phát biểu: cần làm rõ.\n"
    )
    assert [span.label_ for span in doc.spans["turns"]] == ["person", "person"]
    assert [span.label_ for span in doc.spans["sections"]] == ["discussion"]


@pytest.mark.parametrize(
    "text",
    [
        "lorem ipsum dolor sit amet " * 50,
        "asdf qwer zxcv 1234 !!!! ???? ...." * 30,
        "Hôm nay trời đẹp. Chúng tôi đi chơi công viên và ăn kem.",
        "1.\n2.\n3.\n-\n-\n+\n" * 20,
    ],
)
def test_text_without_structure_still_yields_an_analysis(text: str) -> None:
    analysis = analyze(text)
    assert analysis.turns == []
    assert {w.code for w in analysis.warnings} >= {"no_turns"}
    assert analysis.meeting.kind == "other" or analysis.meeting.kind


def test_legacy_font_minutes_are_repaired_end_to_end() -> None:
    # "Đồng chí Nguyễn Văn Hùng: nhất trí" typed in a TCVN3 (.VnTime) font, read as Unicode.
    legacy = "§ång chÝ NguyÔn V¨n Hïng: nhÊt trÝ víi b¸o c¸o.\n§/c Lan ph¸t biÓu: ®Ò nghÞ bæ sung."
    analysis = analyze(legacy)
    assert analysis.text.startswith("Đồng chí Nguyễn Văn Hùng: nhất trí")
    assert [t.speaker for t in analysis.turns] == ["Nguyễn Văn Hùng", "Lan"]
    assert any(w.code == "legacy_font_converted" for w in analysis.warnings)


def test_nfd_and_old_tone_marks_are_normalised() -> None:
    import unicodedata

    text = unicodedata.normalize("NFD", "Đồng chí Lê Văn Hoà: đề nghị chi bộ khoẻ mạnh.")
    analysis = analyze(text)
    assert unicodedata.is_normalized("NFC", analysis.text)
    assert "Hòa" in analysis.text and "khỏe" in analysis.text
    assert analysis.turns[0].speaker == "Lê Văn Hòa"


def test_minutes_pasted_on_one_line_keep_their_turns() -> None:
    from tests.analyzer.test_layout_sections import STRUCTURED

    lines = STRUCTURED.splitlines()
    one_line = " ".join(" ".join(lines).split())
    multi = analyze(STRUCTURED)
    single = analyze(one_line)
    # Known limit: a heading glued to the next cue with no punctuation between them
    # ("III. KẾT LUẬN Đồng chí chủ trì kết luận:") hides that one cue.
    got = [t.speaker_id for t in single.turns]
    expected = [t.speaker_id for t in multi.turns]
    assert got == expected[: len(got)] and len(got) >= len(expected) - 1
    assert single.meeting.date == multi.meeting.date


@pytest.mark.parametrize(
    "text",
    [
        "Đ/c " * 20000,
        "Đ/c Lan: " * 5000,
        "Chủ trì: " * 10000,
        "Vắng: " * 10000,
        "Giao đồng chí An " * 8000,
    ],
)
def test_long_single_lines_of_cues_stay_fast(text: str) -> None:
    """A whole document on one line must not make any stage quadratic (once took minutes)."""
    import time

    analyze("Đồng chí Nguyễn Văn An: đề nghị bổ sung.")  # load models outside the timing
    started = time.perf_counter()
    analysis = analyze(text)
    assert time.perf_counter() - started < 10
    assert analysis.text == text
