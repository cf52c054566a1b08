"""Items: proposals, concerns, agreements, questions, conclusions, decisions, action items, votes.

Hybrid extraction. Candidates are the clauses of every turn (after its cue) and of the narration
in the parts of the minutes that carry items. A spaCy PhraseMatcher over the underthesea tokens marks
cue phrases from ``models/lexicons/items.yaml``; those marks, the section, the speaker's role and
the clause's shape become extra features for a scikit-learn classifier (TF-IDF word n-grams,
calibrated logistic regression; ``analyzer.item_model``) that labels each clause. The features
follow the annotation guide (corpus/README.md, K1–K6): who the clause opens with (a person, the
speaker, a unit, every member, the meeting itself), the lead-in and the list it belongs to
("Chi bộ thống nhất các nội dung sau:", "Phân công:"), whether the chair's conclusion has begun,
and the cues of the clauses around it. Kind-specific fields (assignee, deadline, vote counts) are
then read with rules, as are three corrections: a call to vote without a result is not a vote, a
row of a task table is a task, and the ";"-joined parts of one decision make one item.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise
from typing import get_args

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from analyzer import lexicon
from analyzer.accents import MIXED, rx
from analyzer.boilerplate import is_boilerplate, is_name_only
from analyzer.layout import _MARKER
from analyzer.lexicon import LOWER_LETTERS as _LOWER
from analyzer.lexicon import UPPER_LETTERS as _UPPER
from analyzer.schema import ItemKind
from analyzer.sections import SectionSpan
from analyzer.turns import TurnSpan
from analyzer.votes import is_ballot_count, is_ballot_option

ITEM_KINDS: tuple[str, ...] = get_args(ItemKind)
NONE = "none"
# Parts of the minutes whose narration can carry items; turns carry items wherever they are.
_ITEM_SECTIONS = {"discussion", "conclusion", "vote", "closing", "other", None}
# Line breaks inside a paragraph that still end a clause: before a table row, and before an
# indented line that opens with a capital ("   Đề nghị ..." under "   HS 12 yếu ...").
_ROW_OR_INDENTED_LINE = rf"\n(?=[^\n]*\|)|\n(?=[ \t]+(?-i:[{_UPPER}]))"
# A list item's bullet, also the arrows and symbols of hurried notes ("→ chốt PA1").
_BULLET = "[-–—+•*→⇒➔➜►➢❖▪■●○◦✓]"
# Blanks after a sentence end, but not after a one-letter honorific ("thăm c. Ngần 300k").
_SENTENCE_GAP = r"(?<=[.!?…])(?<!(?<!\w)(?-i:[ace])\.)[ \t]+(?=\S)"


@cache
def _clause_break() -> re.Pattern[str]:
    """Clause breaks: sentence and list-item breaks, ";", a dash, a comma before a new speech act
    or a person, a colon before a person or a number."""
    # ", nên" before a subject, an adverb or an adjective means "so" and continues the clause
    # ("..., nên việc nhắc nhở còn nể nang"); before a verb it means "should" and opens one.
    so = _so_alternatives()
    return re.compile(
        # a real line break (after a sentence, before a list item, or a blank line), not a hard wrap
        r"\n[ \t]*\n\s*|(?<=[.!?:;…])[ \t]*\n\s*|"
        rf"\n(?=[ \t]*(?:{_BULLET}|\(?\d{{1,2}}[./)]|[a-zđ][.)]|[IVX]{{1,4}}[./])[ \t])|"
        rf"{_ROW_OR_INDENTED_LINE}|"
        # a line that opens with a member's label ("Đ/c Xuân: HTXSNV 3/8 phiếu" under another)
        rf"\n(?=[ \t]*(?:đ/c|đồng[ \t]+chí|cô|thầy|anh|chị|bạn)[ \t]+(?-i:[{_UPPER}])[^\n:]{{0,30}}:)|"
        # a label that opens a line and leads what follows it ("5. Kết luận: Chi bộ thống nhất ...")
        r"(?:(?<![^\n])|(?<=[\dIVX][./)][ \t])|(?<=[-+•*][ \t]))[ \t]*(?:kết[ \t]+luận|phân[ \t]+công)[ \t]*:[ \t]*|"
        rf"{_SENTENCE_GAP}|;[ \t]*|(?<![ \t])[ \t]+[-–][ \t]+(?=(?-i:[{_LOWER}]))|"
        # an adopting verb after an assessment (K5) that goes on with what is adopted
        # ("..., thống nhất tổ chức Ngày hội ..."), not a bare "thống nhất thông qua" closing the
        # sentence whose object came first ("biên bản đọc lại, thống nhất thông qua")
        rf",\s+(?=(?:thống[ \t]+nhất|quyết[ \t]+định)(?!(?:[ \t]+\w+){{0,2}}[ \t]*(?:[.;!?\n]|$))"
        rf"[ \t]+(?!(?:với|ý|cao|như)(?!\w))(?-i:[{_LOWER}]))|"
        # the show of hands on what the clause before adopted ("Chi bộ tự xếp loại HTTNV, biểu
        # quyết giơ tay 7/7 đ/c tán thành"), a vote of its own (K5)
        r",\s+(?=biểu[ \t]+quyết(?:[ \t]+giơ[ \t]+tay)?[ \t]+\d)|"
        r",\s+(?=(?:đồng[ \t]+thời|đề[ \t]+nghị|đề[ \t]+xuất|kiến[ \t]+nghị|nhưng|tuy[ \t]+nhiên|giao|"
        rf"mong|cần|nên(?![ \t]+(?:{so})(?!\w)))(?!\w)|"
        # "song song": in parallel, not "but"
        r"song(?!\w)(?![ \t]+song(?!\w))|"
        # "thầy cô", "anh chị", "anh em": a group, not a person named next ("giao cô Yến" is one)
        r"(?:đ/c|đồng[ \t]+chí|cô|thầy|anh|chị|bạn)(?!\w)(?![ \t]+(?:cô|thầy|anh|chị|em|bạn|các)(?!\w))"
        # "giao đ/c Cường chủ trì, đ/c Tuấn phối hợp": a co-doer of the same task
        rf"(?![ \t]+(?:(?-i:[{_UPPER}])\w*[ \t]+){{1,4}}(?:cùng[ \t]+)?phối[ \t]+hợp(?!\w)))|"
        # (not before a count that ends the line: "Phương án 1: 11 bạn" is one ballot option)
        r":[ \t]+(?=(?:đ/c|đồng[ \t]+chí|cô|thầy|anh|chị|bạn)[ \t]|\d(?![^\n]{0,12}(?:\n|$)))",
        re.I,
    )


# Sentence and list-item breaks only (the first line of _clause_break(), plus sentence ends).
_SENTENCE_BREAK = re.compile(
    r"\n[ \t]*\n\s*|(?<=[.!?:…])[ \t]*\n\s*|"
    rf"\n(?=[ \t]*(?:{_BULLET}|\(?\d{{1,2}}[./)]|[a-zđ][.)]|[IVX]{{1,4}}[./])[ \t])|"
    rf"{_ROW_OR_INDENTED_LINE}|{_SENTENCE_GAP}"
)
# The first and the next parts of a spoken enumeration.
_ORDINAL_FIRST = re.compile(r"(?<!\w)(?:một[ \t]+là|thứ[ \t]+nhất)(?!\w)", re.I)
_ORDINAL_NEXT = re.compile(
    r"(?<![ \t,])[ \t,]+(?=(?:(?<!thứ )(?:hai|ba|bốn|năm|sáu)[ \t]+là|thứ[ \t]+(?:hai|ba|tư|năm|sáu))(?!\w)"
    r"(?![ \t]+(?:tuần|ngày|\d)))",
    re.I,
)
# Speech written down without punctuation (an automatic transcript, a secretary typing as people
# talk): a filler word on its own, or a speaker turning to a suggestion ("tôi đề nghị", "em nghĩ
# là", "với lại"), opens a new clause. Used only on long stretches with no punctuation at all.
# (Each run of blanks is tried once, from its start: "(?<![ \t])".)
_SPEECH_BREAK = re.compile(
    r"(?<![ \t])[ \t]+(?:thế[ \t]+thì|cho[ \t]+nên[ \t]+là|với[ \t]+lại)[ \t]+|"
    r"(?<![ \t])[ \t]+(?=(?:tôi|em|mình|cháu)[ \t]+(?:đề[ \t]+nghị|đề[ \t]+xuất|kiến[ \t]+nghị|nghĩ)(?!\w))",
    re.I,
)
# Fillers ("ờ", "ừ"): never folded, since without diacritics they would be "o" (= "ở") and "u".
_FILLER_BREAK = re.compile(r"(?<![ \t])[ \t]+(?:ờ|ừ|ừm|ơ|à)[ \t]+", re.I)
_UNPUNCTUATED_WORDS = 25
_ROW_NUMBER = re.compile(r"\d{1,3}[ \t]*\|[ \t]*")  # "3 | " opening a flattened table row
_TRIM = " \t\n.;:,…-–—\"'“”"
# A Markdown task box and a mention before a name: "- [ ] @Khải: fix ...", "[x] @Ngân ...".
_TASK_BOX = re.compile(rf"(?:\[[ \txX✓]?\][ \t]*)?@(?=(?-i:[{_UPPER}]))|\[[ \txX✓]?\][ \t]*")
_MIN_WORDS = 3
# The opinion a point of an answer list takes up, before its colon: "Ý kiến đồng chí Vinh về
# phiên giao dịch sau Tết:", "Ý kiến chỉ đạo của đồng chí Phó Giám đốc:".
_OPINION_LEAD = re.compile(r"ý[ \t]+kiến(?!\w)[^:\n.;!?]{0,100}:[ \t]*", re.I)


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
    position: float = 0.0  # start / length of the text
    doer: str | None = None  # who the clause opens with: person, self, group, body, unit
    lead: str | None = None  # the lead-in just before the clause: decision, task, conclusion, vote
    concluding: bool = False  # after the chair's conclusion has begun
    list_lead: str | None = None  # the lead-in line ending with ":" of the list the clause is in
    context: list[str] = field(default_factory=list)  # what the clauses around it say
    count: bool = False  # says a count of people or votes ("12/12", "13 trên 13", "tất cả")
    after_vote_call: bool = False  # follows a call to vote ("Đồng chí nào tán thành giơ tay")


@cache
def _cue_phrases() -> dict[str, list[str]]:
    data = lexicon.load("items")
    return {kind: list(dict.fromkeys(words)) for kind, words in data["cues"].items()}


def build_matcher(nlp, unaccented: bool | str = False) -> PhraseMatcher:  # type: ignore[no-untyped-def]
    """A PhraseMatcher on lower-cased tokens whose phrases are tokenized like the text is; for
    minutes typed without diacritics, the phrases without theirs (and with them too for minutes
    typed partly without, ``MIXED``)."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for kind, phrases in _cue_phrases().items():
        if unaccented:
            plain = [lexicon.fold(phrase) for phrase in phrases]
            phrases = list(dict.fromkeys([*phrases, *plain] if unaccented == MIXED else plain))
        matcher.add(kind, [nlp.make_doc(phrase) for phrase in phrases])
    return matcher


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    marker = _MARKER.match(text, start, end) or rx(_ROW_NUMBER).match(text, start, end)
    if marker:
        start = marker.end()
    task_box = _TASK_BOX.match(text, start, end)
    if task_box:
        start = task_box.end()
    label = rx(_OPINION_LEAD).match(text, start, end)
    if label and label.end() < end:
        start = label.end()  # "Ý kiến đồng chí Vinh về phiên giao dịch: giao đồng chí Vinh ..."
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


