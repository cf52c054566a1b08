"""Generate the sample minutes in ``corpus/samples/``.

Every text below is original and fictional: the people, schools, wards and companies are
invented. The script is deterministic (fixed document dates) and can be re-run at any time::

    python corpus/samples/make_samples.py            # writes all samples next to this file
    python corpus/samples/make_samples.py --out DIR  # writes them somewhere else

Outputs:

* ``chi-bo-chuyen-de-quy-3.docx`` - party-cell thematic meeting (python-docx, with tables)
* ``chi-bo-dinh-ky-thang-3.pdf``  - party-cell monthly meeting (fpdf2, embedded DejaVu TTF)
* ``hop-hoi-dong-su-pham.txt``    - teachers' council, hard-wrapped plain text
* ``hop-nhom-du-an.vtt``          - company team meeting, WebVTT with voice tags
* ``chi-doan-thang-10.srt``       - youth-union meeting, SRT with ASR-style speaker prefixes

The PDF needs ``fpdf2`` (``pip install -e '.[samples]'``) and a DejaVu TrueType font; set
``BIENBAN_TTF_DIR`` if the fonts are not in ``/usr/share/fonts/truetype/dejavu``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import re
import textwrap
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED_DATE = dt.datetime(2025, 10, 1, 8, 0, 0, tzinfo=dt.UTC)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def word_count(text: str) -> int:
    return len(text.split())


# ---------------------------------------------------------------------------------------------
# 1. chi-bo-chuyen-de-quy-3.docx - thematic meeting of a school party cell (quarter III)
# ---------------------------------------------------------------------------------------------
# Block kinds: "center-bold", "center", "center-italic", "heading" (bold), "p" (normal),
# "indent" (indented list line; the bullet or number is part of the text), "members" (the
# attendance table), "signature" (tab-separated signature block).
# "**...**" inside a text marks a bold run (secretaries often bold the speaker's name).

DOCX_HEADER_LEFT = ["ĐẢNG BỘ PHƯỜNG PHÚ LÂM ĐÔNG", "CHI BỘ TRƯỜNG THCS CHU VĂN AN", "*"]
DOCX_HEADER_RIGHT = ["ĐẢNG CỘNG SẢN VIỆT NAM", "Phú Lâm Đông, ngày 24 tháng 9 năm 2025"]

DOCX_MEMBERS = [
    ("Lê Văn Quang", "Bí thư chi bộ, Hiệu trưởng", "Chủ trì"),
    ("Hoàng Đức Minh", "Phó Bí thư chi bộ, Chủ tịch Công đoàn", ""),
    ("Đặng Thanh Tùng", "Chi ủy viên, Phó Hiệu trưởng", "Trình bày chuyên đề"),
    ("Phạm Thị Thu Trang", "Chi ủy viên, Tổ trưởng tổ Văn phòng", "Thư ký"),
    ("Nguyễn Văn Hùng", "Đảng viên, Tổ trưởng tổ Toán – Tin", ""),
    ("Đỗ Mạnh Hùng", "Đảng viên, giáo viên Thể dục", ""),
    ("Vũ Thị Lan", "Đảng viên, Tổ trưởng tổ Ngữ văn", ""),
    ("Trịnh Thị Thảo", "Đảng viên, Tổ trưởng tổ Ngoại ngữ", ""),
    ("Bùi Quốc Khánh", "Đảng viên, Tổng phụ trách Đội", ""),
    ("Ngô Thị Hạnh", "Đảng viên, giáo viên Hóa học", ""),
    ("Lý Thị Ngọc Ánh", "Đảng viên, giáo viên Sinh học", ""),
    ("Tạ Thị Bích Ngân", "Đảng viên, giáo viên Tin học", ""),
]

DOCX_BLOCKS: list[tuple[str, str]] = [
    ("center-bold", "BIÊN BẢN SINH HOẠT CHI BỘ CHUYÊN ĐỀ QUÝ III NĂM 2025"),
    (
        "center-italic",
        "Chuyên đề: “Nâng cao chất lượng ứng dụng công nghệ thông tin, chuyển đổi số trong dạy "
        "học và quản lý nhà trường”",
    ),
    ("heading", "I. THỜI GIAN, ĐỊA ĐIỂM"),
    ("p", "Vào hồi 14 giờ 00 phút, ngày 24 tháng 9 năm 2025."),
    (
        "p",
        "Địa điểm: Phòng họp Hội đồng (tầng 2), Trường THCS Chu Văn An, số 18 đường Tân "
        "Hòa, phường Phú Lâm Đông.",
    ),
    ("heading", "II. THÀNH PHẦN"),
    (
        "p",
        "1. Đại biểu cấp trên: đồng chí Cao Thị Huyền – Đảng ủy viên, Phó Chủ tịch Ủy ban "
        "nhân dân phường, dự và chỉ đạo.",
    ),
    ("p", "2. Chủ trì: đồng chí Lê Văn Quang – Bí thư chi bộ."),
    ("p", "3. Thư ký: đồng chí Phạm Thị Thu Trang – Chi ủy viên."),
    ("p", "4. Đảng viên:"),
    (
        "indent",
        "- Tổng số đảng viên: 14 đồng chí; có mặt 12/14 đồng chí; vắng 02 đồng chí "
        "(đồng chí Châu Văn Lộc – có lý do: đi công tác; đồng chí Mai Xuân Phúc – "
        "không lý do).",
    ),
    ("indent", "- Danh sách đảng viên có mặt:"),
    ("members", ""),
    ("heading", "III. NỘI DUNG SINH HOẠT"),
    ("p", "**1. Khai mạc, thông qua chương trình**"),
    (
        "p",
        "Đồng chí Lê Văn Quang – Bí thư chi bộ tuyên bố lý do, giới thiệu đại biểu và thông "
        "qua chương trình: nghe trình bày chuyên đề; thảo luận; đại biểu cấp trên phát biểu "
        "chỉ đạo; kết luận và biểu quyết. Chi bộ nhất trí với chương trình.",
    ),
    ("p", "**2. Trình bày chuyên đề**"),
    (
        "p",
        "Chi bộ nghe đồng chí Đặng Thanh Tùng – Chi ủy viên, Phó Hiệu trưởng trình bày "
        "chuyên đề. Nội dung chính như sau:",
    ),
    (
        "p",
        "a) Thực trạng ứng dụng công nghệ thông tin, chuyển đổi số tại nhà trường năm học "
        "2024–2025",
    ),
    ("indent", "- Về kết quả:"),
    (
        "indent",
        "+ 100% giáo viên sử dụng sổ điểm điện tử và học bạ số; 38/41 giáo viên soạn "
        "bài giảng có sử dụng trình chiếu, học liệu số.",
    ),
    ("indent", "+ Tổ Toán – Tin xây dựng kho 120 bài kiểm tra trắc nghiệm trực tuyến."),
    ("indent", "- Về hạn chế:"),
    (
        "indent",
        "+ Đường truyền mạng chưa ổn định; 6/24 phòng học chưa có màn hình tương tác "
        "hoặc máy chiếu hoạt động tốt.",
    ),
    ("indent", "+ Một bộ phận giáo viên lớn tuổi còn ngại đổi mới."),
    (
        "indent",
        "+ Bảo mật dữ liệu học sinh chưa được quan tâm; còn trường hợp dùng chung tài khoản.",
    ),
    ("p", "b) Nguyên nhân"),
    ("indent", "- Kinh phí đầu tư thiết bị còn hạn chế, chủ yếu dựa vào nguồn xã hội hóa."),
    ("indent", "- Bồi dưỡng kỹ năng số cho giáo viên chưa thường xuyên."),
    ("p", "c) Nhiệm vụ, giải pháp trong năm học 2025–2026"),
    (
        "indent",
        "- Mỗi đảng viên phải đi đầu trong ứng dụng công nghệ, mỗi học kỳ có ít nhất "
        "một bài giảng điện tử đạt yêu cầu.",
    ),
    ("indent", "- Rà soát, sửa chữa thiết bị; xây dựng quy định về an toàn thông tin."),
    (
        "indent",
        "- Học tập tấm gương tự học của Chủ tịch Hồ Chí Minh, “học ở mọi lúc, mọi "
        "nơi”, để tự bồi dưỡng năng lực số.",
    ),
    ("p", "**3. Thảo luận**"),
    ("p", "Có 08 lượt ý kiến phát biểu, cụ thể như sau:"),
    (
        "p",
        "- **Đồng chí Nguyễn Văn Hùng:** Tôi cơ bản thống nhất với nội dung chuyên đề do "
        "đồng chí Tùng trình bày. Kho đề trắc nghiệm trực tuyến giúp giáo viên giảm "
        "thời gian chấm bài, nhưng nhiều học sinh ở khu nhà trọ công nhân không có máy tính. "
        "Vì vậy tôi đề nghị nhà trường không bắt buộc làm bài trực tuyến ở nhà mà bố trí "
        "thêm giờ mở phòng máy vào chiều thứ Năm để các em làm bài tại trường. Tôi cũng đề "
        "xuất tổ Toán – Tin biên soạn tài liệu hướng dẫn ngắn gọn cho giáo viên các tổ.",
    ),
    (
        "p",
        "**Đ/c Lan phát biểu:** Tổ Ngữ văn có 07 giáo viên thì 03 đồng chí đã trên 50 tuổi. "
        "Các đồng chí không phải không muốn đổi mới mà vì ngại thao tác sai. Tôi lo ngại "
        "nếu đặt chỉ tiêu cứng mỗi học kỳ một bài giảng điện tử đạt yêu cầu thì sẽ tạo áp "
        "lực, dễ dẫn đến tình trạng tải bài giảng trên mạng về cho đủ hồ sơ. Theo tôi cần "
        "đánh giá bằng hiệu quả tiết dạy trên lớp chứ không nên chỉ đếm số bài giảng nộp "
        "lên.",
    ),
    (
        "p",
        "**đ/c Minh (Phó bí thư) đề nghị** Ban Chấp hành Công đoàn phối hợp với chi bộ phát "
        "động phong trào “Mỗi tuần một kỹ năng số” trong cán bộ, giáo viên, người lao động; "
        "mỗi tuần giới thiệu một thao tác qua nhóm Zalo của trường, kèm video ngắn. Đồng chí "
        "cũng đề nghị đưa nội dung này vào tiêu chí thi đua nhưng chấm theo mức độ tiến bộ "
        "của từng người.",
    ),
    ("p", "**Ý kiến của đồng chí Thảo:**"),
    (
        "p",
        "Về an toàn thông tin, tôi thấy đây là vấn đề cần chấn chỉnh ngay. Một số đồng "
        "chí vẫn ghi mật khẩu sổ điểm điện tử ra giấy rồi dán cạnh máy tính ở phòng giáo "
        "viên. Tôi đề nghị nhà trường ban hành quy định đổi mật khẩu định kỳ, không dùng "
        "chung tài khoản, đồng thời tổ chức một buổi sinh hoạt ngắn về an toàn thông tin.",
    ),
    (
        "p",
        "- **Đồng chí Bùi Quốc Khánh:** Là Tổng phụ trách Đội, tôi xin bổ sung về phía học "
        "sinh. Hiện nay nhiều em dùng mạng xã hội từ rất sớm, đã có em bị lừa mất tiền qua "
        "trò chơi trực tuyến. Tôi đề xuất nhà trường mời Công an phường về nói "
        "chuyện với học sinh trong tháng 11; ngoài ra cần có sự phối hợp của cha mẹ học sinh.",
    ),
    ("p", "- **Đồng chí Ánh:** nhất trí với nội dung chuyên đề."),
    (
        "p",
        "Đồng chí Tạ Thị Bích Ngân, giáo viên Tin học, cho rằng hạ tầng mạng đang là điểm "
        "nghẽn lớn nhất. Cả trường dùng chung một đường cáp quang, giờ cao điểm không phát được "
        "video. Đồng chí đề xuất tách riêng đường "
        "truyền cho khu phòng học, và kiến nghị Đảng ủy, Ủy "
        "ban nhân dân phường quan tâm hỗ trợ kinh phí vì nguồn xã hội hóa đã huy động gần "
        "hết. Đồng chí nhận hỗ trợ các thầy cô tổ Ngữ văn từ đầu tháng 10.",
    ),
    (
        "p",
        "- **Đ/c Văn Hùng phát biểu bổ sung:** Tôi xin tiếp thu ý kiến của đồng chí Lan. Tổ "
        "Toán – Tin sẽ không giao chỉ tiêu số lượng mà đăng ký kèm cặp theo từng đôi, một "
        "giáo viên trẻ hỗ trợ một giáo viên lớn tuổi. Tôi cũng tự nhận thấy bản thân có "
        "lúc ngại chia sẻ tài liệu vì sợ bị sao chép, đây là điều tôi cần sửa.",
    ),
    ("p", "**4. Ý kiến chỉ đạo của đại biểu cấp trên**"),
    (
        "p",
        "Đồng chí Cao Thị Huyền – Đảng ủy viên, Phó Chủ tịch Ủy ban nhân dân phường ghi nhận "
        "các ý kiến thảo luận thẳng thắn, có liên hệ bản thân. Đồng chí lưu ý:",
    ),
    (
        "indent",
        "+ Chuyển đổi số phải xuất phát từ lợi ích của học sinh, không chạy theo hình "
        "thức, không làm tăng hồ sơ, sổ sách của giáo viên.",
    ),
    ("indent", "+ Chi bộ cần cụ thể hóa chuyên đề thành chương trình hành động."),
    (
        "indent",
        "+ Về kiến nghị nâng cấp đường truyền, đồng chí ghi nhận và sẽ báo cáo Thường "
        "trực Đảng ủy xem xét trong kế hoạch kinh phí quý IV.",
    ),
    ("heading", "IV. KẾT LUẬN"),
    ("p", "**Đồng chí chủ trì kết luận:**"),
    ("p", "1. Chi bộ thống nhất với nội dung chuyên đề và tiếp thu ý kiến chỉ đạo."),
    ("p", "2. Về nhiệm vụ, giải pháp, chi bộ thống nhất:"),
    (
        "indent",
        "a) Không giao chỉ tiêu số lượng bài giảng điện tử; mỗi đảng viên đăng ký "
        "một nội dung đổi mới, báo cáo kết quả tại kỳ sinh hoạt tháng 01/2026.",
    ),
    (
        "indent",
        "b) Triển khai phong trào “Mỗi tuần một kỹ năng số” theo đề xuất của đồng chí "
        "Minh; thực hiện kèm cặp theo đôi trong các tổ chuyên môn.",
    ),
    (
        "indent",
        "c) Ban hành quy định về an toàn thông tin, quản lý tài khoản và mật khẩu trong "
        "nhà trường.",
    ),
    ("p", "3. Phân công thực hiện:"),
    (
        "indent",
        "- Giao đồng chí Đặng Thanh Tùng chủ trì, phối hợp với tổ Toán – Tin xây dựng "
        "chương trình hành động thực hiện chuyên đề, hoàn thành trước ngày 30/10/2025.",
    ),
    (
        "indent",
        "- Giao đồng chí Tạ Thị Bích Ngân rà soát thiết bị, đường truyền, lập dự toán "
        "sửa chữa, nâng cấp, báo cáo chi ủy trước ngày 15/10/2025.",
    ),
    (
        "indent",
        "- Giao đồng chí Trịnh Thị Thảo dự thảo quy định về an toàn thông tin, trình "
        "Hiệu trưởng ban hành trong tháng 10/2025.",
    ),
    (
        "indent",
        "- Giao đồng chí Hoàng Đức Minh phối hợp với Ban Chấp hành Công đoàn phát động "
        "phong trào “Mỗi tuần một kỹ năng số”, bắt đầu từ tuần đầu tháng 10.",
    ),
    (
        "indent",
        "- Giao đồng chí Bùi Quốc Khánh liên hệ Công an phường tổ chức buổi nói chuyện "
        "cho học sinh trong tháng 11/2025.",
    ),
    (
        "p",
        "4. Chi bộ phê bình đồng chí Mai Xuân Phúc vắng sinh hoạt không lý do, yêu cầu "
        "đồng chí Phúc viết bản tường trình.",
    ),
    ("heading", "V. BIỂU QUYẾT"),
    ("p", "Biểu quyết: 12/12 đồng chí có mặt tán thành (100%); không có ý kiến khác."),
    (
        "p",
        "Cuộc họp kết thúc vào lúc 16 giờ 30 cùng ngày. Biên bản đã được đọc lại trước chi "
        "bộ và được các đồng chí dự họp nhất trí thông qua.",
    ),
    ("signature", "THƯ KÝ\tCHỦ TRÌ"),
    ("signature", "(Đã ký)\t(Đã ký)"),
    ("signature", ""),
    ("signature", "Phạm Thị Thu Trang\tLê Văn Quang"),
]


def docx_plain_text() -> str:
    """The document's text in reading order, as a plain string (used for word counts)."""
    lines = DOCX_HEADER_LEFT + DOCX_HEADER_RIGHT
    for kind, text in DOCX_BLOCKS:
        if kind == "members":
            lines.append("STT Họ và tên Chức vụ Ghi chú")
            lines += [f"{i} {n} {r} {g}" for i, (n, r, g) in enumerate(DOCX_MEMBERS, 1)]
        else:
            lines.append(text.replace("**", ""))
    return nfc("\n".join(lines))


