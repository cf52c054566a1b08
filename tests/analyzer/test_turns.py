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


def _speakers(*lines: str) -> list[str | None]:
    """The speaker of each turn of minutes with the usual attendance and the given lines."""
    return [t.speaker_id for t in analysis_of(minutes(*ATTENDANCE, *lines)).turns]


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


def test_contributions_numbered_in_brackets_are_turns() -> None:
    """ "(1) Đồng chí X, <job>, cho rằng ...": a bracketed number is a list marker, so each
    numbered contribution in reported speech opens a turn of its own."""
    assert _speakers(
        "Các ý kiến cụ thể như sau:",
        "(1) Đồng chí Tạ Văn Khiêm, Phó Trưởng khoa, cơ bản nhất trí và cho rằng cần lập dự trù sát.",
        "(2) Đồng chí Lã Thị Mai, điều dưỡng phụ trách kho, nhận khuyết điểm về vật tư hết hạn.",
    ) == ["ta-van-khiem", "la-thi-mai"]


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


def test_an_arrow_line_notes_the_outcome_outside_the_turn() -> None:
    """ "→ Thăm c. Ngần 300k từ quỹ tổ" under a member's words is the secretary noting what
    was settled, not one more point of that member."""
    a = analysis_of(
        minutes(
            *ATTENDANCE,
            "- Đồng chí Lê Thị Lan: chế độ thăm sinh con là 500 nghìn, chị làm thủ tục.",
            "→ Thăm chị Ngần 300 nghìn từ quỹ tổ.",
        )
    )
    (turn,) = a.turns
    assert turn.text.endswith("chị làm thủ tục.")


def test_names_said_once_in_a_list_of_speakers_are_speakers() -> None:
    """ "- Tường Vi: ...", "- Lộc: ..." said once each, in a list whose other items are people
    ("- Lê Thị Lan: ...", "- a Hùng: ..."), are speakers; the same labels in a list of topics
    are not."""
    a = analysis_of(
        minutes(
            *ATTENDANCE,
            "- Đồng chí Lê Thị Lan: nhất trí với kế hoạch.",
            "- Tường Vi: tờ rơi chữ nhỏ quá, nên in cỡ to.",
            "- Lộc: em xin nhận mua túi zip.",
            "- a Hùng: cảm ơn các bạn.",
            "",
            "Kinh phí dự kiến:",
            "- Tờ rơi: 600 nghìn.",
            "- Túi zip: 450 nghìn.",
            "- Nước: 800 nghìn.",
        )
    )
    said = [turn.text.split(":")[0] for turn in a.turns]
    assert said == ["Đồng chí Lê Thị Lan", "Tường Vi", "Lộc", "a Hùng"]


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


def test_meeting_app_header_lines_are_turns() -> None:
    # Teams, Zoom and Meet export a transcript as "Name   time" lines over what was said.
    text = (
        "Weekly Supply Chain – W35\n"
        "Cuộc họp Microsoft Teams · Thứ Hai 26/08/2024 · 09:00 – 09:25\n\n"
        "Võ Thị Ngọc Hân   09:01\n"
        "Ok chào mọi người, mình bắt đầu nha.\n\n"
        "Đặng Quốc Huy   09:02\n"
        "Em đề xuất OT line đóng hộp thứ Bảy.\n"
        "Còn backorder thì ưu tiên MT trước.\n\n"
        "Lâm Chí Khang (External)   0:03:15\n"
        "bên em xếp thêm 2 xe được ạ.\n\n"
        "Võ Thị Ngọc Hân   09:05\n"
        "Ok, chốt OT thứ Bảy.\n"
    )
    a = analysis_of(text)
    assert [t.speaker for t in a.turns] == [
        "Võ Thị Ngọc Hân",
        "Đặng Quốc Huy",
        "Lâm Chí Khang",
        "Võ Thị Ngọc Hân",
    ]
    second = a.turns[1]
    assert second.text.endswith("ưu tiên MT trước.")  # both lines under the header
    assert a.turns[2].text.endswith("2 xe được ạ.")  # a lower-case line is not the header's name