def _split(
    text: str, start: int, end: int, names: re.Pattern[str] | None = None
) -> list[tuple[int, int]]:
    """Clauses, plus whole sentences or list items that hold several ";"-joined clauses: a
    proposal, a concern or a task is sometimes written as one item of several parts. ``names``
    (a comma before a member's name and a verb: "..., Khang nộp về Đoàn trường") splits clauses
    further."""
    result = []
    for a, b in _pieces(rx(_SENTENCE_BREAK), text, start, end):
        if (text.count("|", a, b) >= 2 or _mentioned(text, a)) and _task_row(
            text, Candidate(a, b, None, None, False, "none"), None
        ):
            # A row of a task table stays whole: "Soạn đề | thầy Khoa, cô Ngân | 05/3".
            result.append((a, b))
            continue
        clauses = _pieces(rx(_clause_break()), text, a, b)
        if rx(_ORDINAL_FIRST).search(text, a, b):
            # "một là A hai là B", "thứ nhất A thứ hai B": an enumeration in speech, often
            # without a comma; each part is a clause.
            clauses = [piece for c in clauses for piece in _pieces(rx(_ORDINAL_NEXT), text, *c)]
        clauses = [piece for c in clauses for piece in _speech_pieces(text, *c)]
        if names is not None and "," in text[a:b]:
            clauses = [piece for c in clauses for piece in _pieces(names, text, *c)]
        result += clauses
        if len(clauses) > 1 and ";" in text[a:b] and len(text[a:b].split()) <= 100:
            result.append((a, b))
    return sorted(set(result))


def _speech_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A long clause with no punctuation at all, cut at fillers and at turns to a suggestion."""
    clause = text[start:end]
    if len(clause.split()) < _UNPUNCTUATED_WORDS or any(c in clause for c in ",.;:?!"):
        return [(start, end)]
    return [
        piece
        for part in _pieces(_FILLER_BREAK, text, start, end)
        for piece in _pieces(rx(_SPEECH_BREAK), text, *part)
    ]


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
        if b > a and len(text[a:b].split(maxsplit=_MIN_WORDS)) >= _MIN_WORDS:
            result.append((a, b))
    return result


def candidates(
    text: str,
    turns: list[TurnSpan],
    sections: list[SectionSpan],
    speaker_roles: list[str],
    names: re.Pattern[str] | None = None,
) -> list[Candidate]:
    """Clauses that may carry an item, in text order."""
    found: list[Candidate] = []
    covered: list[tuple[int, int]] = []
    for index, turn in enumerate(turns):
        region_start = turn.cue.end if not turn.cue.inline else turn.start
        covered.append((turn.start, turn.end))
        for number, (a, b) in enumerate(_split(text, region_start, turn.end, names)):
            found.append(
                Candidate(
                    a,
                    b,
                    turn.section,
                    index,
                    number == 0,
                    speaker_roles[index],
                    cue_verb=turn.cue.verb,
                )
            )
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
                found += _narration(text, pos, turn_start, section.kind, names)
            pos = max(pos, turn_end)
        if pos < section.end:
            found += _narration(text, pos, section.end, section.kind, names)
    found.sort(key=lambda c: c.start)
    found = [
        piece
        for cand in found
        for split in _agreement_pieces(text, cand)
        for piece in _ballot_pieces(text, split)
    ]
    for cand in found:
        cand.question_mark = text[cand.end : cand.end + 1] == "?" or text[
            cand.start : cand.end
        ].endswith("?")
    return found


@cache
def _assent_then() -> re.Pattern[str]:
    """ "Tôi nhất trí với báo cáo, xin bổ sung ...": assent, then new content of another kind."""
    return re.compile(
        rf"\W*(?:(?:{_phrases('openings', 'assent_subjects')})[ \t]+)?"
        rf"(?:(?:{_phrases('openings', 'assent_degrees')})[ \t]+)?"
        rf"(?:{_phrases('openings', 'assent_verbs')})(?!\w)(?![ \t]*\d)"
        rf"(?:[ \t]+(?:{_phrases('openings', 'assent_objects')})(?!\w)[^,;.:\n]{{0,50}}?)?"
        rf"(?=,[ \t]+\S|[ \t]+và[ \t]+(?:{_phrases('openings', 'assent_then')})(?!\w))",
        re.I,
    )


_ASSENT_REST = re.compile(r"(?:,|[ \t]+và)[ \t]+", re.I)


def _agreement_pieces(text: str, cand: Candidate) -> list[Candidate]:
    """Assent followed by new content ("đồng ý với cô Liên, xin bố trí buổi hướng dẫn ...") is
    two clauses: the agreement and what follows it."""
    assent = rx(_assent_then()).match(text, cand.start, cand.end)
    if not assent:
        return [cand]
    rest = rx(_ASSENT_REST).match(text, assent.end(), cand.end)
    if not rest or rest.end() >= cand.end:
        return [cand]
    return [
        replace(cand, end=assent.end()),
        replace(cand, start=rest.end(), first_in_turn=False),
    ]


_LIST_JOIN = re.compile(r"[,;][ \t]+")


def _ballot_pieces(text: str, cand: Candidate) -> list[Candidate]:
    """A list of ballot results ("HTXSNV 2/9, HTTNV 7/9 (77,8%)") as one clause per option (V4);
    any other clause as it is."""
    if not rx(_BALLOT_HINT).search(text, cand.start, cand.end):
        return [cand]
    bounds = [cand.start]
    for join in rx(_LIST_JOIN).finditer(text, cand.start, cand.end):
        bounds += [join.start(), join.end()]
    bounds.append(cand.end)
    prefix: list[list[int]] = []
    head = text.rfind(": ", bounds[0], bounds[1])
    if (
        head > 0
        and not is_ballot_option(text[bounds[0] : bounds[1]])
        and is_ballot_option(text[head + 2 : bounds[1]])
    ):
        # "Kết quả phiếu kín: HTXSNV 2/9, ...": the words before the colon are a clause of their own.
        prefix = [[bounds[0], head]]
        bounds[0] = head + 2
    pieces: list[list[int]] = []
    for a, b in zip(bounds[::2], bounds[1::2], strict=True):
        if pieces and not is_ballot_option(text[a:b]):
            pieces[-1][1] = b  # "..., đạt 90%" stays with its option
        else:
            pieces.append([a, b])
    options = sum(is_ballot_option(text[a:b]) for a, b in pieces)
    if options < 2 and not (prefix and options):
        return [cand]
    pieces = prefix + pieces
    return [
        replace(cand, start=a, end=b, first_in_turn=cand.first_in_turn and i == 0)
        for i, (a, b) in enumerate(pieces)
    ]


_BALLOT_HINT = re.compile(r"\d[ \t]*/[ \t]*\d|phiếu", re.I)


def _narration(
    text: str, start: int, end: int, section: str | None, names: re.Pattern[str] | None = None
) -> list[Candidate]:
    return [
        Candidate(a, b, section, None, False, "none") for a, b in _split(text, start, end, names)
    ]


def mark_cues(doc: Doc, matcher: PhraseMatcher, found: list[Candidate]) -> None:
    """Add the lexicon kinds whose cue phrases occur inside each candidate."""
    if not found:
        return
    starts = [c.start for c in found]
    import bisect

    for match_id, token_start, token_end in matcher(doc):
        span = doc[token_start:token_end]
        if span.text.lower() in ("nên", "nen"):
            # "cho nên", "..., nên việc nhắc nhở còn nể nang": "so", not "should". Only the few
            # tokens around it are read (the whole doc.text would be rebuilt for each match).
            window = doc[max(0, token_start - 2) : min(len(doc), token_end + 3)]
            if _nen_means_so(window.text, span.start_char - window.start_char):
                continue
        index = bisect.bisect_right(starts, span.start_char) - 1
        if index >= 0 and found[index].start <= span.start_char < found[index].end:
            found[index].cues.add(doc.vocab.strings[match_id])


@cache
def _so_alternatives() -> str:
    """The words after which "nên" means "so", as a regex alternation, longest first."""
    words = sorted(lexicon.load("items")["so_after_nen"], key=len, reverse=True)
    return "|".join(r"[ \t]+".join(map(re.escape, word.split())) for word in words)


@cache
def _so_words() -> re.Pattern[str]:
    return re.compile(rf"[ \t]+(?:{_so_alternatives()})(?!\w)", re.I)


_SO_BEFORE = re.compile(r"(?:cho|trở)[ \t]+$", re.I)


def _nen_means_so(text: str, at: int) -> bool:
    """Does "nên" at ``at`` mean "so" ("cho nên", "trở nên", "nên" before a subject or an
    adverb) rather than "should"?"""
    if rx(_SO_BEFORE).search(text[max(0, at - 8) : at]):
        return True
    return bool(rx(_so_words()).match(text, at + 3))


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
    meta.append(f"zpos{min(int(cand.position * 5), 4)}")
    if len(clause) >= 6 and clause.isupper():
        meta.append("zupper")
    if text[cand.end : cand.end + 1] == ":":
        meta.append("zcolon")
    if "|" in clause:
        meta.append("ztable")
    if cand.doer:
        meta.append("zdoer" + cand.doer)
    if cand.lead:
        meta.append("zlead" + cand.lead)
    if cand.list_lead:
        meta.append("zlist" + cand.list_lead)
    if cand.concluding:
        meta.append("zconcl")
        if cand.speaker_role in ("chair", "none"):
            meta.append("zconcl" + cand.speaker_role)
        meta.append("zcdoer" + (cand.doer or "none"))
    if cand.count:
        meta.append("zcount")
    if cand.after_vote_call:
        meta.append("zaftervote")
    meta += cand.context
    words = len(clause.split())
    meta.append("zshort" if words <= 6 else "zlong" if words >= 25 else "zmid")
    return clause.lower() + " " + " ".join(meta)


# --- inference -------------------------------------------------------------------------------

THRESHOLD = 0.3


def _alternation(phrases: list[str]) -> str:
    """An alternation of ``phrases``, longest first, a space matching blanks."""
    ordered = sorted(dict.fromkeys(phrases), key=len, reverse=True)
    return "|".join(r"[ \t]+".join(map(re.escape, p.split())) for p in ordered)


@cache
def _phrases(section: str, key: str) -> str:
    """The alternation of a list in ``items.yaml``."""
    return _alternation(lexicon.load("items")[section][key])


def _unit_pattern() -> str:
    return (
        rf"(?:các[ \t]+)?(?!(?:{_phrases('assignees', 'not_units')})(?!\w))"
        rf"(?:{_phrases('assignees', 'units')})(?!\w)"
    )


@cache
def _unit_stop() -> re.Pattern[str]:
    """Where the name of a unit ends: a task verb, a function word, a comma."""
    verbs, stops = _phrases("assignees", "task_verbs"), _phrases("assignees", "unit_stops")
    units, not_units = _phrases("assignees", "units"), _phrases("assignees", "not_units")
    # A word that opens another unit does not end this one ("chi hội phụ nữ và chi đoàn"), but
    # a verb that begins with a unit word does ("Chi đoàn Trạm tổ chức buổi sinh hoạt ...").
    return re.compile(
        rf"[ \t]+(?!(?!(?:{not_units})(?!\w))(?:{units})(?!\w))(?:{verbs}|{stops})(?!\w)"
        r"|,(?![ \t]*\d)|[.;:(]",
        re.I,
    )


_ASSIGN = re.compile(
    # Not "giao ban", the briefing ("báo cáo tại giao ban tuần"), which gives nobody a task; not
    # the "cử" of an election ("bầu cử", "ứng cử", "đề cử", "trúng cử").
    r"(?:giao(?![ \t]+ban(?:[ \t]+(?:tuần|sáng|chiều|đầu|cuối|hằng|hàng|tháng|quý|ca|phòng|khoa|định)"
    r"(?!\w)|[ \t]*(?:[,.;:)\n]|$)))(?:[ \t]+cho)?|phân[ \t]+công(?:[ \t]+cho)?|(?<!\w)(?<!bầu[ \t])"
    r"(?<!ứng[ \t])(?<!đề[ \t])(?<!trúng[ \t])(?<!đắc[ \t])(?<!tuyển[ \t])cử|đề[ \t]+nghị|"
    r"yêu[ \t]+cầu|nhờ)\s+",
    re.I,
)
# The speaker takes the task: "tôi làm công văn ...", "em xin nhận", "anh báo CS ...".
_SELF = re.compile(
    rf"(?:em|tôi|tui|mình|tớ|anh|chị)[ \t]+(?:sẽ[ \t]+|xin[ \t]+)?(?-i:[{_LOWER}])",
    re.I,
)
_QUANTIFIER = re.compile(
    r"(?:các|mỗi|tất[ \t]+cả|toàn[ \t]+thể|cả)[ \t]+(?:đồng[ \t]+chí[ \t]+|đ/c[ \t]+|thầy[ \t]+cô[ \t]+)?",
    re.I,
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
        chair = analysis.meeting.chair
        self.chair = chair.member_id if chair is not None else None

    def chair_with_role(self, role: str) -> str | None:
        """The chair, when several members hold ``role`` and the chair is one of them: "Đ/c Bí
        thư" in a cell meeting is the cell's secretary who chairs, not the youth secretary."""
        found = [self.ids.get(m.id) for m in self.roster.by_role(role)]
        return self.chair if len(found) > 1 and self.chair in found else None

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

    def lookup(self, name: str) -> tuple[str | None, bool]:
        """(member id, ambiguous): ``by_name``, and whether members share the name."""
        member = self.by_name(name)
        if member:
            return member, False
        _, ambiguous = self.roster.resolve(name)
        return None, ambiguous or self.pool.complete(name)[1]

    def by_role(self, role: str) -> str | None:
        found = self.roster.by_role(role)
        return self.ids.get(found[0].id) if len(found) == 1 else None

    def by_exact_role(self, role: str) -> str | None:
        """The one member whose role is ``role`` itself ("Kế toán"), not one that starts with it
        (the unit "Chi ủy" is not the role "Chi ủy viên")."""
        key = " ".join(role.casefold().split())
        found = [
            m
            for m in self.roster.members
            if any(" ".join(r.casefold().split()) == key for r in m.roles)
        ]
        return self.ids.get(found[0].id) if len(found) == 1 else None