def _add_runs(paragraph, text: str) -> None:
    for i, part in enumerate(nfc(text).split("**")):
        if part:
            paragraph.add_run(part).bold = i % 2 == 1


def write_docx(path: Path) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    normal.paragraph_format.space_after = Pt(3)

    # Two-column header without borders, as secretaries lay it out in Word.
    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, lines in zip(
        header.rows[0].cells, (DOCX_HEADER_LEFT, DOCX_HEADER_RIGHT), strict=True
    ):
        cell.paragraphs[0].text = ""
        for j, line in enumerate(lines):
            par = cell.paragraphs[0] if j == 0 else cell.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = par.add_run(nfc(line))
            run.bold = line.isupper()
            run.italic = not line.isupper() and line != "*"
    doc.add_paragraph()

    for kind, text in DOCX_BLOCKS:
        if kind == "members":
            table = doc.add_table(rows=1, cols=4)
            table.style = "Table Grid"
            for cell, title in zip(
                table.rows[0].cells, ("STT", "Họ và tên", "Chức vụ", "Ghi chú"), strict=True
            ):
                cell.paragraphs[0].add_run(nfc(title)).bold = True
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            for i, (name, role, note) in enumerate(DOCX_MEMBERS, 1):
                row = table.add_row().cells
                row[0].text = str(i)
                row[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                row[1].text, row[2].text, row[3].text = nfc(name), nfc(role), nfc(note)
            for row in table.rows:
                for cell, width in zip(
                    row.cells, (Cm(1.2), Cm(5.0), Cm(7.0), Cm(3.0)), strict=True
                ):
                    cell.width = width
            continue
        par = doc.add_paragraph()
        if kind == "center-bold":
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            par.add_run(nfc(text)).bold = True
        elif kind in ("center", "center-italic"):
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            par.add_run(nfc(text)).italic = kind == "center-italic"
        elif kind == "heading":
            par.paragraph_format.space_before = Pt(6)
            par.add_run(nfc(text)).bold = True
        elif kind == "signature":
            tabs = par.paragraph_format.tab_stops
            tabs.add_tab_stop(Cm(3.5), WD_TAB_ALIGNMENT.CENTER)
            tabs.add_tab_stop(Cm(12.0), WD_TAB_ALIGNMENT.CENTER)
            run = par.add_run(nfc("\t" + text) if text else "")
            run.bold = text.isupper() or not text.startswith("(")
            run.italic = text.startswith("(")
        else:
            par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            if kind == "indent":
                par.paragraph_format.left_indent = Cm(0.75)
            else:
                par.paragraph_format.first_line_indent = Cm(1.0)
            _add_runs(par, text)

    props = doc.core_properties
    props.title = nfc("Biên bản sinh hoạt chi bộ chuyên đề quý III năm 2025")
    props.author = nfc("Phạm Thị Thu Trang")
    props.last_modified_by = props.author
    props.created = props.modified = FIXED_DATE.replace(tzinfo=None)
    props.revision = 1
    buffer = io.BytesIO()
    doc.save(buffer)
    _write_stable_zip(buffer.getvalue(), path)


def _write_stable_zip(data: bytes, path: Path) -> None:
    """Rewrite a .docx with fixed entry timestamps so that re-runs give identical bytes."""
    stamp = FIXED_DATE.timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))


