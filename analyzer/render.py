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
    out += _summary_markdown(analysis)
    out += _items_markdown(analysis)
    out += _metrics_markdown(analysis)
    out += _completeness_markdown(analysis)
    if analysis.warnings:
        out += ["", "## Cảnh báo", ""]
        out += [f"- {w.message}" for w in analysis.warnings]
    return "\n".join(out) + "\n"


ITEM_LABELS = {
    "proposal": "Đề xuất, kiến nghị",
    "concern": "Hạn chế, khó khăn",
    "agreement": "Ý kiến nhất trí",
    "question": "Câu hỏi",
    "conclusion": "Kết luận",
    "decision": "Quyết định, thống nhất",
    "action_item": "Phân công nhiệm vụ",
    "vote": "Biểu quyết",
}
STATUS_LABELS = {
    "adopted": "được tiếp thu",
    "addressed": "được kết luận",
    "open": "chưa được trả lời",
}


def _items_markdown(analysis: Analysis) -> list[str]:
    names = {m.id: m.name for m in analysis.members}
    out: list[str] = []
    for kind, label in ITEM_LABELS.items():
        found = [i for i in analysis.items if i.kind == kind]
        if not found:
            continue
        out += ["", f"## {label} ({len(found)})", ""]
        if kind == "action_item":
            out += ["| Người thực hiện | Nội dung | Thời hạn |", "|---|---|---|"]
            for item in found:
                who = item.assignee_name or names.get(item.assignee or "", item.assignee or "—")
                when = (
                    item.deadline.strftime("%d/%m/%Y")
                    if item.deadline
                    else (item.deadline_text or "—")
                )
                out.append(f"| {_cell(who)} | {_cell(item.task or item.text)} | {_cell(when)} |")
            continue
        for item in found:
            who = names.get(item.speaker_id or "", "")
            prefix = f"**{who}**: " if who else ""
            suffix = f" _({STATUS_LABELS[item.status]})_" if item.status else ""
            if kind == "vote" and item.votes_for is not None:
                suffix = f" _({item.votes_for}/{_value(item.total)} tán thành)_"
            out.append(f"- {prefix}{' '.join(item.text.split())}{suffix}")
    return out


def _metrics_markdown(analysis: Analysis) -> list[str]:
    m = analysis.metrics
    if not m.members_present:
        return []
    share = f"{m.share_spoke:.0%}" if m.share_spoke is not None else "—"
    out = [
        "",
        "## Tham gia thảo luận",
        "",
        f"- Có mặt {m.members_present} người, {m.members_spoke} người phát biểu ({share}, mức {m.speaking_band}).",
        f"- Hệ số Gini theo số từ: {_value(m.gini_words)}; entropy chuẩn hóa: {_value(m.entropy_words)}.",
        f"- Tỷ lệ lời của chủ trì: {_value(f'{m.chair_share:.0%}' if m.chair_share is not None else None)};"
        f" ý kiến chỉ nêu nhất trí: {_value(f'{m.agreement_only_share:.0%}' if m.agreement_only_share is not None else None)}.",
    ]
    if m.silent_members:
        out.append(
            "- Có mặt nhưng không phát biểu: " + ", ".join(p.name for p in m.silent_members) + "."
        )
    return out


def _completeness_markdown(analysis: Analysis) -> list[str]:
    c = analysis.completeness
    out = ["", f"## Độ đầy đủ của biên bản ({c.found}/{c.total})", ""]
    for f in c.fields:
        mark = "✔" if f.found else "✘"
        note = f" — {f.note}" if f.note else ""
        out.append(f"- {mark} {f.label}{note}")
    score = analysis.score
    out += ["", f"## Điểm các tiêu chí đo được ({score.points:g}/{score.assessable_points})", ""]
    for criterion in score.criteria:
        points = "—" if criterion.points is None else f"{criterion.points:g}/{criterion.max_points}"
        out.append(f"- {criterion.label}: {points} ({criterion.rule})")
    rating = f"Xếp loại tạm tính: **{score.rating}**. " if score.rating else ""
    out += ["", rating + score.note]
    return out + _review_markdown(analysis) + _resolution_markdown(analysis)


def _task_table(rows) -> list[str]:  # type: ignore[no-untyped-def]
    out = ["| Người thực hiện | Nội dung | Thời hạn |", "|---|---|---|"]
    for row in rows:
        when = row.deadline.strftime("%d/%m/%Y") if row.deadline else (row.deadline_text or "……")
        out.append(f"| {_cell(row.assignee or '……')} | {_cell(row.task)} | {_cell(when)} |")
    return out


def _summary_markdown(analysis: Analysis) -> list[str]:
    s = analysis.summary
    out = ["", "## Tóm tắt cuộc họp (dự thảo)", "", s.opening]
    if s.points:
        out += ["", "Nội dung chính:", ""]
        current: str | None = None
        for point in s.points:
            if point.agenda_item and point.agenda_item != current:
                current = point.agenda_item
                out.append(f"- *{current}*")
            indent = "  " if point.agenda_item else ""
            out.append(f"{indent}- {point.text}")
    return out


def _review_markdown(analysis: Analysis) -> list[str]:
    r = analysis.review
    out = ["", "## Nhận xét, rút kinh nghiệm buổi sinh hoạt"]
    for title, lines in (
        ("Ưu điểm", r.strengths),
        ("Hạn chế", r.limitations),
        ("Đề nghị cho kỳ sau", r.suggestions),
    ):
        out += ["", f"### {title}", ""] + ([f"- {line}" for line in lines] or ["- ……"])
    return out


def _resolution_markdown(analysis: Analysis) -> list[str]:
    res = analysis.resolution
    out = ["", f"## {res.title}", "", "### I. Đánh giá tình hình", ""]
    out += [f"- {s.text}" for s in res.assessment]
    out += ["", "### II. Hạn chế, nguyên nhân", ""] + [f"- {s.text}" for s in res.limitations]
    out += ["", "### III. Nhiệm vụ thời gian tới", ""]
    out += _task_table(res.tasks) if res.tasks else ["……"]
    out += ["", "### IV. Biểu quyết", "", res.vote]
    return out
