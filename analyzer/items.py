"""Items: proposals, concerns, agreements, questions, conclusions, decisions, action items, votes.

Hybrid extraction. Candidates are the clauses of every turn (after its cue) and of the narration
in the parts of the minutes that carry items. A spaCy PhraseMatcher over the underthesea tokens marks
cue phrases from ``models/lexicons/items.yaml``; those marks, the section, the speaker's role and
the clause's shape become extra features for a scikit-learn classifier (TF-IDF word n-grams,
calibrated logistic regression; ``analyzer.item_model``) that labels each
clause. Kind-specific fields (assignee, deadline, vote counts) are then read with rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import get_args

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from analyzer import lexicon
from analyzer.accents import rx
from analyzer.layout import _MARKER
from analyzer.schema import ItemKind
from analyzer.sections import SectionSpan
from analyzer.turns import TurnSpan

ITEM_KINDS: tuple[str, ...] = get_args(ItemKind)
NONE = "none"
# Parts of the minutes whose narration can carry items; turns carry items wherever they are.
_ITEM_SECTIONS = {"discussion", "conclusion", "vote", "closing", "other", None}
_CLAUSE_BREAK = re.compile(
    # a real line break (after a sentence, before a list item, or a blank line), not a hard wrap
    r"\n[ \t]*\n\s*|(?<=[.!?:;…])[ \t]*\n\s*|\n(?=[ \t]*(?:[-–+•*]|\d{1,2}[./)]|[a-zđ][.)]|[IVX]{1,4}[./])[ \t])|"
    r"\n(?=[^\n]*\|)|"
    r"(?<=[.!?…])[ \t]+(?=\S)|;[ \t]*|[ \t]+[-–][ \t]+(?=(?-i:[a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]))|"
    r",[ \t]+(?=(?:đồng[ \t]+thời|đề[ \t]+nghị|đề[ \t]+xuất|kiến[ \t]+nghị|nhưng|tuy[ \t]+nhiên|song|giao|"
    r"mong|cần|nên|đ/c|đồng[ \t]+chí|cô|thầy|anh|chị|bạn)(?!\w))|"
    r":[ \t]+(?=(?:đ/c|đồng[ \t]+chí|cô|thầy|anh|chị|bạn)[ \t]|\d)",
    re.I,
)
# Sentence and list-item breaks only (the first line of _CLAUSE_BREAK, plus sentence ends).
_SENTENCE_BREAK = re.compile(
    r"\n[ \t]*\n\s*|(?<=[.!?:…])[ \t]*\n\s*|\n(?=[ \t]*(?:[-–+•*]|\d{1,2}[./)]|[a-zđ][.)]|[IVX]{1,4}[./])[ \t])|"
    r"\n(?=[^\n]*\|)|(?<=[.!?…])[ \t]+(?=\S)"
)
_ROW_NUMBER = re.compile(r"\d{1,3}[ \t]*\|[ \t]*")  # "3 | " opening a flattened table row
_TRIM = " \t\n.;:,…-–—\"'“”"
_MIN_WORDS = 3


@dataclass
class Candidate:
    start: int
    end: int
    section: str | None
    turn: int | None  # index into the turns list
    first_in_turn: bool
    speaker_role: str  # "chair" | "secretary" | "member" | "group" | "none"
    cue_verb: str | None = None  # the speech verb of the turn's cue ("đề nghị", "kết luận")
    cues: set[str] = field(default_factory=set)
    has_assignee: bool = False  # names who is to act ("giao đồng chí X", "Tổ 2 ...")
    question_mark: bool = False


@cache
def _cue_phrases() -> dict[str, list[str]]:
    data = lexicon.load("items")
    return {kind: list(dict.fromkeys(words)) for kind, words in data["cues"].items()}


def build_matcher(nlp) -> PhraseMatcher:  # type: ignore[no-untyped-def]
    """A PhraseMatcher on lower-cased tokens whose phrases are tokenized like the text is."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for kind, phrases in _cue_phrases().items():
        matcher.add(kind, [nlp.make_doc(phrase) for phrase in phrases])
    return matcher


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    marker = _MARKER.match(text, start, end) or rx(_ROW_NUMBER).match(text, start, end)
    if marker:
        start = marker.end()
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    # A closing bracket or quote balanced inside the clause stays.
    if (
        end < len(text)
        and text[end : end + 1] == ")"
        and text.count("(", start, end) > text.count(")", start, end)
    ):
        end += 1
    return start, end


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clauses, plus whole sentences or list items that hold several ";"-joined clauses: a
    decision or a task is often written as one item of several parts."""
    result = []
    for a, b in _pieces(_SENTENCE_BREAK, text, start, end):
        clauses = _pieces(_CLAUSE_BREAK, text, a, b)
        result += clauses
        if len(clauses) > 1 and ";" in text[a:b] and len(text[a:b].split()) <= 60:
            result.append((a, b))
    return sorted(set(result))


def _pieces(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    pos = start
    for brk in pattern.finditer(text, start, end):
        pieces.append((pos, brk.start()))
        pos = brk.end()
    pieces.append((pos, end))
    result = []
    for a, b in pieces:
        a, b = _trim(text, a, b)
        if b > a and len(text[a:b].split()) >= _MIN_WORDS:
            result.append((a, b))
    return result


def candidates(
    text: str,
    turns: list[TurnSpan],
    sections: list[SectionSpan],
    speaker_roles: list[str],
) -> list[Candidate]:
    """Clauses that may carry an item, in text order."""
    found: list[Candidate] = []
    covered: list[tuple[int, int]] = []
    for index, turn in enumerate(turns):
        region_start = turn.cue.end if not turn.cue.inline else turn.start
        covered.append((turn.start, turn.end))
        for number, (a, b) in enumerate(_split(text, region_start, turn.end)):
            found.append(Candidate(a, b, turn.section, index, number == 0, speaker_roles[index]))
    for section in sections:
        if section.kind not in _ITEM_SECTIONS:
            continue
        pos = section.start
        if section.title:
            # The heading line ("V. BIỂU QUYẾT") is not part of any item.
            line_end = text.find("\n", section.start, section.end)
            pos = line_end + 1 if line_end >= 0 else section.end
        for turn_start, turn_end in sorted(covered):
            if turn_end <= pos or turn_start >= section.end:
                continue
            if turn_start > pos:
                found += _narration(text, pos, turn_start, section.kind)
            pos = max(pos, turn_end)
        if pos < section.end:
            found += _narration(text, pos, section.end, section.kind)
    found.sort(key=lambda c: c.start)
    for cand in found:
        cand.question_mark = text[cand.end : cand.end + 1] == "?" or text[
            cand.start : cand.end
        ].endswith("?")
    return found


def _narration(text: str, start: int, end: int, section: str | None) -> list[Candidate]:
    return [Candidate(a, b, section, None, False, "none") for a, b in _split(text, start, end)]


def mark_cues(doc: Doc, matcher: PhraseMatcher, found: list[Candidate]) -> None:
    """Add the lexicon kinds whose cue phrases occur inside each candidate."""
    if not found:
        return
    starts = [c.start for c in found]
    import bisect

    for match_id, token_start, token_end in matcher(doc):
        span = doc[token_start:token_end]
        index = bisect.bisect_right(starts, span.start_char) - 1
        if index >= 0 and found[index].start <= span.start_char < found[index].end:
            found[index].cues.add(doc.vocab.strings[match_id])


def features(text: str, cand: Candidate) -> str:
    """The classifier's input: the clause in lower case, then meta tokens."""
    clause = text[cand.start : cand.end]
    meta = [f"zsec{cand.section or 'none'}", f"zrole{cand.speaker_role}"]
    meta += [f"zcue{kind}" for kind in sorted(cand.cues)]
    if cand.cue_verb:
        meta.append("zverb" + cand.cue_verb.replace(" ", ""))
    opening = clause.lower().split()[:2]
    if opening:
        meta.append("zstart" + opening[0])
        meta.append("zstart" + "".join(opening))
    if cand.turn is None:
        meta.append("znoturn")
    if cand.first_in_turn:
        meta.append("zfirst")
    if cand.question_mark:
        meta.append("zqmark")
    if cand.has_assignee:
        meta.append("zassignee")
    if re.search(r"\d+[ \t]*/[ \t]*\d+", clause):
        meta.append("zratio")
    if "%" in clause:
        meta.append("zpct")
    if re.search(r"\d{1,2}/\d{1,2}|tháng[ \t]+\d|quý|tuần|cuối[ \t]+tháng", clause, re.I):
        meta.append("zdate")
    words = len(clause.split())
    meta.append("zshort" if words <= 6 else "zlong" if words >= 25 else "zmid")
    return clause.lower() + " " + " ".join(meta)


