"""Speaker turns: each contribution from its cue to the end of what the speaker said.

A turn starts at its cue and takes the following paragraphs that are visibly part of it (deeper
list items, or any list item after a cue paragraph that ends with a colon) until the next cue,
the next section boundary or plain narration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.accents import rx
from analyzer.cues import NOBODY_KNOWN, Cue, KnownSpeakers, find_inline_cue, parse_line_cue
from analyzer.layout import OUTCOME_MARKERS, Paragraph
from analyzer.sections import SectionSpan, section_at

# Sections in which "Đồng chí X – Bí thư" lines are lists of people, not contributions.
_NO_TURNS = {"header", "attendance", "signatures"}
# Paragraphs that narrate the meeting rather than continue what a speaker said.
_NARRATION = re.compile(
    r"[ \t]*(?:chi[ \t]+bộ|hội[ \t]+nghị|cuộc[ \t]+họp|hội[ \t]+đồng|chi[ \t]+đoàn|công[ \t]+đoàn|tổ|nhóm|"
    r"ban|các[ \t]+đồng[ \t]+chí|các[ \t]+ý[ \t]+kiến|kết[ \t]+luận|biểu[ \t]+quyết|sau[ \t]+khi|tiếp[ \t]+theo|"
    r"phần|nội[ \t]+dung|đồng[ \t]+chí[ \t]+chủ[ \t]+trì|chủ[ \t]+trì|thư[ \t]+ký|buổi|kỳ[ \t]+họp|"
    r"kết[ \t]+quả|đại[ \t]+hội|số[ \t]+phiếu|phiếu|"
    r"STT|TT|\d+[ \t]*\|)(?!\w)",
    re.I,
)


_ANSWERING = re.compile(r"(?<!\w)(?:trả[ \t]+lời|giải[ \t]+trình|tiếp[ \t]+thu)(?!\w)", re.I)
_OPINION_LABEL = re.compile(r"(?:về[ \t]+)?ý[ \t]+kiến(?!\w)", re.I)
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


def _reads_aloud(text: str, cue: Cue) -> bool:
    """A cue that reports a reading without giving its text ("đọc dự thảo ..." with no colon)."""
    return bool(cue.verb and cue.verb.startswith("đọc")) and text[cue.end - 1 : cue.end] != ":"


@dataclass(frozen=True)
class TurnSpan:
    cue: Cue
    start: int
    end: int
    section: str | None


def paragraph_cues(
    text: str,
    paras: list[Paragraph],
    *,
    transcript: bool,
    known: KnownSpeakers = NOBODY_KNOWN,
) -> dict[int, Cue]:
    """The cue of each paragraph that opens a contribution, by paragraph index."""
    found: dict[int, Cue] = {}
    for index, para in enumerate(paras):
        cue = parse_line_cue(text, para.content_start, para.end, transcript=transcript, known=known)
        if cue is None and not transcript:
            cue = find_inline_cue(text, para.content_start, para.end)
        if cue is not None:
            found[index] = cue
    return found


def find_turns(
    text: str,
    paras: list[Paragraph],
    cues: dict[int, Cue],
    sections: list[SectionSpan],
    *,
    transcript: bool = False,
) -> list[TurnSpan]:
    turns: list[TurnSpan] = []
    boundaries = {s.start for s in sections}
    index = 0
    while index < len(paras):
        cue = cues.get(index)
        section = section_at(sections, paras[index].content_start)
        if cue is None or (section is not None and section.kind in _NO_TURNS):
            index += 1
            continue
        para = paras[index]
        if _reads_aloud(text, cue):
            # "Đồng chí X đọc dự thảo Nghị quyết, đã tiếp thu ý kiến thảo luận." reports that a
            # document was read; what follows is the document or narration, not X's words.
            stop = _SENTENCE_END.search(text, cue.end, para.end)
            end = stop.end() if stop else para.end
            turns.append(TurnSpan(cue, para.content_start, end, section.kind if section else None))
            index += 1
            continue
        cue_depth = para.first.depth
        opens_list = text[para.start : para.end].rstrip().endswith(":")
        bare_cue = not text[cue.end : para.end].strip() and not cue.inline
        end = para.end
        following = index + 1
        # "Đồng chí Bí thư tiếp thu, trả lời từng ý kiến như sau:" then "- Ý kiến đồng chí Vinh:
        # ...": each point names whose opinion the chair answers; the answers are the chair's.
        answering = (
            opens_list
            and bool(rx(_ANSWERING).search(text, cue.start, para.end))
            and not rx(_OPINION_LABEL).match(text, cue.start)
        )
        while following < len(paras) and (
            following not in cues
            or (answering and rx(_OPINION_LABEL).match(text, cues[following].start))
        ):
            nxt = paras[following]
            if nxt.start in boundaries or nxt.content_start in boundaries:
                break
            if nxt.first.marker in OUTCOME_MARKERS:
                break  # "→ Chốt quỹ tổ 15k": the secretary notes the outcome, not the speaker
            depth = nxt.first.depth
            listed = nxt.first.marker_kind is not None and (depth > cue_depth or opens_list)
            adjacent = "\n\n" not in text[end : nxt.start] and nxt.first.marker_kind is None
            continued = (
                adjacent
                and not transcript
                and not _NARRATION.match(text, nxt.content_start, nxt.end)
            )
            if not (listed or bare_cue or continued):
                break
            end = nxt.end
            following += 1
        turns.append(TurnSpan(cue, para.content_start, end, section.kind if section else None))
        index = following
    return turns