def test_bracketed_speaker_labels_are_turns() -> None:
    text = (
        "Chi đoàn Công ty Du lịch – họp chi đoàn tháng 3/2026\n\n"
        "[Khánh Vy] Ok mọi người ơi ổn định giùm Vy cái.\n"
        "[Mỹ Hạnh] Ok chị, em ghi rồi.\n"
        "[Khánh Vy] 20:14:05\n"
        "Chủ nhật xanh thì mình dọn bãi Rạng nha.\n"
        "[Quốc Tín] Chốt bãi Rạng đi mọi người.\n"
    )
    a = analysis_of(text)
    assert [t.speaker for t in a.turns] == ["Khánh Vy", "Mỹ Hạnh", "Khánh Vy", "Quốc Tín"]
    assert a.turns[2].text.endswith("dọn bãi Rạng nha.")


def test_a_label_with_the_speakers_job_after_the_name() -> None:
    text = (
        "chị hạnh bí thư: rồi mình bắt đầu tôi là hà thị hạnh bí thư chủ trì thư ký là "
        "đồng chí nông thị thơm ghi giúp chị\n"
        "Chị Hạnh bí thư: mời anh sơn báo cáo\n"
        "Anh Sơn hạt trưởng: vâng tôi báo cáo nhanh\n"
        "Chị Thơm: dạ em ghi rồi\n"
        "Anh Sơn hạt trưởng: hết ạ\n"
    )
    a = analysis_of(text)
    # The label names the person and their job; the full names said aloud in lower case
    # complete the given names.
    assert [t.speaker_id for t in a.turns][1:] == ["ha-thi-hanh", "son", "nong-thi-thom", "son"]
    assert next(m for m in a.members if m.id == "ha-thi-hanh").name == "Hà Thị Hạnh"


def test_full_names_said_in_lower_case_without_an_honorific() -> None:
    text = (
        "00:00:09 Khải: rồi các đồng chí trật tự chút nhé tôi phùng văn khải chủ trì hôm nay\n"
        "00:02:10 Sơn: quách văn sơn tổ tự nhiên ờ môn toán thì điểm dưới năm còn nhiều\n"
        "00:03:40 Khải: cảm ơn anh sơn các đồng chí cho ý kiến tiếp\n"
    )
    a = analysis_of(text)
    assert [t.speaker_id for t in a.turns] == ["phung-van-khai", "quach-van-son", "phung-van-khai"]


def test_a_note_about_an_absent_member_is_not_a_turn() -> None:
    a = analysis_of(
        minutes(
            *ATTENDANCE, "- Đ/c Lan phát biểu: nhất trí.", "Đ/c Khoa vắng: đã gửi bản tự kiểm điểm."
        )
    )
    assert [t.speaker_id for t in a.turns] == ["le-thi-lan"]


def test_names_typed_without_diacritics_are_the_same_members() -> None:
    a = analysis_of(
        minutes(
            *ATTENDANCE,
            "- Đ/c Lan phát biểu: nhất trí với báo cáo.",
            "- D/c Le Thi Lan: de nghi bo sung so lieu.",
            "- D/c Hung tra loi: chi uy se xem xet.",
        )
    )
    assert [t.speaker_id for t in a.turns] == ["le-thi-lan", "le-thi-lan", "nguyen-van-hung"]
    assert not any(m.id.endswith("-2") for m in a.members)


def test_a_question_and_its_answer_in_one_paragraph_are_two_turns() -> None:
    a = analysis_of(
        minutes(
            *ATTENDANCE,
            "- Đ/c Lan hỏi vì sao tổ trực không nghe máy? Đồng chí Nguyễn Văn Hùng trả lời: "
            "đêm đó tổ đi xử lý vụ việc ở vùng mất sóng. Chi bộ ghi nhận.",
        )
    )
    assert [t.speaker_id for t in a.turns] == ["le-thi-lan", "nguyen-van-hung"]
    assert a.turns[0].text.endswith("không nghe máy?")


def test_an_abbreviated_role_label_resolves_to_its_holder() -> None:
    a = analysis_of(
        minutes(
            "I. THÀNH PHẦN",
            "- Chủ trì: cô Phạm Thị Thu Trang - TT",
            "- Thư ký: cô Vũ Thị Hằng",
            "II. NỘI DUNG",
            "- Cô Vũ Thị Hằng: đề nghị đổi lịch thao giảng.",
            "- TT trả lời: đồng ý đổi lịch sang thứ Năm.",
        )
    )
    assert [t.speaker_id for t in a.turns] == ["vu-thi-hang", "pham-thi-thu-trang"]