# --- inference -------------------------------------------------------------------------------

THRESHOLD = 0.3
_UNIT = (
    r"(?:các[ \t]+)?(?:tổ|chi[ \t]+đoàn|ban|công[ \t]+đoàn|đoàn[ \t]+thanh[ \t]+niên|hội|bộ[ \t]+phận|phòng|"
    r"nhóm|chi[ \t]+ủy|chi[ \t]+hội|khối|lớp|cấp[ \t]+ủy|ban[ \t]+chấp[ \t]+hành|ban[ \t]+giám[ \t]+hiệu|"
    r"giáo[ \t]+viên[ \t]+chủ[ \t]+nhiệm|đảng[ \t]+viên|bí[ \t]+thư[ \t]+chi[ \t]+đoàn|tổ[ \t]+trưởng|trưởng[ \t]+ban|"
    r"đội|team|nhà[ \t]+trường|công[ \t]+ty|chi[ \t]+nhánh|ủy[ \t]+ban|trạm|trung[ \t]+tâm|ban[ \t]+điều[ \t]+hành)(?!\w)"
)
_VERB_STOP = re.compile(
    r"[ \t]+(?:chủ[ \t]+trì|phối[ \t]+hợp|thực[ \t]+hiện|hoàn[ \t]+thành|xây[ \t]+dựng|tổ[ \t]+chức|rà[ \t]+soát|"
    r"triển[ \t]+khai|chịu[ \t]+trách[ \t]+nhiệm|phụ[ \t]+trách|theo[ \t]+dõi|chuẩn[ \t]+bị|lập|làm|tiếp[ \t]+tục|"
    r"nắm|vận[ \t]+động|liên[ \t]+hệ|kiểm[ \t]+tra|báo[ \t]+cáo|đôn[ \t]+đốc|hướng[ \t]+dẫn|lo|viết|gửi|nộp|"
    r"trước|trong|tập[ \t]+trung|đảm[ \t]+nhận|quản[ \t]+lý|sửa|cập[ \t]+nhật|tham[ \t]+mưu|phụ[ \t]+trách|"
    r"cử|dự[ \t]+thảo|soạn|họp|gặp|thu|mời|đăng[ \t]+ký|tuyên[ \t]+truyền|nhắc|hỗ[ \t]+trợ|giúp|"
    r"bố[ \t]+trí|mua|sửa[ \t]+chữa|kiểm[ \t]+kê|rà|xin|gửi|in|cấp|chi|tổng[ \t]+hợp)(?!\w)|[,.;:(]",
    re.I,
)
_ASSIGN = re.compile(
    r"(?:giao(?:[ \t]+cho)?|phân[ \t]+công(?:[ \t]+cho)?|cử|đề[ \t]+nghị|yêu[ \t]+cầu|nhờ)[ \t]+",
    re.I,
)
_SELF = re.compile(
    r"^(?:em|tôi|mình|tớ|anh|chị)[ \t]+(?:xin[ \t]+)?(?:nhận|sẽ|đăng[ \t]+ký|lo)(?!\w)", re.I
)


