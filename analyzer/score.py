"""The meeting score: the criteria of the party's form that minutes can show, with the rule that
gave each its points; the others are "không đánh giá được", never guessed.

Weights and bands are data (``models/lexicons/score.yaml``)."""

from __future__ import annotations

from typing import Any

from analyzer import lexicon
from analyzer.schema import Analysis, Completeness, Score, ScoreCriterion

NOT_ASSESSABLE = "không đánh giá được"


def _criterion(key: str, spec: dict[str, Any], points: float | None, rule: str) -> ScoreCriterion:
    return ScoreCriterion(
        criterion=key,
        label=spec["label"],
        max_points=int(spec["max_points"]),
        points=points,
        assessable=points is not None,
        rule=rule,
    )


def compute(analysis: Analysis, completeness: Completeness) -> Score:
    config = lexicon.load("score")
    specs = config["criteria"]
    m = analysis.meeting
    metrics = analysis.metrics
    found = {f.field: f.found for f in completeness.fields}
    criteria = []

    spec = specs["duration"]
    total_members = m.attendance.total or 0
    required = (
        spec["large_cell_minutes"]
        if total_members >= spec["large_cell"]
        else spec["required_minutes"]
    )
    if m.duration_minutes is None:
        criteria.append(
            _criterion(
                "duration",
                spec,
                None,
                f"{NOT_ASSESSABLE}: biên bản thiếu giờ bắt đầu hoặc kết thúc",
            )
        )
    elif m.duration_minutes >= required:
        criteria.append(
            _criterion(
                "duration", spec, spec["max_points"], f"{m.duration_minutes} phút ≥ {required} phút"
            )
        )
    elif m.duration_minutes >= spec["partial_minutes"]:
        criteria.append(
            _criterion(
                "duration",
                spec,
                spec["partial_points"],
                f"{m.duration_minutes} phút < {required} phút",
            )
        )
    else:
        criteria.append(
            _criterion(
                "duration", spec, 0, f"{m.duration_minutes} phút < {spec['partial_minutes']} phút"
            )
        )

    spec = specs["attendance"]
    if m.attendance.present is None or not m.attendance.total:
        criteria.append(
            _criterion("attendance", spec, None, f"{NOT_ASSESSABLE}: thiếu số có mặt hoặc tổng số")
        )
    else:
        share = m.attendance.present / m.attendance.total
        band = next(b for b in spec["bands"] if share >= b["min"])
        criteria.append(
            _criterion(
                "attendance",
                spec,
                band["points"],
                f"có mặt {m.attendance.present}/{m.attendance.total} ({share:.0%}), mức ≥ {band['min']:.0%}",
            )
        )

    spec = specs["speaking"]
    if metrics.speaking_band is None or not metrics.members_present:
        criteria.append(
            _criterion(
                "speaking", spec, None, f"{NOT_ASSESSABLE}: không xác định được số người có mặt"
            )
        )
    else:
        criteria.append(
            _criterion(
                "speaking",
                spec,
                spec["bands"][metrics.speaking_band],
                f"{metrics.members_spoke}/{metrics.members_present} người có mặt phát biểu "
                f"({metrics.share_spoke:.0%}), mức {metrics.speaking_band}",
            )
        )

    for key, field, yes, no in (
        ("conclusion", "conclusion", "có kết luận của chủ trì", "không thấy kết luận"),
        ("tasks", "tasks", "có phân công nhiệm vụ", "không thấy phân công nhiệm vụ"),
        ("closing", "adopted", "biên bản được thông qua", "không thấy thông qua biên bản"),
    ):
        spec = specs[key]
        criteria.append(
            _criterion(
                key,
                spec,
                spec["max_points"] if found.get(field) else 0,
                yes if found.get(field) else no,
            )
        )

    spec = specs["not_assessable"]
    criteria.append(_criterion("other", spec, None, NOT_ASSESSABLE))

    assessable = sum(c.max_points for c in criteria if c.assessable)
    points = float(sum(c.points or 0 for c in criteria))
    rating = None
    if assessable >= config["min_assessable_for_rating"]:
        scaled = 100 * points / assessable
        rating = next(r["name"] for r in config["ratings"] if scaled >= r["min"])
        note = (
            f"Đánh giá được {assessable}/{config['max_points']} điểm; đạt {points:g}/{assessable} "
            f"({scaled:.0f}%), xếp loại tạm tính trên phần đánh giá được."
        )
    else:
        note = (
            f"Chỉ đánh giá được {assessable}/{config['max_points']} điểm, chưa đủ để xếp loại "
            f"(cần ≥ {config['min_assessable_for_rating']})."
        )
    return Score(
        points=points,
        assessable_points=assessable,
        max_points=config["max_points"],
        rating=rating,
        note=note,
        criteria=criteria,
    )