@cache
def _assignee_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    cues = lexicon.cues()
    return (
        # "cô⏎Phượng dạy ...": a hard wrap between the honorific and the name; in hurried notes
        # the one-letter "a", "c", "e" before a capitalised name ("c Yến lo loa đài").
        re.compile(
            rf"(?:{cues.honorific})(?!\w)(?:[ \t]+|[ \t]*\n[ \t]*(?=(?-i:[{_UPPER}])))"
            rf"|(?<!\w)(?-i:[ace])\.?[ \t]+(?=(?-i:[{_UPPER}]))",
            re.I,
        ),
        re.compile(rf"(?:{cues.role})(?!\w)", re.I),
        re.compile(_unit_pattern(), re.I),
    )


def _names_actor(text: str, start: int, end: int, body: bool = False) -> bool:
    """Cheap test for the classifier: does the clause open with, or assign to, a person or unit?
    ``body``: the clause opens with the meeting body, which is no actor given a task (K2)."""
    honorific, role_pattern, unit_pattern = _assignee_patterns()
    positions = [m.end() for m in rx(_ASSIGN).finditer(text, start, end)]
    if not body:
        positions.append(start)
    return any(
        honorific.match(text, pos, end)
        or role_pattern.match(text, pos, end)
        or rx(unit_pattern).match(text, pos, end)
        for pos in positions
    )


def find_assignee(
    text: str, start: int, end: int, members: _Members, speaker_id: str | None
) -> tuple[str | None, str | None]:
    """(assignee, display name) by rule A1 of the annotation guide: the first member named among
    the doers (a given name resolves when one member has it), else the unit or group as written
    ("Tổ 2", "Chi ủy", "giáo viên chủ nhiệm"); the speaker for "tôi/em/mình + verb". A given name
    two members share gives (None, the name): the assignee is not guessed."""
    from analyzer.cues import _capitalised_name, display_name

    honorific, role_pattern, unit_pattern = _assignee_patterns()
    cells = [c.strip() for c in text[start:end].split("|")]
    if len(cells) >= 3:
        # A task-table row: "việc | người thực hiện | hạn".
        for cell in reversed(cells[1:]):
            found = _cell_assignee(cell, members)
            if found:
                return found
    particles = rx(_leading_particles()).match(text, start, end)
    if particles:
        start = particles.end()  # "Vậy Thịnh gom đơn ...", "Ok, Huy chạy lại ..."
    topic = rx(_TOPIC).match(text, start, end)
    if topic:
        # "Nhóm Zalo các tổ thì Vân lập luôn", "Đoàn phí thì mình nhắn riêng ...": the topic
        # opens the clause, the doer comes after "thì".
        person = _person_at(text, topic.end(), end, members, speaker_id)
        if person:
            return person
    assigns = list(rx(_ASSIGN).finditer(text, start, end))
    positions = [m.end() for m in assigns] + [start]
    subject = honorific.match(text, start, end)
    if subject:
        # "đ/c Bảo lập danh sách ... để phân công đảng viên giúp đỡ": the subject comes first;
        # but in "Đồng chí Bí thư yêu cầu đồng chí Triết lấy báo giá" the subject assigns.
        named = role_pattern.match(text, subject.end(), end) or _NAME_RUN.match(
            text, subject.end(), end
        )
        subject_end = named.end() if named else subject.end()
        assigning = assigns and not text[subject_end : assigns[0].start()].strip()
        if not assigning:
            positions = [start, *positions[:-1]]
    for pos in positions:
        quantifier = rx(_QUANTIFIER).match(text, pos, end)
        if quantifier and (
            role_pattern.match(text, quantifier.end(), end)
            or rx(unit_pattern).match(text, quantifier.end(), end)
        ):
            pos = quantifier.end()  # "Các đồng chí giáo viên chủ nhiệm ...", "mỗi tổ ..."
        group = rx(_GROUP_DOER).match(text, pos, end)
        if group and not (
            role_pattern.match(text, pos, end) or rx(unit_pattern).match(text, pos, end)
        ):
            after = _NAME_WORD.match(text, group.end(), end)
            if not (after and after.group().strip()[0].isupper()):
                # "các đồng chí chưa nộp phải hoàn thành ...", "Mỗi giáo viên đăng ký ...": the
                # group as written, with what narrows it, without "các", "mỗi".
                phrase = _qualified(text, group.start("group"), group.end(), end)
                return phrase, phrase
        hon = honorific.match(text, pos, end)
        titled_role = role_pattern.match(text, hon.end(), end) if hon else None
        if titled_role and not (
            text.startswith(" ", titled_role.end())
            and _capitalised_name(text, titled_role.end() + 1, end)
        ):
            # "Đồng chí Bí thư trực tiếp gặp ...", no name after the role: its one holder, else
            # (two members hold it) the role as written.
            role_name = titled_role.group()
            holder = (
                members.by_exact_role(role_name)
                or members.by_role(role_name)
                or members.chair_with_role(role_name)
            )
            if holder:
                return holder, members.names.get(holder)
            phrase = " ".join(role_name.split())
            return phrase, phrase
        unit = None if hon else rx(unit_pattern).match(text, pos, end)
        role = None if hon else role_pattern.match(text, pos, end)
        if hon or not (unit or role):
            named = _capitalised_name(text, hon.end() if hon else pos, end)
            if named and not hon and _WHEN_WORD.match(named[0]):
                named = None  # "Sáng Chủ nhật 28/9 tôi xuống ...", "Thứ Hai cô báo lại ..."
            if named and (hon or len(named[0].split()) >= 2 or pos == start):
                # "Giao đồng chí Minh ...", "Nguyễn Văn A ...", "Khang lập form ..." (a bare
                # given name opening the clause counts only when it names a member).
                who = display_name(named[0])
                member, ambiguous = members.lookup(who)
                if member:
                    return member, members.names.get(member, who)
                if ambiguous:
                    return None, who
                if hon or len(named[0].split()) >= 2:
                    holder = members.by_role(who)
                    if holder:
                        return holder, members.names.get(holder)
                    return who, who
                titled = _titled_member(text, named[1], end, members)
                if titled:
                    return titled, members.names.get(titled)
        # "Các đồng chí đảng viên ...": a group, never the one member who holds the role.
        plural = bool(quantifier) and quantifier.group().split()[0].lower() != "cả"
        if role and not plural and (holder := members.by_role(role.group())):
            return holder, members.names.get(holder)
        if unit or role:
            match = unit or role
            assert match is not None
            phrase = _unit_phrase(
                text, pos, match.end(), end, bool(rx(_PEOPLE_UNIT).match(text, pos))
            )
            # A1: a member named among the doers ("Phòng Nhân sự và anh Thái ...", "Tổ ANTT
            # (đ/c Nghĩa) ...") is the assignee.
            window = pos + len(phrase) + 1
            aside = _ASIDE.match(text, window - 1, end)
            for named_at in honorific.finditer(text, pos, aside.end() if aside else window):
                named = _capitalised_name(text, named_at.end(), end)
                if named:
                    member, _ = members.lookup(display_name(named[0]))
                    if member:
                        return member, members.names.get(member)
            holder = None if plural else members.by_exact_role(phrase)
            if holder:
                return holder, members.names.get(holder)
            return phrase, phrase
    if speaker_id and (
        rx(_SELF).match(text, start, end)
        or rx(_SELF_OPEN).match(text, start, end)
        or rx(_SELF_INSIDE).search(text, start, end)
    ):
        return speaker_id, members.names.get(speaker_id)
    return None, None


# A capitalised name after an honorific: "Triết", "Mạc Đình Tuệ".
_NAME_RUN = re.compile(rf"(?-i:[{_UPPER}])\w*(?:[ \t]+(?-i:[{_UPPER}])\w*){{0,4}}")
# Capitalised words that open a time, not a name.
_WHEN_WORD = re.compile(
    r"(?:sáng|chiều|tối|trưa|đêm|thứ|chủ[ \t]+nhật|ngày|tuần|tháng|năm|hôm|mai|sau)(?!\w)", re.I
)
# The speaker takes the task further into the clause, no one else being named: "Thôn nên chờ
# thêm, tôi sẽ hỏi lại Công an xã", "Hôm đó em xin nhận nấu ...", "Sáng Chủ nhật 28/9 tôi xuống
# ...", and with the subject left out: "xin hứa từ nay ...", "sẽ xem lại ...", in reported speech
# "Đồng chí xin nhận trực tiếp gặp ...".
_SELF_INSIDE = re.compile(
    rf"(?<!\w)(?<!các )(?<!cho )(?<!với )(?<!mấy )(?:tôi|tui|em)[ \t]+(?:sẽ|xin)(?!\w)"
    rf"|(?:[,;:][ \t]*|(?<=\d)[ \t]+|(?<!\w)(?:sau|này|mai|tới|đó|nay)[ \t]+)(?:tôi|tui)[ \t]+(?-i:[{_LOWER}])"
    r"|(?<!\w)xin[ \t]+(?:nhận|hứa)(?!\w)"
    # "Dự kiến bên em gửi credentials ...": the speaker's side
    rf"|(?<!\w)(?:bên|phía)[ \t]+(?:em|tôi|tui|mình)[ \t]+(?:sẽ[ \t]+)?(?-i:[{_LOWER}])",
    re.I,
)
_SELF_OPEN = re.compile(
    r"\W*(?:đồng[ \t]+chí[ \t]+)?(?:xin[ \t]+(?:nhận|hứa)|nhận[ \t]+nhiệm[ \t]+vụ|sẽ)(?!\w)", re.I
)


