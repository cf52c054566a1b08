"""The post-meeting review ("Nhận xét, rút kinh nghiệm buổi sinh hoạt"): strengths, limitations
and suggestions derived from the metrics, the completeness check and the items."""

from __future__ import annotations

from analyzer.schema import Analysis, Review

_CHAIR_DOMINANT = 0.4
_AGREEMENT_HEAVY = 0.3
_UNEVEN = 0.5


def _pct(value: float) -> str:
    return f"{value:.0%}"


def review(analysis: Analysis) -> Review:
    m = analysis.meeting
    metrics = analysis.metrics
    strengths: list[str] = []
    limitations: list[str] = []
    suggestions: list[str] = []

    if metrics.share_spoke is not None and metrics.members_present:
        line = f"{metrics.members_spoke}/{metrics.members_present} người có mặt phát biểu ({_pct(metrics.share_spoke)})"
        if metrics.share_spoke > 0.5:
            strengths.append(f"Có {line}, đạt mức trên 50%.")
        else:
            limitations.append(f"Chỉ {line}, mức {metrics.speaking_band}.")
            suggestions.append(
                "Chủ trì gợi mở vấn đề, mời các đồng chí chưa phát biểu tham gia ý kiến."
            )
    if metrics.silent_members:
        names = ", ".join(p.name for p in metrics.silent_members[:10])
        limitations.append(f"Có mặt nhưng không phát biểu: {names}.")
    if metrics.chair_share is not None and metrics.chair_share > _CHAIR_DOMINANT:
        limitations.append(f"Chủ trì chiếm {_pct(metrics.chair_share)} số lời phát biểu.")
        suggestions.append(
            "Dành nhiều thời gian hơn cho đảng viên thảo luận, chủ trì gợi mở và kết luận."
        )
    if metrics.agreement_only_share is not None and metrics.agreement_only_share > _AGREEMENT_HEAVY:
        limitations.append(
            f"{_pct(metrics.agreement_only_share)} ý kiến chỉ nêu nhất trí, chưa có đánh giá hay đề xuất cụ thể."
        )
        suggestions.append(
            "Đề nghị mỗi ý kiến nêu rõ đánh giá, nguyên nhân hoặc giải pháp, không chỉ nhất trí."
        )
    if metrics.gini_words is not None and metrics.gini_words > _UNEVEN and metrics.members_spoke:
        limitations.append(
            f"Ý kiến phân bố chưa đều giữa các thành viên (hệ số Gini {metrics.gini_words:.2f})."
        )

    a = m.attendance
    if a.present is not None and a.total:
        share = a.present / a.total
        if share >= 0.9:
            strengths.append(f"Tỷ lệ dự họp cao: {a.present}/{a.total} ({_pct(share)}).")
        else:
            limitations.append(f"Tỷ lệ dự họp {a.present}/{a.total} ({_pct(share)}), dưới 90%.")
    unexcused = [x.name for x in m.absentees if x.excused is False]
    if unexcused:
        limitations.append("Vắng không lý do: " + ", ".join(unexcused) + ".")
        suggestions.append("Chi ủy gặp gỡ, nhắc nhở các đồng chí vắng không lý do.")

    duration = next((c for c in analysis.score.criteria if c.criterion == "duration"), None)
    if duration is not None and duration.assessable:
        (strengths if duration.points == duration.max_points else limitations).append(
            f"Thời lượng sinh hoạt: {duration.rule}."
        )

    proposals = [i for i in analysis.items if i.kind == "proposal"]
    answered = [i for i in proposals if i.status in ("adopted", "addressed")]
    if proposals:
        if len(answered) == len(proposals):
            strengths.append(f"Có {len(proposals)} đề xuất, tất cả đã được kết luận hoặc tiếp thu.")
        else:
            open_count = len(proposals) - len(answered)
            (strengths if len(answered) >= len(proposals) / 2 else limitations).append(
                f"Có {len(proposals)} đề xuất, {len(answered)} đã được kết luận hoặc tiếp thu, {open_count} chưa được trả lời."
            )
            suggestions.append("Chi ủy trả lời các đề xuất còn để ngỏ tại kỳ sinh hoạt tới.")
    tasks = [i for i in analysis.items if i.kind == "action_item"]
    if tasks:
        dated = sum(1 for t in tasks if t.deadline or t.deadline_text)
        strengths.append(f"Có phân công {len(tasks)} nhiệm vụ, {dated} nhiệm vụ có thời hạn.")
        if dated < len(tasks):
            suggestions.append("Ghi rõ thời hạn hoàn thành cho từng nhiệm vụ được giao.")
    else:
        limitations.append("Chưa thấy phân công nhiệm vụ cụ thể (người thực hiện, thời hạn).")
        suggestions.append("Kết luận cần giao việc cho người cụ thể, kèm thời hạn.")

    c = analysis.completeness
    missing = [f.label.lower() for f in c.fields if not f.found]
    if c.total and not missing:
        strengths.append(f"Biên bản ghi đầy đủ các mục theo hướng dẫn ({c.found}/{c.total}).")
    elif missing:
        limitations.append("Biên bản chưa ghi: " + "; ".join(missing) + ".")
        suggestions.append("Thư ký ghi đầy đủ các mục của biên bản theo hướng dẫn.")
    return Review(
        strengths=strengths, limitations=limitations, suggestions=list(dict.fromkeys(suggestions))
    )
