"""A self-contained HTML report of an ``Analysis``: one UTF-8 page, inline CSS and SVG, no
external reference of any kind (no font, script, image, stylesheet or link outside the page),
readable on a phone and usable with the keyboard.

The page shows the meeting's facts, participation (an SVG bar chart and a data table), balance
indicators with the party's bands, the completeness check, the score, the draft summary, review
and resolution (or "Chưa có" while they are empty), the items grouped by kind, and the source
text with every item highlighted at its offsets.
"""

from __future__ import annotations

import datetime as dt
import html
import math
from collections.abc import Iterable, Sequence

from analyzer.render import ITEM_LABELS, KIND_LABELS, STATUS_LABELS
from analyzer.roster import GUEST_ROLE
from analyzer.schema import Analysis, Item, Sentence, TaskRow

BANDS = (">50%", "40–50%", "30–40%", "<30%")
VOTE_METHODS = {
    "show_of_hands": "giơ tay",
    "secret_ballot": "bỏ phiếu kín",
    "unspecified": "không ghi hình thức",
}
EMPTY = "Chưa có."
DRAFT_BLANK = "……"  # what the drafts put where the minutes say nothing

# Page sections: (anchor, heading). Anchors are ASCII so in-page links stay plain.
_NAV = (
    ("thong-tin", "Thông tin cuộc họp"),
    ("tham-gia", "Tham gia thảo luận"),
    ("day-du", "Độ đầy đủ"),
    ("diem", "Điểm"),
    ("tom-tat", "Tóm tắt"),
    ("nhan-xet", "Nhận xét"),
    ("nghi-quyet", "Dự thảo nghị quyết"),
    ("y-kien", "Ý kiến theo loại"),
    ("van-ban", "Văn bản"),
)

_CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --line: #c8c8c8; --accent: #1d4ed8; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 16px/1.55 system-ui, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
.page { max-width: 60rem; margin: 0 auto; padding: 0 1rem 3rem; }
header.top { padding: 1rem 0 .5rem; border-bottom: 2px solid var(--accent); }
h1 { font-size: 1.45rem; line-height: 1.3; margin: .25rem 0 .5rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
p { margin: .5rem 0; }
a { color: var(--accent); }
a:focus-visible, [tabindex]:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.skip { position: absolute; left: -999rem; top: 0; background: #fff; padding: .5rem 1rem; z-index: 2; }
.skip:focus { left: .5rem; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
.meta, .note { color: var(--muted); font-size: .9rem; }
.empty { color: var(--muted); font-style: italic; }
nav.toc ul { list-style: none; padding: 0; margin: .75rem 0 0; display: flex; flex-wrap: wrap; gap: .4rem; }
nav.toc a { display: inline-block; padding: .3rem .65rem; border: 1px solid var(--line);
  border-radius: 1rem; text-decoration: none; font-size: .9rem; }
.table-wrap { overflow-x: auto; margin: .5rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { border: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #eef2f7; }
th[scope="row"] { background: #f7f7f7; font-weight: 600; width: 35%; }
td.num, th.num { text-align: right; white-space: nowrap; }
tfoot td, tfoot th { font-weight: 600; background: #f7f7f7; }
.chart { display: block; width: 100%; max-width: 38rem; height: auto; margin: .5rem 0; }
.chart text { font-size: 13px; fill: var(--ink); }
.chart .value { fill: var(--muted); }
.chart .track { fill: #eef2f7; stroke: #b8c2d0; stroke-width: 1; }
.chart .silent { fill: #fff; stroke: #888; stroke-dasharray: 4 3; stroke-width: 1; }
.chart .bar { fill: var(--accent); }
.bands { list-style: none; padding: 0; margin: .25rem 0 0; display: flex; flex-wrap: wrap; gap: .3rem; }
.bands li { border: 1px solid var(--line); border-radius: .3rem; padding: 0 .4rem; font-size: .85rem; }
.bands li.on { border-color: var(--accent); background: var(--accent); color: #fff; font-weight: 600; }
ul.checks { list-style: none; padding: 0; }
ul.checks li { padding: .25rem 0 .25rem 1.7rem; position: relative; border-bottom: 1px dotted var(--line); }
ul.checks .sign { position: absolute; left: .2rem; font-weight: 700; }
ul.checks .ok .sign { color: #15803d; }
ul.checks .missing .sign { color: #b91c1c; }
q { color: var(--muted); font-size: .9rem; }
.rating { font-size: 1.05rem; }
.resolution { border: 1px dashed var(--line); padding: .25rem 1rem 1rem; }
.resolution .title { text-align: center; font-weight: 700; text-transform: uppercase; }
ol.items li { margin: .35rem 0; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .35rem; }
.source { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid var(--line);
  padding: .75rem; background: #fcfcfc; font-size: .95rem; line-height: 1.7; }
mark, .swatch { padding: 0 .1em; border-bottom: 2px solid; color: inherit; }
mark:target { outline: 3px solid #f59e0b; }
.proposal { background: #dbeafe; border-color: #1d4ed8; }
.concern { background: #fee2e2; border-color: #b91c1c; }
.agreement { background: #dcfce7; border-color: #15803d; }
.question { background: #f3e8ff; border-color: #7e22ce; }
.conclusion { background: #fef3c7; border-color: #b45309; }
.decision { background: #ffedd5; border-color: #c2410c; border-bottom-style: double; border-bottom-width: 3px; }
.action_item { background: #ccfbf1; border-color: #0f766e; border-bottom-style: dashed; }
.vote { background: #e0e7ff; border-color: #4338ca; border-bottom-style: dotted; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--line); }
@media print { nav.toc, .skip { display: none; } .table-wrap { overflow: visible; } }
"""


# --- formatting shared with the Word export -------------------------------------------------


def fmt_int(value: int | None) -> str:
    """1234 -> "1.234" (Vietnamese thousands separator); None -> "—"."""
    return "—" if value is None else f"{value:,}".replace(",", ".")


def fmt_num(value: float | None, digits: int = 2) -> str:
    """0.5485 -> "0,55" (Vietnamese decimal comma); None -> "—"."""
    return "—" if value is None else f"{value:.{digits}f}".replace(".", ",")


def fmt_points(value: float | None) -> str:
    return "—" if value is None else f"{value:g}".replace(".", ",")


def fmt_pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def fmt_date(value: dt.date | None) -> str:
    return "—" if value is None else value.strftime("%d/%m/%Y")


def fmt_deadline(date: dt.date | None, text: str | None, blank: str = "—") -> str:
    """The resolved date, with the phrase as written when it says something else."""
    if date is None:
        return text or blank
    shown = fmt_date(date)
    return f"{shown} ({text})" if text and shown not in text else shown


def assignee_label(item: Item, names: dict[str, str]) -> str:
    if item.assignee_name:
        return item.assignee_name
    if item.assignee:
        return names.get(item.assignee, item.assignee)
    return "—"


def action_rows(analysis: Analysis) -> list[tuple[str, str, str]]:
    """(Người thực hiện, Nội dung, Thời hạn) for every action item, in document order."""
    names = {m.id: m.name for m in analysis.members}
    return [
        (
            assignee_label(item, names),
            " ".join((item.task or item.text).split()),
            fmt_deadline(item.deadline, item.deadline_text),
        )
        for item in analysis.items
        if item.kind == "action_item"
    ]


def task_row_cells(row: TaskRow, blank: str = "—") -> tuple[str, str, str]:
    """Cells of a summary or resolution task; ``blank`` fills what the minutes do not say
    (the drafts use "……", a space for the secretary to fill in)."""
    return (
        row.assignee or blank,
        " ".join(row.task.split()) or blank,
        fmt_deadline(row.deadline, row.deadline_text, blank),
    )


def speaker_label(analysis: Analysis, member_id: str | None) -> str | None:
    return next((m.name for m in analysis.members if m.id == member_id), None)


# --- HTML helpers -----------------------------------------------------------------------------


def _esc(value: object) -> str:
    """Escape text for HTML content or a quoted attribute.

    Beyond ``html.escape``, "//", "@" and "=" become character references, so text quoted
    from the minutes (a URL, an e-mail address) can never read as a reference in the page
    source; browsers show it unchanged.
    """
    return (
        html.escape(str(value), quote=True)
        .replace("//", "/&#47;")
        .replace("@", "&#64;")
        .replace("=", "&#61;")
    )


def _clean(text: str) -> str:
    return " ".join(text.split())


def _excerpt(text: str, start: int | None, end: int | None, limit: int = 140) -> str | None:
    if start is None or end is None or not 0 <= start < end <= len(text):
        return None
    quoted = _clean(text[start:end])
    return quoted if len(quoted) <= limit else quoted[: limit - 1].rstrip() + "…"


def _table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    caption: str,
    numeric: frozenset[int] = frozenset(),
    foot: Sequence[str] | None = None,
) -> str:
    """A data table (cells are plain text, escaped here) in a keyboard-scrollable wrapper."""
    out = [
        f'<div class="table-wrap" role="region" tabindex="0" aria-label="{_esc(caption)}">',
        f'<table><caption class="sr-only">{_esc(caption)}</caption><thead><tr>',
    ]
    out += [
        f'<th scope="col" class="num">{_esc(h)}</th>'
        if i in numeric
        else f'<th scope="col">{_esc(h)}</th>'
        for i, h in enumerate(headers)
    ]
    out.append("</tr></thead><tbody>")
    for row in rows:
        cells = "".join(
            f'<td class="num">{_esc(c)}</td>' if i in numeric else f"<td>{_esc(c)}</td>"
            for i, c in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</tbody>")
    if foot:
        cells = "".join(f"<td>{_esc(c)}</td>" for c in foot)
        out.append(f"<tfoot><tr>{cells}</tr></tfoot>")
    out.append("</table></div>")
    return "".join(out)


def _bullets(values: Iterable[str], tag: str = "ul") -> str:
    items = "".join(f"<li>{v}</li>" for v in values)
    return f"<{tag}>{items}</{tag}>" if items else ""


def _section(anchor: str, heading: str, body: str) -> str:
    return (
        f'<section id="{anchor}" aria-labelledby="{anchor}-h">'
        f'<h2 id="{anchor}-h">{_esc(heading)}</h2>{body}</section>'
    )


def _empty(text: str = EMPTY) -> str:
    return f'<p class="empty">{_esc(text)}</p>'


# --- sections ---------------------------------------------------------------------------------


def fact_rows(analysis: Analysis) -> list[tuple[str, str]]:
    """(label, value) rows of the meeting's facts."""
    m = analysis.meeting
    a = m.attendance
    time = f"{m.start_time or '—'} – {m.end_time or '—'}"
    if m.duration_minutes is not None:
        time += f" ({m.duration_minutes} phút)"
    return [
        ("Loại cuộc họp", KIND_LABELS.get(m.kind, m.kind)),
        ("Tổ chức", m.organization or "—"),
        ("Ngày", fmt_date(m.date)),
        ("Thời gian", time),
        ("Địa điểm", m.place or "—"),
        ("Chủ trì", m.chair.name if m.chair else "—"),
        ("Thư ký", m.secretary.name if m.secretary else "—"),
        (
            "Có mặt / tổng số",
            f"{fmt_int(a.present)} / {fmt_int(a.total)} (vắng {fmt_int(a.absent)})",
        ),
        ("Khách mời", ", ".join(m.guests) or "—"),
    ]


def absentee_lines(analysis: Analysis) -> list[str]:
    lines = []
    for absentee in analysis.meeting.absentees:
        excused = {True: "có lý do", False: "không lý do", None: "không rõ lý do"}[absentee.excused]
        reason = f": {absentee.reason}" if absentee.reason else ""
        lines.append(f"{absentee.name} ({excused}{reason})")
    return lines


def _facts(analysis: Analysis) -> str:
    rows = fact_rows(analysis)
    body = [
        '<div class="table-wrap" role="region" tabindex="0" aria-label="Thông tin cuộc họp">',
        '<table><caption class="sr-only">Thông tin cuộc họp</caption><tbody>',
    ]
    body += [f'<tr><th scope="row">{_esc(k)}</th><td>{_esc(v)}</td></tr>' for k, v in rows]
    body.append("</tbody></table></div>")
    absentees = absentee_lines(analysis)
    if absentees:
        body.append("<h3>Vắng mặt</h3>" + _bullets(_esc(line) for line in absentees))
    return _section("thong-tin", "Thông tin cuộc họp", "".join(body))


def participation_svg(analysis: Analysis) -> str:
    """Horizontal bars of each member's share of words; silent members get an empty bar."""
    rows = analysis.metrics.members
    if not rows:
        label = "Biểu đồ tỷ lệ số từ phát biểu: chưa xác định được người dự họp, phát biểu"
        return (
            f'<svg class="chart" viewBox="0 0 400 30" width="400" height="30" role="img"'
            f' aria-label="{_esc(label)}"><title>{_esc(label)}</title>'
            '<rect class="silent" x="0.5" y="8" width="399" height="14"/>'
            '<text x="8" y="20">Chưa có dữ liệu</text></svg>'
        )
    roles = {m.id: m.roles for m in analysis.members}
    chair_id = analysis.meeting.chair.member_id if analysis.meeting.chair else None
    top = max((r.share_of_words or 0.0) for r in rows)
    axis = max(0.1, math.ceil(top * 10 - 1e-9) / 10)  # bar scale ends at the next 10%
    width, row_h, bar_y, bar_h = 400, 40, 19, 14
    height = row_h * len(rows) + 4
    spoke = sum(1 for r in rows if r.turns)
    label = (
        f"Biểu đồ tỷ lệ số từ phát biểu: {len(rows)} người, {spoke} người có phát biểu, "
        f"{len(rows) - spoke} người chưa phát biểu"
    )
    desc = "; ".join(
        f"{r.name}: {fmt_pct(r.share_of_words)} ({fmt_int(r.words)} từ)"
        if r.turns
        else f"{r.name}: chưa phát biểu"
        for r in rows
    )
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}"'
        f' role="img" aria-label="{_esc(label)}" aria-describedby="bieu-do-mo-ta"'
        ' preserveAspectRatio="xMinYMin meet">',
        f"<title>{_esc(label)}</title>",
        f'<desc id="bieu-do-mo-ta">{_esc(desc)}</desc>',
    ]
    for index, row in enumerate(rows):
        y = index * row_h + 2
        tags = []
        if row.id == chair_id:
            tags.append("chủ trì")
        if GUEST_ROLE in roles.get(row.id, []):
            tags.append(GUEST_ROLE)
        name = row.name + (f" ({', '.join(tags)})" if tags else "")
        if row.turns:
            value = f"{fmt_pct(row.share_of_words)} · {fmt_int(row.words)} từ"
            tip = f"{name}: {row.turns} lượt, {fmt_int(row.words)} từ, {fmt_pct(row.share_of_words)} số từ"
            length = round(width * min(1.0, (row.share_of_words or 0.0) / axis), 1)
            bars = (
                f'<rect class="track" x="0" y="{y + bar_y}" width="{width}" height="{bar_h}"/>'
                f'<rect class="bar" x="0" y="{y + bar_y}" width="{length}" height="{bar_h}"/>'
            )
        else:
            value = "chưa phát biểu"
            tip = f"{name}: có mặt nhưng chưa phát biểu"
            bars = f'<rect class="silent" x="0.5" y="{y + bar_y}" width="{width - 1}" height="{bar_h}"/>'
        out.append(
            f"<g><title>{_esc(tip)}</title>"
            f'<text x="0" y="{y + 14}">{_esc(name)}</text>'
            f'<text class="value" x="{width}" y="{y + 14}" text-anchor="end">{_esc(value)}</text>'
            f"{bars}</g>"
        )
    out.append("</svg>")
    out.append(
        f'<p class="note">Độ dài thanh: tỷ lệ số từ của mỗi người trong tổng số từ phát biểu,'
        f" thang 0–{axis:.0%}. Thanh viền đứt: có mặt nhưng chưa phát biểu.</p>"
    )
    return "".join(out)


def balance_rows(analysis: Analysis) -> list[tuple[str, str, str]]:
    """(indicator, value, meaning) of the balance indicators after the share who spoke, as
    plain text (the HTML report and the web page escape them)."""
    m = analysis.metrics
    monologue = "—"
    if m.longest_monologue:
        who = speaker_label(analysis, m.longest_monologue.speaker_id) or "—"
        monologue = (
            f"{who}: {fmt_int(m.longest_monologue.words)} từ"
            f" ({fmt_pct(m.longest_monologue.share)} tổng số từ)"
        )
    return [
        (
            "Hệ số Gini (số từ)",
            fmt_num(m.gini_words),
            "0: mọi người nói như nhau; càng gần 1 thì lời càng dồn vào ít người.",
        ),
        (
            "Entropy chuẩn hóa (số từ)",
            fmt_num(m.entropy_words),
            "1: lời chia đều cho mọi người; 0: chỉ một người nói.",
        ),
        (
            "Tỷ lệ lời của chủ trì",
            fmt_pct(m.chair_share),
            "Số từ của người chủ trì trên tổng số từ của người có mặt.",
        ),
        (
            "Ý kiến chỉ nêu nhất trí",
            fmt_pct(m.agreement_only_share),
            "Tỷ lệ lượt phát biểu chỉ bày tỏ nhất trí, không nêu nội dung.",
        ),
        ("Lượt phát biểu dài nhất", monologue, "Tỷ lệ trên tổng số từ phát biểu."),
    ]


def _participation(analysis: Analysis) -> str:
    m = analysis.metrics
    if not m.members:
        body = participation_svg(analysis) + _empty("Chưa xác định được người dự họp, phát biểu.")
        return _section("tham-gia", "Tham gia thảo luận", body)
    body = [participation_svg(analysis)]
    band_items = "".join(
        f'<li class="on"><span class="sr-only">mức hiện tại: </span>{_esc(b)}</li>'
        if b == m.speaking_band
        else f"<li>{_esc(b)}</li>"
        for b in BANDS
    )
    spoke = (
        f"{m.members_spoke}/{m.members_present} người ({fmt_pct(m.share_spoke)})"
        if m.members_present
        else "—"
    )
    indicators = [
        (
            "Tỷ lệ người có mặt phát biểu",
            _esc(spoke)
            + f'<ul class="bands" aria-label="Các mức theo phiếu đánh giá">{band_items}</ul>',
            "Mức theo phiếu đánh giá chất lượng sinh hoạt chi bộ.",
        ),
        *((name, _esc(value), note) for name, value, note in balance_rows(analysis)),
    ]
    body.append("<h3>Chỉ số cân bằng</h3>")
    body.append(
        '<div class="table-wrap" role="region" tabindex="0" aria-label="Chỉ số cân bằng">'
        '<table><caption class="sr-only">Chỉ số cân bằng</caption><thead><tr>'
        '<th scope="col">Chỉ số</th><th scope="col">Giá trị</th><th scope="col">Ý nghĩa</th>'
        "</tr></thead><tbody>"
        + "".join(
            f'<tr><th scope="row">{_esc(name)}</th><td>{value}</td><td class="meta">{_esc(note)}</td></tr>'
            for name, value, note in indicators
        )
        + "</tbody></table></div>"
    )
    if m.silent_members:
        body.append(
            "<p>Có mặt nhưng chưa phát biểu: "
            + _esc(", ".join(p.name for p in m.silent_members))
            + ".</p>"
        )
    body.append("<h3>Chi tiết theo người</h3>")
    body.append(
        _table(
            (
                "Thành viên",
                "Lượt",
                "Số từ",
                "Tỷ lệ lời",
                "Ý kiến có nội dung",
                "Đề xuất",
                "Hạn chế nêu ra",
                "Chỉ nhất trí",
            ),
            (
                (
                    r.name,
                    str(r.turns),
                    fmt_int(r.words),
                    fmt_pct(r.share_of_words),
                    str(r.substantive),
                    str(r.proposals),
                    str(r.concerns),
                    str(r.agreement_only_turns),
                )
                for r in m.members
            ),
            caption="Tham gia thảo luận theo từng người",
            numeric=frozenset(range(1, 8)),
        )
    )
    return _section("tham-gia", "Tham gia thảo luận", "".join(body))


def _completeness(analysis: Analysis) -> str:
    c = analysis.completeness
    if not c.fields:
        return _section("day-du", "Độ đầy đủ của biên bản", _empty())
    lines = []
    for f in c.fields:
        state, sign, said = ("ok", "✔", "Có") if f.found else ("missing", "✘", "Thiếu")
        note = f" — {_esc(f.note)}" if f.note else ""
        quoted = _excerpt(analysis.text, f.start, f.end)
        quote = f" <q>{_esc(quoted)}</q>" if quoted else ""
        lines.append(
            f'<li class="{state}"><span class="sign" aria-hidden="true">{sign}</span>'
            f'<span class="sr-only">{said}: </span>{_esc(f.label)}{note}{quote}</li>'
        )
    body = (
        f"<p>Có {c.found}/{c.total} nội dung cần ghi.</p>"
        + '<ul class="checks">'
        + "".join(lines)
        + "</ul>"
    )
    return _section("day-du", f"Độ đầy đủ của biên bản ({c.found}/{c.total})", body)


def _score(analysis: Analysis) -> str:
    s = analysis.score
    if not s.criteria:
        return _section("diem", "Điểm các tiêu chí đo được", _empty())
    rows = [
        (
            c.label,
            f"{fmt_points(c.points)}/{c.max_points}" if c.assessable else f"—/{c.max_points}",
            c.rule,
        )
        for c in s.criteria
    ]
    body = _table(
        ("Tiêu chí", "Điểm", "Căn cứ"),
        rows,
        caption="Điểm các tiêu chí đo được",
        numeric=frozenset({1}),
        foot=("Cộng phần đánh giá được", f"{fmt_points(s.points)}/{s.assessable_points}", ""),
    )
    rating = (
        f"Xếp loại tạm tính: <strong>{_esc(s.rating)}</strong>." if s.rating else "Chưa xếp loại."
    )
    body += f'<p class="rating">{rating}</p>'
    if s.note:
        body += f'<p class="note">{_esc(s.note)}</p>'
    return _section(
        "diem", f"Điểm các tiêu chí đo được ({fmt_points(s.points)}/{s.assessable_points})", body
    )


def _sentences(sentences: Sequence[Sentence], marked: dict[tuple[int, int], str]) -> str:
    lines = []
    for sentence in sentences:
        line = _esc(_clean(sentence.text))
        target = marked.get((sentence.start, sentence.end)) if sentence.start is not None else None
        if target:
            line += f' <a href="#src-{_esc(target)}" class="meta">(xem trong văn bản)</a>'
        lines.append(line)
    return _bullets(lines)


def _tasks(rows: Sequence[TaskRow], caption: str, blank: str = "—") -> str:
    return _table(
        ("Người thực hiện", "Nội dung", "Thời hạn"),
        (task_row_cells(r, blank) for r in rows),
        caption=caption,
    )


def _summary(analysis: Analysis, marked: dict[tuple[int, int], str]) -> str:
    s = analysis.summary
    body = []
    if s.opening:
        body.append(f"<p>{_esc(s.opening)}</p>")
    for title, sentences in (
        ("Nội dung chính", s.points),
        ("Đề xuất, kiến nghị", s.proposals),
        ("Kết luận", s.conclusions),
    ):
        if sentences:
            body.append(f"<h3>{title}</h3>{_sentences(sentences, marked)}")
    if s.tasks:
        body.append("<h3>Phân công nhiệm vụ</h3>" + _tasks(s.tasks, "Phân công nhiệm vụ"))
    return _section("tom-tat", "Tóm tắt cuộc họp", "".join(body) or _empty())


def _review(analysis: Analysis) -> str:
    r = analysis.review
    body = []
    for title, lines in (
        ("Ưu điểm", r.strengths),
        ("Hạn chế", r.limitations),
        ("Đề nghị cho kỳ sau", r.suggestions),
    ):
        if lines:
            body.append(f"<h3>{title}</h3>" + _bullets(_esc(line) for line in lines))
    return _section("nhan-xet", "Nhận xét, rút kinh nghiệm", "".join(body) or _empty())


def _resolution(analysis: Analysis, marked: dict[tuple[int, int], str]) -> str:
    r = analysis.resolution
    body = []
    if r.title:
        body.append(f'<p class="title">{_esc(r.title)}</p>')
    for title, sentences in (
        ("I. Đánh giá tình hình", r.assessment),
        ("II. Hạn chế, nguyên nhân", r.limitations),
    ):
        if sentences:
            body.append(f"<h3>{title}</h3>{_sentences(sentences, marked)}")
    if r.tasks:
        body.append(
            "<h3>III. Nhiệm vụ thời gian tới</h3>"
            + _tasks(r.tasks, "Nhiệm vụ trong dự thảo nghị quyết", DRAFT_BLANK)
        )
    if r.vote:
        body.append(f"<h3>IV. Biểu quyết</h3><p>{_esc(r.vote)}</p>")
    if not body:
        return _section("nghi-quyet", "Dự thảo nghị quyết", _empty())
    notice = (
        '<p class="note">Bản dự thảo chỉ điền từ các nội dung trích xuất được; chỗ “……” cần'
        " người soạn bổ sung.</p>"
    )
    return _section(
        "nghi-quyet",
        "Dự thảo nghị quyết",
        notice + '<div class="resolution">' + "".join(body) + "</div>",
    )


def _item_meta(item: Item, names: dict[str, str], marked_ids: set[str]) -> str:
    parts: list[str] = []
    if item.kind == "proposal" and item.status:
        status = _esc(STATUS_LABELS.get(item.status, item.status))
        if item.answered_by and item.answered_by in marked_ids:
            status += f', xem <a href="#src-{_esc(item.answered_by)}">ý kiến trả lời</a>'
        parts.append(status)
    if item.kind == "action_item":
        parts.append("người thực hiện: " + _esc(assignee_label(item, names)))
        parts.append("thời hạn: " + _esc(fmt_deadline(item.deadline, item.deadline_text)))
    if item.kind == "vote":
        counts = [
            f"tán thành {fmt_int(item.votes_for)}/{fmt_int(item.total)}",
            f"không tán thành {fmt_int(item.against)}",
            f"không biểu quyết {fmt_int(item.abstain)}",
        ]
        if item.percent is not None:
            counts.append(f"{fmt_num(item.percent, 1)}%")
        if item.method:
            counts.append(VOTE_METHODS.get(item.method, item.method))
        parts.append(_esc(", ".join(counts)))
    parts.append(f"độ tin cậy {_esc(fmt_pct(item.confidence))}")
    meta = f' <span class="meta">({"; ".join(parts)})</span>'
    if item.id in marked_ids:
        meta += f' <a href="#src-{_esc(item.id)}">xem trong văn bản</a>'
    return meta


def _items(analysis: Analysis, marked_ids: set[str]) -> str:
    names = {m.id: m.name for m in analysis.members}
    body = []
    for kind, label in ITEM_LABELS.items():
        found = [i for i in analysis.items if i.kind == kind]
        if not found:
            continue
        lines = []
        for item in found:
            who = names.get(item.speaker_id or "")
            prefix = f"<strong>{_esc(who)}</strong>: " if who else ""
            lines.append(prefix + _esc(_clean(item.text)) + _item_meta(item, names, marked_ids))
        body.append(
            f'<h3 id="loai-{kind}">{_esc(label)} ({len(found)})</h3>' + _bullets(lines, "ol")
        )
    return _section(
        "y-kien",
        "Ý kiến theo loại",
        "".join(body) or _empty("Chưa trích xuất được ý kiến nào."),
    )


def highlightable(analysis: Analysis) -> list[Item]:
    """Items that can be marked in the text: valid offsets, in order, never overlapping (an item
    that overlaps an earlier one is left unmarked)."""
    size = len(analysis.text)
    chosen: list[Item] = []
    cursor = 0
    for item in sorted(analysis.items, key=lambda i: (i.start, -i.end)):
        if 0 <= item.start < item.end <= size and item.start >= cursor:
            chosen.append(item)
            cursor = item.end
    return chosen


def _source(analysis: Analysis, marked: list[Item]) -> str:
    names = {m.id: m.name for m in analysis.members}
    text = analysis.text
    out: list[str] = []
    cursor = 0
    for item in marked:
        out.append(_esc(text[cursor : item.start]))
        title = ITEM_LABELS.get(item.kind, item.kind)
        who = names.get(item.speaker_id or "")
        if who:
            title += f" — {who}"
        out.append(
            f'<mark class="{item.kind}" id="src-{_esc(item.id)}" title="{_esc(title)}">'
            f"{_esc(text[item.start : item.end])}</mark>"
        )
        cursor = item.end
    out.append(_esc(text[cursor:]))
    kinds = [k for k in ITEM_LABELS if any(i.kind == k for i in marked)]
    legend = (
        '<ul class="legend" aria-label="Chú giải màu">'
        + "".join(f'<li><span class="swatch {k}">{_esc(ITEM_LABELS[k])}</span></li>' for k in kinds)
        + "</ul>"
        if kinds
        else ""
    )
    intro = (
        '<p class="note">Văn bản đã chuẩn hóa; mỗi ý kiến trích xuất được tô màu theo loại'
        " (di chuột hoặc chạm để xem loại).</p>"
    )
    return _section(
        "van-ban",
        "Văn bản biên bản",
        intro + legend + f'<div class="source">{"".join(out)}</div>',
    )


def _warnings(analysis: Analysis) -> str:
    if not analysis.warnings:
        return ""
    lines = []
    for w in analysis.warnings:
        quoted = _excerpt(analysis.text, w.start, w.end)
        lines.append(_esc(w.message) + (f" <q>{_esc(quoted)}</q>" if quoted else ""))
    return _section("canh-bao", "Cảnh báo", _bullets(lines))


def to_html(analysis: Analysis) -> str:
    """The whole report as one self-contained HTML page."""
    m = analysis.meeting
    title = m.title or analysis.source.name
    marked = highlightable(analysis)
    marked_ids = {i.id for i in marked}
    marked_spans = {(i.start, i.end): i.id for i in marked}
    subtitle = " · ".join(
        part
        for part in (
            KIND_LABELS.get(m.kind, m.kind),
            m.organization,
            fmt_date(m.date) if m.date else None,
            f"tệp {analysis.source.name}",
        )
        if part
    )
    nav = "".join(f'<li><a href="#{anchor}">{_esc(label)}</a></li>' for anchor, label in _NAV)
    if analysis.warnings:
        nav += '<li><a href="#canh-bao">Cảnh báo</a></li>'
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="bienban">',
        f"<title>{_esc(title)} — bienban</title>",
        f"<style>{_CSS}</style></head><body>",
        '<a class="skip" href="#noi-dung">Bỏ qua mục lục, đến nội dung</a>',
        '<div class="page"><header class="top">',
        f"<h1>{_esc(title)}</h1>",
        f'<p class="meta">{_esc(subtitle)}</p>',
        '<p class="note">Báo cáo do bienban tạo tự động, hoàn toàn trên máy; các nội dung trích'
        " xuất cần được đối chiếu với văn bản gốc.</p>",
        f'<nav class="toc" aria-label="Mục lục"><ul>{nav}</ul></nav></header>',
        '<main id="noi-dung" tabindex="-1">',
        _facts(analysis),
        _participation(analysis),
        _completeness(analysis),
        _score(analysis),
        _summary(analysis, marked_spans),
        _review(analysis),
        _resolution(analysis, marked_spans),
        _items(analysis, marked_ids),
        _source(analysis, marked),
        _warnings(analysis),
        "</main>",
        f'<footer><p class="meta">Phiên bản dữ liệu {_esc(analysis.schema_version)} · SHA-256'
        f" của tệp gốc: {_esc(analysis.source.sha256)}</p></footer>",
        "</div></body></html>",
    ]
    return "\n".join(parts) + "\n"
