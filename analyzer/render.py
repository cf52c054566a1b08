"""Readable views of an ``Analysis``: Markdown for people, JSON lines for batches."""

from __future__ import annotations

from analyzer.schema import Analysis

KIND_LABELS = {
    "chi_bo_regular": "Sinh hoạt chi bộ định kỳ",
    "chi_bo_thematic": "Sinh hoạt chi bộ chuyên đề",
    "committee": "Họp chi ủy / cấp ủy",
    "congress": "Đại hội",
    "self_review": "Kiểm điểm",
    "school_council": "Hội đồng trường / sư phạm",
    "professional_group": "Tổ chuyên môn",
    "youth_union": "Chi đoàn",
    "trade_union": "Công đoàn",
    "class_or_parents": "Họp lớp / phụ huynh",
    "team": "Họp nhóm",
    "other": "Khác",
}
SECTION_LABELS = {
    "header": "Phần đầu",
    "attendance": "Thành phần",
    "agenda": "Chương trình",
    "report": "Báo cáo",
    "discussion": "Thảo luận",
    "conclusion": "Kết luận",
    "vote": "Biểu quyết",
    "closing": "Bế mạc",
    "signatures": "Chữ ký",
    "other": "Khác",
}


def _value(value: object) -> str:
    return "—" if value in (None, "", []) else str(value)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def to_markdown(analysis: Analysis) -> str:
    m = analysis.meeting
    a = m.attendance
    out = [f"# {_value(m.title or analysis.source.name)}", ""]
    out += [
        "## Thông tin cuộc họp",
        "",
        "| Mục | Giá trị |",
        "|---|---|",
        f"| Loại cuộc họp | {KIND_LABELS[m.kind]} |",
        f"| Tổ chức | {_value(m.organization)} |",
        f"| Ngày | {_value(m.date.strftime('%d/%m/%Y') if m.date else None)} |",
        f"| Thời gian | {_value(m.start_time)} – {_value(m.end_time)}"
        f" ({_value(m.duration_minutes)} phút) |",
        f"| Địa điểm | {_value(m.place)} |",
        f"| Chủ trì | {_value(m.chair.name if m.chair else None)} |",
        f"| Thư ký | {_value(m.secretary.name if m.secretary else None)} |",
        f"| Có mặt / tổng số | {_value(a.present)} / {_value(a.total)} (vắng {_value(a.absent)}) |",
        f"| Khách mời | {_value(', '.join(m.guests))} |",
        "",
    ]
    if m.absentees:
        out += ["### Vắng mặt", ""]
        for absentee in m.absentees:
            excused = {True: "có lý do", False: "không lý do", None: "không rõ lý do"}[
                absentee.excused
            ]
            reason = f": {absentee.reason}" if absentee.reason else ""
            out.append(f"- {absentee.name} ({excused}{reason})")
        out.append("")
    spoke = sum(1 for member in analysis.members if member.spoke)
    out += [f"## Thành viên ({spoke}/{len(analysis.members)} đã phát biểu)", ""]
    out += ["| Họ tên | Vai trò | Có mặt | Phát biểu |", "|---|---|---|---|"]
    for member in analysis.members:
        present = {True: "có", False: "vắng", None: "?"}[member.present]
        out.append(
            f"| {_cell(member.name)} | {_cell(', '.join(member.roles))} | {present} |"
            f" {'có' if member.spoke else 'không'} |"
        )
    out += ["", "## Các phần của biên bản", ""]
    for section in analysis.sections:
        title = f": {_cell(section.title)}" if section.title else ""
        out.append(f"- {SECTION_LABELS[section.kind]}{title} (ký tự {section.start}–{section.end})")
    out += ["", f"## Ý kiến phát biểu ({len(analysis.turns)})", ""]
    for turn in analysis.turns:
        who = turn.speaker or "(không rõ người nói)"
        body = " ".join(turn.text.split())
        out.append(f"- **{who}** [{SECTION_LABELS.get(turn.section or 'other')}]: {body}")
    if analysis.warnings:
        out += ["", "## Cảnh báo", ""]
        out += [f"- {w.message}" for w in analysis.warnings]
    return "\n".join(out) + "\n"
