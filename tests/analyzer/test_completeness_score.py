"""Completeness of the minutes and the meeting score, at each band edge."""

from __future__ import annotations

import pytest

from analyzer import analyze, score
from analyzer.schema import (
    Analysis,
    Attendance,
    Completeness,
    CompletenessField,
    Meeting,
    Metrics,
    Source,
)
from tests.analyzer.test_layout_sections import STRUCTURED


def test_fields_found_with_offsets_and_missing_ones_named() -> None:
    a = analyze(STRUCTURED)
    missing = {f.field for f in a.completeness.fields if not f.found}
    # STRUCTURED has one unnamed absentee, no task and no adoption of the minutes.
    assert missing == {"absentees", "tasks", "adopted"}
    absentees = next(f for f in a.completeness.fields if f.field == "absentees")
    assert absentees.note == "chưa ghi tên người vắng"
    for f in a.completeness.fields:
        if f.start is not None:
            assert 0 <= f.start < f.end <= len(a.text)


def test_missing_end_time_and_signatures_are_reported() -> None:
    text = "\n".join(
        line for line in STRUCTURED.splitlines() if "kết thúc" not in line and "THƯ KÝ" not in line
    )
    a = analyze(text)
    missing = {f.field for f in a.completeness.fields if not f.found}
    assert {"end_time"} <= missing
    assert a.meeting.end_time is None
    duration = next(c for c in a.score.criteria if c.criterion == "duration")
    assert duration.points is None and "không đánh giá được" in duration.rule


def _analysis(
    duration: int | None = None,
    present: int | None = None,
    total: int | None = None,
    band: str | None = None,
    found: tuple[str, ...] = (),
) -> tuple[Analysis, Completeness]:
    meeting = Meeting(
        duration_minutes=duration, attendance=Attendance(total=total, present=present)
    )
    metrics = Metrics(
        speaking_band=band, members_present=10 if band else None, members_spoke=5, share_spoke=0.5
    )  # type: ignore[arg-type]
    analysis = Analysis(
        source=Source(name="t", format="txt", sha256="0"), text="", meeting=meeting, metrics=metrics
    )
    fields = [CompletenessField(field=name, label=name, found=True) for name in found]
    return analysis, Completeness(found=len(fields), total=len(fields), fields=fields)


def _points(criterion: str, **kwargs) -> float | None:  # type: ignore[no-untyped-def]
    s = score.compute(*_analysis(**kwargs))
    return next(c.points for c in s.criteria if c.criterion == criterion)


@pytest.mark.parametrize(
    ("minutes", "total", "points"),
    [
        (90, 12, 10),
        (89, 12, 5),
        (60, 12, 5),
        (59, 12, 0),
        (119, 30, 5),
        (120, 30, 10),
        (None, 12, None),
    ],
)
def test_duration_edges(minutes: int | None, total: int, points: float | None) -> None:
    assert _points("duration", duration=minutes, total=total, present=total) == points


@pytest.mark.parametrize(
    ("present", "total", "points"),
    [(9, 10, 10), (89, 100, 7), (8, 10, 7), (7, 10, 4), (69, 100, 0), (None, 10, None)],
)
def test_attendance_edges(present: int | None, total: int, points: float | None) -> None:
    assert _points("attendance", present=present, total=total) == points


@pytest.mark.parametrize(
    ("band", "points"), [(">50%", 20), ("40–50%", 15), ("30–40%", 10), ("<30%", 5), (None, None)]
)
def test_speaking_bands(band: str | None, points: float | None) -> None:
    assert _points("speaking", band=band) == points


def test_rating_only_when_enough_is_assessable() -> None:
    full = score.compute(
        *_analysis(
            duration=120,
            present=10,
            total=10,
            band=">50%",
            found=("conclusion", "tasks", "adopted"),
        )
    )
    assert (full.points, full.assessable_points, full.rating) == (70, 70, "Tốt")
    thin = score.compute(*_analysis(found=()))
    assert thin.assessable_points == 30 and thin.rating is None
    assert "chưa đủ" in thin.note
