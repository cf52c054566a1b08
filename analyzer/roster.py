"""The roster of members and the resolution of names, given names and roles to members.

Members come from a roster file, the attendance block, the chair and secretary lines, the
absentee list and the speaker cues. Vietnamese full names are family + middle + given name; after
the first mention people are named by the given name ("đ/c Hùng"), which resolves only when one
member has it. Two members with the same given name need the middle name or the role; otherwise
the reference stays unresolved rather than guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analyzer.errors import RosterError
from analyzer.lexicon import expand_role, fold
from analyzer.normalize import clean_characters

GROUP_ID = "group"
GUEST_ROLE = "khách mời"  # role given to guests: present, but not members of the meeting


@dataclass
class RosterMember:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    present: bool | None = None
    spoke: bool = False

    @property
    def words(self) -> list[str]:
        return self.name.split()


@lru_cache(maxsize=8192)
def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _is_unaccented(name: str) -> bool:
    return name.isascii()


def slug(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", ascii_only.lower()).strip("-") or "member"


def clean_entry(line: str) -> str:
    """A roster line as the text's names are: NFC, without control characters or lone
    surrogates (a roster sent as JSON may carry "\\ud800", which no output can encode)."""
    return unicodedata.normalize("NFC", clean_characters(line)).strip()


def read_roster_file(path: str | Path) -> list[tuple[str, str | None]]:
    """One member per line, optionally ``, role``; blank lines and ``#`` comments are skipped."""
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RosterError(f"Không đọc được danh sách thành viên {path}: {exc}") from exc
    entries = []
    for line in raw.splitlines():
        line = clean_entry(line)
        if not line or line.startswith("#"):
            continue
        name, _, role = line.partition(",")
        name = re.sub(r"^(?:\d+[.)]?\s*)", "", name).strip()
        if name:
            entries.append((" ".join(name.split()), role.strip() or None))
    if not entries:
        raise RosterError(f"Danh sách thành viên {path} không có tên nào.")
    return entries


class Roster:
    """Members by id, with lookups by full name, given name and role."""

    def __init__(self) -> None:
        self.members: list[RosterMember] = []
        self._by_key: dict[str, RosterMember] = {}

    def add(self, name: str, role: str | None = None, present: bool | None = None) -> RosterMember:
        """Add a person by full name, or update the member who already has that name."""
        member = self._by_key.get(_key(name)) or self._unaccented(name, self.members)
        if member is None:
            ident = slug(name)
            taken = {m.id for m in self.members}
            base, n = ident, 2
            while ident in taken or ident == GROUP_ID:
                ident, n = f"{base}-{n}", n + 1
            member = RosterMember(ident, name)
            self.members.append(member)
            self._by_key[_key(name)] = member
        if role:
            self.add_role(member, role)
        if present is not None and member.present is not True:
            member.present = present
        return member

    @staticmethod
    def add_role(member: RosterMember, role: str) -> None:
        """Add each comma-separated role once ("Bí thư chi bộ, Hiệu trưởng" is two roles)."""
        for part in role.split(","):
            part = " ".join(part.split()).strip(" .;:-–")
            part = expand_role(part) or part  # "TT" → "tổ trưởng"
            if part and _key(part) not in {_key(r) for r in member.roles}:
                member.roles.append(part)

    def add_alias(self, member: RosterMember, alias: str) -> None:
        """Let ``alias`` (a given name, a shorter form) find ``member`` unless it names another."""
        self._by_key.setdefault(_key(alias), member)

    def by_full_name(self, name: str) -> RosterMember | None:
        return self._by_key.get(_key(name))

    def candidates(self, name: str) -> list[RosterMember]:
        """Members whose name ends with ``name`` word for word (given name, middle + given)."""
        words = _key(name).split()
        return [m for m in self.members if _key(m.name).split()[-len(words) :] == words]

    def resolve(self, name: str, role: str | None = None) -> tuple[RosterMember | None, bool]:
        """(member, ambiguous). Exact name first, then a unique suffix match, then the role."""
        exact = self.by_full_name(name)
        if exact:
            return exact, False
        found = [m for m in self.candidates(name) if len(m.words) > len(name.split())]
        if len(found) == 1:
            return found[0], False
        if not found and _is_unaccented(name):
            # "Le Van Thuan", "D/c Thuan" where the secretary's keyboard lost its diacritics.
            same = self._unaccented(name, self.members)
            if same is not None:
                return same, False
            words = _key(name).split()
            found = [
                m
                for m in self.members
                if len(m.words) > len(words) and _key(fold(m.name)).split()[-len(words) :] == words
            ]
            if len(found) == 1:
                return found[0], False
        if len(found) > 1 and role:
            with_role = [m for m in found if any(_key(role) in _key(r) for r in m.roles)]
            if len(with_role) == 1:
                return with_role[0], False
        return None, len(found) > 1

    @staticmethod
    def _unaccented(name: str, members: list[RosterMember]) -> RosterMember | None:
        """The one member whose name, without diacritics, is ``name`` typed without them."""
        if not _is_unaccented(name):
            return None
        key = _key(name)
        same = [m for m in members if _key(fold(m.name)) == key and _key(m.name) != key]
        return same[0] if len(same) == 1 else None

    def by_role(self, role: str, exact: bool = False) -> list[RosterMember]:
        """Members with a role that begins with ``role`` (that is ``role`` when ``exact``)."""
        key = _key(role)
        return [
            m
            for m in self.members
            if any(_key(r) == key if exact else _key(r).startswith(key) for r in m.roles)
        ]

    def merge_short_names(self) -> None:
        """Fold members known only by a given name into the unique full-name member."""
        for member in list(self.members):
            if len(member.words) != 1:
                continue
            found = [m for m in self.candidates(member.name) if len(m.words) > 1]
            if len(found) != 1:
                continue
            target = found[0]
            if member.name not in target.aliases:
                target.aliases.append(member.name)
            for role in member.roles:
                self.add_role(target, role)
            if member.present is not None and target.present is not True:
                target.present = member.present
            target.spoke = target.spoke or member.spoke
            self.members.remove(member)
            self._by_key[_key(member.name)] = target