def test_a_discussion_table_has_a_turn_per_row() -> None:
    assert _speakers(
        "Ý kiến | Nội dung",
        "Đồng chí Lê Thị Lan | Nhất trí số liệu báo cáo, đề nghị bổ sung danh sách hộ nghèo.",
        "Đồng chí Nguyễn Văn Hùng | Tiếp thu ý kiến, giao tổ 2 rà soát lại trong tuần.",
        "Vắng | Đồng chí Đinh Công Tráng | Tổ 3 | Đi công tác",
    ) == ["le-thi-lan", "nguyen-van-hung"]


def test_markdown_minutes_with_bold_names() -> None:
    from analyzer.pipeline import analyze

    a = analyze(
        "\n".join(
            [
                "# BIÊN BẢN HỌP TỔ CÔNG ĐOÀN KHOA NỘI",
                "- **Thời gian:** 15h30 – 16h50, thứ Năm ngày 10/7/2025",
                "- **Chủ trì:** ĐD **Trịnh Thị Kim Oanh** – Tổ trưởng",
                "- **Thư ký:** ĐD **Phan Văn Lực** – Tổ phó",
                "",
                "## 2. Ý kiến đoàn viên",
                "",
                "- **BS Vương Hải Nam**: đề xuất năm nay đi Tam Đảo 2 ngày 1 đêm.",
                "- **ĐD Phan Văn Lực**: em đề xuất đợt 2 đi trước ngày 25/8.",
            ]
        )
    )
    assert a.meeting.chair is not None and a.meeting.chair.name == "Trịnh Thị Kim Oanh"
    assert [t.speaker for t in a.turns][-2:] == ["Vương Hải Nam", "Phan Văn Lực"]


def test_a_summary_of_the_discussion_in_reported_speech_has_a_turn_per_member() -> None:
    a = analysis_of(
        minutes(
            *ATTENDANCE,
            "Các đồng chí đảng viên tham gia ý kiến: đồng chí Lan nhất trí với nội dung, cho biết "
            "tổ đã rà soát xong 12 hộ; đồng chí Hùng cho rằng việc chậm là do thiếu kinh phí. "
            "Đồng chí Tráng đề nghị bổ sung vật tư trước mùa mưa.",
        )
    )
    assert [t.speaker_id for t in a.turns] == ["le-thi-lan", "nguyen-van-hung", "dinh-cong-trang"]
    assert a.turns[0].text.startswith("đồng chí Lan nhất trí")
    assert a.turns[1].text.startswith("đồng chí Hùng cho rằng")


def test_a_member_quoted_in_first_person_speech_or_a_task_list_is_no_new_turn() -> None:
    assert _speakers(
        "- Đ/c Lan phát biểu: tôi nhất trí với báo cáo. Đồng chí Hùng đề nghị tăng quỹ là đúng.",
        "Đồng chí Hùng kết luận: giao đồng chí Lan rà soát danh sách; đồng chí Tráng liên hệ "
        "Đoàn xã, xong trong tháng 11.",
    ) == ["le-thi-lan", "nguyen-van-hung"]


def test_a_list_of_ratings_with_names_is_not_a_row_of_turns() -> None:
    assert _speakers(
        "Đồng chí Hùng công bố kết quả: phát ra 5 phiếu, thu về 5. Đ/c Lan: HTXSNV 3/5, "
        "HTTNV 2/5; đ/c Tráng: HTTNV 5/5.",
    ) == ["nguyen-van-hung"]
    # one line per member, the options of each joined by ";"
    assert _speakers(
        "Đồng chí Hùng công bố kết quả:",
        "+ đ/c Lan: HTXSNV 4/5; HTTNV 1/5",
        "+ đ/c Tráng: HTTNV 5/5 (100%)",
    ) == ["nguyen-van-hung"]


def test_one_letter_honorifics_of_hurried_notes() -> None:
    """ "a Hùng:" (anh), "c Lan (thủ quỹ):" (chị) label speakers; "a." and "c)" are list markers."""
    assert _speakers(
        "a Hùng: quỹ còn 6 triệu, đề xuất tăng mức đóng.",
        "c Lan (thủ quỹ): tăng thì anh em mới vào khó đóng.",
        "a. Ưu điểm: đóng đủ.",
    ) == ["nguyen-van-hung", "le-thi-lan"]


