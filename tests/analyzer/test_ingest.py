"""Reading every supported input format, and refusing every bad one with a clear error."""

from __future__ import annotations

import hashlib
import io
import random
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from analyzer import ingest
from analyzer.errors import (
    AnalyzerError,
    CorruptDocumentError,
    EmptyInputError,
    EncryptedDocumentError,
    InputNotFoundError,
    InputTooLargeError,
    ScannedPdfError,
    UndecodableTextError,
    UnsupportedFormatError,
)
from analyzer.normalize import normalize_text
from tests.analyzer.builders import assemble_pdf

MINUTES = (
    "BIÊN BẢN SINH HOẠT CHI BỘ THÁNG 3\n"
    "Thời gian: 14 giờ ngày 15 tháng 3 năm 2024.\n"
    "Đồng chí Nguyễn Văn Hùng phát biểu: nhất trí với báo cáo, đề nghị bổ sung nhiệm vụ.\n"
    "Chi bộ thống nhất giao đồng chí Lan hoàn thành trước ngày 30/6/2024.\n"
)
TONES = "\u0300\u0301\u0303\u0309\u0323"


# --- builders --------------------------------------------------------------------------------


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 keeps â/ê/ô/ă/ơ/ư precomposed and writes the tone as a combining mark."""
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def docx_bytes(*blocks: str | list[list[str]]) -> bytes:
    """A .docx with paragraphs (str) and tables (list of rows) in the given order."""
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        else:
            table = document.add_table(rows=len(block), cols=len(block[0]))
            for r, row in enumerate(block):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(pages: list[list[str]]) -> bytes:
    """A minimal PDF: one Helvetica text line per string; an empty page has an empty stream."""
    count = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td"]
        ops += [f"({line}) Tj T*" for line in lines]
        stream = "\n".join([*ops, "ET"]).encode("latin-1") if lines else b""
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    return assemble_pdf(objects)


def encrypted_pdf(user_password: str) -> bytes:
    source = pdf_bytes([["Bien ban hop chi bo thang ba nam 2024"]])
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(size: int) -> bytes:
    """A docx-shaped zip whose document.xml inflates to ``size`` zero bytes."""
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": bytes(size)})


VTT = """WEBVTT

00:00:01.000 --> 00:00:03.000
<v Nguyễn Văn Hùng>Xin chào <b>các</b> đồng chí.</v>

00:00:03.000 --> 00:00:05.000
<v Nguyễn Văn Hùng>Hôm nay họp chi bộ.

00:00:05.000 --> 00:00:06.000
<v.loud Lan>Tôi đồng ý &amp; nhất trí.

00:00:06.000 --> 00:00:07.000
Minh: tôi cũng vậy

00:00:07.000 --> 00:00:08.000
không rõ ai nói

NOTE hai người nói trong một đoạn

00:00:08.000 --> 00:00:09.000
<v Lan>Câu một.</v>
<v Minh>Câu hai
tiếp tục.
"""

SRT = """1
00:00:01,000 --> 00:00:02,000
Nguyễn Văn A: Chào các đồng chí

2
00:00:02,000 --> 00:00:03,000
Nguyễn Văn A: hôm nay

3
00:00:03,000 --> 00:00:04,000
[Hùng] Tôi xin <i>phát biểu</i>

