"""Attribution: the roster of the meeting and the speaker of every turn, then the typed result.

This is where the spaCy ``Doc`` ends: ``build_analysis`` turns the pipeline's records into the
public ``Analysis`` model.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc

from analyzer import lexicon
from analyzer.facts import MeetingFacts, Person
from analyzer.roster import (
    GROUP_ID,
    GUEST_ROLE,
    NamePool,
    Roster,
    RosterMember,
    clean_entry,
    read_roster_file,
)
from analyzer.schema import (
    Absentee,
    Analysis,
    Attendance,
    Meeting,
    Member,
    PersonRef,
    Section,
    Source,
    Turn,
    Warning_,
)
from analyzer.turns import TurnSpan


def _roster_entries(
    roster: str | os.PathLike[str] | Sequence[str] | None,
) -> list[tuple[str, str | None]]:
    if roster is None:
        return []
    if isinstance(roster, str | os.PathLike):
        return read_roster_file(roster)
    entries = []
    for line in roster:
        name, _, role = clean_entry(line).partition(",")
        if name.strip():
            entries.append((" ".join(name.split()), role.strip() or None))
    return entries


def _add_person(
    roster: Roster,
    person: Person | None,
    role: str | None,
    present: bool | None,
    pool: NamePool | None = None,
) -> RosterMember | None:
    called = None
    if person is not None and pool is not None and len(person.name.split()) <= 2:
        full, _ = pool.complete(person.name)
        if full:
            called, person = person.name, Person(full, person.start, person.end, person.role)
    member = _add_named(roster, person, role, present)
    if member is not None and called is not None:
        roster.add_alias(member, called)  # "Tư Lượm" still finds Huỳnh Văn Lượm
    return member


def _add_named(
    roster: Roster, person: Person | None, role: str | None, present: bool | None
) -> RosterMember | None:
    if person is None:
        return None
    member, _ = roster.resolve(person.name)
    if member is None:
        member = roster.add(person.name, present=present)
    elif present is not None and member.present is not True:
        member.present = present
    if role:
        roster.add_role(member, role)
    if person.role:
        roster.add_role(member, person.role)
    return member


def _role_holders(roster: Roster, role: str, facts: MeetingFacts) -> list[RosterMember]:
    """The members a role cue ("Đ/c Bí thư") may name. When several roles begin with it ("Bí thư
    chi bộ", "Bí thư Chi đoàn ấp"): the one who holds exactly that role, else the chair."""
    found = roster.by_role(role)
    if len(found) > 1:
        exact = roster.by_role(role, exact=True)
        chair = roster.resolve(facts.chair.name)[0] if facts.chair else None
        if len(exact) == 1:
            found = exact
        elif chair in found:
            found = [chair]
    return found


def build_roster(
    facts: MeetingFacts,
    turns: list[TurnSpan],
    entries: list[tuple[str, str | None]],
    pool: NamePool | None = None,
) -> Roster:
    roster = Roster()
    for name, role in entries:
        roster.add(name, role)
    _add_person(roster, facts.chair, "chủ trì", True, pool)
    _add_person(roster, facts.secretary, "thư ký", True, pool)
    for person in facts.attendees:
        _add_person(roster, person, None, True, pool)
    for absentee in facts.absentees:
        _add_person(roster, Person(absentee.name, absentee.start, absentee.end), None, False, pool)
    for guest in facts.guests:
        _add_person(roster, guest, GUEST_ROLE, True, pool)
    families = lexicon.cues().family_names
    for turn in turns:
        name = turn.cue.name
        if turn.cue.kind != "person" or not name or roster.resolve(name, turn.cue.role)[0]:
            continue
        full, _ = pool.complete(name) if pool else (None, False)
        if full:
            member = roster.add(full)
        elif len(name.split()) >= 2 and name.split()[0].lower() in families:
            member = roster.add(name)
        else:
            continue
        if member.present is None:
            member.present = True
    roster.merge_short_names()
    return roster


def _attribute(
    turn: TurnSpan,
    roster: Roster,
    facts: MeetingFacts,
    text: str,
    warnings: list[Warning_],
    pool: NamePool | None = None,
) -> tuple[str | None, str | None]:
    """(speaker_id, speaker display name) for a turn; unresolved cues add a warning."""
    cue = turn.cue
    cues = lexicon.cues()
    cue_text = text[cue.start : cue.end]
    if cue.kind == "group":
        return GROUP_ID, _group_label(cue_text)
    if cue.kind in ("anonymous", "placeholder"):
        code = "placeholder_cue" if cue.kind == "placeholder" else "anonymous_cue"
        message = (
            "Ý kiến không ghi tên người phát biểu (ô tên để trống theo mẫu)."
            if cue.kind == "placeholder"
            else "Ý kiến không ghi tên người phát biểu."
        )
        warnings.append(Warning_(code=code, message=message, start=cue.start, end=cue.end))
        return None, None
    member: RosterMember | None = None
    ambiguous = False
    if cue.name:
        member, ambiguous = roster.resolve(cue.name, cue.role)
        if member is None and not ambiguous:
            full, ambiguous = pool.complete(cue.name) if pool else (None, False)
            if full:
                member = roster.add(full, present=True)
            elif not ambiguous:
                member = roster.add(cue.name, present=True)
        if member is not None and cue.name != member.name and cue.name not in member.aliases:
            member.aliases.append(cue.name)
    elif cue.role:
        if cue.role in cues.chair_roles and facts.chair:
            member = roster.resolve(facts.chair.name)[0]
        elif cue.role in cues.secretary_roles and facts.secretary:
            member = roster.resolve(facts.secretary.name)[0]
        else:
            found = _role_holders(roster, cue.role, facts)
            member = found[0] if len(found) == 1 else None
            ambiguous = len(found) > 1
    if member is None:
        who = cue.name or cue.role or cue_text
        reason = "trùng tên với nhiều thành viên" if ambiguous else "không xác định được thành viên"
        warnings.append(
            Warning_(
                code="ambiguous_speaker" if ambiguous else "unresolved_speaker",
                message=f"Không gán được người phát biểu “{who}”: {reason}.",
                start=cue.start,
                end=cue.end,
            )
        )
        return None, None
    if cue.role and cue.name:
        roster.add_role(member, cue.role)
    member.spoke = True
    if member.present is None:
        member.present = True
    return member.id, member.name


def _group_label(cue_text: str) -> str:
    # "Các đồng chí đều nhất trí" -> "Các đồng chí"; "Bà con: được, đồng ý" -> "Bà con"
    words = cue_text.split(":")[0].replace(",", " ").split()
    label = " ".join(words[:3]) if words else "Tập thể"
    return label[:1].upper() + label[1:]


def _person_ref(roster: Roster, person: Person | None) -> PersonRef | None:
    if person is None:
        return None
    member, _ = roster.resolve(person.name)
    return PersonRef(
        name=member.name if member else person.name, member_id=member.id if member else None
    )


def build_analysis(
    doc: Doc,
    source: Source,
    roster_input: str | os.PathLike[str] | Sequence[str] | None,
    warnings: list[Warning_],
) -> Analysis:
    st: dict[str, Any] = doc.user_data["bienban"]
    text = st["text"]
    facts: MeetingFacts = st["facts"]
    turn_spans: list[TurnSpan] = st["turns"]
    pool = NamePool(text)
    st["names"] = pool  # item extraction resolves assignees with the same names
    roster = build_roster(facts, turn_spans, _roster_entries(roster_input), pool)
    turns = []
    for number, span in enumerate(turn_spans, start=1):
        speaker_id, speaker = _attribute(span, roster, facts, text, warnings, pool)
        turns.append(
            Turn(
                id=f"t{number}",
                speaker_id=speaker_id,
                speaker=speaker,
                cue=text[span.cue.start : span.cue.end].strip(),
                start=span.start,
                end=span.end,
                text=text[span.start : span.end],
                section=span.section,  # type: ignore[arg-type]
            )
        )
    meeting = Meeting(
        title=facts.title,
        kind=facts.kind,  # type: ignore[arg-type]
        organization=facts.organization,
        date=facts.date,
        start_time=facts.start_time,
        end_time=facts.end_time,
        duration_minutes=facts.duration_minutes,
        place=facts.place,
        chair=_person_ref(roster, facts.chair),
        secretary=_person_ref(roster, facts.secretary),
        attendance=Attendance(total=facts.total, present=facts.present, absent=facts.absent),
        absentees=[
            Absentee(name=a.name, excused=a.excused, reason=a.reason) for a in facts.absentees
        ],
        guests=[g.name for g in facts.guests],
    )
    if not turn_spans:
        warnings.append(
            Warning_(
                code="no_turns", message="Không tìm thấy ý kiến phát biểu nào có ghi người nói."
            )
        )
    if not st["sections"] or all(s.kind == "other" for s in st["sections"]):
        warnings.append(
            Warning_(
                code="no_structure",
                message="Không nhận ra cấu trúc biên bản (tiêu đề, thành phần, nội dung).",
            )
        )
    return Analysis(
        source=source,
        text=text,
        meeting=meeting,
        members=[
            Member(
                id=m.id,
                name=m.name,
                aliases=m.aliases,
                roles=m.roles,
                present=m.present,
                spoke=m.spoke,
            )
            for m in roster.members
        ],
        sections=[
            Section(kind=s.kind, title=s.title, start=s.start, end=s.end) for s in st["sections"]
        ],  # type: ignore[arg-type]
        turns=turns,
        warnings=warnings,
    )