_BRACKETED = re.compile(r"\(([^()]{2,60})\)")


def _cell_assignee(cell: str, members: _Members) -> tuple[str | None, str | None] | None:
    """Who a task-table cell names (A1): a member, also in brackets after a unit or a role
    ("Kế toán (cô Diễm)", "Ban đại diện CMHS (ông Rươl)"); a role's one holder ("Chủ tịch HĐT,
    Hiệu trưởng"); else the unit as written ("Đoàn trường", "GVCN lớp 10"). A cell that is a
    date or a deadline names nobody."""
    from analyzer.cues import _capitalised_name, display_name
    from analyzer.deadlines import find_deadline

    cell = " ".join(cell.split())
    if not cell or _DASH_CELL.match(cell) or find_deadline(cell, None) is not None:
        return None
    if not any(ch.isalpha() for ch in cell):
        return None
    honorific, role_pattern, unit_pattern = _assignee_patterns()
    first = re.split(r"[,;]|[ \t]+và[ \t]+", _BRACKETED.sub("", cell))[0].strip()
    for part in [m.group(1) for m in _BRACKETED.finditer(cell)] + [first]:
        hon = honorific.match(part)
        named = _capitalised_name(part, hon.end() if hon else 0, len(part))
        if named and (hon or named[1] >= len(part.rstrip())):
            # the cell (or its bracket) is a person: "cô Diễm", "Phương", "BS Khánh"
            words = named[0].split()
            if len(words) > 1 and words[0].lower().rstrip(".") in lexicon.cues().titles:
                words = words[1:]
            who = display_name(" ".join(words))
            member, ambiguous = members.lookup(who)
            if member:
                return member, members.names.get(member, who)
            if hon or part is not first:
                return (None, who) if ambiguous else (who, who)
    role = role_pattern.match(first)
    if role:
        holder = (
            members.by_exact_role(first)
            or members.by_role(first)
            or members.by_exact_role(role.group())
            or members.by_role(role.group())
        )
        if holder:
            return holder, members.names.get(holder)
    if not first:
        return None
    named = _capitalised_name(first, 0, len(first))
    if named and named[1] >= len(first.rstrip()):
        who = display_name(named[0])
        return who, who
    unit = first if (rx(unit_pattern).match(first) or role or first[:1].isupper()) else None
    return (unit, unit) if unit else None


# A topic before "thì" at the start of a clause: no comma, no condition ("nếu ... thì"), a few
# words ("Đồng chí Út với đồng chí Ngọc Bích vắng hôm nay thì tôi ...").
_TOPIC = re.compile(
    r"(?!(?:nếu|khi|hễ|giả[ \t]+sử|trường[ \t]+hợp|sau[ \t]+khi|để)(?!\w))"
    r"(?:[^\s,;:.!?]+[ \t]+){1,14}?thì[ \t]+",
    re.I,
)


def _person_at(
    text: str, pos: int, end: int, members: _Members, speaker_id: str | None
) -> tuple[str, str | None] | None:
    """The member a stretch opens with: "đ/c Hà", a member's name, or the speaker's "tôi/mình"."""
    from analyzer.cues import _capitalised_name, display_name

    honorific = _assignee_patterns()[0]
    hon = honorific.match(text, pos, end)
    named = _capitalised_name(text, hon.end() if hon else pos, end)
    if named:
        member, _ = members.lookup(display_name(named[0]))
        if member:
            return member, members.names.get(member)
    if speaker_id and rx(_SELF).match(text, pos, end):
        return speaker_id, members.names.get(speaker_id)
    return None


def _titled_member(text: str, pos: int, end: int, members: _Members) -> str | None:
    """The member named after a job title the lexicon does not list: "Thủ quỹ Thủy Tiên nhận
    tiền" (the capitalised "Thủ" is not a name, "Thủy Tiên" is)."""
    from analyzer.cues import _capitalised_name, display_name

    title = rx(_TITLE_REST).match(text, pos, end)
    if not title:
        return None
    named = _capitalised_name(text, title.end(), end)
    if not named:
        return None
    member, _ = members.lookup(display_name(named[0]))
    return member


_ASIDE = re.compile(r"[ \t]*\([^()\n]{1,60}\)")


@cache
def _leading_particles() -> re.Pattern[str]:
    """ "Vậy", "Ok,", "Còn" before the subject of a clause."""
    return re.compile(
        rf"(?:(?:{_phrases('openings', 'decision_particles')})[ \t]*,?[ \t]+)+(?=\S)", re.I
    )


# Units that are people in a role: their name does not go on in lower case ("giáo viên chủ
# nhiệm nhắn tin ..."), unlike an organisation's ("Chi đoàn thanh niên").
_PEOPLE_UNIT = re.compile(
    r"(?:giáo[ \t]+viên[ \t]+chủ[ \t]+nhiệm|đảng[ \t]+viên|tổ[ \t]+trưởng|trưởng[ \t]+ban|bí[ \t]+thư)(?!\w)",
    re.I,
)
_NAME_WORD = re.compile(r"[ \t]+[\w/.-]+")


def _unit_phrase(text: str, start: int, head_end: int, end: int, people: bool) -> str:
    """The unit as written: its head word(s), then the capitalised or numbered words of its name
    ("Tổ 2", "phòng Quản lý chất lượng", "tổ Toán - Tin"); an organisation named in lower case
    goes on to the first task verb ("Chi đoàn thanh niên chủ trì ...")."""
    word = _NAME_WORD.match(text, head_end, end)
    named = bool(word) and (word.group().strip()[0].isupper() or word.group().strip()[0].isdigit())
    if people and not named:
        return _qualified(text, start, head_end, end)
    if named:
        # The capitalised or numbered words of its name first ("Tổ Tự nhiên", "tổ Toán - Tin"):
        # a capitalised word is never the verb that ends it.
        while word and (word.group().strip()[:1].isupper() or word.group().strip()[:1].isdigit()):
            head_end = word.end()
            word = _NAME_WORD.match(text, head_end, end)
    stop = rx(_unit_stop()).search(text, head_end, end)
    return _as_written(text, start, stop.start() if stop else end)


def _as_written(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].strip(" \t\n,;:-–").split()[:10])


def _qualified(text: str, start: int, head_end: int, end: int) -> str:
    """A group of people as written, with what narrows it ("đảng viên là giảng viên", "đồng chí
    chưa nộp", "đảng viên còn lại"), up to the task verb; the bare group otherwise."""
    qualifier = rx(_QUALIFIER).match(text, head_end, end)
    if not qualifier:
        return _as_written(text, start, head_end)
    # A qualifier that takes a complement ("chưa nộp", "là giảng viên") keeps its first word,
    # which may be a task verb; "còn lại" is complete.
    word = None if qualifier.group("whole") else _NAME_WORD.match(text, qualifier.end(), end)
    stop = rx(_group_stop()).search(text, word.end() if word else qualifier.end(), end)
    return _as_written(text, start, stop.start() if stop else end)


# What narrows a group of people: "là tổ trưởng sản xuất", "còn lại", "chưa nộp", "có tạm ứng".
_QUALIFIER = re.compile(
    r"[ \t]+(?:(?P<whole>còn[ \t]+lại)|là|chưa|thuộc|dạy|ở|"
    r"có(?![ \t]+(?:trách[ \t]+nhiệm|thể|nhiệm[ \t]+vụ)))(?!\w)",
    re.I,
)


@cache
def _group_stop() -> re.Pattern[str]:
    """Where a qualified group ends: a task verb, a modal, "thì", "mỗi", a comma."""
    verbs = _phrases("assignees", "task_verbs")
    return re.compile(
        # not the comma of a list of numbers ("Toán 6, 7", "tháng 01, 02")
        rf"[ \t]+(?:{verbs}|phải|cần|sẽ|nên|thì|hãy|đều|tự|mỗi|được)(?!\w)|,(?![ \t]*\d)|[.;:(]",
        re.I,
    )


def _speaker_role(turn, analysis, chair: str | None = None) -> str:  # type: ignore[no-untyped-def]
    if turn.speaker_id is None:
        return "none"
    if turn.speaker_id == "group":
        return "group"
    meeting = analysis.meeting
    if chair and turn.speaker_id == chair:
        return "chair"
    if meeting.secretary and turn.speaker_id == meeting.secretary.member_id:
        return "secretary"
    return "member"


def _chair_id(analysis) -> str | None:  # type: ignore[no-untyped-def]
    """The chair as the facts give it; in a transcript that names none, the speaker who opens
    the meeting when they also speak most often (the one who leads it)."""
    if analysis.meeting.chair and analysis.meeting.chair.member_id:
        return analysis.meeting.chair.member_id
    speakers = [t.speaker_id for t in analysis.turns if t.speaker_id not in (None, GROUP)]
    if not speakers:
        return None
    counts = Counter(speakers)
    most = max(counts.values())
    return speakers[0] if counts[speakers[0]] == most and most >= 2 else None