# ---------------------------------------------------------------------------------------------
# 2. chi-bo-dinh-ky-thang-3.pdf - regular monthly meeting of a residential-area party cell
# ---------------------------------------------------------------------------------------------
# Line kinds: "title" (centred bold), "heading" (bold), "p", "b1" (bullet, level 1),
# "b2" (bullet, level 2), "sig" (two centred columns separated by "|").

PDF_HEADER_LEFT = ["ĐẢNG BỘ PHƯỜNG ĐÔNG HÒA", "CHI BỘ KHU PHỐ 4", "*"]
PDF_HEADER_RIGHT = ["ĐẢNG CỘNG SẢN VIỆT NAM", "Đông Hòa, ngày 15/3/2025"]

PDF_LINES: list[tuple[str, str]] = [
    ("title", "BIÊN BẢN"),
    ("title", "SINH HOẠT CHI BỘ ĐỊNH KỲ THÁNG 3/2025"),
    (
        "p",
        "Hôm nay, lúc 8h30 ngày 15/3/2025, tại Nhà văn hóa khu phố 4 (số 27 đường Lò Gạch, "
        "phường Đông Hòa), Chi bộ khu phố 4 tiến hành sinh hoạt định kỳ tháng 3/2025.",
    ),
    ("heading", "I/ THÀNH PHẦN"),
    ("b1", "• Chủ trì: đồng chí Võ Thị Kim Oanh – Bí thư chi bộ."),
    ("b1", "• Thư ký: đồng chí Huỳnh Minh Sang – đảng viên."),
    ("b1", "• Tổng số đảng viên của chi bộ: 10 đồng chí."),
    ("b1", "• Có mặt: 9/10 đảng viên."),
    (
        "b1",
        "• Vắng: 01 đồng chí – đồng chí Lương Văn Toàn, có lý do (đang điều trị tại Bệnh "
        "viện quận).",
    ),
    ("heading", "II/ NỘI DUNG SINH HOẠT"),
    (
        "p",
        "Đồng chí Bí thư khai mạc, nêu mục đích, yêu cầu và thông qua nội dung sinh hoạt. "
        "Chi bộ thống nhất chương trình.",
    ),
    ("heading", "1/ Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    (
        "p",
        "Đồng chí Trần Thị Mai kể mẩu chuyện về đức tính tiết kiệm của Bác Hồ: Bác dùng "
        "một chiếc áo nhiều năm, tờ giấy đã viết một mặt vẫn giữ lại để dùng mặt sau. Đồng "
        "chí liên hệ việc nhà văn hóa khu phố thường xuyên để quạt, đèn sáng sau khi họp "
        "xong, đề nghị phân công người kiểm tra, tắt điện trước khi khóa cửa.",
    ),
    ("heading", "2/ Thông tin thời sự"),
    ("p", "Đồng chí Nguyễn Hữu Phước – Phó Bí thư chi bộ thông tin một số nội dung chính:"),
    (
        "b1",
        "• Tình hình kinh tế – xã hội của phường hai tháng đầu năm 2025; kết quả thu ngân "
        "sách đạt 21% dự toán năm.",
    ),
    (
        "b1",
        "• Chủ trương sắp xếp, tinh gọn tổ chức bộ máy của hệ thống chính trị; đề nghị "
        "đảng viên nắm chắc thông tin chính thống, không chia sẻ tin chưa được kiểm "
        "chứng trên mạng xã hội.",
    ),
    ("b1", "• Kế hoạch ra quân “Ngày Chủ nhật xanh” vào sáng Chủ nhật 23/3/2025 trên toàn phường."),
    ("heading", "3/ Kiểm điểm việc thực hiện nghị quyết tháng 2/2025"),
    ("p", "Đồng chí Võ Thị Kim Oanh thông qua báo cáo kết quả tháng 2/2025, cụ thể:"),
    ("b1", "• Kết quả đạt được:"),
    ("b2", "+ Vận động 100% hộ kinh doanh trên đường Lò Gạch ký cam kết không lấn chiếm vỉa hè."),
    ("b2", "+ Thu đảng phí tháng 02 đạt 10/10 đảng viên; nộp về Đảng ủy đúng hạn."),
    ("b2", "+ Hoàn thành thăm hỏi, tặng quà 12 hộ gia đình khó khăn sau Tết Nguyên đán."),
    ("b1", "• Hạn chế:"),
    (
        "b2",
        "+ Vệ sinh môi trường hẻm 27 chưa chuyển biến, vẫn còn hộ để rác ra đường không "
        "đúng giờ thu gom.",
    ),
    ("b2", "+ Camera an ninh đầu hẻm 41 bị hỏng từ cuối tháng 01 nhưng chưa được sửa chữa."),
    ("heading", "4/ Thảo luận"),
    ("p", "Các đồng chí đều nhất trí với báo cáo. Ý kiến tham gia cụ thể như sau:"),
    (
        "b1",
        "• Đồng chí Trần Thị Mai: Chi hội Phụ nữ đã đi vận động từng nhà ở hẻm 27 nhưng "
        "một số hộ cho thuê phòng trọ không nắm được người thuê, nên rác vẫn bỏ bừa ra đầu "
        "hẻm. Tôi đề nghị Ban điều hành khu phố làm việc trực tiếp với chủ nhà trọ, yêu "
        "cầu ghi giờ thu gom rác vào nội quy phòng trọ.",
    ),
    (
        "b1",
        "• Đồng chí Đinh Công Thành: Về camera hẻm 41, tổ dân phòng đã báo hai lần nhưng "
        "chưa rõ ai chịu trách nhiệm sửa vì camera do người dân góp tiền lắp. Tôi đề xuất "
        "trích quỹ khu phố để sửa trước, sau đó giao tổ dân phòng quản lý, mỗi tháng kiểm "
        "tra một lần. Khu vực này cuối tháng 2 đã xảy ra một vụ mất trộm xe máy, nên cần "
        "làm ngay.",
    ),
    (
        "b1",
        "• Đồng chí Nguyễn Hữu Phước: Năm nay chi bộ được giao chỉ tiêu kết nạp 01 đảng "
        "viên mới. Quần chúng Tô Minh Khoa, Phó Bí thư Chi đoàn khu phố, đã học xong lớp "
        "nhận thức về Đảng. Đề nghị chi bộ phân công hai đảng viên chính thức giúp đỡ, "
        "hoàn thiện hồ sơ trong quý II.",
    ),
    (
        "b1",
        "• Đồng chí Lâm Ngọc Diệp: Quỹ khuyến học của khu phố hiện còn 6.400.000 đồng. "
        "Tôi đề nghị dành một phần trao học bổng cho các cháu học giỏi có hoàn cảnh khó "
        "khăn vào dịp tổng kết năm học, cần lập danh sách sớm để bà con cùng giám sát.",
    ),
    (
        "b1",
        "• Đồng chí Kha Văn Bảy: Thống nhất với các ý kiến trên. Tôi nói thêm là Hội Người "
        "cao tuổi sẵn sàng cử người tham gia ngày Chủ nhật xanh.",
    ),
    (
        "b1",
        "• Đồng chí Mai (bổ sung): Đề nghị các đảng viên gương mẫu đóng góp đầy đủ phí "
        "vệ sinh, vì vẫn còn hai gia đình đảng viên chậm đóng từ tháng 12.",
    ),
    ("heading", "III/ KẾT LUẬN"),
    ("p", "Đồng chí Bí thư kết luận:"),
    (
        "p",
        "1/ Chi bộ đánh giá tháng 2/2025 đã hoàn thành cơ bản các nhiệm vụ đề ra; tiếp thu "
        "các ý kiến thảo luận, tập trung khắc phục hai hạn chế về vệ sinh môi trường và "
        "camera an ninh.",
    ),
    ("p", "2/ Nhiệm vụ tháng 3/2025 và phân công thực hiện:"),
    (
        "b2",
        "+ Đồng chí Đinh Công Thành phối hợp với Ban điều hành khu phố sửa chữa camera hẻm "
        "41, hoàn thành trước ngày 31/3/2025; kinh phí tạm ứng từ quỹ khu phố.",
    ),
    (
        "b2",
        "+ Đồng chí Trần Thị Mai cùng Ban điều hành khu phố làm việc với các chủ nhà trọ "
        "hẻm 27 trong tháng 3.",
    ),
    (
        "b2",
        "+ Đồng chí Nguyễn Hữu Phước và đồng chí Tô Hoài Nam giúp đỡ quần chúng Tô Minh "
        "Khoa, hoàn thiện hồ sơ đề nghị kết nạp trong quý II/2025.",
    ),
    (
        "b2",
        "+ Đồng chí Lâm Ngọc Diệp lập danh sách học sinh đề nghị nhận học bổng, báo cáo "
        "chi bộ tại kỳ sinh hoạt tháng 4.",
    ),
    (
        "b2",
        "+ Toàn thể đảng viên tham gia ngày Chủ nhật xanh 23/3/2025; gia đình đảng viên "
        "đóng đủ phí vệ sinh trước ngày 25/3/2025.",
    ),
    (
        "p",
        "3/ Chi bộ biểu quyết thông qua nghị quyết tháng 3/2025: 9/9 đồng chí có mặt tán "
        "thành (100%).",
    ),
    (
        "p",
        "Cuộc họp kết thúc lúc 10h15 cùng ngày. Biên bản đã được đọc lại và được chi bộ thông qua.",
    ),
    ("sig", "THƯ KÝ|BÍ THƯ"),
    ("sig", "(đã ký)|(đã ký)"),
    ("sig", " | "),
    ("sig", "Huỳnh Minh Sang|Võ Thị Kim Oanh"),
]