4
00:00:04,000 --> 00:00:05,000
HÙNG: tiếp theo
- Lan: Đồng ý.
"""


# --- good input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("utf-8"), id="utf-8"),
        pytest.param(lambda t: t.encode("utf-8-sig"), id="utf-8-sig"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16-bom"),
        pytest.param(lambda t: t.encode("utf-16-be"), id="utf-16-be-no-bom"),
        pytest.param(lambda t: t.encode("utf-16-le"), id="utf-16-le-no-bom"),
        pytest.param(
            lambda t: "\ufeff".encode("utf-16-be") + t.encode("utf-16-be"), id="utf-16-be"
        ),
        pytest.param(cp1258_bytes, id="cp1258"),
        pytest.param(lambda t: unicodedata.normalize("NFD", t).encode("utf-8"), id="nfd"),
    ],
)
def test_text_encodings_decode_to_the_same_text(encode: Callable[[str], bytes]) -> None:
    data = encode(MINUTES)
    doc = ingest.read_bytes(data, "bienban.txt")
    assert doc.format == "txt"
    assert normalize_text(doc.text).text == MINUTES
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


def test_cp1258_is_reported_as_legacy_encoding() -> None:
    doc = ingest.read_bytes(cp1258_bytes(MINUTES), "bienban.txt")
    assert [w.code for w in doc.warnings] == ["legacy_encoding"]


@pytest.mark.parametrize(
    "mojibake",
    [
        "Céng hoµ x· héi chñ nghÜa ViÖt Nam\nBiªn b¶n häp chi bé\n",
        "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nBieân baûn hoïp chi boä\n",
    ],
    ids=["tcvn3", "vni"],
)
def test_legacy_font_bytes_are_kept_for_the_normaliser(mojibake: str) -> None:
    mojibake = f"“{mojibake}” – "
    doc = ingest.read_bytes(mojibake.encode("cp1252"), "cu.txt")
    assert doc.text == mojibake
    normalized = normalize_text(doc.text)
    assert normalized.text == "“Cộng hòa xã hội chủ nghĩa Việt Nam\nBiên bản họp chi bộ\n” – "
    assert "legacy_font_converted" in {w.code for w in normalized.warnings}


@pytest.mark.parametrize(("name", "fmt"), [("a.md", "md"), ("README", "txt"), ("a.TXT", "txt")])
def test_text_extensions(name: str, fmt: str) -> None:
    assert ingest.read_bytes(MINUTES.encode(), name).format == fmt


def test_text_mentioning_pdf_is_still_text() -> None:
    text = "Ghi chú: tệp gốc bắt đầu bằng %PDF-1.4 nhưng đây là văn bản.\n"
    assert ingest.read_bytes(text.encode(), "ghichu.txt").format == "txt"


def test_latin1_text_in_another_language_is_decoded() -> None:
    text = "Le procès-verbal de la réunion a été approuvé à l'unanimité, déjà signé.\n" * 3
    doc = ingest.read_bytes(text.encode("cp1252"), "fr.txt")
    assert doc.text == text


def test_docx_paragraphs_and_tables_in_document_order() -> None:
    data = docx_bytes(
        "BIÊN BẢN HỌP CHI BỘ",
        [["STT", "Họ tên", "Ý kiến"], ["1", "Nguyễn Văn Hùng", "Nhất trí"]],
        "Cuộc họp kết thúc lúc 16 giờ.",
    )
    doc = ingest.read_bytes(data, "bienban.docx")
    assert doc.format == "docx"
    assert doc.text.split("\n") == [
        "BIÊN BẢN HỌP CHI BỘ",
        "STT | Họ tên | Ý kiến",
        "1 | Nguyễn Văn Hùng | Nhất trí",
        "Cuộc họp kết thúc lúc 16 giờ.",
    ]
    assert doc.warnings == ()


def test_docx_merged_cells_appear_once() -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "Kết quả biểu quyết"
    for c, value in enumerate(["Tán thành", "15", "100%"]):
        table.cell(1, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    doc = ingest.read_bytes(buffer.getvalue(), "bieuquyet.docx")
    assert doc.text.split("\n") == ["Kết quả biểu quyết", "Tán thành | 15 | 100%"]


def test_docx_tracked_changes_and_breaks() -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    paragraph = document.add_paragraph("Chi bộ ")
    paragraph._p.append(
        parse_xml(
            f"<w:ins {nsdecls('w')} w:id='1' w:author='a'><w:r><w:t>đã thống nhất</w:t>"
            "<w:br/><w:t>giao nhiệm vụ</w:t></w:r></w:ins>"
        )
    )
    paragraph._p.append(
        parse_xml(
            f"<w:del {nsdecls('w')} w:id='2' w:author='a'><w:r><w:delText> bị xóa</w:delText>"
            "</w:r></w:del>"
        )
    )
    buffer = io.BytesIO()
    document.save(buffer)
    doc = ingest.read_bytes(buffer.getvalue(), "sua.docx")
    assert doc.text == "Chi bộ đã thống nhất\ngiao nhiệm vụ"


def test_pdf_text_pages_are_joined() -> None:
    data = pdf_bytes([["Bien ban hop chi bo", "Dong chi Hung: nhat tri."], ["Ket luan cuoc hop."]])
    doc = ingest.read_bytes(data, "bienban.pdf")
    assert doc.format == "pdf"
    lines = [line for line in doc.text.split("\n") if line]
    assert lines == ["Bien ban hop chi bo", "Dong chi Hung: nhat tri.", "Ket luan cuoc hop."]


def test_pdf_encrypted_with_empty_user_password_opens() -> None:
    doc = ingest.read_bytes(encrypted_pdf(""), "mo.pdf")
    assert "Bien ban hop chi bo" in doc.text


def test_vtt_voice_tags_become_speaker_lines() -> None:
    doc = ingest.read_bytes(VTT.encode(), "hop.vtt")
    assert doc.format == "vtt"
    assert doc.text.split("\n") == [
        "Nguyễn Văn Hùng: Xin chào các đồng chí. Hôm nay họp chi bộ.",
        "Lan: Tôi đồng ý & nhất trí.",
        "Minh: tôi cũng vậy",
        "không rõ ai nói",
        "hai người nói trong một đoạn",  # a NOTE block stays, on a line of its own
        "Lan: Câu một.",
        "Minh: Câu hai tiếp tục.",
    ]


def test_vtt_notes_about_the_meeting_are_kept_and_read() -> None:
    """A WebVTT file may open with a NOTE that says which meeting it is; dropping it would lose
    the date, the time and the kind of meeting."""
    from analyzer.pipeline import analyze_raw

    vtt = (
        "WEBVTT\n\nNOTE\nHội đồng trường THPT Mỹ Lợi - phiên họp tháng 01/2026\n"
        "14:00 thứ Ba 13/01/2026, phòng họp tầng 2\n\n"
        "1\n00:00:04.000 --> 00:00:09.000\n<v Bạch Thị Thu>Mời thầy Toản trình bày.\n\n"
        "2\n00:00:10.000 --> 00:00:15.000\nHiệu trưởng: Dạ, năm nay dự toán 15 tỷ.\n"
    )
    doc = ingest.read_bytes(vtt.encode(), "hop.vtt")
    assert doc.text.split("\n")[:2] == [
        "Hội đồng trường THPT Mỹ Lợi - phiên họp tháng 01/2026",
        "14:00 thứ Ba 13/01/2026, phòng họp tầng 2",
    ]
    meeting = analyze_raw(doc)[0].meeting
    assert (str(meeting.date), meeting.start_time, meeting.kind) == (
        "2026-01-13",
        "14:00",
        "school_council",
    )


def test_srt_speaker_prefixes_are_merged() -> None:
    doc = ingest.read_bytes(SRT.encode("utf-8-sig"), "hop.srt")
    assert doc.format == "srt"
    assert doc.text.split("\n") == [
        "Nguyễn Văn A: Chào các đồng chí hôm nay",
        "Hùng: Tôi xin phát biểu tiếp theo",
        "Lan: Đồng ý.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hùng: chào mọi người\nlan: chào anh\nhùng: bắt đầu nhé\nlan: vâng\n", "transcript"),
        ("Hùng: Tôi đồng ý.\nLan: Tôi cũng vậy.\nHùng: Vậy thống nhất.\n", "transcript"),
        ("- Lan: Mở đầu.\n- Minh: Ý kiến.\n- Lan: Kết luận.\nGhi chú thêm.\n", "transcript"),
        ("[00:01] Hùng: Chào.\n[00:02] Lan: Chào anh.\n[00:03] Hùng: Bắt đầu.\n", "transcript"),
        (MINUTES, "txt"),
        ("Thời gian: 14 giờ\nĐịa điểm: hội trường\nThành phần: đủ\nChủ trì: Hùng\n", "txt"),
        ("Tôi nghĩ như sau: cần làm.\nMột dòng.\nHai dòng.\nBa dòng.\n", "txt"),
    ],
)
def test_transcript_shape_is_detected(text: str, expected: str) -> None:
    doc = ingest.read_bytes(text.encode(), "ghi.txt")
    assert doc.format == expected
    assert doc.text == text


def test_read_text_detects_shapes_and_hashes_utf8() -> None:
    text = "hùng: chào\nlan: chào anh\nhùng: bắt đầu\n"
    doc = ingest.read_text(text)
    assert (doc.name, doc.format, doc.warnings) == ("text", "transcript", ())
    assert doc.sha256 == hashlib.sha256(text.encode()).hexdigest()
    assert ingest.read_text(VTT).format == "vtt"
    assert ingest.read_text(MINUTES, "bienban.md").format == "md"


def test_read_path(tmp_path: Path) -> None:
    path = tmp_path / "bienban.docx"
    path.write_bytes(docx_bytes("Biên bản", [["a", "b"]]))
    doc = ingest.read_path(path)
    assert (doc.name, doc.format, doc.text) == ("bienban.docx", "docx", "Biên bản\na | b")


# --- wrong extension -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "name", "fmt"),
    [
        pytest.param(
            lambda: pdf_bytes([["Bien ban hop chi bo thang ba"]]), "a.docx", "pdf", id="pdf-as-docx"
        ),
        pytest.param(lambda: docx_bytes("Biên bản họp"), "a.txt", "docx", id="docx-as-txt"),
        pytest.param(lambda: docx_bytes("Biên bản họp"), "a.zip", "docx", id="docx-as-zip"),
        pytest.param(lambda: VTT.encode(), "a.txt", "vtt", id="vtt-as-txt"),
        pytest.param(lambda: SRT.encode(), "a.vtt", "srt", id="srt-as-vtt"),
        pytest.param(lambda: VTT.encode(), "a.srt", "vtt", id="vtt-as-srt"),
    ],
)
def test_wrong_extension_is_read_as_what_it_is(
    build: Callable[[], bytes], name: str, fmt: str
) -> None:
    doc = ingest.read_bytes(build(), name)
    assert doc.format == fmt
    assert [w.code for w in doc.warnings] == ["format_mismatch"]
    assert name in doc.warnings[0].message


# --- bad input -------------------------------------------------------------------------------

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
WORD_DOCUMENT = "WordDocument".encode("utf-16-le")


@pytest.mark.parametrize(
    ("build", "name", "error"),
    [
        pytest.param(lambda: b"", "a.txt", EmptyInputError, id="empty"),
        pytest.param(lambda: b" \n\t\r\n  ", "a.txt", EmptyInputError, id="whitespace"),
        pytest.param(lambda: "\ufeff \n".encode(), "a.txt", EmptyInputError, id="bom-only"),
        pytest.param(lambda: b"", "a.docx", EmptyInputError, id="empty-docx"),
        pytest.param(lambda: docx_bytes(""), "a.docx", EmptyInputError, id="docx-no-text"),
        pytest.param(lambda: b"WEBVTT\n\n", "a.vtt", EmptyInputError, id="vtt-no-cues"),
        pytest.param(
            lambda: random.Random(0).randbytes(4096), "a.txt", UndecodableTextError, id="random"
        ),
        pytest.param(lambda: bytes(range(256)) * 8, "a.txt", UndecodableTextError, id="all-bytes"),
        pytest.param(lambda: b"abc\x00def" * 50, "a.txt", UndecodableTextError, id="nul"),
        pytest.param(lambda: b"a\x01\x02\x03b" * 50, "a.md", UndecodableTextError, id="controls"),
        pytest.param(lambda: b"\x89PNG\r\n\x1a\n" + bytes(64), "a.png", UnsupportedFormatError),
        pytest.param(lambda: b"\x89PNG\r\n\x1a\n" + bytes(64), "a.txt", UnsupportedFormatError),
        pytest.param(lambda: b"MZ\x90\x00" + bytes(64), "setup.exe", UnsupportedFormatError),
        pytest.param(
            lambda: zip_bytes({"xl/workbook.xml": b"<x/>"}), "a.xlsx", UnsupportedFormatError
        ),
        pytest.param(lambda: zip_bytes({"a.txt": b"abc"}), "a.zip", UnsupportedFormatError),
        pytest.param(lambda: b"a,b\n1,2\n", "a.csv", UnsupportedFormatError, id="csv"),
        pytest.param(lambda: OLE, "a.doc", UnsupportedFormatError, id="old-doc"),
        pytest.param(
            lambda: OLE + WORD_DOCUMENT, "a.docx", UnsupportedFormatError, id="doc-as-docx"
        ),
        pytest.param(lambda: OLE, "a.docx", EncryptedDocumentError, id="encrypted-docx"),
        pytest.param(
            lambda: OLE + "EncryptedPackage".encode("utf-16-le"),
            "a.doc",
            EncryptedDocumentError,
            id="encrypted-package",
        ),
        pytest.param(lambda: b"PK\x03\x04garbage", "a.docx", CorruptDocumentError, id="bad-zip"),
        pytest.param(lambda: docx_bytes("x")[:300], "a.docx", CorruptDocumentError, id="truncated"),
        pytest.param(
            lambda: zip_bytes({"word/other.xml": b"<x/>"}), "a.docx", CorruptDocumentError
        ),
        pytest.param(
            lambda: zip_bytes({"[Content_Types].xml": b"<x", "word/document.xml": b"<w:"}),
            "a.docx",
            CorruptDocumentError,
            id="bad-xml",
        ),
        pytest.param(lambda: MINUTES.encode(), "a.docx", CorruptDocumentError, id="text-as-docx"),
        pytest.param(lambda: MINUTES.encode(), "a.pdf", CorruptDocumentError, id="text-as-pdf"),
        pytest.param(lambda: b"%PDF-1.4\ngarbage", "a.pdf", CorruptDocumentError, id="bad-pdf"),
        pytest.param(lambda: pdf_bytes([[]]), "a.pdf", ScannedPdfError, id="scanned-pdf"),
        pytest.param(lambda: pdf_bytes([["1"], ["2"]]), "a.pdf", ScannedPdfError, id="pagenums"),
        pytest.param(lambda: encrypted_pdf("secret"), "a.pdf", EncryptedDocumentError),
        pytest.param(lambda: zip_bomb(60 * 1024 * 1024), "a.docx", InputTooLargeError, id="bomb"),
        pytest.param(lambda: b"hello\nworld\n", "a.vtt", CorruptDocumentError, id="not-vtt"),
        pytest.param(lambda: b"hello\nworld\n", "a.srt", CorruptDocumentError, id="not-srt"),
    ],
)
def test_bad_input_raises_a_clear_error(
    build: Callable[[], bytes], name: str, error: type[AnalyzerError]
) -> None:
    with pytest.raises(error) as info:
        ingest.read_bytes(build(), name)
    message = info.value.message
    assert name in message
    assert "\n" not in message
    assert message != message.encode("ascii", "ignore").decode()  # Vietnamese, with diacritics


def test_empty_pdf_page_message_mentions_ocr() -> None:
    with pytest.raises(ScannedPdfError, match="OCR"):
        ingest.read_bytes(pdf_bytes([[]]), "scan.pdf")


def test_unsupported_format_lists_the_supported_ones() -> None:
    with pytest.raises(UnsupportedFormatError) as info:
        ingest.read_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64), "anh.png")
    for extension in (".docx", ".pdf", ".txt", ".md", ".vtt", ".srt"):
        assert extension in info.value.message


def test_compression_ratio_is_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_DOCX_UNCOMPRESSED", 10**12)
    with pytest.raises(InputTooLargeError):
        ingest.read_bytes(zip_bomb(4 * 1024 * 1024), "nen.docx")


def test_text_over_the_char_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_TEXT_CHARS", 100)
    with pytest.raises(InputTooLargeError):
        ingest.read_bytes(MINUTES.encode(), "dai.txt")
    with pytest.raises(InputTooLargeError):
        ingest.read_bytes(docx_bytes(MINUTES), "dai.docx")
    with pytest.raises(InputTooLargeError):
        ingest.read_text(MINUTES)


def test_file_over_the_byte_cap_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "lon.txt"
    path.write_bytes(MINUTES.encode())
    monkeypatch.setattr(ingest, "MAX_INPUT_BYTES", 10)

    def no_read(self: Path) -> bytes:
        raise AssertionError("read before the size check")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    with pytest.raises(InputTooLargeError, match=r"lon\.txt"):
        ingest.read_path(path)
    with pytest.raises(InputTooLargeError):
        ingest.read_bytes(MINUTES.encode(), "lon.txt")


@pytest.mark.parametrize("relative", ["khong_co.docx", "."])
def test_missing_file_or_directory(tmp_path: Path, relative: str) -> None:
    with pytest.raises(InputNotFoundError) as info:
        ingest.read_path(tmp_path / relative)
    assert info.value.code == "not_found"
    assert info.value.http_status == 404


@pytest.mark.parametrize("text", ["", "  \n\t"])
def test_read_text_empty(text: str) -> None:
    with pytest.raises(EmptyInputError):
        ingest.read_text(text)


def test_read_text_binary() -> None:
    with pytest.raises(UndecodableTextError):
        ingest.read_text("a\x00\x01\x02b" * 20)