_JOINING = re.compile(r"(?<!\w)(?:với|và|cùng|hay|hoặc|là|của)(?!\w)")


class NamePool:
    """Full names mentioned anywhere in the text, to complete given-name references.

    A cue "Đ/c Quế" with no roster entry resolves to the one full name in the text that ends in
    "Quế" ("đồng chí Cao Xuân Quế" in a list, a table or the signatures); two such names leave it
    unresolved.
    """

    def __init__(self, text: str) -> None:
        from analyzer import lexicon
        from analyzer.cues import _capitalised_name, display_name, is_middle_name

        families = lexicon.cues().family_names
        honorific = re.compile(rf"(?<!\w)(?:{lexicon.cues().honorific})(?!\w)[ \t]+", re.I)
        names: dict[str, str] = {}
        for match in honorific.finditer(text):
            named = _capitalised_name(text, match.end(), min(len(text), match.end() + 60))
            if named and len(named[0].split()) >= 2:
                names.setdefault(_key(named[0]), display_name(named[0]))
        role = re.compile(rf"(?:{lexicon.cues().role})(?!\w)", re.I)
        # A family name the lexicon lacks is known by the middle name after it ("Ung Thị Lựu").
        second = re.compile(r"[ \t]+([^\W\d_]+)[ \t]+[^\W\d_]")

        def before_middle(pos: int) -> bool:
            after = second.match(text, pos)
            return bool(after and after.group(1)[0].isupper() and is_middle_name(after.group(1)))

        for match in re.finditer(r"(?<!\w)[^\W\d_]+", text):
            word = match.group()
            if (
                word[0].isupper()
                and (word.lower() in families or before_middle(match.end()))
                and not role.match(text, match.start())
            ):
                named = _capitalised_name(text, match.start(), min(len(text), match.start() + 60))
                if named and len(named[0].split()) >= 3:
                    names.setdefault(_key(named[0]), display_name(named[0]))
        # What people call someone, in brackets after the full name, after an honorific or as a
        # birth-order name ("ông Huỳnh Văn Lành (ông Hai, chủ cơ sở)", "Trần Văn Tư (Tư Lùn)"),
        # not a workplace or a job ("(Khoa Dược)", "(Tech Lead)").
        nickname = re.compile(
            rf"[ \t]*\([ \t]*(?:(?P<hon>{lexicon.cues().honorific})(?!\w)[ \t]+)?"
            r"([^\W\d_]+(?:[ \t]+[^\W\d_]+)?)[ \t]*[,)]",
            re.I,
        )
        birth_order = lexicon.cues().birth_order_names
        # Not a child's name with the parent's after it ("PH em Quế Anh (chị Huyền)"): a full
        # name of three words or more, not after "em", "cháu" or "con".
        child = re.compile(r"(?<!\w)(?:em|cháu|con)[ \t]+$", re.I)
        self._aliases: dict[str, set[str]] = {}
        for key, full in names.items():
            if len(key.split()) < 3:
                continue
            for place in re.finditer(re.escape(full), text):
                if child.search(text, max(0, place.start() - 8), place.start()):
                    continue
                alias = nickname.match(text, place.end())
                called = alias.group(2) if alias else ""
                if (
                    called
                    and (alias.group("hon") or called.split()[0].lower() in birth_order)
                    and all(w[0].isupper() and not w.isupper() for w in called.split())
                    and not role.match(called)  # "(Bí thư)", "(Trưởng ban)": a role
                    and _key(called) not in key.split()
                ):
                    self._aliases.setdefault(_key(called), set()).add(full)
        self.names = list(names.values())
        self._keyed = [(key.split(), full) for key, full in names.items()]
        self._text = text
        self._honorific = honorific
        self._families = families
        self._spoken: dict[str, set[str]] | None = None

    def _spoken_full_name(self, given: str) -> str | None:
        """In a transcript typed in lower case ("tôi là hà thị hạnh bí thư", "đồng chí nông thị
        thơm ghi giúp"), the one full name said after an honorific, "tôi (là)" or a speaker label
        that ends with ``given``, shown capitalised."""
        if self._spoken is None:
            self._spoken = self._spoken_names()
        found = self._spoken.get(given.lower(), set())
        return next(iter(found)) if len(found) == 1 else None

    def _spoken_names(self) -> dict[str, set[str]]:
        """Given name → the full names said in lower case that end with it (one pass)."""
        # After an honorific, "tôi (là)", or right after a speaker label: "Sơn: quách văn sơn tổ
        # tự nhiên", "tôi phùng văn khải chủ trì".
        opening = re.compile(
            rf"{self._honorific.pattern}|(?<!\w)(?:tôi|em|mình)(?:[ \t]+là)?[ \t]+|(?<=\w:)[ \t]+",
            re.I,
        )
        word = re.compile(r"([^\W\d_]+)[ \t]*")
        spoken: dict[str, set[str]] = {}
        for match in opening.finditer(self._text):
            words: list[str] = []
            pos = match.end()
            while len(words) < 4 and (next_word := word.match(self._text, pos)):
                words.append(next_word.group(1))
                pos = next_word.end()
            if len(words) < 2 or words[0].lower() not in self._families:
                continue
            seen: set[str] = set()
            for size in range(2, len(words) + 1):
                name = words[:size]
                inside = " ".join(name[1:])
                if (
                    not all(w.islower() for w in name)
                    or self._honorific.search(inside + " ")
                    or _JOINING.search(inside)
                ):
                    break
                if name[-1] not in seen:  # the shortest name ending with that word
                    seen.add(name[-1])
                    full = " ".join(w[:1].upper() + w[1:] for w in name)
                    spoken.setdefault(name[-1], set()).add(full)
        return spoken

    def complete(self, name: str) -> tuple[str | None, bool]:
        """(the unique longer full name ending with ``name``, ambiguous)."""
        words = _key(name).split()
        called = self._aliases.get(_key(name), set())
        if len(called) == 1:
            return next(iter(called)), False
        found = {}
        for full_words, full in self._keyed:
            if len(full_words) <= len(words):
                continue
            suffix = full_words[-len(words) :] == words
            # "Xa Hùng" for "Xa Văn Hùng": family name and given name.
            ends = len(words) == 2 and full_words[0] == words[0] and full_words[-1] == words[-1]
            if suffix or ends:
                found[_key(full)] = full
        if not found and _is_unaccented(name):
            # "Hao (thu quy):" for Diệp Gia Hào, in notes typed without diacritics.
            found = {
                _key(full): full
                for full_words, full in self._keyed
                if len(full_words) > len(words)
                and [fold(w) for w in full_words[-len(words) :]] == words
            }
        if len(found) == 1:
            return next(iter(found.values())), False
        if not found and len(words) == 1:
            spoken = self._spoken_full_name(name.strip())
            if spoken:
                return spoken, False
        return None, len(found) > 1