def pdf_plain_text() -> str:
    lines = PDF_HEADER_LEFT + PDF_HEADER_RIGHT + [t.replace("|", " ") for _, t in PDF_LINES]
    return nfc("\n".join(lines))


def _dejavu_dir() -> Path:
    candidates = [
        os.environ.get("BIENBAN_TTF_DIR", ""),
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu",
        "/usr/local/share/fonts",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "DejaVuSerif.ttf").is_file():
            return Path(candidate)
    raise SystemExit("DejaVuSerif.ttf not found: install fonts-dejavu-core or set BIENBAN_TTF_DIR")


def write_pdf(path: Path) -> None:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    fonts = _dejavu_dir()
    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_DATE)
    pdf.set_title(nfc("Biên bản sinh hoạt chi bộ định kỳ tháng 3/2025"))
    pdf.set_author(nfc("Chi bộ khu phố 4"))
    pdf.set_creator("bienban corpus/samples/make_samples.py")
    pdf.add_font("DejaVuSerif", "", str(fonts / "DejaVuSerif.ttf"))
    pdf.add_font("DejaVuSerif", "B", str(fonts / "DejaVuSerif-Bold.ttf"))
    pdf.add_font("DejaVuSerif", "I", str(fonts / "DejaVuSerif-Italic.ttf"))
    pdf.set_margins(22, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    left = pdf.l_margin
    half = pdf.epw / 2
    line_h = 6

    # Header: two columns side by side (left organisation, right party name and date).
    y0 = pdf.get_y()
    for col, lines in enumerate((PDF_HEADER_LEFT, PDF_HEADER_RIGHT)):
        pdf.set_xy(left + col * half, y0)
        for line in lines:
            pdf.set_font("DejaVuSerif", "B" if line.isupper() else "I", 11)
            pdf.set_x(left + col * half)
            pdf.cell(half, line_h, nfc(line), align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_xy(left, y0 + line_h * 3 + 4)

    for kind, text in PDF_LINES:
        text = nfc(text)
        if kind == "title":
            pdf.set_font("DejaVuSerif", "B", 13)
            pdf.cell(0, 7, text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            continue
        if kind == "sig":
            if text.startswith("THƯ"):
                pdf.ln(4)
            a, b = text.split("|")
            style = "I" if a.startswith("(") else "B"
            pdf.set_font("DejaVuSerif", style, 11)
            pdf.cell(half, line_h, a.strip(), align="C")
            pdf.cell(half, line_h, b.strip(), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            continue
        indent = {"b1": 6, "b2": 12}.get(kind, 0)
        if kind == "heading":
            pdf.ln(1)
        pdf.set_font("DejaVuSerif", "B" if kind == "heading" else "", 11)
        pdf.set_x(left + indent)
        pdf.multi_cell(
            pdf.epw - indent, line_h, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    pdf.output(str(path))


# ---------------------------------------------------------------------------------------------
# 3. hop-hoi-dong-su-pham.txt - teachers' council, pasted from an e-mail (hard wraps at 70)
# ---------------------------------------------------------------------------------------------
# Each entry is one logical line; the generator hard-wraps it at 70 columns. Header lines
# marked with a leading "=" are written as they are (no wrapping), including the two header
# columns glued on one line as they come out of a copied Word table.

TXT_LINES = [
    "=UBND XÃ BÌNH MỸ ĐÔNG                     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "=TRƯỜNG THCS BÌNH MỸ ĐÔNG                      Độc lập - Tự do - Hạnh phúc",
    "=",
    "=                                 Bình Mỹ Đông, ngày 05 tháng 9 năm 2025",
    "=",
    "=                              BIÊN BẢN",
    "=                 HỌP HỘI ĐỒNG SƯ PHẠM THÁNG 9/2025",
    "=                    (Phiên họp đầu năm học 2025 - 2026)",
    "=",
    "Thời gian: bắt đầu lúc 7 giờ 30 phút, ngày 05 tháng 9 năm 2025.",
    "Địa điểm: Phòng họp hội đồng, dãy nhà B, Trường THCS Bình Mỹ Đông.",
    "Thành phần: toàn thể cán bộ, giáo viên, nhân viên của nhà trường. Tổng số 46 người, có "
    "mặt 44, vắng 02 (cô Đào Thị Phượng nghỉ thai sản, thầy Lưu Văn Kiên nghỉ ốm có giấy "
    "phép).",
    "Khách mời: Ông Phan Văn Tài - Trưởng ban đại diện cha mẹ học sinh nhà trường.",
    "Chủ tọa: Ông Huỳnh Tấn Lực - Hiệu trưởng.",
    "Thư ký: Cô Lê Thị Mỹ Duyên - giáo viên tổ Ngữ văn.",
    "=",
    "NỘI DUNG",
    "=",
    "1. Hiệu trưởng triển khai kế hoạch năm học 2025 - 2026",
    "Ông Huỳnh Tấn Lực báo cáo tóm tắt kết quả năm học trước và triển khai các nhiệm vụ "
    "trọng tâm của năm học mới:",
    "1) Quy mô: 28 lớp với 1.126 học sinh, tăng 2 lớp so với năm học trước do dân cư từ các "
    "khu công nghiệp chuyển về.",
    "2) Chất lượng: phấn đấu tỉ lệ học sinh lên lớp thẳng đạt từ 96% trở lên, giảm tỉ lệ "
    "học sinh bỏ học xuống dưới 0,5%; duy trì kết quả học sinh giỏi cấp thành phố.",
    "3) Nhiệm vụ trọng tâm:",
    "a. Tiếp tục thực hiện chương trình giáo dục phổ thông 2018 đối với tất cả các khối "
    "lớp, chú trọng dạy học theo hướng phát triển năng lực.",
    "b. Tổ chức dạy học 2 buổi/ngày cho khối 6 và khối 7 từ ngày 15/9/2025.",
    "c. Tăng cường ứng dụng công nghệ thông tin, sử dụng sổ điểm điện tử và học bạ số.",
    "d. Thực hiện nghiêm quy định về dạy thêm, học thêm; không tổ chức dạy thêm đối với học "
    "sinh mà giáo viên đang trực tiếp giảng dạy trên lớp.",
    "2. Phó Hiệu trưởng triển khai phân công chuyên môn",
    "Bà Nguyễn Thị Kim Loan - Phó Hiệu trưởng đọc dự thảo phân công chuyên môn, chủ nhiệm "
    "lớp và kiêm nhiệm. Định "
    "mức bình quân 18,5 tiết/tuần, riêng tổ Toán và tổ Ngữ văn phải dạy vượt giờ do thiếu "
    "02 giáo viên.",
    "3. Thảo luận",
    "Cô Nguyễn Thị Hoa (Tổ trưởng tổ Toán): Tổ Toán thống nhất cơ bản với dự thảo phân "
    "công. Tuy nhiên tổ hiện thiếu một giáo viên, mỗi người phải dạy 21 đến 22 tiết/tuần "
    "trong khi vẫn phải bồi dưỡng học sinh giỏi và phụ đạo học sinh yếu. Tôi đề nghị nhà "
    "trường xin hợp đồng thêm một giáo viên Toán trước tháng 10, nếu chưa được thì cho tổ "
    "gộp các lớp phụ đạo khối 9 lại để giảm số buổi.",
    "Thầy Bình: Tôi dạy Khoa học tự nhiên, năm nay được phân công thêm phụ trách phòng "
    "thực hành. Phòng thực hành Hóa - Sinh còn thiếu hóa chất, nhiều dụng cụ đã vỡ hoặc hư "
    "từ năm trước. Kính đề nghị bộ phận kế toán sớm mua bổ sung, nếu không thì các tiết "
    "thí nghiệm của học kỳ I chỉ dạy được trên video.",
    "Ông Phan Văn Tài: Thay mặt Ban đại diện cha mẹ học sinh, tôi ghi nhận nhà trường đã "
    "công khai các khoản thu ngay từ đầu năm. Phụ huynh phản ánh nhiều về tình trạng kẹt xe "
    "trước cổng trường giờ tan học buổi trưa. Tôi đề xuất nhà trường phối hợp với Công an "
    "xã phân luồng, đồng thời cho các lớp tan học lệch nhau khoảng mười phút. Ban đại diện "
    "sẵn sàng cử phụ huynh hỗ trợ trong tuần đầu.",
    "Bà Trần Thị Sương (Kế toán): Về đề nghị của thầy Bình, kinh phí chi thường xuyên đã "
    "dành 35 triệu đồng mua sắm thiết bị, hóa chất. Đề nghị các tổ gửi danh mục cụ thể, có "
    "số lượng và đơn giá dự kiến, trước ngày 12/9 để kế toán tổng hợp, làm thủ tục mua "
    "sắm theo quy định.",
    "Đồng chí ..........: Việc dạy 2 buổi/ngày cho khối 6, 7 là cần thiết nhưng buổi chiều "
    "nhiều em không có chỗ nghỉ trưa, phải ngồi ở hành lang. Cần bố trí phòng thư viện và "
    "phòng đa năng làm chỗ nghỉ, phân công giáo viên và bảo vệ trông trưa luân phiên.",
    "Cô Hoa bổ sung: Tổ Toán nhận xây dựng ngân hàng đề kiểm tra giữa kỳ dùng chung cho cả "
    "khối, hoàn thành trước khi kiểm tra giữa học kỳ I.",
    "4. Kết luận của chủ tọa",
    "Ông Huỳnh Tấn Lực tiếp thu các ý kiến và kết luận:",
    "a. Hội đồng thống nhất kế hoạch năm học và bảng phân công chuyên môn, có điều chỉnh "
    "giảm 01 lớp phụ đạo cho tổ Toán. Nhà trường làm tờ trình xin hợp đồng thêm 01 giáo "
    "viên Toán, gửi Ủy ban nhân dân xã trước ngày 15/9/2025.",
    "b. Giao thầy Võ Thanh Bình lập danh mục hóa chất, dụng cụ thực hành, gửi kế toán trước "
    "ngày 12/9/2025.",
    "c. Giao Phó Hiệu trưởng Nguyễn Thị Kim Loan phối hợp Ban đại diện cha mẹ học sinh và "
    "Công an xã xây dựng phương án phân luồng giờ tan học, áp dụng từ thứ Hai ngày "
    "08/9/2025.",
    "d. Giao tổ Văn phòng bố trí chỗ nghỉ trưa cho học sinh bán trú, lập lịch trực trưa "
    "trước ngày 15/9/2025.",
    "Hội đồng biểu quyết thông qua kết luận: 44/44 thành viên có mặt nhất trí (100%).",
    "Cuộc họp kết thúc lúc 10 giờ 15 cùng ngày.",
    "=",
    "=        THƯ KÝ                                        CHỦ TỌA",
    "=",
    "=    Lê Thị Mỹ Duyên                                Huỳnh Tấn Lực",
]


def txt_text() -> str:
    out: list[str] = []
    for line in TXT_LINES:
        if line.startswith("="):
            out.append(line[1:])
        else:
            out.extend(
                textwrap.wrap(line, width=70, break_long_words=False, break_on_hyphens=False)
            )
    return nfc("\n".join(out) + "\n")


# ---------------------------------------------------------------------------------------------
# 4. hop-nhom-du-an.vtt - WebVTT transcript of a company team meeting (voice tags)
# ---------------------------------------------------------------------------------------------

AN, HA, DUC, NHU, BAO = (
    "Nguyễn Văn An",
    "Trần Thu Hà",
    "Lê Minh Đức",
    "Phạm Quỳnh Như",
    "Đoàn Gia Bảo",
)

VTT_CUES: list[tuple[str, str]] = [
    (
        AN,
        "Rồi, chào cả nhà. Đủ người chưa nhỉ? Bảo vào chưa em? Thôi mình bắt đầu luôn "
        "cho đúng giờ nhé.",
    ),
    (
        AN,
        "Hôm nay mình chốt ba việc: lỗi thanh toán trên bản 2.3, lịch phát hành, với lại "
        "màn hình đặt lịch mới của Như.",
    ),
    (
        HA,
        "Dạ, bên em test lại hôm qua thì lỗi thanh toán vẫn còn anh ạ. Khoảng một trên "
        "hai mươi giao dịch bị treo ở bước xác nhận.",
    ),
    (AN, "Một trên hai mươi là nhiều đấy. Đức xem log chưa em?"),
    (
        DUC,
        "Em xem rồi anh. Có vẻ là do cổng thanh toán trả về chậm, app mình đợi quá mười "
        "giây thì báo lỗi nhưng tiền thì vẫn trừ.",
    ),
    (AN, "Thế thì nguy hiểm, khách bị trừ tiền mà không có lịch hẹn là họ gọi tổng đài ngay."),
    (
        DUC,
        "Vâng, em đề xuất là mình chuyển sang kiểu hỏi lại trạng thái giao dịch, chứ "
        "không dựa vào một lần gọi nữa.",
    ),
    (AN, "Ừ, anh thấy hợp lý. Làm cái đó mất bao lâu em?"),
    (DUC, "Chắc khoảng ba ngày code, cộng thêm một ngày để Hà test."),
    (
        AN,
        "Ok. Thế giao Đức sửa lỗi thanh toán nhé, xong trước thứ Sáu ngày 17 tháng 10. "
        "Được không em?",
    ),
    (DUC, "Dạ được anh."),
    (
        HA,
        "Anh ơi, em nghĩ nên có thêm bộ test tự động cho luồng thanh toán, chứ mỗi lần "
        "sửa lại phải bấm tay hơn bốn mươi bước.",
    ),
    (AN, "Đúng rồi. Hà viết luôn bộ test hồi quy cho luồng đó nhé, trước thứ Tư tuần sau."),
    (HA, "Vâng, em nhận."),
    (AN, "Giờ sang lịch phát hành. Theo kế hoạch cũ là ngày 20 lên cửa hàng ứng dụng."),
    (
        AN,
        "Nhưng nếu thứ Sáu mới xong phần thanh toán thì anh e là hơi sát, còn phải đợi duyệt nữa.",
    ),
    (NHU, "Em hỏi chút, bản 2.3 có bắt buộc đi kèm màn hình đặt lịch mới không anh?"),
    (AN, "Không bắt buộc. Sao em?"),
    (NHU, "Vì em còn vướng phần hiển thị trên máy màn hình nhỏ, nút chọn giờ bị che mất một nửa."),
    (NHU, "Em đề nghị tách ra, bản 2.3 chỉ sửa lỗi, còn màn hình mới để sang bản 2.4."),
    (AN, "Ừ, anh cũng đang nghĩ thế. Mọi người thấy sao?"),
    (HA, "Em đồng ý, tách ra thì phạm vi test nhỏ hơn nhiều."),
    (DUC, "Em cũng thấy nên tách."),
    (
        AN,
        "Vậy chốt nhé: 2.3 chỉ sửa lỗi thanh toán với mấy lỗi nhỏ, lùi ngày phát hành sang "
        "thứ Tư 22 tháng 10.",
    ),
    (AN, "Còn 2.4 có màn hình mới, dự kiến giữa tháng 11, Như chủ động báo anh nếu trễ."),
    (NHU, "Dạ vâng. Em sẽ gửi bản thiết kế sửa lại trước thứ Hai cho cả nhóm góp ý."),
    (
        AN,
        "Tốt. À, còn chuyện phản hồi của khách hàng tuần rồi. Bên chăm sóc khách hàng "
        "gửi sang hai mươi ba phản hồi.",
    ),
    (AN, "Phần lớn là về việc không nhận được tin nhắn nhắc lịch khám. Đức có biết vì sao không?"),
    (DUC, "Cái đó bên nhà mạng chặn tin nhắn có đường dẫn anh ạ. Mình phải đăng ký lại mẫu tin."),
    (AN, "Thế thì ai làm việc với nhà mạng?"),
    (
        BAO,
        "Dạ để em làm anh ạ, em đang giữ hợp đồng với bên đó, em sẽ gửi mẫu tin mới "
        "trong tuần này.",
    ),
    (AN, "Cảm ơn Bảo. Nhớ cc anh với Đức khi gửi nhé."),
    (
        HA,
        "Anh ơi, thêm một ý là em đề xuất mình họp nhanh mười lăm phút mỗi sáng trong "
        "tuần này, vì nhiều việc gối nhau quá.",
    ),
    (AN, "Được, chín giờ sáng mỗi ngày, họp online thôi cho nhanh."),
    (AN, "Rồi, anh tóm tắt lại. Một, Đức sửa lỗi thanh toán, xong trước thứ Sáu 17 tháng 10."),
    (AN, "Hai, Hà viết bộ test hồi quy trước thứ Tư. Ba, Như gửi thiết kế mới trước thứ Hai."),
    (AN, "Bốn, Bảo gửi mẫu tin nhắn cho nhà mạng trong tuần. Phát hành 2.3 dời sang ngày 22."),
    (AN, "Có ai còn ý kiến gì không? Không thì mình kết thúc ở đây nhé."),
    (HA, "Dạ không ạ."),
    (AN, "Ok, cảm ơn mọi người. Chúc cả nhà làm việc vui vẻ."),
]


def _ts(seconds: float, sep: str = ".") -> str:
    ms = round(seconds * 1000)
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _timed(
    cues: list[tuple[str, str]], start: float, pace: float
) -> list[tuple[float, float, str, str]]:
    """Give each cue a start and end time from its length (about `pace` words per second)."""
    out = []
    t = start
    for i, (speaker, text) in enumerate(cues):
        dur = max(1.2, word_count(text) / pace)
        out.append((t, t + dur, speaker, text))
        t += dur + (0.4 if i % 3 else 1.1)
    return out


def vtt_text() -> str:
    lines = ["WEBVTT", ""]
    for i, (start, end, speaker, text) in enumerate(_timed(VTT_CUES, 2.48, 2.6), 1):
        lines += [f"{i}-0", f"{_ts(start)} --> {_ts(end)}", f"<v {speaker}>{text}</v>", ""]
    return nfc("\n".join(lines))


# ---------------------------------------------------------------------------------------------
# 5. chi-doan-thang-10.srt - youth-union meeting, SRT from speech recognition
# ---------------------------------------------------------------------------------------------
# Speaker prefixes were added by hand for some lines only, in the recogniser's lowercase style
# for a few of them; cues without a prefix continue the previous speaker.

SRT_CUES = [
    "Hùng: rồi mình bắt đầu buổi sinh hoạt chi đoàn tháng mười nhé các bạn",
    "hôm nay có ba nội dung là hoạt động hai mươi tháng mười, đoàn phí với lại đợt tình "
    "nguyện cuối tháng",
    "Hùng: sĩ số hôm nay có mười tám trên hai mươi hai bạn, vắng bạn Khôi với bạn Trâm có xin phép",
    "Hùng: đầu tiên là ngày hai mươi tháng mười, các bạn có ý kiến gì không",
    "lan: mình đề xuất là tổ chức tặng hoa với viết thiệp cho các cô các chị trong cơ quan",
    "lan: thiệp thì mỗi bạn tự viết tay chứ đừng in sẵn, như vậy ý nghĩa hơn",
    "tuấn: mình đồng ý với lan nhưng kinh phí mua hoa lấy ở đâu",
    "Hùng: quỹ chi đoàn hiện còn khoảng một triệu hai, đủ mua hoa",
    "Vy: em nghĩ nên làm thêm một góc chụp ảnh nhỏ ở sảnh, em có thể lo phần trang trí",
    "Hùng: ok vậy giao lan phụ trách thiệp, vy lo trang trí, xong trước sáng ngày mười chín",
    "Hùng: nội dung thứ hai là đoàn phí quý bốn",
    "còn năm bạn chưa nộp quý ba, đề nghị các bạn nộp trước ngày mười lăm",
    "tuấn: cho mình hỏi nộp chuyển khoản được không hay phải nộp tiền mặt",
    "Hùng: chuyển khoản được, ghi rõ họ tên với nội dung đoàn phí",
    "Hùng: cuối cùng là đợt tình nguyện dọn vệ sinh bờ kênh sáng chủ nhật hai mươi sáu",
    "lan: mình đề xuất rủ thêm chi đoàn bên phòng kỹ thuật cho đông",
    "vy: em xin đăng ký mang găng tay với bao đựng rác",
    "Hùng: vậy tuấn liên hệ chi đoàn phòng kỹ thuật, báo lại mình trước thứ sáu",
    "tuấn: ok",
    "Hùng: các bạn thống nhất hết nhé, mười tám trên mười tám biểu quyết đồng ý, mình "
    "kết thúc buổi sinh hoạt",
]


def srt_text() -> str:
    lines = []
    timed = _timed([("", c) for c in SRT_CUES], 1.0, 2.8)
    for i, (start, end, _, text) in enumerate(timed, 1):
        lines += [str(i), f"{_ts(start, ',')} --> {_ts(end, ',')}", text, ""]
    return nfc("\n".join(lines))


# ---------------------------------------------------------------------------------------------

OUTPUTS = {
    "chi-bo-chuyen-de-quy-3.docx": (write_docx, docx_plain_text),
    "chi-bo-dinh-ky-thang-3.pdf": (write_pdf, pdf_plain_text),
    "hop-hoi-dong-su-pham.txt": (None, txt_text),
    "hop-nhom-du-an.vtt": (None, vtt_text),
    "chi-doan-thang-10.srt": (None, srt_text),
}


def _spoken_words(name: str, text: str) -> int:
    """Word count; for transcripts only the spoken text (no numbers, timings or tags)."""
    if name.endswith((".vtt", ".srt")):
        body = [
            ln
            for ln in text.splitlines()
            if ln and "-->" not in ln and not re.fullmatch(r"[\d-]+|WEBVTT", ln)
        ]
        return word_count(re.sub(r"</?v[^>]*>", " ", " ".join(body)))
    return word_count(text)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="output folder")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (writer, text_of) in OUTPUTS.items():
        path = args.out / name
        text = text_of()
        if writer is None:
            path.write_text(text, encoding="utf-8", newline="\n")
        else:
            writer(path)
        print(f"{name:32s} {_spoken_words(name, text):5d} words")


if __name__ == "__main__":
    main()