GROUP = "group"
# A lead-in just before a clause: "Chi bộ thống nhất các nội dung sau:", "Phân công:",
# "Đồng chí chủ trì kết luận:", "Đồng chí nào tán thành giơ tay."
_LEAD = re.compile(
    r"(?P<decision>thống[ \t]+nhất|quyết[ \t]+định|chốt|nhất[ \t]+trí[ \t]+thông[ \t]+qua|"
    # the targets a congress or a resolution adopts: "Các chỉ tiêu chủ yếu:", "Mục tiêu đến ...:"
    r"(?:chỉ|mục)[ \t]+tiêu(?=[^.;\n]{0,60}:))|"
    r"(?P<task>phân[ \t]+công|giao[ \t]+(?:nhiệm[ \t]+vụ|việc)|việc[ \t]+cụ[ \t]+thể|nhiệm[ \t]+vụ(?=[^.;\n]{0,40}:))|"
    r"(?P<conclusion>kết[ \t]+luận|tổng[ \t]+kết|tóm[ \t]+lại|tổng[ \t]+hợp)|"
    r"(?P<vote>biểu[ \t]+quyết|giơ[ \t]+tay|bỏ[ \t]+phiếu)",
    re.I,
)
_LEAD_WINDOW = 120
# The chair begins the conclusion: "tôi kết luận", "chốt lại", "tổng kết lại", "tóm lại".
_CONCLUDING = re.compile(
    r"kết[ \t]+luận|tổng[ \t]+kết|chốt[ \t]+lại|tóm[ \t]+lại|tổng[ \t]+hợp[ \t]+(?:lại|ý[ \t]+kiến)",
    re.I,
)
_CONCLUDING_VERBS = {"kết luận", "tổng kết", "tổng hợp", "tiếp thu", "ket luan", "tong ket"}
_PEOPLE = r"(?:đồng[ \t]+chí|đ/c|đảng[ \t]+viên|người|bạn|phiếu|thành[ \t]+viên|đại[ \t]+biểu|phụ[ \t]+huynh|hộ)"
_COUNT = re.compile(
    r"\d{1,4}[ \t]*/[ \t]*\d{1,4}(?![\d/])[ \t]*(?:"
    + _PEOPLE
    + r"|tán|đồng[ \t]+ý|nhất[ \t]+trí|\()|"
    r"(?<![\d/])\d{1,2}/(?:1[3-9]|[2-9]\d)(?![\d/])|"
    r"\d{1,4}[ \t]+trên[ \t]+\d{1,4}|\d{1,4}[ \t]+" + _PEOPLE + r"|"
    r"(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi)[ \t]+trên[ \t]+(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)|"
    r"tất[ \t]+cả|toàn[ \t]+thể|100[ \t]*%|trăm[ \t]+phần[ \t]+trăm|"
    # the verb before the count: "đồng ý 13, không đồng ý 2"
    r"(?:đồng[ \t]+ý|tán[ \t]+thành|nhất[ \t]+trí)[ \t]*:?[ \t]*\d{1,4}(?![\d/%]|[,.]\d)",
    re.I,
)
# What every count above holds (a digit, "trên", "tất cả", "toàn thể", "trăm"): a cheap test first,
# since the full pattern costs a tenth of the extraction when searched in every clause.
_COUNT_HINT = re.compile(r"\d|trên|tất|toàn|trăm", re.I)
_VOTE_CALL = re.compile(r"giơ[ \t]+tay|biểu[ \t]+quyết|tán[ \t]+thành\?|bỏ[ \t]+phiếu", re.I)
# Lower-case words of a job title after its capitalised first word ("Thủ quỹ", "Kế toán").
_TITLE_REST = re.compile(rf"(?:[ \t]+(?-i:[{_LOWER}])\w*){{1,3}}[ \t]+")
_SELF_DOER = re.compile(
    rf"(?:tôi|em|mình|tớ|anh|chị|cô|thầy)[ \t]+(?:sẽ[ \t]+|xin[ \t]+)?(?-i:[{_LOWER}])", re.I
)
_GROUP_DOER = re.compile(
    r"(?:mỗi|các|cả|tất[ \t]+cả|toàn[ \t]+thể|toàn[ \t]+bộ|mọi)[ \t]+(?:đ/c[ \t]+)?(?P<group>đồng[ \t]+chí|đ/c|đảng[ \t]+viên|"
    r"thầy[ \t]+cô|giáo[ \t]+viên|bạn|người|đoàn[ \t]+viên|thành[ \t]+viên|lớp|tổ|khoa|em|anh[ \t]+chị)(?!\w)",
    re.I,
)
_BODY_DOER = re.compile(
    r"(?:vậy[ \t]+)?(?:chi[ \t]+bộ|đại[ \t]+hội|hội[ \t]+nghị|hội[ \t]+đồng(?:[ \t]+trường)?|ban[ \t]+chấp[ \t]+hành|bch|"
    r"chi[ \t]+ủy|chi[ \t]+đoàn|tổ|nhóm|team|lớp|công[ \t]+đoàn|nhà[ \t]+trường|hội[ \t]+nghị)[ \t]+(?:mình[ \t]+)?"
    r"(?:đã[ \t]+)?(?:thống[ \t]+nhất|quyết[ \t]+định|đồng[ \t]+ý|nhất[ \t]+trí|chốt|thông[ \t]+qua|chọn|đăng[ \t]+ký|cử)",
    re.I,
)


# A topic before the clause proper: "Về an ninh trật tự, ...", "Đối với đ/c Toàn, ...".
_TOPIC_PREFIX = re.compile(
    r"(?:về|đối[ \t]+với|riêng|còn)[ \t\n]+[^,;:.!?\n]{1,60}?,[ \t\n]+", re.I
)


def _names_pattern(analysis) -> re.Pattern[str] | None:  # type: ignore[no-untyped-def]
    """A comma before a member's given name (or last two names) and a lower-case word."""
    names: set[str] = set()
    for member in analysis.members:
        for name in [member.name, *member.aliases]:
            words = name.split()
            for size in (1, 2):
                if len(words) >= size:
                    part = " ".join(words[-size:])
                    if len(part) >= 2 and part[0].isupper():
                        names.add(part)
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # ... or a colon: "@Khải: fix race condition" in a list of tasks
    # Not "Hằng năm", "Hằng tuần" (yearly, weekly): a name that is also a word of time.
    # (through rx: minutes typed without diacritics write "Thuong" for Thương)
    return rx(
        re.compile(
            rf",\s+(?=(?:{alternatives})(?:[ \t]+(?!{_EVERY}(?!\w))(?-i:[{_LOWER}])|[ \t]*:[ \t]))"
        )
    )


_EVERY = r"(?:năm|ngày|tuần|tháng|quý|kỳ|giờ)"


@cache
def _own_body(kind: str) -> re.Pattern[str] | None:
    """The names the meeting body goes by in a meeting of ``kind`` (``meeting_bodies`` in
    items.yaml), as the subject of a clause: followed by a lower-case word, not a name."""
    bodies = lexicon.load("items")["meeting_bodies"]
    phrases = [*bodies.get("any", []), *bodies.get(kind, [])]
    if not phrases:
        return None
    alternatives = _alternation(phrases)
    return re.compile(
        rf"(?:vậy[ \t]+|thì[ \t]+|còn[ \t]+)?(?:{alternatives})(?:[ \t]+mình)?[ \t]+"
        # "tổ trưởng", "lớp phó", "nhóm viên": a role, not the body
        rf"(?!(?:trưởng|phó|viên)(?!\w))(?-i:[{_LOWER}])",
        re.I,
    )


def _adopting() -> str:
    """ "Vậy chốt", "Thống nhất", "Sau khi thảo luận, đồng ý": particles, then an adopting verb."""
    return (
        rf"\W*(?:(?:{_phrases('openings', 'decision_particles')})[ \t,]*)*"
        rf"(?:{_phrases('openings', 'decision_verbs')})"
    )


@cache
def _adopting_opener() -> re.Pattern[str]:
    """ "Thống nhất", "Vậy đồng ý để", "Chốt cho" opening a clause, before whoever is to act."""
    return re.compile(_adopting() + r"[ \t]+(?:(?:để|cho)[ \t]+)?", re.I)


def _doer(
    text: str, cand: Candidate, names: re.Pattern[str] | None, own: re.Pattern[str] | None = None
) -> str | None:
    """Who the clause opens with (after "giao", "phân công" ...): K1–K3 of the annotation guide.
    ``own`` matches the meeting body's own names ("tổ" in a group meeting, "nhà trường" in a
    teachers' council): as the subject it is "own", the body acting, not a unit given a task."""
    start, end = cand.start, cand.end
    topic = rx(_TOPIC_PREFIX).match(text, start, end)
    if topic:
        # "Về an ninh, chi bộ đồng ý ...", "Về phòng máy, tôi sẽ ...": the doer after the topic
        shifted = Candidate(topic.end(), end, cand.section, cand.turn, False, cand.speaker_role)
        found = _doer(text, shifted, names, own)
        if found:
            return found
    if rx(_BODY_DOER).match(text, start, end):
        return "body"
    if own is not None and rx(own).match(text, start, end):
        return "own"
    # K1 inside an adopting sentence: "Thống nhất giao đ/c Trung ...", "Đồng ý để đ/c Hà My ...".
    adopting = rx(_adopting_opener()).match(text, start, end)
    if adopting:
        start = adopting.end()
    if rx(_GROUP_DOER).match(text, start, end):
        return "group"
    honorific, role_pattern, unit_pattern = _assignee_patterns()
    assign = rx(_ASSIGN).match(text, start, end)
    pos = assign.end() if assign else start
    hon = honorific.match(text, pos, end)
    if hon and text[hon.end() : hon.end() + 1].isupper():
        return "person"
    if not assign and rx(_SELF_DOER).match(text, start, end):
        return "self"
    if names is not None and names.match(", " + text[pos : pos + 40]):
        return "person"
    if role_pattern.match(text, pos, end) or rx(unit_pattern).match(text, pos, end):
        return "unit"
    return "assign" if assign else None


@cache
def _matcher(unaccented: bool | str = False) -> PhraseMatcher:
    from analyzer.pipeline import get_nlp

    return build_matcher(get_nlp(), unaccented)


def prepare(doc: Doc, analysis) -> tuple[list[Candidate], list[str]]:  # type: ignore[no-untyped-def]
    """Candidates of a document and their feature strings (for training and inference)."""
    state = doc.user_data["bienban"]
    text = analysis.text
    chair = _chair_id(analysis)
    roles = [_speaker_role(turn, analysis, chair) for turn in analysis.turns]
    names = _names_pattern(analysis)
    own = _own_body(analysis.meeting.kind)
    turns = state["turns"]
    sections = state["sections"]
    found = candidates(text, turns, sections, roles, names)
    mark_cues(doc, _matcher(state.get("unaccented", False)), found)
    concluding = _conclusion_start(text, turns, sections, roles)
    length = max(len(text), 1)
    previous: Candidate | None = None
    for cand in found:
        cand.position = cand.start / length
        cand.doer = _doer(text, cand, names, own)
        cand.has_assignee = _names_actor(
            text, cand.start, cand.end, body=cand.doer in ("body", "own")
        )
        cand.concluding = cand.start >= concluding
        cand.count = bool(
            rx(_COUNT_HINT).search(text, cand.start, cand.end)
            and rx(_COUNT).search(text, cand.start, cand.end)
        )
        floor = turns[cand.turn].cue.end if cand.turn is not None else 0
        window = max(floor, cand.start - _LEAD_WINDOW)
        leads = list(rx(_LEAD).finditer(text, window, cand.start))
        if leads:
            cand.lead = leads[-1].lastgroup
        cand.list_lead = _list_lead(text, cand.start, floor)
        cand.after_vote_call = bool(
            previous is not None
            and cand.start - previous.end < _LEAD_WINDOW
            and rx(_VOTE_CALL).search(text, previous.start, cand.start)
        )
        previous = cand
    for index, cand in enumerate(found):
        for step, tag in ((-1, "zp"), (1, "zn")):
            other = index + step
            if 0 <= other < len(found) and found[other].turn == cand.turn:
                near = found[other]
                cand.context += [tag + kind for kind in sorted(near.cues)]
    return found, [features(text, c) for c in found]


_LIST_WINDOW = 1500


# A Markdown heading or a line in bold alone: "### Chốt", "**Phân công**".
_MD_HEADING = re.compile(r"[ \t]*(?:#{1,6}[ \t]+\S[^\n]*|\*\*[^*\n]{1,60}\*\*:?)[ \t]*$")


