"""The analysis pipeline: file → text → normalised text → spaCy Doc with spans → ``Analysis``.

The spaCy pipeline is built once per process (``get_nlp``). Its components are small stages that
read and write ``doc.user_data["bienban"]`` (exact character offsets) and mirror their results
as ``doc.spans[...]`` for spaCy users.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from analyzer import lexicon
from analyzer.accents import accent_mode, folded_patterns
from analyzer.attribution import build_analysis
from analyzer.facts import find_facts, opening_speaker
from analyzer.layout import lines, paragraphs
from analyzer.normalize import normalize_text
from analyzer.schema import Analysis, Source, Warning_
from analyzer.sections import find_sections
from analyzer.tokenizer import TOKENIZER_NAME
from analyzer.turns import find_turns, paragraph_cues

os.environ.setdefault("HF_HUB_OFFLINE", "1")

PIPES = ("bienban_layout", "bienban_cues", "bienban_sections", "bienban_turns", "bienban_facts")
_FIXED_WORDS = ["Đ/c", "đ/c", "Đ/C", "T/M", "t/m", "V/v", "v/v"]


def state(doc: Doc) -> dict[str, Any]:
    return doc.user_data.setdefault("bienban", {})


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds it from the tokens on every access."""
    st = state(doc)
    if "text" not in st:
        st["text"] = doc.text
    return st["text"]


def _mirror(doc: Doc, key: str, spans: list[tuple[int, int, str]]) -> None:
    result = []
    for start, end, label in spans:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            result.append(span)
    doc.spans[key] = result


@Language.factory("bienban_layout")
def make_layout(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    def layout(doc: Doc) -> Doc:
        st = state(doc)
        st["lines"] = lines(doc_text(doc))
        return doc

    return layout


@Language.factory("bienban_cues")
def make_cues(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    from analyzer.cues import (
        KnownSpeakers,
        given_names,
        is_transcript,
        listed_labels,
        parse_line_cue,
        repeated_labels,
        split_at_cues,
    )

    def cues(doc: Doc) -> Doc:
        st = state(doc)
        text = doc_text(doc)
        transcript = st.get("transcript") or is_transcript(st["lines"], text)
        st["transcript"] = transcript
        names = frozenset() if transcript else given_names(text)
        if not transcript:
            st["lines"] = split_at_cues(st["lines"], text, names)
        labels = repeated_labels(st["lines"], text)
        if not transcript:
            labels |= listed_labels(st["lines"], text, names | labels)
        known = KnownSpeakers(labels, names)

        def is_break(line) -> bool:  # type: ignore[no-untyped-def]
            cue = parse_line_cue(
                text, line.content_start, line.end, transcript=transcript, known=known
            )
            return cue is not None

        paras = paragraphs(st["lines"], is_break)
        st["paragraphs"] = paras
        st["cues"] = paragraph_cues(text, paras, transcript=transcript, known=known)
        _mirror(doc, "cues", [(c.start, c.end, c.kind) for c in st["cues"].values()])
        return doc

    return cues


@Language.factory("bienban_sections")
def make_sections(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    def sections(doc: Doc) -> Doc:
        st = state(doc)
        st["sections"] = find_sections(doc_text(doc), st["paragraphs"], st["cues"])
        _mirror(doc, "sections", [(s.start, s.end, s.kind) for s in st["sections"]])
        return doc

    return sections


@Language.factory("bienban_turns")
def make_turns(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    def turns(doc: Doc) -> Doc:
        st = state(doc)
        st["turns"] = find_turns(
            doc_text(doc), st["paragraphs"], st["cues"], st["sections"], transcript=st["transcript"]
        )
        _mirror(doc, "turns", [(t.start, t.end, t.cue.kind) for t in st["turns"]])
        return doc

    return turns


@Language.factory("bienban_facts")
def make_facts(nlp: Language, name: str):  # type: ignore[no-untyped-def]
    def facts(doc: Doc) -> Doc:
        st = state(doc)
        st["facts"] = find_facts(doc_text(doc), st["paragraphs"], st["sections"])
        if st["facts"].chair is None and st["transcript"]:
            st["facts"].chair = opening_speaker(doc_text(doc), st["turns"], st["facts"].attendees)
        return doc

    return facts


@cache
def get_nlp() -> Language:
    """The Vietnamese pipeline, built once per process."""
    lexicon.cues()  # fail early, with a clear message, if the lexicons are missing
    nlp = spacy.blank(
        "vi",
        config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME, "fixed_words": _FIXED_WORDS}}},
    )
    for pipe in PIPES:
        nlp.add_pipe(pipe)
    return nlp


def run(text: str, *, transcript: bool = False) -> Doc:
    nlp = get_nlp()
    doc = nlp.make_doc(text)
    state(doc)["transcript"] = transcript
    state(doc)["text"] = text  # the tokenizer guarantees doc.text == text
    # True, False or MIXED (see analyzer.accents): the patterns to read the document with
    state(doc)["unaccented"] = accent_mode(text)
    with folded_patterns(state(doc)["unaccented"]):
        for _, proc in nlp.pipeline:
            doc = proc(doc)
    return doc


def analyze(
    path_or_text: str | os.PathLike[str],
    roster: str | os.PathLike[str] | list[str] | None = None,
    *,
    name: str | None = None,
) -> Analysis:
    """Analyse minutes or a transcript.

    ``path_or_text`` is a path to an existing file, or the text itself. ``roster`` is a roster
    file path or a list of "Name[, role]" strings. Raises ``AnalyzerError`` for bad input.
    """
    analysis, _ = analyze_raw(_read(path_or_text, name), roster)
    return analysis


def analyze_raw(
    raw,  # type: ignore[no-untyped-def]
    roster: str | os.PathLike[str] | list[str] | None = None,
    *,
    estimator=None,  # type: ignore[no-untyped-def]
) -> tuple[Analysis, Doc]:
    """Normalise, run the pipeline, attribute turns and extract items from a read document."""
    from analyzer import completeness, items, metrics, review, score, summary

    normalized = normalize_text(raw.text)
    text = normalized.text
    warnings = [*raw.warnings, *normalized.warnings]
    if not text.strip():
        from analyzer.errors import EmptyInputError

        raise EmptyInputError(f"Tệp {raw.name} không có nội dung văn bản.")
    doc = run(text, transcript=raw.format in ("vtt", "srt", "transcript"))
    source = Source(name=raw.name, format=raw.format, sha256=raw.sha256)
    analysis = build_analysis(doc, source, roster, [Warning_.model_validate(w) for w in warnings])
    with folded_patterns(state(doc)["unaccented"]):
        analysis.items = items.extract(doc, analysis, estimator)
    analysis.metrics = metrics.compute(analysis, doc)
    analysis.completeness = completeness.check(analysis, state(doc)["facts"])
    analysis.score = score.compute(analysis, analysis.completeness)
    analysis.summary = summary.summarize(analysis)
    analysis.review = review.review(analysis)
    analysis.resolution = summary.draft_resolution(analysis)
    return analysis, doc


def _read(path_or_text: str | os.PathLike[str], name: str | None):  # type: ignore[no-untyped-def]
    from analyzer import ingest

    if isinstance(path_or_text, os.PathLike):
        return ingest.read_path(path_or_text)
    if "\n" not in path_or_text and len(path_or_text) < 4096:
        candidate = Path(path_or_text)
        try:
            if candidate.suffix and candidate.exists():
                return ingest.read_path(candidate)
        except OSError:
            pass
    return ingest.read_text(path_or_text, name or "text")
