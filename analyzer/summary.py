"""A Vietnamese draft summary and draft resolution, built only from what the minutes say.

The opening sentence is built from the meeting facts. The main points are extractive, in the
spirit of LexRank: sentences of the report, discussion and conclusion parts are ranked by their
TF-IDF similarity to the rest, the best are kept without near-duplicates and shown in document
order, each with its offsets. Proposals, conclusions and tasks come from the extracted items.
"""

from __future__ import annotations

from bisect import bisect_left

from analyzer.schema import Analysis, Resolution, Sentence, Summary, TaskRow

KIND_PHRASES = {
    "chi_bo_regular": "sinh hoạt chi bộ định kỳ",
    "chi_bo_thematic": "sinh hoạt chi bộ chuyên đề",
    "committee": "họp chi ủy",
    "congress": "đại hội",
    "self_review": "hội nghị kiểm điểm",
    "school_council": "họp hội đồng",
    "professional_group": "sinh hoạt tổ chuyên môn",
    "youth_union": "sinh hoạt chi đoàn",
    "trade_union": "họp công đoàn",
    "class_or_parents": "họp phụ huynh",
    "team": "cuộc họp",
    "other": "cuộc họp",
}
BLANK = "……"
_POINT_SECTIONS = {"report", "discussion", "conclusion", "other", None}
_MAX_POINTS = 8
_REDUNDANT = 0.5
_AGENDA_MATCH = 0.1


def opening(analysis: Analysis) -> str:
    m = analysis.meeting
    parts = []
    when = []
    if m.start_time:
        when.append(f"vào lúc {m.start_time.replace(':', ' giờ ')}")
    if m.date:
        when.append(f"ngày {m.date.day:02d}/{m.date.month:02d}/{m.date.year}")
    if when:
        parts.append(", ".join(when).capitalize())
    if m.place:
        parts.append(f"tại {m.place}")
    who = m.organization or "đơn vị"
    head = ", ".join(parts)
    sentence = (
        f"{head}, {who} đã tổ chức {KIND_PHRASES[m.kind]}"
        if head
        else f"{who} đã tổ chức {KIND_PHRASES[m.kind]}"
    )
    if m.chair:
        sentence += f" do đồng chí {m.chair.name} chủ trì"
    if m.secretary:
        sentence += f", đồng chí {m.secretary.name} làm thư ký"
    a = m.attendance
    if a.present is not None and a.total:
        sentence += f"; có mặt {a.present}/{a.total} người"
    elif a.present is not None:
        sentence += f"; có mặt {a.present} người"
    if m.absentees:
        sentence += f", vắng {len(m.absentees)}"
    sentence = sentence[0].upper() + sentence[1:]
    return sentence + "."


def _sentences(analysis: Analysis) -> list[tuple[int, int]]:
    from analyzer.items import _SENTENCE_BREAK, _pieces
    from analyzer.layout import is_heading_like, lines

    text = analysis.text
    # Runs of lines between headings: a heading ("2/ Thông tin thời sự") is never a sentence.
    runs: list[tuple[int, int]] = []
    all_lines = lines(text)
    for section in analysis.sections:
        if section.kind not in _POINT_SECTIONS:
            continue
        run_start = None
        # From the section's first line: scanning from the top made many sections quadratic.
        first = bisect_left(all_lines, section.start, key=lambda line: line.start)
        for line in all_lines[first:]:
            if line.blank:
                continue
            if line.start >= section.end:
                break
            if is_heading_like(line) and len(line.text.split()) <= 14:
                if run_start is not None:
                    runs.append((run_start, line.start))
                run_start = None
            elif run_start is None:
                run_start = line.start
        if run_start is not None:
            runs.append((run_start, section.end))
    spans: list[tuple[int, int]] = []
    for start, end in runs:
        spans += [
            (a, b)
            for a, b in _pieces(_SENTENCE_BREAK, text, start, end)
            if len(text[a:b].split()) >= 6
        ]
    return spans


