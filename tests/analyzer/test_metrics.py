"""Participation metrics on hand-built analyses with known answers."""

from __future__ import annotations

import pytest

from analyzer.metrics import compute, gini, normalised_entropy, speaking_band
from analyzer.schema import Analysis, Item, Meeting, Member, PersonRef, Source, Turn


def build(
    words: dict[str, int],
    *,
    present: list[str] | None = None,
    chair: str | None = None,
    extra_turns: list[tuple[str, str]] = (),
    items: list[tuple[str, str]] = (),
) -> Analysis:  # type: ignore[assignment]
    """Members m1..mn; each speaker in ``words`` says that many words in one turn."""
    names = sorted(set(words) | set(present or []))
    members = [
        Member(id=n, name=n.upper(), present=(present is None or n in present)) for n in names
    ]
    turns = []
    for speaker, count in words.items():
        if count:
            body = "Đồng chí X: " + " ".join(["từ"] * count)
            turns.append(
                Turn(
                    id=f"t{len(turns) + 1}",
                    speaker_id=speaker,
                    speaker=speaker,
                    cue="Đồng chí X:",
                    start=0,
                    end=len(body),
                    text=body,
                    section="discussion",
                )
            )
    for speaker, body in extra_turns:
        text = "Đồng chí X: " + body
        turns.append(
            Turn(
                id=f"t{len(turns) + 1}",
                speaker_id=speaker,
                speaker=speaker,
                cue="Đồng chí X:",
                start=0,
                end=len(text),
                text=text,
                section="discussion",
            )
        )
    built_items = [
        Item(id=f"i{n}", kind=kind, text="x", start=0, end=1, turn_id=turn_id, confidence=1.0)  # type: ignore[arg-type]
        for n, (turn_id, kind) in enumerate(items, start=1)
    ]
    meeting = Meeting(chair=PersonRef(name=chair.upper(), member_id=chair) if chair else None)
    return Analysis(
        source=Source(name="t", format="txt", sha256="0"),
        text="",
        meeting=meeting,
        members=members,
        turns=turns,
        items=built_items,
    )


def test_equal_shares_give_gini_zero_and_entropy_one() -> None:
    m = compute(build({"m1": 20, "m2": 20, "m3": 20, "m4": 20}))
    assert m.gini_words == 0
    assert m.entropy_words == 1
    assert (m.members_present, m.members_spoke, m.share_spoke) == (4, 4, 1.0)


@pytest.mark.parametrize("n", [2, 3, 5, 10])
def test_one_speaker_among_n_present(n: int) -> None:
    words = {f"m{i}": 0 for i in range(n)}
    words["m0"] = 50
    m = compute(build(words))
    assert m.gini_words == pytest.approx((n - 1) / n, abs=1e-4)
    assert m.entropy_words == 0
    assert [s.member_id for s in m.silent_members] == [f"m{i}" for i in range(1, n)]
    assert m.share_spoke == pytest.approx(1 / n, abs=1e-4)


def test_chair_share_and_longest_monologue() -> None:
    m = compute(build({"m1": 60, "m2": 30, "m3": 10}, chair="m1"))
    assert m.chair_share == 0.6
    assert m.longest_monologue is not None
    assert (
        m.longest_monologue.speaker_id,
        m.longest_monologue.words,
        m.longest_monologue.share,
    ) == ("m1", 60, 0.6)


def test_absent_members_and_guests_do_not_count() -> None:
    analysis = build({"m1": 10, "m2": 0, "m3": 0}, present=["m1", "m2"])
    analysis.members[0].roles.append("khách mời")  # m1 is a guest
    m = compute(analysis)
    assert m.members_present == 1  # m2 only; m3 absent, m1 a guest
    assert m.members_spoke == 0 and m.share_spoke == 0


def test_agreement_only_and_substantive_turns() -> None:
    analysis = build(
        {},
        present=["m1", "m2"],
        extra_turns=[("m1", "nhất trí với báo cáo"), ("m2", "đề nghị bổ sung số liệu")],
        items=[("t2", "proposal")],
    )
    m = compute(analysis)
    by_id = {s.id: s for s in m.members}
    assert by_id["m1"].agreement_only_turns == 1 and by_id["m1"].substantive == 0
    assert by_id["m2"].substantive == 1 and by_id["m2"].proposals == 1
    assert m.agreement_only_share == 0.5


@pytest.mark.parametrize(
    ("share", "band"),
    [
        (0.51, ">50%"),
        (0.5, "40–50%"),
        (0.4, "40–50%"),
        (0.3999, "30–40%"),
        (0.3, "30–40%"),
        (0.2999, "<30%"),
        (0.0, "<30%"),
    ],
)
def test_speaking_band_edges(share: float, band: str) -> None:
    assert speaking_band(share) == band


def test_degenerate_inputs() -> None:
    assert gini([]) is None and gini([0, 0]) is None
    assert normalised_entropy([5]) is None
    m = compute(build({}, present=[]))
    assert m.share_spoke is None and m.speaking_band is None and m.gini_words is None


def test_metrics_on_a_sample() -> None:
    from pathlib import Path

    from analyzer import analyze
    from tests.conftest import SAMPLES

    a = analyze(Path(SAMPLES / "chi-bo-chuyen-de-quy-3.docx"))
    m = a.metrics
    assert m.members_present and m.members_spoke and m.members_spoke <= m.members_present
    assert 0 <= (m.gini_words or 0) <= 1
    silent = {s.member_id for s in m.silent_members}
    assert all(not member.spoke for member in a.members if member.id in silent)


def test_breadth_topics_agenda_and_answered_share() -> None:
    from analyzer import analyze

    text = "\n".join(
        [
            "BIÊN BẢN SINH HOẠT CHI BỘ",
            "I. CHƯƠNG TRÌNH",
            "1. Công tác thu đảng phí quý II",
            "2. Vệ sinh môi trường khu dân cư",
            "3. Phát triển đảng viên mới",
            "II. THẢO LUẬN",
            "- Đồng chí Nguyễn Văn An: việc thu đảng phí quý II còn chậm, nhiều đảng viên nộp đảng phí muộn.",
            "- Đồng chí Trần Thị Bình: đề nghị thu đảng phí qua chuyển khoản để đảng viên nộp đảng phí đúng hạn.",
            "- Đồng chí Lê Văn Cường: rác thải ở khu dân cư còn tồn đọng, vệ sinh môi trường chưa tốt.",
            "- Đồng chí Phạm Thị Dung: đề nghị tổ chức ngày chủ nhật xanh để vệ sinh môi trường khu dân cư.",
        ]
    )
    m = analyze(text).metrics
    labels = " | ".join(t.label for t in m.topics)
    assert len(m.topics) >= 2 and "đảng phí" in labels
    discussed = {a.item: a.discussed for a in m.agenda}
    assert discussed["Công tác thu đảng phí quý II"] is True
    assert discussed["Phát triển đảng viên mới"] is False
    assert m.proposals_answered_share is None or 0 <= m.proposals_answered_share <= 1