def _list_lead(text: str, start: int, floor: int) -> str | None:
    """The kind of the nearest line before the clause's line that ends with ":" ("Chi bộ thống
    nhất các nội dung sau:", "Phân công:"), when it leads a list the clause is part of."""
    lo = max(floor, start - _LIST_WINDOW)
    pos = text.rfind("\n", lo, start)  # the end of the line before the clause's line
    while pos > lo:
        prev = text.rfind("\n", lo, pos)
        if prev < 0:
            break
        line = text[prev + 1 : pos]
        if not line.strip():
            # A blank line ends the list, unless a Markdown heading leads it ("### Chốt").
            above = text.rfind("\n", lo, prev)
            if above < 0 or not _MD_HEADING.match(text, above + 1, prev):
                return None
            pos = prev
            continue
        if line.rstrip().endswith(":") or _MD_HEADING.match(line):
            found = list(rx(_LEAD).finditer(line))
            return found[-1].lastgroup if found else "other"
        pos = prev
    return None


def _conclusion_start(text: str, turns, sections, roles) -> int:  # type: ignore[no-untyped-def]
    """Where the conclusion begins: a conclusion part, a concluding cue ("Đồng chí chủ trì kết
    luận:"), or the chair saying "tôi kết luận", "chốt lại" in the second half of the text."""
    starts = [s.start for s in sections if s.kind == "conclusion"]
    half = len(text) // 2
    for turn, role in zip(turns, roles, strict=True):
        if turn.cue.verb in _CONCLUDING_VERBS and turn.start >= half // 2:
            starts.append(turn.start)
        elif role == "chair" and turn.end > half:
            found = rx(_CONCLUDING).search(text, max(turn.start, half), turn.end)
            if found:
                starts.append(found.start())
    return min(starts, default=len(text) + 1)


def extract(doc: Doc, analysis, estimator=None) -> list:  # type: ignore[no-untyped-def]
    """The items of an analysed document, in text order, with kind-specific fields."""
    from analyzer import item_model
    from analyzer.deadlines import find_deadline
    from analyzer.links import link_proposals
    from analyzer.schema import Item

    found, rows = prepare(doc, analysis)
    if not found:
        return []
    model = estimator if estimator is not None else item_model.load()
    if isinstance(model, item_model.ItemModel):
        if doc.user_data["bienban"].get("unaccented"):
            rows = model.with_diacritics(rows)
        probabilities = model.predict_proba(rows, [cand.turn for cand in found])
    else:  # any scikit-learn style classifier
        probabilities = model.predict_proba(rows)
    classes = list(model.classes_)
    text = analysis.text
    members = _Members(analysis, doc.user_data["bienban"].get("names"))
    present = analysis.meeting.attendance.present
    labelled = []
    for cand, probs in zip(found, probabilities, strict=True):
        if is_boilerplate(text, cand.start, cand.end):
            continue  # a lead-in, a heading, a table header or a closing formula
        order = probs.argsort()[::-1]
        best = int(order[0])
        kind = classes[best]
        if kind == "vote" and not _vote_result(text, cand, present):
            # A call to vote ("Đồng chí nào tán thành giơ tay") or a date read as a count: not a
            # vote; the next reading, if any, stands.
            best = int(order[1])
            kind = classes[best]
        if kind in _STATEMENTS and _asks(text, cand):
            # "Đồng chí nào tán thành?": a question decides and concludes nothing.
            best = int(order[1])
            kind = classes[best]
            if kind in _STATEMENTS:
                continue
        if "vote" in classes and (
            is_ballot_option(text[cand.start : cand.end])
            or (cand.after_vote_call and cand.count and kind != "vote")
            or (
                rx(_ELECTED).search(text, cand.start, cand.end)
                and _BALLOTS.search(text, cand.start, cand.end)
            )
        ):
            # One option of a ballot or a rating with its count ("HTTNV 7/9 (77,8%)"): a vote (V4).
            labelled.append(_ruled(cand, "vote", probs, classes))
            continue
        if "action_item" in classes and _task_row(text, cand, analysis.meeting.date):
            # A row of a task table ("việc | người thực hiện | hạn"): a task, whatever the wording.
            labelled.append(_ruled(cand, "action_item", probs, classes))
            continue
        if (
            "decision" in classes
            and kind not in _ADOPTED
            and not cand.has_assignee
            and not rx(_ASSIGN).search(text, cand.start, min(cand.end, cand.start + 60))
            and _opens_with_decision(text, cand)
        ):
            # K2: the chair or the minutes open the clause with "chốt", "thống nhất", "Chi bộ
            # quyết định ..." and name nobody to act: what the meeting adopted.
            labelled.append(_ruled(cand, "decision", probs, classes))
            continue
        if (
            kind == "decision"
            and "action_item" in classes
            and rx(_AGREED_ASSIGNMENT).match(text, cand.start, cand.end)
        ):
            # K1: "Chi bộ thống nhất giao đồng chí Linh hoàn thiện văn bản ...": what the
            # meeting agreed is that someone does something, a task.
            task = float(probs[classes.index("action_item")])
            labelled.append((cand, "action_item", max(task, float(probs[best]), 0.5)))
            continue
        if (
            kind in (NONE, "conclusion", "agreement")
            and "decision" in classes
            and rx(_APPROVES_THEN).match(text, cand.start, cand.end)
            and not rx(_ASSIGN).search(text, cand.start, cand.end)
        ):
            # K4: the approval of someone's idea, then what is adopted: a decision.
            labelled.append(_ruled(cand, "decision", probs, classes))
            continue
        if (
            kind in ("decision", "conclusion", "action_item")
            and "conclusion" in classes
            and _concludes(text, cand, analysis.meeting.date)
        ):
            labelled.append(_ruled(cand, "conclusion", probs, classes))
            continue
        if (
            kind == "action_item"
            and cand.doer == "group"
            and "decision" in classes
            and not _due(text, cand, analysis.meeting.date)
        ):
            # K3: every member, or everyone in a role, with no deadline in the clause ("Mỗi
            # đảng viên vận động ít nhất 3 hộ", "các đ/c khác dự ít nhất 2 tiết/tháng"): a
            # standing rule the meeting adopted.
            labelled.append(_ruled(cand, "decision", probs, classes))
            continue
        if kind == NONE or probs[best] < THRESHOLD:
            continue
        labelled.append((cand, kind, float(probs[best])))
    items: list[Item] = []
    if "conclusion" in classes:
        concluded = [float(p[classes.index("conclusion")]) for p in probabilities]
        labelled = _noted_answers(text, found, concluded, labelled)
    labelled = _join_qualified(text, _join_vote_leads(text, found, labelled))
    labelled = _join_deadline_tails(text, _within_task_rows(text, labelled), analysis.meeting.date)
    for cand, kind, confidence in labelled:
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
            counts = _vote_counts(text, cand, present)
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
                confidence=round(confidence, 3),
                **fields,
            )
        )
    items = _without_overlaps(_clauses_first(items))
    link_proposals(items)
    return items


# "trước Tết", "hạn 15/7", "xong trong tuần": the clause gives its doers a deadline, even one
# that names no date.
_DUE_WORD = re.compile(r"(?<!\w)(?:trước|chậm[ \t]+nhất|hạn|xong|kịp)(?![ \t]+khi)(?!\w)", re.I)


def _due(text: str, cand: Candidate, meeting_date) -> bool:  # type: ignore[no-untyped-def]
    from analyzer.deadlines import find_deadline

    return bool(
        rx(_DUE_WORD).search(text, cand.start, cand.end)
        or find_deadline(text, meeting_date, cand.start, cand.end)
    )


def _ruled(cand: Candidate, kind: str, probs, classes: list[str]):  # type: ignore[no-untyped-def]
    """A clause a rule gives ``kind``: confidence is the classifier's for that kind, at least
    0.5."""
    return cand, kind, max(float(probs[classes.index(kind)]), 0.5)


_ADOPTED = ("decision", "action_item", "vote", "conclusion")
_STATEMENTS = ("decision", "conclusion")


def _asks(text: str, cand: Candidate) -> bool:
    """The clause is a question: it ends with "?"."""
    return text[cand.start : cand.end].rstrip().endswith("?") or text[
        cand.end : cand.end + 3
    ].lstrip(" \t").startswith("?")


@cache
def _decision_open() -> re.Pattern[str]:
    return re.compile(
        _adopting() + rf"(?:[ \t]+lại)?(?!\w)"
        rf"(?![ \t]+(?:{_phrases('openings', 'not_decision_after')}))",
        re.I,
    )


# "Chi bộ thống nhất giao ...", "Hội nghị nhất trí phân công ...": an agreed assignment.
_AGREED_ASSIGNMENT = re.compile(
    r"(?:[^\W\d_]+[ \t]+){0,3}(?:thống[ \t]+nhất|nhất[ \t]+trí|quyết[ \t]+định)[ \t]+"
    r"(?:giao|phân[ \t]+công)(?:[ \t]+cho)?[ \t]+",
    re.I,
)


# K4: "Chi bộ thống nhất với đánh giá trong báo cáo", "Đại hội thống nhất cao với đánh giá kết
# quả nhiệm kỳ": agreement with an assessment, a conclusion (agreeing with a proposal or with
# the programme adopts it).
_AGREES_WITH_ASSESSMENT = re.compile(
    r"\W*(?:[^\W\d_]+[ \t]+){0,3}(?:thống[ \t]+nhất|nhất[ \t]+trí|đồng[ \t]+ý|tán[ \t]+thành)"
    r"(?:[ \t]+cao)?[ \t]+với[ \t]+(?:(?:các|những|nội[ \t]+dung|phần)[ \t]+)?"
    r"(?:đánh[ \t]+giá|nhận[ \t]+định|báo[ \t]+cáo|chuyên[ \t]+đề|đề[ \t]+dẫn|tham[ \t]+luận)(?!\w)",
    re.I,
)


# K4: a recap of what the meeting settled ("Tóm lại tối nay mình chốt quà Tết 600 nghìn ...",
# "Hôm nay tổ chốt quỹ 15k ... như trên"), a conclusion.
_RECAP = re.compile(
    r"\W*(?:tóm[ \t]+lại[ \t,]*)?(?:hôm|tối|bữa|sáng|chiều|trưa|buổi)[ \t]+nay[ \t,]+"
    r"(?:[^\W\d_]+[ \t]+){0,3}chốt(?!\w)"
    r"|\W*tóm[ \t]+lại[ \t,]+(?:[^\W\d_]+[ \t]+){0,5}chốt(?!\w)",
    re.I,
)


# K4: the answer that defers: studied, weighed or discussed later ("để chi bộ tính khi lập dự
# toán năm 2026", "Xí nghiệp sẽ cân đối khi xây dựng kế hoạch", "kỳ sau bàn", "ra Tết tính").
_DEFERRED = re.compile(
    r"(?<!\w)(?:sẽ|để)[ \t]+(?:[^\W\d_]+[ \t]+){0,4}?"
    r"(?:xem[ \t]+xét|nghiên[ \t]+cứu|bàn|tính|cân[ \t]+đối)(?:[ \t]+(?:lại|thêm|tiếp|cụ[ \t]+thể))?"
    r"[ \t]+(?:khi|sau[ \t]+khi|tại|ở|trong|vào|kỳ|dịp|sau)(?!\w)"
    r"|(?<!\w)(?:kỳ|buổi|lần)[ \t]+(?:sau|tới)[ \t]+(?:bàn|tính|xem)(?!\w)"
    r"|(?<!\w)(?:tính|bàn)[ \t]+sau(?!\w)|(?<!\w)ra[ \t]+tết[ \t]+tính(?!\w)"
    # not settled yet, waiting on someone else: "chi bộ chưa xem xét, chờ hướng dẫn của Đảng ủy"
    r"|(?<!\w)chưa[ \t]+(?:chốt|quyết|hứa|xem[ \t]+xét|bàn)(?!\w)"
    r"|(?<!\w)(?:chờ|tùy)[ \t]+(?:ý[ \t]+kiến|hướng[ \t]+dẫn|kế[ \t]+hoạch|kết[ \t]+quả|ngân[ \t]+sách|"
    r"nguồn|cấp[ \t]+trên|đề[ \t]+án)(?!\w)",
    re.I,
)
# K4: a reminder in the chair's wrap-up ("Chi ủy nhắc đảng viên là công chức chấp hành nghiêm
# giờ làm việc", "Nhắc các tổ đảng rà soát ..."), not "nhắc hai lần không sửa thì ...".
_REMINDS = re.compile(
    r"\W*(?:(?:cuối[ \t]+cùng|đồng[ \t]+thời|ngoài[ \t]+ra)[ \t,]+)?"
    rf"(?:(?:chi[ \t]+bộ|chi[ \t]+ủy|hội[ \t]+nghị|tổ|ban[ \t]+chấp[ \t]+hành|bch|nhà[ \t]+trường|tôi|"
    rf"đồng[ \t]+chí[ \t]+(?:chủ[ \t]+trì|bí[ \t]+thư)|(?-i:[{_UPPER}])\w*)[ \t]+)?"
    r"nhắc(?:[ \t]+nhở|[ \t]+lại)?(?!\w)(?![ \t]+(?:\d|một|hai|ba)[ \t]+lần)",
    re.I,
)


