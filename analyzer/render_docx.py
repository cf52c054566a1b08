"""An editable Word document of an ``Analysis`` for the secretary: facts, summary, task table,
review, draft resolution, participation, completeness and score.

Only built-in styles are used ("Title", "Heading 1/2", "Table Grid", "List Bullet"), so the
secretary can restyle the document in Word; the text is set in Times New Roman 13 pt on A4 paper
with the margins Vietnamese offices use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table

from analyzer.render_html import (
    BANDS,
    DRAFT_BLANK,
    absentee_lines,
    action_rows,
    fact_rows,
    fmt_int,
    fmt_num,
    fmt_pct,
    fmt_points,
    speaker_label,
    task_row_cells,
)
from analyzer.schema import Analysis, Sentence

FONT = "Times New Roman"
EMPTY = "Chưa có."
TASK_HEADERS = ("Người thực hiện", "Nội dung", "Thời hạn")
TASK_WIDTHS = (4.0, 8.5, 3.5)  # cm, of the 16 cm between the margins
_BLACK = RGBColor(0, 0, 0)
_STYLE_SIZES = {"Normal": 13, "Title": 16, "Heading 1": 14, "Heading 2": 13}
# Characters outside XML 1.0's Char production.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _set_font(style: ParagraphStyle, size: int) -> None:
    """Times New Roman for every script (theme fonts removed, so Word does not swap them back)."""
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    if style.name != "Normal":
        style.font.color.rgb = _BLACK


def _setup(document: DocumentObject, analysis: Analysis) -> None:
    for name, size in _STYLE_SIZES.items():
        _set_font(document.styles[name], size)
    normal = document.styles["Normal"]
    normal.paragraph_format.space_after = Pt(4)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "vi-VN")
    normal.element.get_or_add_rPr().append(lang)
    title = document.styles["Title"]
    title.font.bold = True
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    props = document.core_properties
    props.title = analysis.meeting.title or analysis.source.name
    props.author = "bienban"
    props.language = "vi-VN"


def _table(
    document: DocumentObject,
    headers: Sequence[str] | None,
    rows: Iterable[Sequence[str]],
    widths: Sequence[float],
) -> Table:
    """A "Table Grid" table; the header row (if any) is bold and repeats on every page."""
    table = document.add_table(rows=0, cols=len(widths))
    table.style = document.styles["Table Grid"]
    if headers:
        cells = table.add_row().cells
        for cell, text in zip(cells, headers, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        table.rows[0]._tr.get_or_add_trPr().append(repeat)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid, read by LibreOffice
        for cell in column.cells:  # the cells, read by Word
            cell.width = Cm(width)
    return table


def _bullets(document: DocumentObject, lines: Iterable[str], style: str = "List Bullet") -> int:
    count = 0
    for line in lines:
        document.add_paragraph(line, style=style)
        count += 1
    return count


def _empty(document: DocumentObject, text: str = EMPTY) -> None:
    document.add_paragraph().add_run(text).italic = True


def _clean(text: str) -> str:
    return " ".join(text.split())


def _sentences(document: DocumentObject, heading: str, sentences: Sequence[Sentence]) -> bool:
    if not sentences:
        return False
    document.add_heading(heading, level=2)
    _bullets(document, (_clean(s.text) for s in sentences))
    return True


def _facts(document: DocumentObject, analysis: Analysis) -> None:
    document.add_heading("Thông tin cuộc họp", level=1)
    table = _table(document, None, fact_rows(analysis), (4.5, 11.5))
    for row in table.rows:
        for run in row.cells[0].paragraphs[0].runs:
            run.bold = True
    absentees = absentee_lines(analysis)
    if absentees:
        document.add_paragraph("Vắng mặt:")
        _bullets(document, absentees)


def _summary(document: DocumentObject, analysis: Analysis) -> None:
    s = analysis.summary
    document.add_heading("Tóm tắt cuộc họp", level=1)
    wrote = False
    if s.opening:
        document.add_paragraph(s.opening)
        wrote = True
    wrote |= _sentences(document, "Nội dung chính", s.points)
    wrote |= _sentences(document, "Đề xuất, kiến nghị", s.proposals)
    wrote |= _sentences(document, "Kết luận", s.conclusions)
    if not wrote:
        _empty(document)


def _tasks(document: DocumentObject, analysis: Analysis) -> None:
    """One row per action item; kept even when empty so the secretary can fill it in."""
    document.add_heading("Phân công nhiệm vụ", level=1)
    rows = action_rows(analysis)
    _table(document, TASK_HEADERS, rows, TASK_WIDTHS)
    if not rows:
        _empty(document, "Biên bản chưa ghi phân công nhiệm vụ.")


def _review(document: DocumentObject, analysis: Analysis) -> None:
    r = analysis.review
    document.add_heading("Nhận xét, rút kinh nghiệm", level=1)
    wrote = False
    for heading, lines in (
        ("Ưu điểm", r.strengths),
        ("Hạn chế", r.limitations),
        ("Đề nghị cho kỳ sau", r.suggestions),
    ):
        if lines:
            document.add_heading(heading, level=2)
            _bullets(document, lines)
            wrote = True
    if not wrote:
        _empty(document)


def _resolution(document: DocumentObject, analysis: Analysis) -> None:
    r = analysis.resolution
    document.add_heading("Dự thảo nghị quyết", level=1)
    if not (r.title or r.assessment or r.limitations or r.tasks or r.vote):
        _empty(document)
        return
    if r.title:
        title = document.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.add_run(r.title.upper()).bold = True
    _sentences(document, "I. Đánh giá tình hình", r.assessment)
    _sentences(document, "II. Hạn chế, nguyên nhân", r.limitations)
    if r.tasks:
        document.add_heading("III. Nhiệm vụ thời gian tới", level=2)
        _table(
            document, TASK_HEADERS, (task_row_cells(t, DRAFT_BLANK) for t in r.tasks), TASK_WIDTHS
        )
    if r.vote:
        document.add_heading("IV. Biểu quyết", level=2)
        document.add_paragraph(r.vote)


def _participation(document: DocumentObject, analysis: Analysis) -> None:
    m = analysis.metrics
    document.add_heading("Tham gia thảo luận", level=1)
    if not m.members:
        _empty(document, "Chưa xác định được người dự họp, phát biểu.")
        return
    bands = ", ".join(f"[{b}]" if b == m.speaking_band else b for b in BANDS)
    lines = []
    if m.members_present:
        lines.append(
            f"Có mặt {m.members_present} người, {m.members_spoke} người phát biểu"
            f" ({fmt_pct(m.share_spoke)}), mức {m.speaking_band or '—'} (các mức: {bands})."
        )
    lines.append(
        f"Hệ số Gini theo số từ: {fmt_num(m.gini_words)} (0 là mọi người nói như nhau);"
        f" entropy chuẩn hóa: {fmt_num(m.entropy_words)} (1 là chia đều)."
    )
    lines.append(
        f"Tỷ lệ lời của chủ trì: {fmt_pct(m.chair_share)}; ý kiến chỉ nêu nhất trí:"
        f" {fmt_pct(m.agreement_only_share)}."
    )
    if m.longest_monologue:
        who = speaker_label(analysis, m.longest_monologue.speaker_id) or "—"
        lines.append(
            f"Lượt phát biểu dài nhất: {who}, {fmt_int(m.longest_monologue.words)} từ"
            f" ({fmt_pct(m.longest_monologue.share)} tổng số từ)."
        )
    if m.silent_members:
        lines.append(
            "Có mặt nhưng chưa phát biểu: " + ", ".join(p.name for p in m.silent_members) + "."
        )
    _bullets(document, lines)
    _table(
        document,
        ("Thành viên", "Số lượt", "Số từ", "Tỷ lệ lời", "Đề xuất"),
        (
            (r.name, str(r.turns), fmt_int(r.words), fmt_pct(r.share_of_words), str(r.proposals))
            for r in m.members
        ),
        (6.0, 2.5, 2.5, 2.5, 2.5),
    )


def _completeness(document: DocumentObject, analysis: Analysis) -> None:
    c = analysis.completeness
    document.add_heading("Độ đầy đủ của biên bản", level=1)
    if not c.fields:
        _empty(document)
    else:
        document.add_paragraph(f"Có {c.found}/{c.total} nội dung cần ghi.")
    _bullets(
        document,
        (
            f"{'✔' if f.found else '✘'} {f.label}" + (f" — {f.note}" if f.note else "")
            for f in c.fields
        ),
    )
    s = analysis.score
    document.add_heading("Điểm các tiêu chí đo được", level=2)
    if not s.criteria:
        _empty(document)
        return
    rows = [
        (
            k.label,
            f"{fmt_points(k.points)}/{k.max_points}" if k.assessable else f"—/{k.max_points}",
            k.rule,
        )
        for k in s.criteria
    ]
    rows.append(("Cộng phần đánh giá được", f"{fmt_points(s.points)}/{s.assessable_points}", ""))
    _table(document, ("Tiêu chí", "Điểm", "Căn cứ"), rows, (7.0, 2.5, 6.5))
    rating = f"Xếp loại tạm tính: {s.rating}." if s.rating else "Chưa xếp loại."
    document.add_paragraph(f"{rating} {s.note}".strip())


def _warnings(document: DocumentObject, analysis: Analysis) -> None:
    if analysis.warnings:
        document.add_heading("Cảnh báo", level=1)
        _bullets(document, (w.message for w in analysis.warnings))


def _xml_safe(value: Any) -> Any:
    """``value`` with every string stripped of what XML cannot hold (lxml raises ValueError):
    control characters (a file name may have them), U+FFFE/U+FFFF and lone surrogates."""
    if isinstance(value, str):
        return _NOT_XML.sub("\ufffd", value)
    if isinstance(value, dict):
        return {key: _xml_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_xml_safe(item) for item in value]
    return value


def to_docx(analysis: Analysis, path: str | Path) -> None:
    """Write the Word document to ``path`` (OSError when it cannot be written)."""
    analysis = Analysis.model_validate(_xml_safe(analysis.model_dump()))
    document = Document()
    _setup(document, analysis)
    document.add_paragraph(analysis.meeting.title or analysis.source.name, style="Title")
    note = document.add_paragraph()
    note.add_run(
        f"Tài liệu do bienban tạo tự động từ tệp “{analysis.source.name}”; các nội dung trích"
        " xuất cần được đối chiếu với biên bản gốc trước khi sử dụng."
    ).italic = True
    _facts(document, analysis)
    _summary(document, analysis)
    _tasks(document, analysis)
    _review(document, analysis)
    _resolution(document, analysis)
    _participation(document, analysis)
    _completeness(document, analysis)
    _warnings(document, analysis)
    document.save(str(path))
