"""Subtitles and transcripts: WebVTT and SRT cues, and "Name: text" transcript lines.

Captions become plain text with one line per speaker run ("Name: text"), the shape that a typed
transcript has, so that later stages treat both the same way.
"""

from __future__ import annotations

import html
import io
import re
from collections import Counter
from collections.abc import Iterable

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from analyzer.errors import CorruptDocumentError

_TIMESTAMP = r"\[?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\]?"
# Written so that no two parts can match the same blanks (no quadratic backtracking).
_LEAD = r"[ \t]*(?:" + _TIMESTAMP + r"[ \t]+)?(?:(?:[-–—•*+]|>>)[ \t]*)?"
_NAME = r"[^\W\d_]\w*(?:[ \t]{1,2}\w+|[./'’-]{1,2}[ \t]?\w+){0,5}"
_COLON_LABEL = re.compile(_LEAD + r"(?P<name>" + _NAME + r")[ \t]*:(?:[ \t]+|$)(?P<text>.*)")
_BRACKET_LABEL = re.compile(_LEAD + r"\[(?P<name>" + _NAME + r")\][ \t]*(?::[ \t]*)?(?P<text>.*)")
_MAX_NAME = 40
# Character classes exclude the opening sign too, so a long line of unclosed "<" stays linear.
_VOICE = re.compile(r"<v(?:\.[\w-]+)*[ \t]+([^<>]*)>")
_TAG = re.compile(r"<[^<>\n]*>|\{\\[^{}\n]*\}")
_VTT_HEADER = re.compile(r"\A\ufeff?[ \t\r\n]*WEBVTT(?:[ \t].*)?$", re.MULTILINE)
_SRT_HEAD = re.compile(
    r"\A\ufeff?\s*\d+[ \t]*\r?\n[ \t]*\d+:\d{1,2}:\d{1,2}[,.]\d+[ \t]*-->[ \t]*\d+:\d{1,2}"
)

Segment = tuple[str | None, str]


def looks_like_vtt(text: str) -> bool:
    return _VTT_HEADER.match(text[:200]) is not None


def looks_like_srt(text: str) -> bool:
    return _SRT_HEAD.match(text[:300]) is not None


def speaker_label(line: str) -> tuple[str, str] | None:
    """The speaker label at the start of a line and the rest, or None ("- Lan: ..." → Lan)."""
    match = _BRACKET_LABEL.match(line) or _COLON_LABEL.match(line)
    if match is None:
        return None
    name = match.group("name").strip()
    if len(name) > _MAX_NAME:
        return None
    return name, match.group("text").strip()


def _name_like(name: str) -> bool:
    """A label that reads as a name or role: its last word capitalised, or all capitals."""
    return name.split()[-1][:1].isupper() or name.isupper()


class _Labels:
    """Speaker labels of a whole text: a label that is not name-like counts only if repeated."""

    def __init__(self, lines: Iterable[str]) -> None:
        found = (speaker_label(line) for line in lines)
        self.counts = Counter(label[0].casefold() for label in found if label is not None)

    def split(self, line: str) -> tuple[str | None, str]:
        label = speaker_label(line)
        if label is None:
            return None, line.strip()
        name, text = label
        if _name_like(name) or self.counts[name.casefold()] >= 2:
            return name, text
        return None, line.strip()


def looks_like_transcript(text: str) -> bool:
    """Most non-empty lines start with a short speaker label, and the labels repeat."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 3:
        return False
    labels = _Labels(lines)
    names = [name.casefold() for name, _ in map(labels.split, lines) if name is not None]
    if len(names) < 0.6 * len(lines):
        return False
    return len(set(names)) <= len(names) / 1.5


def _merge(segments: Iterable[Segment]) -> str:
    """One line per speaker run; unnamed segments stay on lines of their own."""
    runs: list[tuple[str | None, list[str]]] = []
    for speaker, text in segments:
        if not text:
            continue
        last = runs[-1] if runs else None
        if (
            speaker is not None
            and last is not None
            and last[0] is not None
            and last[0].casefold() == speaker.casefold()
        ):
            last[1].append(text)
        else:
            runs.append((speaker, [text]))
    lines = (
        f"{speaker}: {' '.join(texts)}" if speaker else " ".join(texts) for speaker, texts in runs
    )
    return "\n".join(lines)


def _clean(raw: str) -> str:
    return " ".join(html.unescape(_TAG.sub("", raw)).split())


def _cue_segments(lines: list[str], labels: _Labels) -> list[Segment]:
    """Segments of one cue: a voice tag, else a "Name:" label, starts a segment; other text
    continues the segment before it."""
    segments: list[tuple[str | None, list[str]]] = []
    voiced = any(_VOICE.search(line) for line in lines)
    for raw in lines:
        if voiced:
            # split() gives the text before the first tag, then (voice, text) pairs.
            head, *rest = _VOICE.split(raw)
            starts = [(_clean(v) or None, t) for v, t in zip(rest[::2], rest[1::2], strict=True)]
        else:
            speaker, text = labels.split(_clean(raw))
            head, starts = (text, []) if speaker is None else ("", [(speaker, text)])
        if head.strip():
            if segments:
                segments[-1][1].append(head)
            else:
                segments.append((None, [head]))
        segments.extend((speaker, [text]) for speaker, text in starts)
    return [(speaker, _clean(" ".join(texts))) for speaker, texts in segments]


def _read_captions(text: str, fmt: str, name: str) -> webvtt.WebVTT:
    try:
        return webvtt.from_buffer(io.StringIO(text.lstrip("\ufeff \t\r\n")), format=fmt)
    except (MalformedFileError, MalformedCaptionError, ValueError, IndexError) as exc:
        kind = "WebVTT" if fmt == "vtt" else "SRT"
        raise CorruptDocumentError(
            f"Tệp {name} không đúng định dạng phụ đề {kind}, không đọc được."
        ) from exc


def _notes(comments: Iterable[str]) -> list[Segment]:
    """WebVTT NOTE blocks, one unnamed segment per line: what the secretary wrote about the
    meeting ("Hội đồng trường ... 14:00 thứ Ba 13/01/2026") is part of the minutes."""
    return [(None, line) for note in comments for line in map(_clean, note.splitlines()) if line]


def captions_to_text(text: str, fmt: str, name: str) -> str:
    """WebVTT (``fmt="vtt"``) or SRT (``fmt="srt"``) as "Name: text" lines, one per speaker run;
    WebVTT notes stay as lines of their own where they were."""
    vtt = _read_captions(text, fmt, name)
    captions = list(vtt.captions)
    labels = _Labels(_clean(line) for caption in captions for line in caption.lines)
    segments: list[Segment] = _notes(vtt.header_comments)
    for caption in captions:
        segments.extend(_notes(caption.comments))
        segments.extend(_cue_segments(list(caption.lines), labels))
    segments.extend(_notes(vtt.footer_comments))
    return _merge(segments)