def _defers(text: str, cand: Candidate, meeting_date) -> bool:  # type: ignore[no-untyped-def]
    """The clause (not a sentence of several) puts its matter off, with no deadline (K4)."""
    return (
        ";" not in text[cand.start : cand.end]
        and bool(rx(_DEFERRED).search(text, cand.start, cand.end))
        and not _due(text, cand, meeting_date)
    )


def _concludes(text: str, cand: Candidate, meeting_date) -> bool:  # type: ignore[no-untyped-def]
    """K4 whatever the classifier read: agreement with an assessment, a recap, a matter put
    off, or a reminder in the chair's wrap-up."""
    return bool(
        rx(_AGREES_WITH_ASSESSMENT).match(text, cand.start, cand.end)
        or rx(_RECAP).match(text, cand.start, cand.end)
        or _defers(text, cand, meeting_date)
        or (cand.concluding and rx(_REMINDS).match(text, cand.start, cand.end))
    )


# K4: an answer that adopts a proposal ("Ý kiến của đồng chí Đoàn là xác đáng, chi bộ thống nhất
# từ nay ...", "Về đảng phí, ý của bác Sáu là được, đảng viên đi làm ăn xa có thể chuyển khoản
# ..."): the approval, then what is adopted after a comma or a colon.
_APPROVES_THEN = re.compile(
    rf"\W*(?:(?:về|còn|riêng)(?!\w)[^,\n]{{0,60}},[ \t]*)?"
    r"(?:(?:tôi|em|chị|anh|thầy|cô|mình|chi[ \t]+bộ|chi[ \t]+ủy|tổ)[ \t]+thấy[ \t]+)?"
    r"ý(?:[ \t]+kiến)?(?:[ \t]+(?:đề[ \t]+nghị|đề[ \t]+xuất))?(?:[ \t]+của)?[ \t]+"
    r"(?:(?:đồng[ \t]+chí|đ/c|anh|chị|ông|bà|bác|chú|cô|thầy|em|bạn)[ \t]+)?"
    rf"(?-i:[{_UPPER}])\w*(?:[ \t]+(?-i:[{_UPPER}])\w*){{0,3}}[ \t]+"
    r"(?:là[ \t]+|rất[ \t]+|cũng[ \t]+|thì[ \t]+)?(?:được|đúng|xác[ \t]+đáng|hợp[ \t]+lý|chính[ \t]+đáng)"
    r"(?!\w)[^,:\n]{0,20}[,:][ \t]*(?=(?:\S+[ \t]+){3})",
    re.I,
)


def _opens_with_decision(text: str, cand: Candidate) -> bool:
    if rx(_AGREES_WITH_ASSESSMENT).match(text, cand.start, cand.end) or rx(_RECAP).match(
        text, cand.start, cand.end
    ):
        return False
    if cand.doer == "body":
        return True  # "Chi bộ thống nhất ...", whoever reads it out
    if cand.speaker_role not in ("chair", "none", "group"):
        return False
    return bool(rx(_decision_open()).match(text, cand.start, cand.end))


# A vote's result without counts: the method or the outcome is said.
_VOTE_RESULT = re.compile(
    r"bỏ[ \t]+phiếu[ \t]+kín|thông[ \t]+qua|(?:đã|được)[ \t]+(?:nhất[ \t]+trí|tán[ \t]+thành)|trúng[ \t]+cử|không[ \t]+công[ \t]+bố",
    re.I,
)
_DASH_CELL = re.compile(r"^[-–—]?$")


# The dashes between the parts of a checklist line.
_ROW_DASH = re.compile(r"[ \t]+[–—-][ \t]+")


def _mentioned(text: str, start: int) -> bool:
    """The clause opens with a mention: "@Sỹ – ...", "@Vy + @Hằng – ..."."""
    return text[max(0, start - 1) : start] == "@" or text.startswith("@", start)


def _task_row(text: str, cand: Candidate, meeting_date) -> bool:  # type: ignore[no-untyped-def]
    """A row of a task table: what to do (several words) first, then who (a name or a unit) and
    when (a date, a deadline or a dash). A name in the first cell is another kind of table (a
    vote or a list of awards)."""
    from analyzer.cues import _capitalised_name
    from analyzer.deadlines import find_deadline

    clause = text[cand.start : cand.end]
    if _mentioned(text, cand.start):
        # A checklist line "@Sỹ – bỏ hub, cắm lại máy đọc – hôm nay 14/10": who, what, when.
        cells = [c.strip() for c in _ROW_DASH.split(clause)]
        if len(cells) < 3:
            return False
        cells = [cells[1], cells[0], *cells[2:]]  # the table's order: what, who, when
    elif clause.count("|") < 2:
        return False
    else:
        cells = [c.strip() for c in clause.split("|")]
    first = cells[0]
    named = _capitalised_name(first, 0, len(first))
    if len(first.split()) < 2 or (named and named[0].strip() == first):
        return False
    honorific, _, unit_pattern = _assignee_patterns()

    def names_someone(cell: str) -> bool:
        hon = honorific.match(cell)
        at = hon.end() if hon else 0
        return bool(_capitalised_name(cell, at, len(cell)) or rx(unit_pattern).match(cell, at))

    who = any(names_someone(cell) for cell in cells[1:-1])
    when = bool(_DASH_CELL.match(cells[-1])) or find_deadline(cells[-1], meeting_date) is not None
    return who and when


def _vote_result(text: str, cand: Candidate, present: int | None) -> bool:
    """Does the clause give a vote's result: counts, a percentage, or its outcome?"""
    counts = _vote_counts(text, cand, present)
    if counts.votes_for is not None or counts.percent is not None:
        return not _only_dates(text, cand)
    # "Giờ mình biểu quyết thông qua ...": a call to vote, its result comes later.
    return not rx(_vote_invite()).search(text, cand.start, cand.end) and bool(
        rx(_VOTE_RESULT).search(text, cand.start, cand.end)
    )


# Words that say a count is of votes or people, and a day/month ratio that could be a date.
_VOTE_WORDS = re.compile(
    r"biểu[ \t]+quyết|giơ[ \t]+tay|tán[ \t]+thành|đồng[ \t]+ý|nhất[ \t]+trí|phiếu|thông[ \t]+qua|bầu|"
    r"trúng|đạt|trên|kết[ \t]+quả|có[ \t]+mặt|%|" + _PEOPLE,
    re.I,
)
_RATIO = re.compile(r"(?<![\d/])(\d{1,2})[ \t]*/[ \t]*(\d{1,2})(?![\d/])")
_VOTE_CONTEXT = 60  # the counts of a vote can follow its clause


def _only_dates(text: str, cand: Candidate) -> bool:
    """The clause's only "counts" are day/month dates and nothing around them speaks of votes or
    people ("Mà 5/9 thì mình đóng xong"): a date, not a vote."""
    end = min(len(text), cand.end + _VOTE_CONTEXT)
    if rx(_VOTE_WORDS).search(text, cand.start, end):
        return False
    ratios = list(_RATIO.finditer(text, cand.start, cand.end))
    return bool(ratios) and all(
        1 <= int(r.group(1)) <= 31 and 1 <= int(r.group(2)) <= 12 for r in ratios
    )


@cache
def _vote_invite() -> re.Pattern[str]:
    return re.compile(
        rf"(?<!\w)(?:{_phrases('openings', 'vote_callers')})[ \t]+(?:cho[ \t]+)?"
        r"(?:biểu[ \t]+quyết|giơ[ \t]+tay)",
        re.I,
    )


_PART_END = re.compile(r"[.;\n]")
_OPTION_GAP = re.compile(r",[ \t]*")
_SENTENCE_END = re.compile(r"[.!?\n]")
# A short sentence that goes on with the vote: "12 đồng chí. Còn một đồng chí chưa giơ tay."
_VOTE_TAIL = re.compile(
    r"[ \t]*[^.!?\n\d/]{0,60}?(?:không[ \t]+(?:đồng[ \t]+ý|tán[ \t]+thành|nhất[ \t]+trí|biểu[ \t]+quyết|giơ[ \t]+tay)|"
    r"chưa[ \t]+giơ[ \t]+tay|phản[ \t]+đối|phiếu[ \t]+trắng)[^.!?\n]*",
    re.I,
)


def _vote_counts(text: str, cand: Candidate, present: int | None):  # type: ignore[no-untyped-def]
    """The counts of a vote clause. They often follow the clause in its sentence ("...: 9/9 đồng
    chí tán thành"), after a ";" ("Tán thành: 10; không tán thành: 1") or in a short sentence
    after it ("12 đồng chí. Còn một đồng chí chưa giơ tay")."""
    from analyzer.votes import parse_vote

    part_stop = rx(_PART_END).search(text, cand.end)
    part_end = part_stop.start() if part_stop else len(text)
    if is_ballot_option(text[cand.start : cand.end]):
        # One option of a ballot (V4): its own counts only, up to the next option ("HTXSNV 5/9,
        # HTTNV 4/9; đ/c Quân: HTTNV 9/9; đ/c Duyên: HTTNV 8/9, 1 phiếu trắng").
        for comma in _OPTION_GAP.finditer(text, cand.end, part_end):
            following = _OPTION_GAP.search(text, comma.end(), part_end)
            if is_ballot_option(text[comma.end() : following.start() if following else part_end]):
                part_end = comma.start()
                break
        return parse_vote(text[cand.start : part_end], present)
    stop = rx(_SENTENCE_END).search(text, cand.end)
    end = stop.start() if stop else len(text)
    if stop and text[stop.start()] == ".":
        tail = rx(_VOTE_TAIL).match(text, stop.end())
        if tail:
            end = tail.end()
    part = parse_vote(text[cand.start : part_end], present)
    whole = parse_vote(text[cand.start : end], present)
    if part.votes_for is None or (part.votes_for, part.total) == (whole.votes_for, whole.total):
        return whole
    return part