class _Members:
    """Name, alias and role lookups over the analysis roster."""

    def __init__(self, analysis, pool=None) -> None:  # type: ignore[no-untyped-def]
        from analyzer.roster import NamePool, Roster

        self.pool = pool if pool is not None else NamePool(analysis.text)
        self.roster = Roster()
        self.ids: dict[str, str] = {}
        for member in analysis.members:
            added = self.roster.add(member.name)
            for role in member.roles:
                self.roster.add_role(added, role)
            self.ids[added.id] = member.id
            for alias in member.aliases:
                self.roster.add_alias(added, alias)
        self.names = {m.id: m.name for m in analysis.members}

    def by_name(self, name: str) -> str | None:
        """The member id; for a given name that only the text's full names explain, the id the
        full name would get ("Đ/c Xuân" → "kieu-thi-thanh-xuan")."""
        from analyzer.roster import slug

        member, ambiguous = self.roster.resolve(name)
        if member:
            return self.ids.get(member.id)
        if ambiguous:
            return None
        full, _ = self.pool.complete(name)
        if full:
            member, _ = self.roster.resolve(full)
            return self.ids.get(member.id) if member else slug(full)
        return None

    def by_role(self, role: str) -> str | None:
        found = self.roster.by_role(role)
        return self.ids.get(found[0].id) if len(found) == 1 else None