def main_points(analysis: Analysis) -> list[Sentence]:
    """The most central sentences, per agenda item when the minutes list an agenda.

    Each sentence is assigned to the agenda item it is most similar to (or to none); within each
    group sentences are ranked by TF-IDF centrality and near-duplicates dropped; the result is in
    document order, each sentence labelled with its agenda item.
    """
    spans = _sentences(analysis)
    if not spans:
        return []
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    agenda = [a.item for a in analysis.metrics.agenda]
    texts = [analysis.text[a:b].lower() for a, b in spans] + [item.lower() for item in agenda]
    try:
        matrix = TfidfVectorizer(
            token_pattern=r"(?u)\b\w+\b", ngram_range=(1, 2), sublinear_tf=True
        ).fit_transform(texts)
    except ValueError:  # nothing but stop-words
        return []
    # Rows of unit length: the cosine of two sentences is the dot product of their rows. The
    # sentence × sentence matrix is never built (n² floats: 9 GB for 34,000 short sentences);
    # a sentence's centrality, its row sum in that matrix, is its dot product with the sum of
    # all rows.
    matrix = normalize(matrix).tocsr()
    sentences = matrix[: len(spans)]
    centrality = np.asarray(sentences @ sentences.sum(axis=0).T).ravel()
    group_of: list[int | None] = [None] * len(spans)
    if agenda:
        best, score = _closest_rows(sentences, matrix[len(spans) :])
        group_of = [
            int(b) if v >= _AGENDA_MATCH else None for b, v in zip(best, score, strict=True)
        ]
    members_of: dict[int | None, list[int]] = {}
    for index, group in enumerate(group_of):
        members_of.setdefault(group, []).append(index)
    groups = sorted(members_of, key=lambda g: (g is None, g if g is not None else 0))
    per_group = (
        max(2, _MAX_POINTS // max(1, len(groups)))
        if agenda
        else min(_MAX_POINTS, max(3, len(spans) // 10))
    )
    chosen: list[int] = []
    # For each sentence, its highest similarity to a sentence already chosen.
    closest = np.zeros(len(spans))
    for group in groups:
        picked: list[int] = []
        for index in sorted(members_of[group], key=lambda i: -centrality[i]):
            if closest[index] < _REDUNDANT:
                picked.append(index)
                row = (sentences @ sentences[index].T).toarray().ravel()
                np.maximum(closest, row, out=closest)
            if len(picked) == per_group:
                break
        chosen += picked
    return [
        Sentence(
            text=" ".join(analysis.text[spans[i][0] : spans[i][1]].split()),
            start=spans[i][0],
            end=spans[i][1],
            agenda_item=agenda[group_of[i]] if group_of[i] is not None else None,
        )
        for i in sorted(chosen)
    ]


def _closest_rows(rows, others, block: int = 2048):  # type: ignore[no-untyped-def]
    """For each row of ``rows``, the index of the most similar row of ``others`` (the first one
    on a tie) and that similarity, computed a block of rows at a time to bound memory."""
    import numpy as np

    best = np.zeros(rows.shape[0], dtype=int)
    score = np.zeros(rows.shape[0])
    for start in range(0, rows.shape[0], block):
        similarity = (rows[start : start + block] @ others.T).toarray()
        best[start : start + block] = similarity.argmax(axis=1)
        score[start : start + block] = similarity.max(axis=1)
    return best, score


def _item_sentences(analysis: Analysis, kinds: set[str], limit: int) -> list[Sentence]:
    found = [i for i in analysis.items if i.kind in kinds]
    best = sorted(sorted(found, key=lambda i: -i.confidence)[:limit], key=lambda i: i.start)
    return [Sentence(text=" ".join(i.text.split()), start=i.start, end=i.end) for i in best]


def task_rows(analysis: Analysis) -> list[TaskRow]:
    return [
        TaskRow(
            assignee=i.assignee_name or i.assignee,
            task=" ".join((i.task or i.text).split()),
            deadline=i.deadline,
            deadline_text=i.deadline_text,
            start=i.start,
            end=i.end,
        )
        for i in analysis.items
        if i.kind == "action_item"
    ]


def summarize(analysis: Analysis) -> Summary:
    return Summary(
        opening=opening(analysis),
        points=main_points(analysis),
        proposals=_item_sentences(analysis, {"proposal"}, 10),
        conclusions=_item_sentences(analysis, {"conclusion", "decision"}, 10),
        tasks=task_rows(analysis),
    )


def draft_resolution(analysis: Analysis) -> Resolution:
    m = analysis.meeting
    subject = (m.title or "").upper()
    for prefix in ("BIÊN BẢN ", "BIÊN BẢN"):
        if subject.startswith(prefix):
            subject = subject[len(prefix) :]
            break
    title = f"DỰ THẢO NGHỊ QUYẾT {subject}".strip() if subject else f"DỰ THẢO NGHỊ QUYẾT {BLANK}"
    votes = [i for i in analysis.items if i.kind == "vote" and i.votes_for is not None]
    if votes:
        v = votes[-1]
        vote = f"Nghị quyết được biểu quyết thông qua với {v.votes_for}/{v.total if v.total is not None else BLANK} tán thành"
        vote += f" ({v.percent:g}%)." if v.percent is not None else "."
    else:
        vote = f"Kết quả biểu quyết: {BLANK}"
    return Resolution(
        title=title,
        assessment=_item_sentences(analysis, {"conclusion", "decision"}, 8)
        or [Sentence(text=BLANK)],
        limitations=_item_sentences(analysis, {"concern"}, 6) or [Sentence(text=BLANK)],
        tasks=task_rows(analysis),
        vote=vote,
    )