def _join_vote_leads(
    text: str, found: list[Candidate], labelled: list[tuple[Candidate, str, float]]
) -> list[tuple[Candidate, str, float]]:
    """One vote from the clauses that say it: what was voted on and the count ("Chi bộ biểu
    quyết thông qua nghị quyết: 9/9 đồng chí tán thành"), and the count and who was against or
    abstained ("7 trên 8, anh Khải không đồng ý", "12 đồng chí. Còn một đồng chí chưa giơ tay")."""
    result: list[tuple[Candidate, str, float]] = []
    following = {id(a): b for a, b in pairwise(found)}
    preceding = {id(b): a for a, b in pairwise(found)}
    absorbed: set[int] = set()
    for item in labelled:
        cand, kind, confidence = item
        if id(cand) in absorbed:
            continue
        joined = False
        if result and kind == "vote" and result[-1][1] == "vote":
            lead = result[-1][0]
            if not lead.count and cand.count and text[lead.end : cand.start].strip(" \t") == ":":
                confidence = max(confidence, result.pop()[2])
                cand = replace(cand, start=lead.start, turn=lead.turn)
                joined = True
        # Whatever the lead was read as: a name or a motion before ": <count>" is the vote's
        # ("Đồng chí Võ Văn A: 28/30 phiếu", "Chi bộ BQ thông qua nghị quyết: 17/17 nhất trí").
        if (
            not joined
            and kind == "vote"
            and cand.count
            and (lead := preceding.get(id(cand))) is not None
            and not lead.count
            and text[lead.end : cand.start].strip(" \t") == ":"
            and (
                # the name of a candidate before the bare count of their ballots (a rating code
                # before the count is the option voted on: "đồng chí Thủy: HTXSNV 7/9")
                (
                    is_name_only(text[lead.start : lead.end])
                    and is_ballot_count(text[cand.start : cand.end])
                )
                or rx(_MOTION).search(text, lead.start, lead.end)
            )
        ):
            if result and result[-1][0] is lead:
                result.pop()
            cand = replace(cand, start=lead.start, turn=lead.turn)
        if kind == "vote" and cand.count:
            nxt = following.get(id(item[0]))
            if (
                nxt is not None
                and nxt.turn == cand.turn
                and text[cand.end : nxt.start].strip(" \t") in (",", ".")
                and rx(_VOTE_TAIL).match(text, nxt.start, nxt.end)
            ):
                absorbed.add(id(nxt))
                cand = replace(cand, end=nxt.end)
        result.append((cand, kind, confidence))
    return result


# Someone elected, said with the count of ballots: "được bầu làm Bí thư với 5/5 phiếu" (a vote).
_ELECTED = re.compile(r"(?<!\w)(?:được[ \t]+bầu|trúng[ \t]+cử|đắc[ \t]+cử)(?!\w)", re.I)
_BALLOTS = re.compile(
    r"\d{1,4}[ \t]*/[ \t]*\d{1,4}(?![\d/])|\d{1,4}[ \t]+phiếu|\d{1,3}(?:[,.]\d{1,2})?[ \t]*%"
)
# What a motion put to the vote says before ": <count>".
_MOTION = re.compile(
    r"(?<!\w)(?:biểu[ \t]+quyết|bq|thông[ \t]+qua|bầu|bỏ[ \t]+phiếu|giơ[ \t]+tay|tán[ \t]+thành|kết[ \t]+quả)(?!\w)",
    re.I,
)


# "nhưng", "song", "tuy nhiên" opening a clause that qualifies the one before ("song song" is
# "in parallel", not "but").
_QUALIFYING = re.compile(r"(?:nhưng|song(?![ \t]+song)|tuy[ \t]+nhiên)(?!\w)", re.I)
# Kinds that read as one statement across the commas of their sentence: an assessment or a
# difficulty is quoted whole, while proposals and tasks joined by commas are often several.
_WHOLE_SENTENCE_KINDS = ("concern", "conclusion")


def _join_qualified(
    text: str, labelled: list[tuple[Candidate, str, float]]
) -> list[tuple[Candidate, str, float]]:
    """Two clauses of one sentence, joined by a comma and read as the same kind, are one item
    when the second qualifies the first ("Ý của đồng chí Kiên thì hay, nhưng để tổ nghiên cứu
    thêm") or when the kind is a statement read whole (a conclusion, a concern): K5 splits a
    sentence only where the kind changes."""
    result: list[tuple[Candidate, str, float]] = []
    for cand, kind, confidence in labelled:
        if result:
            prev, prev_kind, prev_confidence = result[-1]
            if (
                prev_kind == kind
                and prev.turn == cand.turn
                and text[prev.end : cand.start].strip(" \t") == ","
                and (kind in _WHOLE_SENTENCE_KINDS or rx(_QUALIFYING).match(text, cand.start))
            ):
                result[-1] = (replace(prev, end=cand.end), kind, max(confidence, prev_confidence))
                continue
        result.append((cand, kind, confidence))
    return result


# "chi bộ ghi nhận,", "BCH ghi nhận ý kiến của đ/c Tài,", "- Nút báo kẹt xe: ghi nhận,": the
# meeting notes a proposal; the rest of the sentence says where it goes (K4). Not what is
# "đáng ghi nhận" (an assessment), a "sổ ghi nhận", nor "ghi nhận 214 ca" (a count reported).
_NOTED = re.compile(
    r"(?<!đáng[ \t])(?<!sổ[ \t])(?<!\w)ghi[ \t]+nhận(?:[ \t]+(?:ý[ \t]+kiến|ý|đề[ \t]+xuất|kiến[ \t]+nghị|"
    r"đề[ \t]+nghị|trường[ \t]+hợp)(?!\w)[^,.;:!?\n]{0,40})?[ \t]*(?:$|,[ \t]*(?=\w))",
    re.I,
)


_COMMA_GAP = re.compile(r"[ \t\n]*,[ \t\n]*")


def _noted_answers(
    text: str,
    found: list[Candidate],
    concluded: list[float],
    labelled: list[tuple[Candidate, str, float]],
) -> list[tuple[Candidate, str, float]]:
    """K4: "... ghi nhận," and the rest of the sentence after the comma, in the same clause or
    in the comma-joined clauses after it ("chi bộ ghi nhận, sẽ báo cáo Đảng ủy xã", "tổ ghi
    nhận, tổ trưởng đề xuất với Ban giám hiệu"), are one conclusion, whoever the rest names:
    the answer that notes a proposal and passes it on. A bare "Ý chú Chín tôi ghi nhận." is
    no such answer. ``concluded``: each candidate's probability of being a conclusion."""
    clauses: dict[int, Candidate] = {}  # the shortest candidate starting at each offset
    for cand in found:
        if cand.start not in clauses or cand.end < clauses[cand.start].end:
            clauses[cand.start] = cand
    spans: list[tuple[Candidate, float]] = []
    reach = -1
    for index, cand in enumerate(found):
        noted = rx(_NOTED).search(text, cand.start, cand.end) if cand.start >= reach else None
        if noted is None or ";" in text[cand.start : cand.end]:
            continue
        end = cand.end
        while True:
            comma = _COMMA_GAP.match(text, end)
            after = clauses.get(comma.end()) if comma else None
            if after is None or after.turn != cand.turn:
                break
            end = after.end
        if end > cand.end or noted.end() < cand.end:
            # the rest of the sentence after the comma, in this clause or in the next ones
            spans.append((replace(cand, end=end), max(concluded[index], 0.5)))
            reach = end
    if not spans:
        return labelled
    result = [
        entry
        for entry in labelled
        if not any(
            entry[0].start < span.end
            and span.start < entry[0].end
            and not (entry[0].start <= span.start and span.end <= entry[0].end and entry[0] != span)
            for span, _ in spans
        )
    ]
    result += [(span, "conclusion", confidence) for span, confidence in spans]
    return sorted(result, key=lambda entry: (entry[0].start, entry[0].end))


def _within_task_rows(
    text: str, labelled: list[tuple[Candidate, str, float]]
) -> list[tuple[Candidate, str, float]]:
    """A row of a task table is one task, whatever its cells hold: the ";"-joined parts of its
    first cell ("Hỏi vận hành về VM staging; email xin khách mượn 2 máy | Huy | trong tuần") are
    not items of their own."""
    rows = [
        (cand.start, cand.end)
        for cand, kind, _ in labelled
        if kind == "action_item"
        and text.count("|", cand.start, cand.end) >= 2
        and "\n" not in text[cand.start : cand.end]
    ]
    return [
        entry
        for entry in labelled
        if not any(
            a <= entry[0].start and entry[0].end <= b and (a, b) != (entry[0].start, entry[0].end)
            for a, b in rows
        )
    ]


@cache
def _deadline_tail_words() -> frozenset[str]:
    return frozenset(
        word for phrase in lexicon.load("items")["deadline_tails"] for word in phrase.split()
    )


def _deadline_tail(text: str, cand: Candidate, meeting_date) -> bool:  # type: ignore[no-untyped-def]
    """The clause only says when the task before it is due ("xong trong tháng 5", "hoàn thành
    trước ngày 30/4", "hạn chót 15/12")."""
    from analyzer.deadlines import find_deadline

    if cand.end - cand.start > 80 or len(text[cand.start : cand.end].split()) > 8:
        return False
    deadline = find_deadline(text, meeting_date, cand.start, cand.end)
    if deadline is None:
        return False
    rest = (text[cand.start : deadline.start] + " " + text[deadline.end : cand.end]).lower()
    words = re.findall(r"\w+", rest)
    allowed = _deadline_tail_words()
    return all(word in allowed for word in words)


def _join_deadline_tails(
    text: str, labelled: list[tuple[Candidate, str, float]], meeting_date
) -> list[tuple[Candidate, str, float]]:  # type: ignore[no-untyped-def]
    """K5: a clause that only adds the deadline of the item before it belongs to that item
    ("Đ/c Diễm lập danh mục hồ sơ ...; xong trong tháng 5"); on its own it is nothing."""
    result: list[tuple[Candidate, str, float]] = []
    for cand, kind, confidence in labelled:
        if _deadline_tail(text, cand, meeting_date):
            for at in range(len(result) - 1, -1, -1):
                prev, prev_kind, prev_confidence = result[at]
                if prev.end <= cand.start:
                    if prev.turn == cand.turn and text[prev.end : cand.start].strip(" \t") in (
                        ";",
                        ",",
                    ):
                        result[at] = (replace(prev, end=cand.end), prev_kind, prev_confidence)
                    break
            continue
        result.append((cand, kind, confidence))
    return result


def _clauses_first(items: list) -> list:  # type: ignore[type-arg]
    """A sentence of ";"-joined clauses gives way to its labelled clauses: each clause is an item
    of its own kind (K5: "Thống nhất A; giao đồng chí B ..." is a decision and a task; "A; B; C"
    in the list of decisions is three decisions)."""
    result = []
    for item in items:
        if ";" in item.text:
            inner = [
                other
                for other in items
                if item.start <= other.start
                and other.end <= item.end
                and (other.start, other.end) != (item.start, item.end)
            ]
            if inner:
                continue
        result.append(item)
    return result


def _without_overlaps(items: list) -> list:  # type: ignore[type-arg]
    """Where a sentence and its clauses were both labelled, keep the more confident reading."""
    import bisect

    kept: list = []  # type: ignore[type-arg]  # disjoint, by start
    starts: list[int] = []
    for item in sorted(items, key=lambda i: -i.confidence):
        at = bisect.bisect_right(starts, item.start)
        if at > 0 and kept[at - 1].end > item.start:
            continue
        if at < len(kept) and kept[at].start < item.end:
            continue
        kept.insert(at, item)
        starts.insert(at, item.start)
    for number, item in enumerate(kept, start=1):
        item.id = f"i{number}"
    return kept