def test_one_letter_honorifics_with_a_dot_and_abbreviated_fields() -> None:
    """ "- c. Lan:", "- a. Hùng:" (with a dot) label speakers; "Tg:", "ND:", "Dự:" of hurried
    notes are fields (thời gian, nội dung, dự họp), not people."""
    assert _speakers(
        "Tg: 11h35 – 12h20 ngày 21/3/2025, tại đầu chuyền 6.",
        "Dự: đ/c Khổng Thị Vân – UV BCH CĐCS.",
        "ND: mức đóng quỹ tổ năm 2025.",
        "- c. Lan: em đề nghị 20k cho chẵn, năm nay tổ nhiều ng mới.",
        "- a. Hùng: ng đang thử việc có phải đóng ko?",
    ) == ["le-thi-lan", "nguyen-van-hung"]


def test_speaker_labels_with_a_workplace_a_bracketed_name_or_a_clock_time() -> None:
    assert _speakers(
        "+ Chị Lan tổ 5: tăng ca đến 20h30 gần như ngày nào cũng vậy.",
        "+ Anh Tráng tổ cắt: bữa ăn ca tối cơm nguội, món mặn ít.",
        "PH bé Na (chị Lan): em đề nghị lớp lắp camera cho phụ huynh xem.",
        "9h10 đồng chí Hùng trả lời: nhà trường sẽ xem xét trong tháng sau.",
        "Đồng chí Hùng thay mặt Ban Chấp hành chi bộ đọc dự thảo nghị quyết.",
    ) == [
        "le-thi-lan",
        "dinh-cong-trang",
        "le-thi-lan",
        "nguyen-van-hung",
        "nguyen-van-hung",
    ]


def test_residents_labelled_by_kin_titles_and_house_numbers() -> None:
    """A street meeting: "Ôn Bảy nhà 9:", "Bà Mười nhà 23 kiệt 117:", "Mọi người: được"."""
    a = analysis_of(
        "TDP 42 PHƯỜNG THANH KHÊ HẠ\nBIÊN BẢN HỌP TỔ DÂN PHỐ\n"
        "chủ trì ông Lê Văn Tâm tổ trưởng, ghi biên bản Thanh Hoài tổ phó\n"
        "có mặt 41/64 hộ\n\n"
        "- Tổ trưởng Tâm mở đầu: bữa ni họp mấy việc, một là vụ ngập kiệt 117.\n\n"
        "- Bà Mười nhà 23 kiệt 117: trận mưa bữa mồng 4 nước vô tới giữa nhà tui.\n\n"
        "- Ôn Bảy nhà 9: tui thống nhất ý bà Mười, mà phải dọn xà bần trước.\n\n"
        "- Mọi người: được, đồng ý.\n\n"
        "- Tổ trưởng tóm lại: tổ làm đơn kiến nghị phường nạo vét cống.\n"
    )
    assert [t.speaker for t in a.turns] == ["Lê Văn Tâm", "Mười", "Bảy", "Mọi người", "Lê Văn Tâm"]
    assert a.turns[3].speaker_id == "group"


def test_a_role_cue_shared_by_two_roles_names_the_chair() -> None:
    """ "Đ/c Bí thư" when the youth-union secretary also spoke: the cell's secretary, who chairs,
    not "Bí thư Chi đoàn"."""
    speakers = _speakers(
        "- Đ/c Trần Thị Út, Bí thư Chi đoàn phát biểu: em thống nhất với báo cáo.",
        "- Đ/c Bí thư tiếp thu và trả lời: ý kiến của đ/c Út là đúng.",
    )
    assert speakers == ["tran-thi-ut", "nguyen-van-hung"]


def test_a_role_cue_held_exactly_by_one_member_names_that_member() -> None:
    a = analysis_of(
        minutes(*ATTENDANCE, "- Đ/c Tổ trưởng phát biểu: tổ đã xong việc."),
        roster=["Nguyễn Văn Hùng, Bí thư", "Lê Thị Lan, Tổ trưởng", "Võ Thị Sáu, Tổ trưởng tổ 2"],
    )
    assert a.turns[0].speaker_id == "le-thi-lan"


def test_a_task_to_contact_someone_is_no_turn_but_self_criticism_is() -> None:
    """ "liên hệ" (to contact) opens tasks; only "liên hệ bản thân" / "tự liên hệ" is speech."""
    speakers = _speakers(
        "Đồng chí Hùng kết luận:",
        "Thứ tư, đ/c Lan liên hệ 6 bạn chưa đóng đảng phí, báo cáo trong tuần sau.",
        "- Đ/c Lan liên hệ bản thân: còn ngại va chạm.",
    )
    assert speakers == ["nguyen-van-hung", "le-thi-lan"]