@cache
def _assignee_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cues = lexicon.cues()
    return (
        re.compile(rf"(?:{cues.honorific})(?!\w)[ \t]+", re.I),
        re.compile(rf"(?:{cues.role})(?!\w)", re.I),
        re.compile(_UNIT, re.I),
    )


def _names_actor(text: str, start: int, end: int) -> bool:
    """Cheap test for the classifier: does the clause open with, or assign to, a person or unit?"""
    honorific, role_pattern, unit_pattern = _assignee_patterns()
    positions = [m.end() for m in rx(_ASSIGN).finditer(text, start, end)] + [start]
    return any(
        honorific.match(text, pos, end)
        or role_pattern.match(text, pos, end)
        or rx(unit_pattern).match(text, pos, end)
        for pos in positions
    )


def find_assignee(
    text: str, start: int, end: int, members: _Members, speaker_id: str | None
) -> tuple[str | None, str | None]:
    """(assignee, display name): a member id when the person is known, else the unit as written."""
    from analyzer.cues import _capitalised_name, display_name

    honorific, role_pattern, unit_pattern = _assignee_patterns()
    cells = [c.strip() for c in text[start:end].split("|")]
    if len(cells) >= 3:
        # A task-table row: "việc | người thực hiện | hạn".
        for cell in reversed(cells[1:]):
            named = _capitalised_name(cell, 0, len(cell))
            if named and not any(ch.isdigit() for ch in cell):
                who = display_name(named[0])
                member = members.by_name(who)
                return (member, members.names.get(member, who)) if member else (who, who)
    positions = [m.end() for m in rx(_ASSIGN).finditer(text, start, end)] + [start]
    for pos in positions:
        hon = honorific.match(text, pos, end)
        name_pos = hon.end() if hon else pos
        named = _capitalised_name(text, name_pos, end)
        if named and not hon and len(named[0].split()) < 2 and pos == start:
            # "Khang lập form ...": a bare given name opening the clause, if it names a member.
            member = members.by_name(display_name(named[0]))
            if member:
                return member, members.names.get(member)
        if named and (hon or len(named[0].split()) >= 2):
            who = display_name(named[0])
            member = members.by_name(who)
            if member:
                return member, members.names.get(member, who)
            role = members.by_role(who)
            if role:
                return role, members.names.get(role)
            return who, who
        role = role_pattern.match(text, pos, end)
        if role and (holder := members.by_role(role.group())):
            return holder, members.names.get(holder)
        unit = rx(unit_pattern).match(text, pos, end)
        if unit:
            stop = rx(_VERB_STOP).search(text, unit.end(), end)
            phrase = text[pos : stop.start() if stop else end].strip()
            phrase = " ".join(phrase.split()[:6])
            role = members.by_role(phrase)
            if role:
                return role, members.names.get(role)
            return phrase, phrase
    if speaker_id and rx(_SELF).match(text, start, end):
        return speaker_id, members.names.get(speaker_id)
    return None, None


