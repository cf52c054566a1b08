"""Breadth of the discussion: the topics raised, which agenda items were discussed, and how many
proposals got an answer.

Contributions (the discussion's turns) are grouped greedily by TF-IDF cosine similarity to a
topic's centroid; each topic is labelled with its highest-weighted terms. An agenda item counts
as discussed when some contribution is similar enough to it.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from analyzer import lexicon
from analyzer.layout import _MARKER, is_heading_like
from analyzer.layout import lines as layout_lines
from analyzer.schema import AgendaCoverage, Analysis, Topic

_SAME_TOPIC = 0.15
_DISCUSSED = 0.15
_MAX_TOPICS = 8


@cache
def _stopwords() -> frozenset[str]:
    return lexicon.with_folded(lexicon.load("cues").get("topic_stopwords", []))


def _words(doc: Doc, start: int, end: int) -> list[str]:
    """Content words of a span, as the tokenizer segmented them ("thanh toán", "an toàn")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    stop = _stopwords()
    return [
        " ".join(t.text.lower().split())
        for t in span
        if not (t.is_space or t.is_punct or t.like_num)
        and t.text.lower() not in stop
        and len(t.text) > 1
        and any(c.isalpha() for c in t.text)
    ]


def contributions(analysis: Analysis, doc: Doc) -> list[tuple[str, list[str]]]:
    """(turn id, content words after the cue) of the discussion's contributions."""
    found = []
    for turn in analysis.turns:
        if turn.section in ("discussion", "conclusion") and turn.speaker_id != "group":
            start = turn.start + len(turn.cue) if turn.text.startswith(turn.cue) else turn.start
            words = _words(doc, start, turn.end)
            if len(words) >= 3:
                found.append((turn.id, words))
    return found


def _identity(words: list[str]) -> list[str]:
    return words


def topics(contributions: list[tuple[str, list[str]]]) -> list[Topic]:
    if len(contributions) < 2:
        return []
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, max_features=3000)
    try:
        matrix = vectorizer.fit_transform([words for _, words in contributions]).toarray()
    except ValueError:
        return []
    terms = vectorizer.get_feature_names_out()
    groups: list[list[int]] = []
    sums = np.zeros((len(contributions), matrix.shape[1]))
    for row, vector in enumerate(matrix):
        best = -1
        if groups:
            centroids = sums[: len(groups)]
            norms = np.linalg.norm(centroids, axis=1)
            similarity = centroids @ vector / np.where(norms > 0, norms, 1.0)
            best = int(similarity.argmax()) if similarity.max() >= _SAME_TOPIC else -1
        if best < 0:
            groups.append([row])
            sums[len(groups) - 1] = vector
        else:
            groups[best].append(row)
            sums[best] += vector
    result = []
    for index in sorted(range(len(groups)), key=lambda g: -len(groups[g]))[:_MAX_TOPICS]:
        weights = sums[index]
        top = [terms[i] for i in weights.argsort()[::-1][:3] if weights[i] > 0]
        result.append(
            Topic(label=", ".join(top), turn_ids=[contributions[r][0] for r in groups[index]])
        )
    return result


def agenda_items(analysis: Analysis) -> list[tuple[str, int, int]]:
    """The agenda: the lines of the agenda part, or, when the minutes list none, the titles of
    the numbered parts of the report ("1/ Học tập và làm theo tư tưởng ...", "2/ Thông tin thời sự")."""
    text = analysis.text
    lines = []
    agenda = next((s for s in analysis.sections if s.kind == "agenda"), None)
    if agenda is not None:
        pos = agenda.start
        for raw in text[agenda.start : agenda.end].split("\n"):
            start, end = pos, pos + len(raw)
            pos = end + 1
            marker = _MARKER.match(text, start, end)
            first = marker.end() if marker else start
            body = text[first:end].strip(" \t-–+•*.;:")
            if len(body.split()) >= 3 and start != agenda.start:
                offset = text.find(body, first, end + 1)
                lines.append((body, offset, offset + len(body)))
    if len(lines) >= 2:
        return lines
    # Numbered sub-headings between the start of the proceedings and the discussion.
    begin = next((s.start for s in analysis.sections if s.kind in ("agenda", "report")), None)
    stop = next((s.start for s in analysis.sections if s.kind == "discussion"), len(text))
    if begin is None:
        return lines
    titled = []
    for line in layout_lines(text[:stop]):
        body = line.text.strip().rstrip(":").strip()
        if (
            line.start >= begin
            and line.marker_kind == "arabic"
            and is_heading_like(line)
            and 2 <= len(body.split()) <= 14
            and not body.lower().startswith(("đồng chí", "đ/c", "ý kiến"))
        ):
            titled.append((body, line.content_start, line.content_start + len(body)))
    return titled if len(titled) >= 2 else lines


def agenda_coverage(
    analysis: Analysis, doc: Doc, contributions: list[tuple[str, list[str]]]
) -> list[AgendaCoverage]:
    lines = agenda_items(analysis)
    if not lines:
        return []
    from sklearn.feature_extraction.text import TfidfVectorizer

    documents = [_words(doc, start, end) for _, start, end in lines] + [w for _, w in contributions]
    try:
        matrix = TfidfVectorizer(analyzer=_identity, sublinear_tf=True).fit_transform(documents)
    except ValueError:
        return [
            AgendaCoverage(item=b, start=s, end=e, discussed=False, turn_ids=[])
            for b, s, e in lines
        ]
    # Rows are L2-normalised, so the product is the cosine; kept sparse, because thousands of
    # agenda lines times thousands of contributions would not fit as a dense table.
    similarity = (matrix[: len(lines)] @ matrix[len(lines) :].T).tocsr()
    result = []
    for index, (body, start, end) in enumerate(lines):
        row = slice(similarity.indptr[index], similarity.indptr[index + 1])
        columns = similarity.indices[row][similarity.data[row] >= _DISCUSSED]
        turn_ids = [contributions[j][0] for j in sorted(columns)]
        result.append(
            AgendaCoverage(
                item=body, start=start, end=end, discussed=bool(turn_ids), turn_ids=turn_ids
            )
        )
    return result


def proposals_answered_share(analysis: Analysis) -> float | None:
    proposals = [i for i in analysis.items if i.kind == "proposal"]
    if not proposals:
        return None
    answered = sum(1 for i in proposals if i.status in ("adopted", "addressed"))
    return round(answered / len(proposals), 4)
