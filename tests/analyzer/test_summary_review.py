"""Draft summary, review and resolution: offsets, built sentences, blanks."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import Analysis, analyze
from tests.conftest import SAMPLES


@pytest.fixture(
    scope="module",
    params=sorted(
        p.name for p in SAMPLES.iterdir() if p.suffix in {".docx", ".pdf", ".txt", ".vtt", ".srt"}
    ),
)
def analysis(request: pytest.FixtureRequest) -> Analysis:
    return analyze(Path(SAMPLES / request.param))


def test_taken_sentences_are_the_text_at_their_offsets(analysis: Analysis) -> None:
    s = analysis.summary
    taken = (
        s.points
        + s.proposals
        + s.conclusions
        + analysis.resolution.assessment
        + analysis.resolution.limitations
    )
    for sentence in taken:
        if sentence.start is None:
            assert sentence.text == "……"
            continue
        assert " ".join(analysis.text[sentence.start : sentence.end].split()) == sentence.text
    starts = [p.start for p in s.points]
    assert starts == sorted(starts)  # document order


def test_opening_is_built_from_facts(analysis: Analysis) -> None:
    m = analysis.meeting
    opening = analysis.summary.opening
    assert opening.endswith(".")
    if m.chair:
        assert m.chair.name in opening
    if m.date:
        assert f"{m.date.day:02d}/{m.date.month:02d}/{m.date.year}" in opening


def test_task_table_matches_action_items(analysis: Analysis) -> None:
    tasks = [i for i in analysis.items if i.kind == "action_item"]
    assert len(analysis.summary.tasks) == len(tasks) == len(analysis.resolution.tasks)


def test_minutes_with_nothing_in_them() -> None:
    a = analyze("Hôm nay trời đẹp.\nChúng tôi đi chơi công viên.")
    assert a.summary.points == [] or all(p.start is not None for p in a.summary.points)
    assert [s.text for s in a.resolution.assessment] == ["……"]
    assert "……" in a.resolution.vote
    assert any("phân công" in line for line in a.review.limitations)
    assert any("Biên bản chưa ghi" in line for line in a.review.limitations)


def test_review_names_low_participation_and_silent_members() -> None:
    text = "\n".join(
        [
            "BIÊN BẢN SINH HOẠT CHI BỘ",
            "Vào hồi 8 giờ ngày 5/5/2025, tại hội trường.",
            "I. THÀNH PHẦN",
            "Chủ trì: đồng chí Nguyễn Văn An – Bí thư chi bộ.",
            "Thư ký: đồng chí Trần Thị Bình.",
            "Có mặt: đồng chí Lê Văn Cường, đồng chí Phạm Thị Dung, đồng chí Hoàng Văn Em.",
            "II. THẢO LUẬN",
            "- Đồng chí Nguyễn Văn An: đề nghị các đồng chí tập trung hoàn thành chỉ tiêu quý II.",
        ]
    )
    r = analyze(text).review
    assert any(line.startswith("Chỉ 1/5") for line in r.limitations)
    assert any("Lê Văn Cường" in line for line in r.limitations)
    assert r.suggestions


def test_agenda_from_numbered_parts_and_points_without_headings() -> None:
    text = "\n".join(
        [
            "BIÊN BẢN SINH HOẠT CHI BỘ THÁNG 3",
            "Vào hồi 8 giờ ngày 15/3/2025, tại nhà văn hóa, chi bộ họp.",
            "II/ NỘI DUNG SINH HOẠT",
            "1/ Thông tin thời sự",
            "Đồng chí Nguyễn Hữu Phước thông tin về chủ trương sắp xếp tổ chức bộ máy của hệ thống chính trị.",
            "2/ Kiểm điểm nghị quyết tháng 2",
            "Đồng chí Võ Thị Oanh thông qua báo cáo kết quả thu đảng phí và vệ sinh môi trường tháng 2.",
            "3/ Thảo luận",
            "- Đồng chí Trần Thị Mai: đề nghị đẩy mạnh thu đảng phí qua chuyển khoản trong tháng 3.",
        ]
    )
    a = analyze(text)
    assert [g.item for g in a.metrics.agenda] == [
        "Thông tin thời sự",
        "Kiểm điểm nghị quyết tháng 2",
    ]
    for point in a.summary.points:
        assert not point.text.startswith(("Thông tin thời sự", "Kiểm điểm nghị quyết"))