def _speaker_role(turn, analysis) -> str:  # type: ignore[no-untyped-def]
    if turn.speaker_id is None:
        return "none"
    if turn.speaker_id == "group":
        return "group"
    meeting = analysis.meeting
    if meeting.chair and turn.speaker_id == meeting.chair.member_id:
        return "chair"
    if meeting.secretary and turn.speaker_id == meeting.secretary.member_id:
        return "secretary"
    return "member"


@cache
def _matcher() -> PhraseMatcher:
    from analyzer.pipeline import get_nlp

    return build_matcher(get_nlp())


def prepare(doc: Doc, analysis) -> tuple[list[Candidate], list[str]]:  # type: ignore[no-untyped-def]
    """Candidates of a document and their feature strings (for training and inference)."""
    state = doc.user_data["bienban"]
    roles = [_speaker_role(turn, analysis) for turn in analysis.turns]
    found = candidates(analysis.text, state["turns"], state["sections"], roles)
    mark_cues(doc, _matcher(), found)
    for cand in found:
        cand.has_assignee = _names_actor(analysis.text, cand.start, cand.end)
    return found, [features(analysis.text, c) for c in found]


def extract(doc: Doc, analysis, estimator=None) -> list:  # type: ignore[no-untyped-def]
    """The items of an analysed document, in text order, with kind-specific fields."""
    from analyzer import item_model
    from analyzer.deadlines import find_deadline
    from analyzer.links import link_proposals
    from analyzer.schema import Item
    from analyzer.votes import parse_vote

    found, rows = prepare(doc, analysis)
    if not found:
        return []
    model = estimator if estimator is not None else item_model.load()
    probabilities = model.predict_proba(rows)
    classes = list(model.classes_)
    text = analysis.text
    members = _Members(analysis, doc.user_data["bienban"].get("names"))
    items: list[Item] = []
    for cand, probs in zip(found, probabilities, strict=True):
        best = int(probs.argmax())
        kind = classes[best]
        if kind == NONE or probs[best] < THRESHOLD:
            continue
        turn = analysis.turns[cand.turn] if cand.turn is not None else None
        fields: dict[str, object] = {}
        clause = text[cand.start : cand.end]
        if kind == "action_item":
            assignee, name = find_assignee(
                text, cand.start, cand.end, members, turn.speaker_id if turn else None
            )
            deadline = find_deadline(text, analysis.meeting.date, cand.start, cand.end)
            fields = {
                "assignee": assignee,
                "assignee_name": name,
                "task": clause,
                "deadline": deadline.date if deadline else None,
                "deadline_text": deadline.text if deadline else None,
            }
        elif kind == "vote":
            # The counts often follow the clause in the same sentence ("...: 9/9 đồng chí tán thành").
            stop = re.compile(r"[.;\n]").search(text, cand.end)
            sentence = text[cand.start : stop.start() if stop else len(text)]
            counts = parse_vote(sentence, analysis.meeting.attendance.present)
            fields = {
                "votes_for": counts.votes_for,
                "against": counts.against,
                "abstain": counts.abstain,
                "total": counts.total,
                "percent": counts.percent,
                "method": counts.method,
            }
        elif kind == "proposal":
            fields = {"status": "open"}
        items.append(
            Item(
                id=f"i{len(items) + 1}",
                kind=kind,
                text=clause,
                start=cand.start,
                end=cand.end,
                turn_id=turn.id if turn else None,
                speaker_id=turn.speaker_id if turn else None,
                confidence=round(float(probs[best]), 3),
                **fields,
            )
        )
    items = _without_overlaps(items)
    link_proposals(items)
    return items


def _without_overlaps(items: list) -> list:  # type: ignore[type-arg]
    """Where a sentence and its clauses were both labelled, keep the more confident reading."""
    kept: list = []  # type: ignore[type-arg]
    for item in sorted(items, key=lambda i: -i.confidence):
        if all(item.end <= k.start or item.start >= k.end for k in kept):
            kept.append(item)
    kept.sort(key=lambda i: i.start)
    for number, item in enumerate(kept, start=1):
        item.id = f"i{number}"
    return kept