def test_ballot_results_after_a_members_name_are_no_turns() -> None:
    speakers = _speakers(
        "3. Kết quả bỏ phiếu xếp loại:",
        "- Đồng chí Lê Thị Lan: Hoàn thành xuất sắc nhiệm vụ 4/5 phiếu (80%).",
        "- Đồng chí Nguyễn Văn Hùng: Hoàn thành tốt nhiệm vụ 5/5 phiếu (100%).",
        "- Đồng chí Lan phát biểu: xin cảm ơn chi bộ.",
    )
    assert speakers == ["le-thi-lan"]


def test_ballot_counts_alone_after_a_members_name_are_no_turns() -> None:
    speakers = _speakers(
        "Kết quả bầu cử Ban Chấp hành:",
        "- Đồng chí Lê Thị Lan: 28/30 phiếu, đạt 93,3%",
        "- Đồng chí Nguyễn Văn Hùng: 19 phiếu (63,3%)",
        "- Đồng chí Lan: 30 phiếu là cao, em cảm ơn các bạn.",
    )
    assert speakers == ["le-thi-lan"]


def test_reported_contributions_after_a_sentence_saying_the_discussion_began() -> None:
    speakers = _speakers(
        "Các đồng chí đảng viên thảo luận sôi nổi. Đồng chí Lê Thị Lan cho rằng nguyên nhân là "
        "thiếu thùng rác, đề nghị phường bố trí thêm. Đồng chí Trần Văn Tú băn khoăn về kinh "
        "phí và hỏi có được dùng quỹ vệ sinh không.",
    )
    assert speakers == ["le-thi-lan", "tran-van-tu"]


def test_a_task_to_compile_something_is_no_turn_but_the_chairs_summary_is() -> None:
    """ "tổng hợp" opens speech only before a colon or with "ý kiến"."""
    speakers = _speakers(
        "Đồng chí Hùng kết luận:",
        "- Đ/c Lan tổng hợp vướng mắc các dự án, gửi chi bộ trước 15/4.",
        "Đồng chí Bí thư tổng hợp: các ý kiến đều nhất trí.",
        "Đồng chí Lan tổng hợp ý kiến, đề nghị bổ sung số liệu.",
    )
    assert speakers == ["nguyen-van-hung", "nguyen-van-hung", "le-thi-lan"]


def test_a_role_abbreviated_before_the_body_names_its_holder() -> None:
    """ "BT chi bộ" is "bí thư chi bộ": "Đ/c Bí thư kết luận" is then that member."""
    a = analysis_of(
        minutes(
            "Chủ trì đ/c Phạm Văn Tư - BT chi bộ, thư ký đ/c Lý Thị Vân. Có mặt 9/9 đ/c.",
            "Đ/c Vân: nhất trí báo cáo.",
            "Đ/c Bí thư kết luận: chi bộ hoàn thành các nhiệm vụ.",
        )
    )
    assert [t.speaker_id for t in a.turns] == ["ly-thi-van", "pham-van-tu"]


def test_notes_in_one_paragraph_name_members_by_the_given_name_alone() -> None:
    """Informal notes run on: "Anh Hùng nói ... Lan góp ý ... Tráng đề nghị ...". A given name
    opens a turn only when the document names that member in full; "Tổ đề nghị" does not."""
    a = analysis_of(
        minutes(
            *ATTENDANCE,
            "Anh Hùng nói giá gạo lên nên phải tăng giá bánh từ tháng 12. Lan góp ý chỉ nên "
            "tăng 2.000đ một ký cho mối quen. Tổ đề nghị báo giá trước một tuần. Tráng đề nghị "
            "thuê thêm 2 người thời vụ. Chị Lan nói thêm túi đóng hàng chỉ còn 3.000 cái.",
        )
    )
    assert [t.speaker_id for t in a.turns] == [
        "nguyen-van-hung",
        "le-thi-lan",
        "dinh-cong-trang",
        "le-thi-lan",
    ]
    assert a.turns[1].text.startswith("Lan góp ý")
    assert a.turns[1].text.endswith("Tổ đề nghị báo giá trước một tuần.")


def test_a_given_name_nobody_in_the_minutes_bears_opens_no_turn() -> None:
    assert _speakers(
        "Đ/c Hùng phát biểu: chi bộ cần làm rõ trách nhiệm. Hà đề nghị làm ngay.",
    ) == ["nguyen-van-hung"]


