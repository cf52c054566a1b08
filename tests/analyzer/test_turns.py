"""Turns and attribution to the roster."""

from __future__ import annotations

from tests.analyzer.builders import analysis_of, minutes

ATTENDANCE = (
    "I. THÀNH PHẦN",
    "- Chủ trì: đồng chí Nguyễn Văn Hùng – Bí thư chi bộ.",
    "- Thư ký: đồng chí Lê Thị Lan – Chi ủy viên.",
    "- Có mặt 5/6 đồng chí. Vắng: đồng chí Đinh Công Tráng (có lý do).",
    "II. NỘI DUNG",
)


def test_given_name_resolves_to_full_name() -> None:
    a = analysis_of(minutes(*ATTENDANCE, "- Đ/c Lan phát biểu: đề nghị bổ sung số liệu."))
    (turn,) = a.turns
    assert (turn.speaker_id, turn.speaker) == ("le-thi-lan", "Lê Thị Lan")
    lan = next(m for m in a.members if m.id == "le-thi-lan")
    assert lan.spoke and "Lan" in lan.aliases


def test_two_members_with_same_given_name_are_not_guessed() -> None:
    a = analysis_of(
        minutes(
            *ATTENDANCE,
            "- Đồng chí Trần Văn Nam: nhất trí.",
            "- Đồng chí Phạm Hoài Nam: đồng ý.",
            "- Đ/c Nam phát biểu: cần làm rõ trách nhiệm.",
        )
    )
    assert a.turns[-1].speaker_id is None
    assert any(w.code == "ambiguous_speaker" for w in a.warnings)


def test_middle_and_given_name_tell_two_members_apart() -> None:
    a = analysis_of(
        minutes(
            *ATTENDANCE,
            "- Đồng chí Trần Văn Nam: nhất trí.",
            "- Đồng chí Phạm Hoài Nam: đồng ý.",
            "- Đ/c Hoài Nam phát biểu: cần làm rõ trách nhiệm.",
        )
    )
    assert a.turns[-1].speaker_id == "pham-hoai-nam"


def test_role_cue_resolves_to_chair() -> None:
    a = analysis_of(minutes(*ATTENDANCE, "Đồng chí chủ trì kết luận:", "+ Chi bộ thống nhất."))
    assert a.turns[0].speaker_id == "nguyen-van-hung"
    assert a.turns[0].section == "conclusion"


def test_role_cue_resolves_through_roles() -> None:
    a = analysis_of(minutes(*ATTENDANCE, "- Đồng chí Bí thư kết luận: chi bộ thống nhất."))
    assert a.turns[0].speaker_id == "nguyen-van-hung"


def test_group_statement_has_group_speaker() -> None:
    a = analysis_of(minutes(*ATTENDANCE, "- Các đồng chí đều nhất trí với báo cáo."))
    assert a.turns[0].speaker_id == "group"
    assert a.turns[0].speaker == "Các đồng chí"


def test_placeholder_cue_gives_null_speaker_and_warning() -> None:
    a = analysis_of(minutes(*ATTENDANCE, "- Đồng chí ..........: nhất trí."))
    assert a.turns[0].speaker_id is None
    assert a.turns[0].speaker is None
    assert [w.code for w in a.warnings] == ["placeholder_cue"]


def test_reported_speech_in_prose_is_a_turn() -> None:
    a = analysis_of(
        minutes(*ATTENDANCE, "Chi bộ nghe đồng chí Lê Thị Lan thông qua báo cáo tình hình tháng 3.")
    )
    assert a.turns[0].speaker_id == "le-thi-lan"
    assert a.turns[0].section == "report"


def test_silent_and_absent_members_are_known() -> None:
    a = analysis_of(minutes(*ATTENDANCE, "- Đ/c Lan phát biểu: nhất trí."))
    by_id = {m.id: m for m in a.members}
    assert by_id["nguyen-van-hung"].present is True and by_id["nguyen-van-hung"].spoke is False
    assert by_id["dinh-cong-trang"].present is False


def test_roster_list_adds_silent_members() -> None:
    a = analysis_of(
        minutes(*ATTENDANCE, "- Đ/c Lan phát biểu: nhất trí."),
        roster=["Nguyễn Văn Hùng, Bí thư", "Lê Thị Lan", "Võ Thị Sáu, Chi ủy viên"],
    )
    sau = next(m for m in a.members if m.name == "Võ Thị Sáu")
    assert sau.roles == ["Chi ủy viên"] and not sau.spoke


def test_sub_bullets_belong_to_the_turn() -> None:
    a = analysis_of(
        minutes(
            *ATTENDANCE,
            "- Đồng chí Lê Thị Lan phát biểu:",
            "+ Đề nghị bổ sung số liệu thu quỹ.",
            "+ Cần phân công cụ thể.",
            "- Đồng chí Nguyễn Văn Hùng: tiếp thu.",
        )
    )
    first, second = a.turns
    assert first.text.endswith("Cần phân công cụ thể.")
    assert second.speaker_id == "nguyen-van-hung"


def test_transcript_lines_are_turns() -> None:
    text = "an: chào mọi người\nbình: em đồng ý\nan: vậy chốt nhé\nbình: vâng\n"
    a = analysis_of(text)
    assert [t.speaker for t in a.turns] == ["An", "Bình", "An", "Bình"]
    assert len(a.members) == 2


def test_turn_offsets_match_text() -> None:
    a = analysis_of(
        minutes(
            *ATTENDANCE, "- Đ/c Lan phát biểu: nhất trí.", "- Đồng chí Nguyễn Văn Hùng: cảm ơn."
        )
    )
    for turn in a.turns:
        assert a.text[turn.start : turn.end] == turn.text
        assert turn.cue in turn.text


def test_time_stamped_transcript_lines_are_turns() -> None:
    text = (
        "BĂNG GHI ÂM HỌP TỔ CÔNG ĐOÀN THÁNG 3/2026\n"
        "Gỡ băng: Lò Thị Sen.\n\n"
        "[00:00:12] Vi Văn Pầu: Rồi, các đồng chí ổn định. Tôi chủ trì, chị Sen làm thư ký.\n"
        "[00:01:05] Lò Thị Sen: Dạ, em ghi.\n"
        "(00:02:40) Vi Văn Pầu: Tháng này tổ mình đề nghị mua thêm quạt cho xưởng.\n"
        "00:03:10.500 Hà Thị Đào: Em nhất trí.\n"
    )
    a = analysis_of(text)
    names = {m.id: m.name for m in a.members}
    assert [(names.get(t.speaker_id), t.text.split(":")[0]) for t in a.turns] == [
        ("Vi Văn Pầu", "Vi Văn Pầu"),
        ("Lò Thị Sen", "Lò Thị Sen"),
        ("Vi Văn Pầu", "Vi Văn Pầu"),
        ("Hà Thị Đào", "Hà Thị Đào"),
    ]
    # The one who says "Tôi chủ trì" chairs, not the header line before the first turn.
    assert a.meeting.chair is not None and a.meeting.chair.name == "Vi Văn Pầu"
