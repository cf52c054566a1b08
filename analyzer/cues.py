"""Speaker cues: where a contribution starts and who is named as its author.

A cue is the phrase that introduces a contribution: "- Đồng chí Nguyễn Văn Hùng:", "Đ/c Lan
(Phó bí thư) đề nghị", "Ý kiến của đồng chí Minh:", "Đồng chí chủ trì kết luận:", "Các đồng chí
đều nhất trí", "Ý kiến 1:", "hùng:" in a transcript, or reported speech in narration ("Chi bộ nghe
đồng chí X trình bày ..."). Each cue says what kind of author it names; attribution to the roster
happens later (``analyzer.attribution``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from analyzer import lexicon
from analyzer.layout import Line, make_line
from analyzer.votes import is_ballot_count, is_ballot_option

CueKind = str  # "person" | "role" | "group" | "anonymous" | "placeholder"


@dataclass(frozen=True)
class Cue:
    kind: CueKind
    start: int
    end: int
    name: str | None = None  # as written, e.g. "Nguyễn Văn Hùng" or "Hùng"
    role: str | None = None  # role phrase, lower case, e.g. "phó bí thư"
    verb: str | None = None  # speech verb, lower case, e.g. "đề nghị"
    inline: bool = False  # reported speech found inside narration


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# One-letter honorifics of hurried notes before a capitalised name: "a" (anh), "c" (chị), "e" (em).
_SHORT_HONORIFIC = re.compile(r"[ace]\.?[ \t]+(?=\w)")  # "c Hiền", "a. Bảo"
_BLANKS = re.compile(r"[ \t]*")
_CLOCK = r"(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
# Transcripts exported by meeting and recording apps:
# "[Khánh Vy] Ok mọi người ơi ..." (optionally "[Khánh Vy] 10:02:33" on its own line), and
# "Võ Thị Ngọc Hân   09:01" alone on a line before what that person said (Teams, Zoom, Meet).
_BRACKET_LABEL = re.compile(
    rf"\[(?P<name>[^\W\d_][^\[\]\n:]{{0,40}}?)\][ \t]*(?:{_CLOCK}[ \t]*(?=\n|$))?"
)
_HEADER_LABEL = re.compile(
    rf"(?P<name>{_WORD.pattern}(?:[ \t]{_WORD.pattern}){{0,4}})"
    rf"(?:[ \t]*\((?P<note>[^()\n]{{1,30}})\))?(?:[ \t]*[|·-])?[ \t]+{_CLOCK}[ \t]*(?=\n|$)"
)


def _line_end(text: str, pos: int, end: int) -> int:
    """Where the line holding ``pos`` ends, within ``end``."""
    found = text.find("\n", pos, end)
    return end if found < 0 else found


@dataclass(frozen=True)
class _Patterns:
    honorific: re.Pattern[str]
    prefix: re.Pattern[str]
    placeholder: re.Pattern[str]
    role: re.Pattern[str]
    role_full: re.Pattern[str]
    verb: re.Pattern[str]
    colon_verb: re.Pattern[str]
    presentation_verb: re.Pattern[str]
    paren: re.Pattern[str]
    dash_role: re.Pattern[str]
    label: re.Pattern[str]
    group: re.Pattern[str]
    anonymous: re.Pattern[str]
    inline_honorific: re.Pattern[str]
    not_speech_before: re.Pattern[str]
    title: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    c = lexicon.cues()
    verb_ahead = rf"(?=[ \t]*(?::|(?:{c.speech_verb})(?!\w)))"
    # What may stand between the name and the verb: "(nghe hết rồi) (cũng) nói".
    before_verb = (
        rf"(?:(?:{c.after_listening})(?!\w)(?:[ \t]+[^\W\d_]+){{0,4}}?[ \t]*(?:,|rồi|và)[ \t]+)?"
        rf"(?:(?:{c.speech_adverb})[ \t]+)?"
    )
    return _Patterns(
        honorific=re.compile(rf"(?:{c.honorific})(?!\w)[ \t]*", re.I),
        prefix=re.compile(
            # "KL (đ/c Oanh):" in hurried notes: the conclusion, its speaker in brackets
            r"(?:ý[ \t]+kiến|tham[ \t]+luận|phát[ \t]+biểu|góp[ \t]+ý|kết[ \t]+luận|(?-i:KL(?=[ \t]*\()))"
            r"(?:[ \t]+(?:của|đóng[ \t]+góp[ \t]+của|phát[ \t]+biểu[ \t]+của))?(?:[ \t]*\([ \t]*|[ \t]+)",
            re.I,
        ),
        placeholder=re.compile(r"[.…_·][ .…_·]{2,}[ \t]*:?"),
        role=re.compile(rf"(?:{c.role})(?!\w)", re.I),
        role_full=re.compile(rf"(?:{c.role})", re.I),
        # Possessive blanks: a long run of spaces before no verb is scanned once, not once for
        # each way of splitting it around the optional comma.
        verb=re.compile(rf"[ \t]*+,?[ \t]*+{before_verb}(?P<verb>{c.speech_verb})(?!\w)", re.I),
        colon_verb=re.compile(rf"[ \t]*+,?[ \t]*+(?:{c.colon_speech_verb})(?!\w)", re.I),
        presentation_verb=re.compile(rf"[ \t]*+,?[ \t]*+(?:{c.presentation_verb})(?!\w)", re.I),
        paren=re.compile(r"[ \t]*\(([^()\n]{1,80})\)"),
        dash_role=re.compile(rf"[ \t]*[-–—,][ \t]*([^:;.\n()]{{1,80}}?){verb_ahead}", re.I),
        # Possessive blanks: a long run of spaces after a would-be label is scanned once.
        label=re.compile(r"([^\W\d_][^:\n()]{0,40}?)[ \t]*+(?:\(([^()\n]{1,60})\))?[ \t]*+:(?!\d)"),
        group=re.compile(
            # "Các đồng chí đều nhất trí", "Bà con: được, đồng ý"
            rf"(?:{c.group_subject})(?!\w)[\s,:]*(?:[^\W\d_]+[\s,]+){{0,4}}?(?P<verb>{c.group_verb})(?!\w)",
            re.I,
        ),
        anonymous=re.compile(
            rf"(?:(?:{c.anonymous})[ \t]*(?:số[ \t]*)?(?:\d+|thứ[ \t]+[^\W\d_]+)[ \t]*[:.)\-–]|"
            rf"(?:{c.unnamed})(?!\w)[^:\n.;]{{0,50}}?(?:(?:{c.speech_verb})(?!\w)[ \t]*:?|:))",
            re.I,
        ),
        inline_honorific=re.compile(rf"(?<!\w)(?:{c.honorific})(?!\w)[ \t]+", re.I),
        # A rank or title between the honorific and the name ("Đồng chí Thượng sĩ Giàng A Páo").
        # Joined titles count as one ("PGS.TS", "ThS.BS").
        title=re.compile(
            rf"(?:{lexicon.phrase_pattern(c.titles)})(?:\.(?:{lexicon.phrase_pattern(c.titles)}))*"
            r"\.?[ \t]+",
            re.I,
        ),
        not_speech_before=re.compile(
            r"(?:giao|phân[ \t]+công|cử|yêu[ \t]+cầu|đề[ \t]+nghị|mời|chỉ[ \t]+định)[ \t]*$", re.I
        ),
    )


_MIDDLE = {"văn", "thị"}  # middle names that are also (rare) family names


def is_middle_name(word: str) -> bool:
    """ "Thị", "Văn", also typed without diacritics: the second word of a full name, which tells
    a name from a phrase when the family name before it is not in the lexicon ("Ung Thị Lựu")."""
    return lexicon.fold(word.lower()) in ("thi", "van")


_LINE_WRAP = re.compile(r"[ \t]*\n[ \t]*")


def _wrapped_name_rest(text: str, pos: int, end: int, words: list[str]) -> int | None:
    """Where a name hard-wrapped at ``pos`` goes on ("đ/c Vũ\nThị Thanh Tâm", "Ninh Văn\nTú"):
    only after a middle name, or after a lone family name when a middle name opens the next
    line; a name never ends there."""
    wrap = _LINE_WRAP.match(text, pos, end)  # one line break, not a blank line
    if not wrap:
        return None
    following = _WORD.match(text, wrap.end(), end)
    if not following or not following.group()[0].isupper():
        return None
    last = words[-1].lower()
    if last in _MIDDLE and len(words) >= 2:
        return wrap.end()
    if (
        2 <= len(words) <= 3
        and following.group()[1:].islower()  # "Trâm", not a heading's number "II."
        and _NAME_END.match(text, following.end(), end)
    ):
        # "cô Nguyễn Thị Bảo⏎Trâm.": the last given name alone on the next line, where the
        # sentence or the clause ends.
        return wrap.end()
    if (
        len(words) == 1
        and last in lexicon.cues().family_names
        and following.group().lower() in _MIDDLE
    ):
        return wrap.end()
    return None


# What may follow a name's last word: the end of a clause, an aside, a role after a dash.
_NAME_END = re.compile(r"[ \t]*(?:[.,;:()]|[-–][ \t]|$)", re.M)


def _lower_middle(text: str, match: re.Match[str], end: int, words: list[str]) -> bool:
    """A middle name typed in lower case between capitalised words ("Phạm văn Tư", "Đỗ thị
    Hoa"): right after the family name, before a capitalised given name."""
    if len(words) != 1 or match.group().lower() not in _MIDDLE:
        return False
    if words[0].lower() not in lexicon.cues().family_names:
        return False
    gap = _BLANKS.match(text, match.end(), end)
    following = _WORD.match(text, gap.end(), end) if gap else None
    return bool(following and following.group()[0].isupper())


def _capitalised_name(text: str, pos: int, end: int) -> tuple[str, int] | None:
    """Up to five capitalised words starting at ``pos``: a person's name, with its end."""
    words: list[str] = []
    last = pos
    cursor = pos
    while len(words) < 5:
        match = _WORD.match(text, cursor, end)
        if not match or not match.group().strip():
            break
        if not match.group()[0].isupper() and not _lower_middle(text, match, end, words):
            break
        words.append(match.group())
        last = match.end()
        gap = _BLANKS.match(text, last, end)
        cursor = gap.end() if gap else last
        if cursor - last >= 3 or "\t" in text[last:cursor]:
            break  # a column gap: "Đặng Minh Khuê          Trương Mỹ Ngân" signs two names
        if cursor == last:
            wrap = _wrapped_name_rest(text, last, end, words)
            if wrap is None:
                break
            cursor = wrap
    if not words:
        return None
    c = lexicon.cues()
    # A title, an honorific or a role's abbreviation before a full name ("HT Lê Đăng Khoa").
    leading = c.titles | c.role_abbreviations.keys() | {"ông", "bà", "anh", "chị", "thầy", "cô"}
    while (
        len(words) > 2
        and words[0].lower().rstrip(".") in leading
        and words[1].lower() in lexicon.cues().family_names
        # "Ông Văn Lực": "Ông" is the family name when a middle name follows it.
        and not (words[0].lower() in lexicon.cues().family_names and words[1].lower() in _MIDDLE)
    ):
        words = words[1:]
    return " ".join(words), last


def display_name(name: str) -> str:
    """Names typed in capitals are shown in title case; everything else as written."""
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return name.title()
    return name


def _after_person(
    text: str, pos: int, end: int, verbs: re.Pattern[str], inline: bool = False
) -> tuple[str | None, str | None, int, bool] | None:
    """Role and verb after a name: (role, verb, cue end, has_colon), or None if not a cue."""
    p = _patterns()
    role = None
    match = p.paren.match(text, pos, end) or p.dash_role.match(text, pos, end)
    if match:
        role = match.group(1).strip()
        pos = match.end()
    on_behalf = _ON_BEHALF.match(text, pos, end)
    if on_behalf:
        # "thay mặt Đoàn Chủ tịch đọc ...": the body named may be one to six words long.
        cursor = on_behalf.end()
        for _ in range(6):
            word = _BEHALF_WORD.match(text, cursor, end)
            if word is None:
                break
            cursor = word.end()
            if verbs.match(text, cursor, end):
                pos = cursor
                break
    verb_match = verbs.match(text, pos, end)
    colon_only = False
    if verb_match is None and verbs is p.verb:
        verb_match = p.colon_verb.match(text, pos, end)
        colon_only = verb_match is not None
    verb = None
    if verb_match:
        said = verb_match.groupdict().get("verb") or verb_match.group()
        verb = " ".join(said.replace(",", " ").split()).lower()
        pos = verb_match.end()
    colon = None if inline else re.compile(r"[ \t]*:").match(text, pos, end)
    if colon:
        return role, verb, colon.end(), True
    if verb:
        # "phát biểu ý kiến về công tác ...:" — the colon may come a few words later.
        ahead = text.find(":", pos, min(end, pos + 40))
        if ahead > 0 and not re.search(r"[.;!?]", text[pos:ahead]):
            return role, verb, ahead + 1, True
        if colon_only:
            return None  # "Đ/c Sơn tổng hợp vướng mắc ...": a task, not speech
        return role, verb, pos, False
    return None


_ON_BEHALF = re.compile(r"[ \t]+thay[ \t]+mặt", re.I)
_BEHALF_WORD = re.compile(r"[ \t]+[^\W\d_]+")


def _parse_honorific_cue(text: str, start: int, end: int, *, inline: bool) -> Cue | None:
    """A cue that starts with an honorific ("Đồng chí", "Đ/c", "Cô", "Bạn" ...) at ``start``."""
    p = _patterns()
    hon = p.honorific.match(text, start, end)
    weak = False
    if not hon:
        # "Thiếu tá Lê Đức Hạnh trả lời:", "TS. Phương:": a rank or title stands for the honorific.
        ranked = p.title.match(text, start, end)
        if ranked and text[ranked.end() : ranked.end() + 1].isupper():
            hon = ranked
        else:
            hon = _WEAK_HONORIFIC.match(text, start, end)
            if not hon:
                return None
            weak = True
    pos = hon.end()
    title = p.title.match(text, pos, end)
    if title and text[title.end() : title.end() + 1].isupper():
        pos = title.end()
    verbs = p.presentation_verb if inline else p.verb
    if not inline and (placeholder := p.placeholder.match(text, pos, end)):
        return Cue("placeholder", start, placeholder.end())
    role_match = p.role.match(text, pos, end)
    if role_match:
        role = " ".join(role_match.group().split()).lower()
        after_role = _BLANKS.match(text, role_match.end(), end)
        named = _capitalised_name(text, after_role.end() if after_role else pos, end)
        cue_pos = named[1] if named else role_match.end()
        after = _after_person(text, cue_pos, end, verbs, inline)
        if after is None and named:
            # "Đ/c Chủ tịch Hội đồng trường kết luận": the capitalised words name the body.
            named = None
            after = _after_person(text, role_match.end(), end, verbs, inline)
        if after is None:
            skip = re.compile(
                r"(?:[ \t]+[^\W\d_]+){1,5}?(?=[ \t]*+,?[ \t]*+(?:"
                + lexicon.cues().speech_verb
                + r")(?!\w))",
                re.I,
            )
            org = skip.match(text, role_match.end(), end)
            if org:
                named = None
                after = _after_person(text, org.end(), end, verbs, inline)
        if after is None:
            return None
        _, verb, cue_end, _ = after
        name = named[0] if named else None
        return Cue("person" if name else "role", start, cue_end, name, role, verb, inline)
    named = _capitalised_name(text, pos, end)
    if not named:
        return None
    name, name_end = named
    if weak and (
        len(name.split()) < 2 or name.split()[0].lower() not in lexicon.cues().family_names
    ):
        return None  # "Co", "Ba", "Chu" are honorifics only before a full name
    after = _after_person(text, name_end, end, verbs, inline)
    if after is None:
        return None
    role, verb, cue_end, _ = after
    role_key = _known_role(role)
    return Cue("person", start, cue_end, display_name(name), role_key or role, verb, inline)


@dataclass(frozen=True)
class KnownSpeakers:
    """What the whole document tells about who speaks, for reading one line: the short labels
    that open two lines or more ("Huy:", see ``repeated_labels``) and the given names of the
    people it names in full (see ``given_names``). Either makes a one-word label a speaker's."""

    labels: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()


NOBODY_KNOWN = KnownSpeakers()


def given_names(text: str) -> frozenset[str]:
    """The given names, in lower case and also without diacritics, of the people written in
    full somewhere in the text ("Cao Thị Diễm" gives "diễm" and "diem"). Informal minutes report
    a contribution with the given name alone ("Diễm góp ý bánh tráng chỉ nên tăng 2.000đ",
    "Nhat (PCT): de xuat ...", "c hoài: ..."); only a name the document spells out in full
    counts, so "Trường đề nghị" is not read as a person unless someone there is called Trường."""
    family = lexicon.cues().family_names
    names: set[str] = set()
    run: list[str] = []  # capitalised words separated by blanks only

    def close_run() -> None:
        # A known family name first, or a middle name second ("Ung Thị Lựu").
        middle = len(run) >= 3 and is_middle_name(run[1])
        if 2 <= len(run) <= 5 and (run[0].lower() in family or middle):
            names.add(run[-1].lower())
            if len(run) >= 4 or (len(run) == 3 and not is_middle_name(run[1])):
                # "Sùng Thị Sa Ly" is called Sa Ly, "Đỗ Gia Bảo" Gia Bảo
                names.add(" ".join(run[-2:]).lower())

    last_end = -1
    for match in _WORD.finditer(text):
        word = match.group()
        joined = bool(run) and _BLANKS.fullmatch(text, last_end, match.start()) is not None
        if not joined:
            close_run()
            run = []
        if word[0].isupper():
            run.append(word)
            last_end = match.end()
        else:
            close_run()
            run = []
    close_run()
    names -= family
    return frozenset(names | {lexicon.fold(name) for name in names})


def _given_name_cue(text: str, start: int, end: int, names: frozenset[str]) -> Cue | None:
    """A line or sentence opening with a member's given name ("Diễm", "Gia Bảo") and a speech
    verb."""
    word = _WORD.match(text, start, end)
    if word is None or not word.group()[0].isupper():
        return None
    gap = _BLANKS.match(text, word.end(), end)
    second = _WORD.match(text, gap.end(), end) if gap and gap.end() > word.end() else None
    name_end = word.end()
    if second and second.group()[0].isupper() and text[start : second.end()].lower() in names:
        name_end = second.end()
    elif word.group().lower() not in names:
        return None
    after = _after_person(text, name_end, end, _patterns().verb)
    if after is None or after[1] is None:
        return None  # the name alone, or before a colon: a label, read elsewhere
    _, verb, cue_end, _ = after
    return Cue("person", start, cue_end, text[start:name_end], None, verb)


def _known_role(phrase: str | None) -> str | None:
    if not phrase:
        return None
    if expanded := lexicon.expand_role(phrase):
        return expanded
    match = _patterns().role_full.search(phrase)
    return " ".join(match.group().split()).lower() if match else None


# Short honorifics typed without diacritics ("Co Nguyen Thi Hoa", "Ong Tran Van Nam"): also
# names or words, so they only count before a full name.
_WEAK_HONORIFIC = re.compile(r"(?:co|ba|ong|chi|chu|em|thay|anh)(?!\w)[ \t]+", re.I)
_ON_BEHALF_OPENING = re.compile(r"thay[ \t]+mặt[^,:\n]{1,60},[ \t]*", re.I)


def parse_line_cue(
    text: str,
    start: int,
    end: int,
    *,
    transcript: bool,
    known: KnownSpeakers = NOBODY_KNOWN,
) -> Cue | None:
    """The cue at the start of a line's content, if any."""
    # Only a few characters before the content are looked at: a long line cut into pieces
    # would otherwise be copied again for each piece.
    before = text[max(0, start - 20) : start]
    if (start <= 20 or "\n" in before) and before.rsplit("\n", 1)[-1].lstrip(" \t").startswith("#"):
        return None  # a Markdown heading ("## IV. Kết luận của đ/c Bí thư") names a part
    p = _patterns()
    if (row := _table_row_cue(text, start, end)) is not None:
        return row
    behalf = _ON_BEHALF_OPENING.match(text, start, end)
    if behalf:
        cue = _parse_honorific_cue(text, behalf.end(), end, inline=False)
        if cue is not None and cue.kind in ("person", "role"):
            return Cue(cue.kind, start, cue.end, cue.name, cue.role, cue.verb)
    prefixed = p.prefix.match(text, start, end)
    if prefixed:
        concluding = prefixed.group().lower().startswith(("kết", "kl"))
        cue = _parse_honorific_cue(text, prefixed.end(), end, inline=False)
        if cue is None:
            # "Ý kiến của đồng chí Minh" with no colon or verb after the name.
            # (a one-letter honorific in hurried notes: "KL (a Khoa):")
            hon = p.honorific.match(text, prefixed.end(), end) or _SHORT_HONORIFIC.match(
                text, prefixed.end(), end
            )
            named = _capitalised_name(text, hon.end(), end) if hon else None
            if named:
                colon = re.compile(r"[ \t]*\)?[ \t]*:").match(text, named[1], end)
                if colon is None and _heading_only(text, start, end, named[1]):
                    return None  # "V. KẾT LUẬN CỦA ĐỒNG CHÍ CHỦ TRÌ": a heading, not a speaker
                cue_end = colon.end() if colon else named[1]
                verb = "kết luận" if concluding else None
                return Cue("person", start, cue_end, display_name(named[0]), verb=verb)
        else:
            verb = "kết luận" if concluding else cue.verb
            return Cue(cue.kind, start, cue.end, cue.name, cue.role, verb)
    cue = (
        _parse_honorific_cue(text, start, end, inline=False)
        or _fronted_cue(text, start, end)
        or _given_name_cue(text, start, end, known.names)
        or _according_to_cue(text, start, end)
    )
    if cue is None and (clock := _CLOCK_OPENING.match(text, start, end)):
        # Minutes kept like a notebook: "8h15 cô Hạnh báo cáo ...", "9h10 - Anh Tuấn: ...".
        timed = _parse_honorific_cue(text, clock.end(), end, inline=False)
        if timed is not None and timed.kind in ("person", "role"):
            cue = Cue(timed.kind, start, timed.end, timed.name, timed.role, timed.verb)
    if cue:
        if cue.verb and _ATTENDED.search(text, cue.start, cue.end):
            return None  # "Đồng chí X, Bí thư Đảng ủy về dự, chỉ đạo.": attendance, not speech
        rest = text[cue.end : _line_end(text, cue.end, end)].strip(" .;")
        options = [part for part in re.split(r"[ \t]*;[ \t]*", rest) if part]
        if not cue.verb and (
            (options and all(is_ballot_option(part) for part in options)) or is_ballot_count(rest)
        ):
            # "- Đồng chí Lê Thị Mỹ: HTXSNV 8/9 phiếu (88,9%)", "+ đ/c Việt: HTXSNV 4/6; HTTNV
            # 2/6", "- Đồng chí Võ Trọng Nghĩa: 28/30 phiếu, đạt 93,3%": a ballot result
            return None
        return cue
    if match := p.anonymous.match(text, start, end):
        return Cue("anonymous", start, match.end())
    if match := p.group.match(text, start, end):
        verb = " ".join(match.group("verb").split()).lower()
        return Cue("group", start, match.end(), name=None, verb=verb)
    labelled = _parse_label_cue(text, start, end, transcript=transcript, known=known)
    if labelled is not None:
        line_end = _line_end(text, start, end)
        if is_ballot_option(text[start:line_end].strip(" .;")) or is_ballot_option(
            text[labelled.end : line_end].strip(" .;")
        ):
            return None  # "Lường Thị Xuân: HTTNV 8/8 phiếu (100%)": a ballot result, not speech
        return labelled
    if transcript and (app := _app_label(text, start, end)) is not None:
        name, cue_end = app
        return Cue("person", start, cue_end, display_name(name))
    return _parse_role_first_cue(text, start, end)


def _app_label(text: str, start: int, end: int) -> tuple[str, int] | None:
    """A speaker label of a meeting app's transcript at ``start``: the name and the cue's end."""
    match = _BRACKET_LABEL.match(text, start, end)
    if match is None:
        match = _HEADER_LABEL.match(text, start, end)
        if match is None or not all(w[:1].isupper() for w in match.group("name").split()):
            return None
    name = " ".join(match.group("name").split())
    words = name.split()
    if len(words) > 5 or not all(_WORD.fullmatch(w) for w in words):
        return None
    if name.lower() in lexicon.cues().field_labels:
        return None
    return name, match.end()


_ROW_NUMBER_CELL = re.compile(r"\|?[ \t]*(?:\d{1,3}[./]?[ \t]*\|[ \t]*)?")
_CELL_END = re.compile(r"[ \t]*\|[ \t]*")


def _table_row_cue(text: str, start: int, end: int) -> Cue | None:
    """A discussion kept as a table, "STT | Người phát biểu | Ý kiến": the row's person cell
    ("Bà Nông Thị Duyên (PGĐ) | Nhất trí ...", "| 1 | Đ/c Lan | ý kiến ... |") opens a turn."""
    line_end = _line_end(text, start, end)
    if "|" not in text[start:line_end]:
        return None
    p = _patterns()
    cell = _ROW_NUMBER_CELL.match(text, start, line_end)
    pos = cell.end() if cell else start
    hon = p.honorific.match(text, pos, line_end) or p.title.match(text, pos, line_end)
    named = _capitalised_name(text, hon.end() if hon else pos, line_end)
    if named is None:
        return None
    name = named[0]
    if not hon and (
        len(name.split()) < 2 or name.split()[0].lower() not in lexicon.cues().family_names
    ):
        return None
    after = named[1]
    paren = p.paren.match(text, after, line_end)
    role = _known_role(paren.group(1)) if paren else None
    bar = _CELL_END.match(text, paren.end() if paren else after, line_end)
    if bar is None:
        return None
    rest = text[bar.end() : line_end].strip(" \t|")
    if "|" in rest or len(rest.split()) < 5 or sum(w.islower() for w in rest.split()) < 3:
        return None  # a list of people with their ratings, awards or reasons: no one speaks
    return Cue("person", pos, bar.end(), display_name(name), role)


_CLOCK_OPENING = re.compile(
    r"(?:\d{1,2}[hg](?:\d{2})?(?:'|p|ph)?|\d{1,2}:\d{2})(?!\w)[ \t]*[-–:,]?[ \t]+", re.I
)
# "Tiếp theo, ", "Trả lời ý kiến của đ/c Lan, ", "Kết luận buổi sinh hoạt, ": a short phrase and a
# comma before the speaker.
_FRONTED = re.compile(r"[^\n,.;:!?]{2,60}?,[ \t]*")


def _fronted_cue(text: str, start: int, end: int) -> Cue | None:
    """A cue after a short phrase that opens the line; the turn starts with the line."""
    pos = start
    for _ in range(2):
        fronted = _FRONTED.match(text, pos, end)
        if fronted is None or len(text[start : fronted.end()].split()) > 10:
            return None
        cue = _parse_honorific_cue(text, fronted.end(), end, inline=False)
        if cue is not None and cue.kind in ("person", "role") and cue.verb:
            return Cue(cue.kind, start, cue.end, cue.name, cue.role, cue.verb)
        pos = fronted.end()
    return None


_ACCORDING_TO = re.compile(r"theo[ \t]+", re.I)


def _according_to_cue(text: str, start: int, end: int) -> Cue | None:
    """ "Theo đồng chí Giang Minh Triết, hạ tầng đã quá tải ...": a member's view, reported."""
    according = _ACCORDING_TO.match(text, start, end)
    hon = _patterns().honorific.match(text, according.end(), end) if according else None
    named = _capitalised_name(text, hon.end(), end) if hon else None
    if named is None or not text.startswith(",", named[1]):
        return None
    return Cue("person", start, named[1] + 1, display_name(named[0]), verb="cho rằng")


_ATTENDED = re.compile(
    r"(?<!\w)dự(?:[ \t]*,|[ \t]+và)?[ \t]+(?:chỉ[ \t]+đạo|phát[ \t]+biểu[ \t]+chỉ[ \t]+đạo)(?!\w)",
    re.I,
)


def _heading_only(text: str, start: int, end: int, cue_end: int) -> bool:
    """Nothing follows the cue on its line, and the line is in capitals."""
    if text[cue_end:end].strip(" \t.:"):
        return False
    letters = [c for c in text[start:end] if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _parse_role_first_cue(text: str, start: int, end: int) -> Cue | None:
    """ "Trưởng ban kiểm phiếu Hứa Minh Khôi công bố ...", "Bí thư chi bộ kết luận ...": a role
    with no honorific opens the line; a speech verb must follow."""
    p = _patterns()
    role = p.role.match(text, start, end)
    if not role:
        return None
    cue = _parse_honorific_cue("đ/c " + text[start:end], 0, 4 + end - start, inline=False)
    if cue is None or cue.verb is None:
        return None
    shift = start - 4
    return Cue(cue.kind, start, cue.end + shift, cue.name, cue.role, cue.verb)


def _parse_label_cue(
    text: str,
    start: int,
    end: int,
    *,
    transcript: bool,
    known: KnownSpeakers = NOBODY_KNOWN,
) -> Cue | None:
    """ "Nguyễn Văn An: ...", "Bí thư: ...", and in transcripts "hùng: ..."."""
    labels, names = known.labels, known.names
    p = _patterns()
    c = lexicon.cues()
    match = p.label.match(text, start, end)
    if not match:
        return None
    label = " ".join(match.group(1).split())
    key = label.lower()
    if key in c.field_labels or not label:
        return None
    # A label ending with a speech verb: "Nguyễn Văn An phát biểu", "TT trả lời".
    speech_tail = re.compile(rf"(.+?)[ \t]+((?:{c.speech_verb}))$", re.I)
    short = _SHORT_HONORIFIC.match(label)
    if short:
        # Notes typed in a hurry: "a Khởi:", "c Hiền (thủ quỹ):", "a Khởi chốt lại:", and
        # without capitals "c hoài:" when someone in the minutes is called Hoài.
        rest = label[short.end() :]
        spoken = speech_tail.match(rest)
        person = spoken.group(1) if spoken else rest
        if person.lower() in names:
            named: tuple[str, int] | None = (_capitalised_words(person), len(person))
        elif person[0].isupper():
            named = _capitalised_name(person, 0, len(person))
        else:
            return None
        if named is None or named[1] != len(person) or len(named[0].split()) > 4:
            return None
        verb = " ".join(spoken.group(2).split()).lower() if spoken else None
        role = _known_role(match.group(2)) or match.group(2)
        return Cue("person", start, match.end(), display_name(named[0]), role, verb)
    if match.group(2) and len(label.split()) <= 5:
        # "PH bé Na (chị Thơm):", "Bà nội bé Gạo (bà Nhàn):": the speaker is in brackets.
        inner = match.group(2).strip()
        hon = p.honorific.match(inner)
        named = _capitalised_name(inner, hon.end(), len(inner)) if hon else None
        if named and named[1] == len(inner):
            return Cue("person", start, match.end(), display_name(named[0]), label)
    spoken = speech_tail.match(label)
    abbreviated = lexicon.expand_role(spoken.group(1) if spoken else label)
    if abbreviated:
        rest = text[match.end() : _line_end(text, match.end(), end)].strip(" \t.")
        named = _capitalised_name(rest, 0, len(rest)) if rest else None
        if named and named[1] == len(rest):
            return None  # "TK: Thu" under the minutes: who signs, not who speaks
        verb = " ".join(spoken.group(2).split()).lower() if spoken else None
        return Cue("role", start, match.end(), role=abbreviated, verb=verb)  # "TT trả lời:"
    if spoken and p.role_full.fullmatch(spoken.group(1)):
        verb = " ".join(spoken.group(2).split()).lower()
        return Cue(
            "role", start, match.end(), role=" ".join(spoken.group(1).split()).lower(), verb=verb
        )
    owner = re.compile(
        rf"(kết[ \t]+luận|ý[ \t]+kiến|phát[ \t]+biểu)[ \t]+của[ \t]+(?:đồng[ \t]+chí[ \t]+)?({c.role})(?!\w)",
        re.I,
    ).match(label)
    if owner:
        verb = " ".join(owner.group(1).split()).lower()
        return Cue(
            "role", start, match.end(), role=" ".join(owner.group(2).split()).lower(), verb=verb
        )
    if spoken and spoken.group(1)[:1].isupper():
        named = _capitalised_name(label, 0, len(spoken.group(1)))
        trusted = named is not None and (
            transcript
            or named[0].lower() in labels
            or named[0].lower() in names
            or (len(named[0].split()) >= 2 and named[0].split()[0].lower() in c.family_names)
        )
        if named and trusted and named[1] == len(spoken.group(1)) and len(named[0].split()) <= 4:
            verb = " ".join(spoken.group(2).split()).lower()
            return Cue("person", start, match.end(), display_name(named[0]), None, verb)
    described = _name_then_description(label, transcript)
    if described is not None:
        name, role = described
        return Cue("person", start, match.end(), display_name(name), role)
    words = label.split()
    if p.role_full.fullmatch(label):
        rest = _BLANKS.match(text, match.end(), end)
        after = rest.end() if rest else match.end()
        short = _SHORT_HONORIFIC.match(text, after, end)
        if (
            p.honorific.match(text, after, end)
            or _names_a_person(text, after, end)
            or (short and _names_a_person(text, short.end(), end))
        ):
            # "Chủ trì: đồng chí Nguyễn Văn Hùng – Bí thư", "chủ trì: c Âu Thị Thanh Hoài -
            # tổ trưởng": a field, not a speech
            return None
        return Cue("role", start, match.end(), role=key)
    if len(words) > 5 or any(not _WORD.fullmatch(w) for w in words):
        return None
    role = _known_role(match.group(2))
    capitalised = all(w[0].isupper() for w in words)
    known = key in labels or key in names
    if capitalised and (len(words) >= 2 or transcript or known):
        if len(words) >= 2 and words[0].lower() not in c.family_names and not (transcript or known):
            return None
        return Cue("person", start, match.end(), display_name(label), role)
    if transcript and len(words) <= 4:
        # Lower-case ASR labels ("lan anh:") are shown capitalised, like any name.
        return Cue("person", start, match.end(), _capitalised_words(label), role)
    return None


def _capitalised_words(name: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in name.split())


@cache
def _workplace() -> re.Pattern[str]:
    """Where a member works, after their name: "tổ 5", "tổ cắt", "tổ trưởng tổ 1", "khối 3"."""
    return re.compile(
        rf"(?:{lexicon.cues().workplace})(?:[ \t]+(?:[^\W_]+|[-–/]|\d+[A-Za-z]?)){{0,4}}", re.I
    )


def _name_then_description(label: str, transcript: bool) -> tuple[str, str | None] | None:
    """ "Chị Hạnh bí thư", "Anh Sơn hạt trưởng", "Đ/c Lan kế toán": an honorific, a capitalised
    name, then a lower-case description of the person: a known role, or in a transcript any
    short description (the secretary's note of who spoke)."""
    p = _patterns()
    hon = p.honorific.match(label)
    if hon is None or hon.end() >= len(label):
        return None
    named = _capitalised_name(label, hon.end(), len(label))
    if named is None or named[1] >= len(label):
        return None
    rest = label[named[1] :].split()
    if rest and _workplace().fullmatch(" ".join(rest)):
        return named[0], " ".join(rest)  # "Chị Thơm tổ 5", "Anh Quyết tổ cắt"
    if not rest or len(rest) > 4 or not all(_WORD.fullmatch(w) and w.islower() for w in rest):
        return None
    role = _known_role(" ".join(rest))
    if role is None and not transcript:
        return None  # "Đ/c Khoa vắng:": a note about the person, not who speaks
    return named[0], role


def _names_a_person(text: str, pos: int, end: int) -> bool:
    named = _capitalised_name(text, pos, end)
    if not named or len(named[0].split()) < 2:
        return False
    rest = text[named[1] : end].strip()
    return not rest or rest[0] in "-–—,(.;"


# Reported speech opens a sentence or follows "nghe", "mời", "tiếp theo" ...
_REPORTED_CONTEXT = re.compile(
    r"(?:[.:;!?][ \t]*|(?:nghe|mời|tiếp[ \t]+theo|tiếp[ \t]+đó|sau[ \t]+đó|tiếp[ \t]+tục)[ \t]*,?[ \t]*)$",
    re.I,
)


def find_inline_cue(text: str, start: int, end: int) -> Cue | None:
    """Reported speech inside narration: "Chi bộ nghe đồng chí X trình bày báo cáo ..."."""
    p = _patterns()
    for hon in p.inline_honorific.finditer(text, start, end):
        before = text[max(start, hon.start() - 25) : hon.start()]
        if p.not_speech_before.search(before.rstrip()) and "mời" not in before.lower():
            continue
        # Only the few characters before the honorific matter; looking at the whole paragraph
        # would make a long line of cues quadratic.
        before_start = max(start, hon.start() - 40)
        opening = not text[start : hon.start()].strip() if hon.start() - start <= 40 else False
        if not opening and not _REPORTED_CONTEXT.search(text, before_start, hon.start()):
            continue
        cue = _parse_honorific_cue(text, hon.start(), end, inline=True)
        if cue and cue.kind in ("person", "role"):
            return cue
    return None


def repeated_labels(lines: list[Line], text: str) -> frozenset[str]:
    """Short capitalised "Name:" labels that open two lines or more: speakers in minutes that
    note each contribution as "Huy: ...", "Mạnh: ..."."""
    p = _patterns()
    field = lexicon.cues().field_labels
    counts: Counter[str] = Counter()
    verb_tail = re.compile(rf"[ \t]+(?:{lexicon.cues().speech_verb})$", re.I)
    for line in lines:
        match = p.label.match(text, line.content_start, line.end)
        if match:
            label = verb_tail.sub("", " ".join(match.group(1).split()))
            words = label.split()
            if len(words) <= 3 and all(w[0].isupper() and _WORD.fullmatch(w) for w in words):
                counts[label.lower()] += 1
    return frozenset(label for label, n in counts.items() if n >= 2 and label not in field)


def listed_labels(lines: list[Line], text: str, names: frozenset[str]) -> frozenset[str]:
    """Short name-like labels said once, in a run of list items whose other items are
    speakers ("- Mạc Gia Kiệt (LT): ...", "- Tường Vi: ...", "- Duy Khoa hỏi: ..."): the
    speakers of a list of contributions. A run counts only when one of its labels is already a
    person (a full name, a known given name, "a Triết"), so a list of topics ("- Thưởng Tết:
    ...", "- Quỹ lớp: ...") never does. ``names``: the given names of people named in full and
    the labels said twice or more, in lower case."""
    p = _patterns()
    c = lexicon.cues()
    verb_tail = re.compile(rf"[ \t]+(?:{c.speech_verb}|hỏi)$", re.I)
    found: set[str] = set()
    run: list[str] = []
    labelled = 0  # the run's lines that open with a label
    known = False
    marker: str | None = None

    def close() -> None:
        if known and labelled >= 3:
            found.update(run)

    for line in lines:
        if line.blank:
            continue
        if line.marker_kind != "bullet" or line.marker != marker:
            close()
            run, labelled, known = [], 0, False
            marker = line.marker if line.marker_kind == "bullet" else None
            if marker is None:
                continue
        match = p.label.match(text, line.content_start, line.end)
        if not match:
            continue
        label = verb_tail.sub("", " ".join(match.group(1).split()))
        words = label.split()
        labelled += 1
        short = _SHORT_HONORIFIC.match(label)
        if short or (words and words[0].lower() in c.family_names and len(words) >= 2):
            known = True
        elif 1 <= len(words) <= 3 and all(
            w[0].isupper() and w.isalpha() and len(w) <= 7 for w in words
        ):
            key = label.lower()
            known = known or key in names
            if key not in c.field_labels:
                run.append(key)
    close()
    return frozenset(found)


def is_transcript(lines: list[Line], text: str) -> bool:
    """Most lines open with a short "Label:" that repeats: a transcript."""
    lines = [line for line in lines if not line.blank]
    if not lines:
        return False
    p = _patterns()
    labels: Counter[str] = Counter()
    spoken = 0  # lines under an app's header line ("Name   09:01"), which say what was said
    for number, line in enumerate(lines):
        match = p.label.match(text, line.content_start, line.end)
        if match and len(match.group(1).split()) <= 4:
            labels[match.group(1).strip().lower()] += 1
        elif app := _app_label(text, line.content_start, line.end):
            labels[app[0].lower()] += 1
            if app[1] == line.end and number + 1 < len(lines):
                spoken += 1
    field = lexicon.cues().field_labels
    labelled = sum(n for label, n in labels.items() if label not in field) + spoken
    repeated = sum(n for label, n in labels.items() if n >= 2 and label not in field) + spoken
    return labelled >= 0.5 * len(lines) and repeated >= 0.3 * len(lines)


_SENTENCE_GAP = re.compile(r"(?<=[.!?…;])[ \t]+(?=\S)")
_RATING_END = re.compile(r"[;.,]")
# A lead-in to a summary of the discussion: "Các đồng chí tham gia ý kiến: ...", "Góp ý: ...",
# or a sentence that says the discussion began ("Các đồng chí đảng viên thảo luận sôi nổi.").
_DISCUSSION_LEAD = re.compile(
    r"(?<!\w)(?:ý[ \t]+kiến|góp[ \t]+ý|thảo[ \t]+luận|phát[ \t]+biểu)"
    r"(?:[ \t]*:|[^\n.:;!?]{0,40}[.!])[ \t]+(?=\S)",
    re.I,
)
# Speech in the first person: a member named in it is quoted, not a new speaker ("Tôi nhất
# trí. Đồng chí Hà đề nghị tăng quỹ là đúng").
_FIRST_PERSON = re.compile(r"(?<!\w)(?:tôi|chúng[ \t]+tôi|mình|chúng[ \t]+em)(?!\w)", re.I)


def _is_reported(text: str, cue: Cue | None) -> bool:
    """Is the cue a member's contribution in reported speech ("đồng chí Nga cho rằng ...")?"""
    return (
        cue is not None
        and cue.kind == "person"
        and cue.verb in lexicon.cues().reported_speech_verbs
        and text[cue.end - 1] != ":"
    )


def split_at_cues(lines: list[Line], text: str, names: frozenset[str] = frozenset()) -> list[Line]:
    """Lines cut where a sentence opens a new contribution with a named cue: "Đ/c Dình hỏi vì
    sao ...? Đ/c Phước trả lời: đêm đó ..." holds two turns. So does a summary of the
    discussion in reported speech ("Các đồng chí tham gia ý kiến: đồng chí Cường nhất trí ...;
    đồng chí Nga cho rằng ..."): there a contribution reported after a lead-in, or after
    another member's, opens a turn, unless the line speaks in the first person. Informal notes
    may name the member by the given name alone ("Diễm góp ý ...") when the document names
    them in full somewhere (``names``, see ``given_names``)."""
    result: list[Line] = []
    for line in lines:
        cuts: list[int] = []
        if not line.blank and line.end - line.content_start > 20:
            opening = _parse_honorific_cue(text, line.content_start, line.end, inline=False)
            # Contributions reported one after another: after a member's, another member's
            # reported speech opens a new one.
            reporting = opening is not None and opening.kind == "person"
            # Where the line first speaks in the first person (searched once: a long line of
            # reported contributions would otherwise be scanned again at every sentence).
            first_person = _FIRST_PERSON.search(text, line.content_start, line.end)
            first_person_end = first_person.end() if first_person else line.end + 1
            lead = _DISCUSSION_LEAD.search(text, line.content_start, line.end)
            if lead and not reporting:
                cue = _parse_honorific_cue(text, lead.end(), line.end, inline=False)
                if cue and cue.kind == "person" and text[cue.end - 1] == ":":
                    cuts.append(lead.end())  # "Góp ý: đ/c Quân: ..."
                elif _is_reported(text, cue):
                    cuts.append(lead.end())  # "tham gia ý kiến: đồng chí Cường nhất trí ..."
                    reporting = True
            for gap in _SENTENCE_GAP.finditer(text, line.content_start, line.end):
                if cuts and gap.end() <= cuts[-1]:
                    continue
                cue = _parse_honorific_cue(
                    text, gap.end(), line.end, inline=False
                ) or _given_name_cue(text, gap.end(), line.end, names)
                if (
                    cue is None
                    or cue.kind not in ("person", "role")
                    or _ATTENDED.search(text, cue.start, cue.end)
                ):
                    continue
                if text[cue.end - 1] == ":":
                    # Not after a ";", nor before a rating: "Đ/c Thạch: HTXSNV 5/9, HTTNV 4/9;
                    # đ/c Quân: HTTNV 9/9" lists ballots.
                    part_end = _RATING_END.search(text, cue.end, line.end)
                    rest = text[cue.end : part_end.start() if part_end else line.end]
                    if text[gap.start() - 1] != ";" and not is_ballot_option(rest.strip(" .")):
                        cuts.append(gap.end())
                        reporting = False
                elif reporting and _is_reported(text, cue) and first_person_end > gap.start():
                    cuts.append(gap.end())
        if not cuts:
            result.append(line)
            continue
        bounds = [line.start, *cuts, line.end]
        result += [make_line(text, a, b) for a, b in pairwise(bounds)]
    return result