def test_one_word_labels_of_members_named_in_full_elsewhere() -> None:
    """Hurried notes label a speaker by the given name alone, even in lower case ("c lựu:"),
    or without diacritics ("Nhat (PCT):"); the attendance line names them in full, and a
    family name the lexicon does not know is recognised by the middle name ("Ung Thị Lựu")."""
    a = analysis_of(
        "\n".join(
            [
                "BIÊN BẢN HỌP TỔ CÔNG ĐOÀN",
                "chủ trì: c Âu Thị Thanh Hoài - tổ trưởng",
                "dự họp có hộ lý Ung Thị Lựu, ktv Hầu Minh Nhật và các đoàn viên khác.",
                "c hoài: quý 1 tổ thu đoàn phí đủ.",
                "c lựu (hộ lý): hộ lý tụi em có dc vô đội bóng chuyền ko?",
                "Nhat (PCT): de xuat to chuc giai chay vao CN 22/3.",
                "Kết quả: chi 5 triệu thăm hỏi.",
            ]
        )
    )
    assert [t.speaker for t in a.turns] == ["Âu Thị Thanh Hoài", "Ung Thị Lựu", "Hầu Minh Nhật"]


def test_a_view_reported_with_theo_and_a_member_who_disagrees() -> None:
    """ "Theo đồng chí Lan, ..." opens Lan's contribution; "Tráng không đồng ý ..." reports one."""
    a = analysis_of(
        minutes(
            *ATTENDANCE,
            "Theo đồng chí Lan, máy chủ thuê từ năm 2019 đã quá tải, cần thuê dịch vụ đám mây.",
            "Đồng chí Hùng cho rằng phải có ba báo giá. Đồng chí Tráng không đồng ý thuê ngoài, "
            "cho rằng dữ liệu phải để ở cơ quan.",
        )
    )
    assert [t.speaker_id for t in a.turns] == ["le-thi-lan", "nguyen-van-hung", "dinh-cong-trang"]
    assert a.turns[0].text.startswith("Theo đồng chí Lan,")


def test_markdown_checklist_notes_of_a_team_meeting() -> None:
    """Weekly notes in Markdown: "## 1. ..." headings are parts, "- [x] Sỹ: ..." lines are
    turns, a heading that reads like a cue ("## 1. Tổ trưởng thông báo") is none, and each
    "@Name – what – when" line of the to-do list is a task for that member."""
    from analyzer.pipeline import analyze

    a = analyze(
        "\n".join(
            [
                "# Tổ CNTT – họp tuần 42/2024",
                "**Ngày:** thứ Hai 14/10/2024, 14:00 – 14:50",
                "**Dự:** Tô Quang Hiệp (tổ trưởng, chủ trì), Đặng Ngọc Sỹ, Lưu Tiến Đạt",
                "",
                "## 1. Tổ trưởng thông báo",
                "",
                "- [x] Sỹ: thay xong switch 24 cổng tầng 1 khoa Khám bệnh",
                "- [ ] Đạt: máy chủ HIS chạy 6 năm rồi, cần làm tờ trình xin nâng cấp",
                "",
                "## Việc cần làm",
                "",
                "- [ ] @Sỹ – bỏ hub, cắm lại máy đọc CCCD quầy 2, 3 – hôm nay 14/10",
                "- [ ] @Đạt – tờ trình nâng cấp máy chủ HIS – 31/10",
            ]
        )
    )
    assert [t.speaker for t in a.turns] == ["Đặng Ngọc Sỹ", "Lưu Tiến Đạt"]
    tasks = [i for i in a.items if i.kind == "action_item"]
    assert [(t.assignee, str(t.deadline)) for t in tasks][-2:] == [
        ("dang-ngoc-sy", "2024-10-14"),
        ("luu-tien-dat", "2024-10-31"),
    ]
    assert tasks[-1].text.startswith("Đạt – tờ trình")


