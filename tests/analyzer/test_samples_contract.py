"""Every bundled input format produces the contract, with offsets that point at the text."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import Analysis, analyze
from tests.conftest import SAMPLES

SAMPLE_FILES = sorted(
    p for p in SAMPLES.iterdir() if p.suffix in {".docx", ".pdf", ".txt", ".vtt", ".srt"}
)


@pytest.fixture(scope="module", params=SAMPLE_FILES, ids=lambda p: p.name)
def analysis(request: pytest.FixtureRequest) -> Analysis:
    return analyze(Path(request.param))


def test_all_formats_are_bundled() -> None:
    assert {p.suffix for p in SAMPLE_FILES} == {".docx", ".pdf", ".txt", ".vtt", ".srt"}


def test_json_round_trip(analysis: Analysis) -> None:
    data = analysis.model_dump(mode="json")
    assert data["schema_version"] == "1"
    assert set(data) == {
        "schema_version",
        "source",
        "text",
        "meeting",
        "members",
        "sections",
        "turns",
        "items",
        "metrics",
        "completeness",
        "score",
        "summary",
        "review",
        "resolution",
        "warnings",
    }
    assert Analysis.model_validate(data) == analysis


def test_every_span_points_into_text(analysis: Analysis) -> None:
    text = analysis.text
    for section in analysis.sections:
        assert 0 <= section.start < section.end <= len(text)
    for turn in analysis.turns:
        assert text[turn.start : turn.end] == turn.text
        assert turn.cue and turn.cue in turn.text
    for warning in analysis.warnings:
        if warning.start is not None:
            assert 0 <= warning.start <= warning.end <= len(text)


def test_turns_are_ordered_and_disjoint(analysis: Analysis) -> None:
    previous = 0
    for turn in analysis.turns:
        assert turn.start >= previous
        previous = turn.end


def test_speakers_are_members(analysis: Analysis) -> None:
    ids = {m.id for m in analysis.members}
    for turn in analysis.turns:
        assert turn.speaker_id is None or turn.speaker_id == "group" or turn.speaker_id in ids
        if turn.speaker_id in ids:
            assert next(m for m in analysis.members if m.id == turn.speaker_id).spoke


def test_every_sample_has_turns_and_speakers(analysis: Analysis) -> None:
    attributed = [t for t in analysis.turns if t.speaker_id]
    assert len(attributed) >= 3
    assert sum(m.spoke for m in analysis.members) >= 3


def test_minutes_samples_have_facts(analysis: Analysis) -> None:
    if analysis.source.format not in ("docx", "pdf", "txt"):
        pytest.skip("transcripts carry no header")
    m = analysis.meeting
    assert m.title and m.date and m.start_time and m.end_time and m.place
    assert m.chair and m.chair.member_id and m.secretary and m.secretary.member_id
    assert m.attendance.present and m.attendance.total
    assert m.kind != "other"
