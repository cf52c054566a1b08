"""Completeness of the minutes: each field that guidance asks the secretary to record, found
(with the span it was read from) or missing."""

from __future__ import annotations

import re

from analyzer.accents import rx
from analyzer.facts import MeetingFacts
from analyzer.schema import Analysis, Completeness, CompletenessField

_ADOPTED = re.compile(
    r"biên[ \t]+bản[^.\n]{0,60}?(?:đã[ \t]+)?(?:được[ \t]+)?(?:đọc[ \t]+lại|thông[ \t]+qua)|"
    r"thông[ \t]+qua[ \t]+biên[ \t]+bản|nhất[ \t]+trí[ \t]+(?:với[ \t]+)?(?:nội[ \t]+dung[ \t]+)?biên[ \t]+bản",
    re.I,
)


def _field(
    name: str,
    label: str,
    span: tuple[int, int] | None,
    found: bool | None = None,
    note: str | None = None,
) -> CompletenessField:
    ok = span is not None if found is None else found
    return CompletenessField(
        field=name,
        label=label,
        found=ok,
        start=span[0] if span else None,
        end=span[1] if span else None,
        note=note,
    )


def _section_span(analysis: Analysis, kind: str) -> tuple[int, int] | None:
    section = next((s for s in analysis.sections if s.kind == kind), None)
    return (section.start, section.end) if section else None


def check(analysis: Analysis, facts: MeetingFacts) -> Completeness:
    m = analysis.meeting
    ev = facts.evidence
    fields = [
        _field("start_time", "Giờ bắt đầu", ev.get("start_time"), m.start_time is not None),
        _field("end_time", "Giờ kết thúc", ev.get("end_time"), m.end_time is not None),
        _field("place", "Địa điểm", ev.get("place"), m.place is not None),
        _field(
            "attendance",
            "Số có mặt / tổng số",
            ev.get("attendance"),
            m.attendance.present is not None and m.attendance.total is not None,
        ),
    ]
    absent = m.attendance.absent
    if absent == 0:
        fields.append(_field("absentees", "Người vắng và lý do", None, True, "không có người vắng"))
    else:
        reasons = [a for a in m.absentees if a.excused is not None]
        note = (
            None
            if reasons
            else ("chưa ghi tên người vắng" if not m.absentees else "chưa ghi lý do vắng")
        )
        fields.append(_field("absentees", "Người vắng và lý do", None, bool(reasons), note))
    chair = facts.chair
    secretary = facts.secretary
    fields.append(_field("chair", "Chủ trì", (chair.start, chair.end) if chair else None))
    fields.append(
        _field("secretary", "Thư ký", (secretary.start, secretary.end) if secretary else None)
    )
    fields.append(_field("agenda", "Chương trình / nội dung", _section_span(analysis, "agenda")))
    named = [t for t in analysis.turns if t.speaker_id and t.speaker_id != "group"]
    unnamed = [t for t in analysis.turns if t.speaker_id is None]
    note = f"{len(unnamed)} ý kiến không ghi tên người phát biểu" if unnamed else None
    fields.append(
        _field(
            "opinions",
            "Ý kiến phát biểu có ghi tên",
            (named[0].start, named[0].end) if named else None,
            note=note,
        )
    )
    conclusions = [i for i in analysis.items if i.kind in ("conclusion", "decision")]
    span = (
        (conclusions[0].start, conclusions[0].end)
        if conclusions
        else _section_span(analysis, "conclusion")
    )
    fields.append(_field("conclusion", "Kết luận của chủ trì", span))
    votes = [i for i in analysis.items if i.kind == "vote"]
    counted = [v for v in votes if v.votes_for is not None]
    vote_note = "có biểu quyết nhưng chưa ghi số phiếu" if votes and not counted else None
    fields.append(
        _field(
            "vote",
            "Biểu quyết có số phiếu",
            (counted[0].start, counted[0].end) if counted else None,
            note=vote_note,
        )
    )
    tasks = [i for i in analysis.items if i.kind == "action_item"]
    fields.append(
        _field("tasks", "Phân công nhiệm vụ", (tasks[0].start, tasks[0].end) if tasks else None)
    )
    adopted = rx(_ADOPTED).search(analysis.text)
    fields.append(_field("adopted", "Thông qua biên bản", adopted.span() if adopted else None))
    fields.append(
        _field("signatures", "Chữ ký thư ký và chủ trì", _section_span(analysis, "signatures"))
    )
    return Completeness(found=sum(f.found for f in fields), total=len(fields), fields=fields)
