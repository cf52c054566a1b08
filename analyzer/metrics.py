"""Participation and balance metrics of a meeting, from its turns and items.

Definitions (also in the README): P is the set of members present (guests excluded); w_i the
words member i said in their turns (cue words excluded), 0 for a silent member.

- share who spoke = |{i ∈ P : i has a turn}| / |P|, with the party's bands >50%, 40–50%, 30–40%, <30%
- Gini = Σ_i Σ_j |w_i − w_j| / (2 |P|² · mean(w)) over P (0 = equal, (n−1)/n = one speaker of n)
- normalised entropy = −Σ p_i ln p_i / ln |P| with p_i = w_i / Σ w over P (1 = equal)
- chair's share = w_chair / Σ w over P
- agreement-only share = agreement-only turns / member turns
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc

from analyzer import breadth
from analyzer.roster import GUEST_ROLE
from analyzer.schema import Analysis, MemberMetrics, Metrics, Monologue, PersonRef

SUBSTANTIVE = {"proposal", "concern", "question", "conclusion", "decision", "action_item"}
_AGREEMENT = re.compile(
    r"nhất[ \t]+trí|đồng[ \t]+ý|tán[ \t]+thành|thống[ \t]+nhất|đồng[ \t]+tình", re.I
)
_SHORT_TURN = 15  # words: a short turn with no item that only assents is agreement-only
_LONG_TURN = 25  # words: a long turn with no extracted item still counts as substantive


def speaking_band(share: float) -> str:
    """The party's bands for the share of present members who spoke."""
    if share > 0.5:
        return ">50%"
    if share >= 0.4:
        return "40–50%"
    if share >= 0.3:
        return "30–40%"
    return "<30%"


def gini(values: Sequence[float]) -> float | None:
    """Gini coefficient of non-negative values (None when they sum to zero)."""
    n = len(values)
    total = sum(values)
    if n == 0 or total <= 0:
        return None
    ordered = sorted(values)
    # Σ_i Σ_j |x_i − x_j| = 2 Σ_i (2i − n + 1) x_(i) for sorted x, i from 0.
    weighted = sum((2 * i - n + 1) * x for i, x in enumerate(ordered))
    return round(2 * weighted / (2 * n * n * (total / n)), 4)


def normalised_entropy(values: Sequence[float]) -> float | None:
    n = len(values)
    total = sum(values)
    if n < 2 or total <= 0:
        return None
    entropy = -sum((v / total) * math.log(v / total) for v in values if v > 0)
    return round(entropy / math.log(n), 4)


def _words(text: str, cue: str) -> int:
    return max(0, len(text.split()) - len(cue.split()))


def compute(analysis: Analysis, doc: Doc | None = None) -> Metrics:
    """Participation metrics; with the spaCy ``doc``, also the breadth of the discussion."""
    members = {m.id: m for m in analysis.members}
    present = [m for m in analysis.members if m.present and GUEST_ROLE not in m.roles]
    present_ids = {m.id for m in present}
    items_by_turn: dict[str, list[str]] = defaultdict(list)
    for item in analysis.items:
        if item.turn_id:
            items_by_turn[item.turn_id].append(item.kind)
    stats: dict[str, MemberMetrics] = {}
    member_turns = 0
    agreement_only = 0
    longest: Monologue | None = None
    for turn in analysis.turns:
        if turn.speaker_id not in members:
            continue
        member_turns += 1
        words = _words(turn.text, turn.cue)
        kinds = items_by_turn.get(turn.id, [])
        entry = stats.setdefault(
            turn.speaker_id, MemberMetrics(id=turn.speaker_id, name=members[turn.speaker_id].name)
        )
        entry.turns += 1
        entry.words += words
        entry.proposals += kinds.count("proposal")
        entry.concerns += kinds.count("concern")
        only_agrees = (bool(kinds) and set(kinds) == {"agreement"}) or (
            not kinds and words <= _SHORT_TURN and bool(_AGREEMENT.search(turn.text))
        )
        if only_agrees:
            entry.agreement_only_turns += 1
            agreement_only += 1
        elif SUBSTANTIVE & set(kinds) or (not kinds and words > _LONG_TURN):
            entry.substantive += 1
        if longest is None or words > longest.words:
            longest = Monologue(turn_id=turn.id, speaker_id=turn.speaker_id, words=words)
    for member in present:
        stats.setdefault(member.id, MemberMetrics(id=member.id, name=member.name))
    words_present = [stats[m.id].words for m in present]
    total_present = sum(words_present)
    total_all = sum(s.words for s in stats.values())
    for entry in stats.values():
        entry.share_of_words = round(entry.words / total_all, 4) if total_all else None
    spoke = [m for m in present if stats[m.id].turns > 0]
    share = len(spoke) / len(present) if present else None
    chair = analysis.meeting.chair
    chair_share = None
    if chair and chair.member_id in present_ids and total_present:
        chair_share = round(stats[chair.member_id].words / total_present, 4)
    if longest is not None and total_all:
        longest.share = round(longest.words / total_all, 4)
    said = breadth.contributions(analysis, doc) if doc is not None else []
    return Metrics(
        members_present=len(present),
        members_spoke=len(spoke),
        share_spoke=round(share, 4) if share is not None else None,
        speaking_band=speaking_band(share) if share is not None else None,
        gini_words=gini(words_present),
        entropy_words=normalised_entropy(words_present),
        chair_share=chair_share,
        longest_monologue=longest,
        agreement_only_share=round(agreement_only / member_turns, 4) if member_turns else None,
        silent_members=[
            PersonRef(name=m.name, member_id=m.id) for m in present if stats[m.id].turns == 0
        ],
        members=sorted(stats.values(), key=lambda s: (-s.words, s.name)),
        topics=breadth.topics(said) if said else [],
        agenda=breadth.agenda_coverage(analysis, doc, said) if doc is not None else [],
        proposals_answered_share=breadth.proposals_answered_share(analysis),
    )