def test_reading_a_document_aloud_is_a_turn_of_one_sentence() -> None:
    """ "Đồng chí Lan đọc dự thảo Nghị quyết, ..." says a document was read; the resolution
    after it is not Lan's speech. With a colon the reading is quoted and stays in the turn."""
    a = analysis_of(
        minutes(
            *ATTENDANCE,
            "Đồng chí Lan đọc dự thảo Nghị quyết, đã tiếp thu ý kiến thảo luận. Nghị quyết gồm:",
            "1. Tán thành báo cáo chính trị.",
            "2. Thu quỹ khuyến học trước 30/6.",
            "Đồng chí Hùng đọc bản tự kiểm điểm: năm 2024 hoàn thành nhiệm vụ.",
        )
    )
    assert [t.text for t in a.turns] == [
        "Đồng chí Lan đọc dự thảo Nghị quyết, đã tiếp thu ý kiến thảo luận.",
        "Đồng chí Hùng đọc bản tự kiểm điểm: năm 2024 hoàn thành nhiệm vụ.",
    ]


def test_the_points_of_an_answer_list_are_the_chairs() -> None:
    """ "Đồng chí Bí thư tiếp thu, trả lời từng ý kiến như sau:" then "- Ý kiến đồng chí Vinh:
    ...": each point names whose opinion is answered; the answers are the chair's turn, and an
    item of a point starts after its label."""
    from analyzer import analyze

    a = analyze(
        minutes(
            "II. THẢO LUẬN",
            "- Đồng chí Lê Quang Vinh: đề nghị tổ chức phiên giao dịch việc làm sau Tết.",
            "- Đồng chí Phạm Thị Mai: đề nghị phối hợp với ngân hàng tư vấn vay vốn.",
            "III. KẾT LUẬN",
            "Đồng chí Nguyễn Đình Khải tiếp thu, trả lời từng ý kiến như sau:",
            "- Ý kiến đồng chí Vinh: giao đồng chí Vinh tổ chức phiên giao dịch tại thị xã trong"
            " tháng 2.",
            "- Ý kiến đồng chí Mai: đồng chí Mai làm việc với ngân hàng trước ngày 15/1.",
        )
    )
    assert a.turns[-1].speaker == "Nguyễn Đình Khải"
    assert a.turns[-1].text.endswith("trước ngày 15/1.")
    assert len(a.turns) == 3
    assert not any(i.text.startswith("Ý kiến") for i in a.items)


def test_a_member_called_by_the_name_in_brackets_after_their_full_name() -> None:
    """ "ông Huỳnh Văn Lành (ông Hai, chủ cơ sở, chủ trì)": the minutes then call him "Ông Hai".
    He chairs; his turns are his, and "Hai" is not another member. A speaker who listens first
    ("nghe hết rồi chốt") or says "cũng" before the verb still opens a turn."""
    a = analysis_of(
        minutes(
            "Có mặt đủ 4 người: ông Huỳnh Văn Lành (ông Hai, chủ cơ sở, chủ trì), bà Tô Thị"
            " Hường (giữ tiền), anh Huỳnh Minh Trí (giao hàng), Cao Thị Diễm (ghi biên bản).",
            "Ông Hai báo cáo tháng 10 lời chừng 71 triệu.",
            "Anh Trí đề nghị tăng giá sỉ lên 39.000đ/kg từ ngày 1/12.",
            "Bà Hường cũng nói tiền mối nợ dồn nhiều quá.",
            "Ông Hai nghe hết rồi chốt như sau. Từ ngày 1/12 giá sỉ 38.000đ/kg.",
        )
    )
    assert a.meeting.chair is not None and a.meeting.chair.name == "Huỳnh Văn Lành"
    assert [t.speaker for t in a.turns] == [
        "Huỳnh Văn Lành",
        "Huỳnh Minh Trí",
        "Tô Thị Hường",
        "Huỳnh Văn Lành",
    ]
    assert "Hai" not in [m.name for m in a.members]


def test_a_childs_name_with_the_parents_in_brackets_is_no_nickname() -> None:
    """ "PH em Lê Quế Anh (chị Huyền):" names the pupil, then the parent who speaks."""
    from analyzer.roster import NamePool

    pool = NamePool("PH em Lê Quế Anh (chị Huyền): đề nghị. Ông Lý Văn Của (Bảy Của) nói.")
    assert pool.complete("Huyền") == (None, False)
    assert pool.complete("Bảy Của") == ("Lý Văn Của", False)
    # names signed side by side in columns are two names
    pool = NamePool(
        "Thư ký                     Bí thư\nĐặng Minh Khuê             Trương Mỹ Ngân\n"
    )
    assert pool.complete("Khuê") == ("Đặng Minh Khuê", False)
    # a workplace in brackets is not a name
    assert NamePool("Đ/c Tôn Nữ Hoài Thương (Khoa Dược) nói.").complete("Khoa Dược")[0] is None
