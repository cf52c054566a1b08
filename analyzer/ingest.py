"""Read an input file into text: .txt/.md (any common Vietnamese encoding), .docx, .pdf, .vtt, .srt.

The text is returned as decoded, not yet normalised (``normalize.py`` does that). Every problem
with the input is raised as an ``AnalyzerError`` with a one-line Vietnamese message naming the
file; library exceptions never escape.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import re
import time
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from analyzer import captions
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
from analyzer.legacy_fonts import convert_legacy, vietnamese_ratio
from analyzer.schema import Warning_

MAX_INPUT_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000
MAX_DOCX_UNCOMPRESSED = 50 * 1024 * 1024
# A member this much larger than its compressed size is a zip bomb, not a Word document
# (document.xml compresses about 5-20 times).
MAX_COMPRESSION_RATIO = 200
_RATIO_MIN_BYTES = 1024 * 1024

SUPPORTED = ".docx, .pdf, .txt, .md, .vtt, .srt"
_EXTENSIONS = {
    "": "txt",
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".pdf": "pdf",
    ".vtt": "vtt",
    ".srt": "srt",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_WORD_DOCUMENT = "WordDocument".encode("utf-16-le")
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"MZ",
    b"\x7fELF",
    b"\x1f\x8b",
    b"Rar!",
    b"7z\xbc\xaf",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
    b"{\\rtf",
)
_MAX_CONTROL_RATIO = 0.02
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Deleted text, text boxes (also duplicated in mc:Fallback), field codes.
_SKIPPED = frozenset(
    {_W + "del", _W + "delText", _W + "txbxContent", _MC + "Fallback", _W + "instrText"}
)
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_PDF_LETTERS_PER_PAGE = 20
# Text extraction of one PDF: a 1,000,000-character PDF takes about 7 s (pypdf: about 1.7 s per
# MB of content stream); past the budget the file is refused as too complex.
_PDF_MAX_CPU_SECONDS = 20.0
# pypdf allows 5,000 form XObject calls per page, each parsed anew; pages that wrap their content
# in forms use a few.
_PDF_MAX_FORMS_PER_PAGE = 100
_CAPTION_OVERHEAD = 3

logging.getLogger("pypdf").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class RawDocument:
    name: str
    format: str
    text: str
    sha256: str
    warnings: tuple[Warning_, ...]


def read_path(path: str | os.PathLike[str]) -> RawDocument:
    """Read a file from disk; its size is checked before it is read."""
    file = Path(path)
    shown = display_name(str(file))
    try:
        size = file.stat().st_size
        if not file.is_file():
            raise InputNotFoundError(f"{display_name(file.name) or shown} không phải là một tệp.")
        if size > MAX_INPUT_BYTES:
            raise _too_large_file(display_name(file.name), size)
        data = file.read_bytes()
    except FileNotFoundError as exc:
        raise InputNotFoundError(f"Không tìm thấy tệp {shown}.") from exc
    except OSError as exc:
        raise InputNotFoundError(f"Không đọc được tệp {shown}: {exc.strerror or exc}.") from exc
    return read_bytes(data, file.name)


def read_bytes(data: bytes, name: str) -> RawDocument:
    """Read an uploaded file: format from the extension of ``name``, checked against the content."""
    name = display_name(name)
    if len(data) > MAX_INPUT_BYTES:
        raise _too_large_file(name, len(data))
    if not data.strip():
        raise EmptyInputError(f"Tệp {name} rỗng, không có nội dung để phân tích.")
    declared = _EXTENSIONS.get(Path(name).suffix.lower())
    actual = _sniff(data, declared, name)
    if actual in ("docx", "pdf"):
        notes = [] if actual == declared else [_mismatch(name, declared, actual)]
        text = _read_docx(data, name) if actual == "docx" else _read_pdf(data, name)
        return _document(name, actual, text, _sha256(data), notes)
    text, notes = _decode(data, name)
    _check_binary(text, name)
    return _from_text(text, name, declared, _sha256(data), notes)


def read_text(text: str, name: str = "text") -> RawDocument:
    """Wrap already-decoded text (API JSON input); captions and transcripts are recognised."""
    name = display_name(name)
    if not text.strip():
        raise EmptyInputError(f"Văn bản {name} rỗng, không có nội dung để phân tích.")
    declared = _EXTENSIONS.get(Path(name).suffix.lower()) if Path(name).suffix else None
    if declared in ("docx", "pdf"):
        declared = None
    _check_binary(text, name)
    return _from_text(text, name, declared, _sha256(text.encode("utf-8", "surrogatepass")), [])


def _from_text(
    text: str, name: str, declared: str | None, sha256: str, notes: list[Warning_]
) -> RawDocument:
    """Decide between plain text, WebVTT, SRT and transcript, and convert captions."""
    # Captions shrink when their timings go: refuse only what cannot fit once converted.
    _check_length(text, name, _CAPTION_OVERHEAD * MAX_TEXT_CHARS)
    if captions.looks_like_vtt(text):
        fmt = "vtt"
    elif captions.looks_like_srt(text):
        fmt = "srt"
    elif declared in ("vtt", "srt"):
        kind = "WebVTT" if declared == "vtt" else "SRT"
        raise CorruptDocumentError(f"Tệp {name} không đúng định dạng phụ đề {kind}.")
    else:
        fmt = declared or "txt"
    if declared is not None and fmt != declared:
        notes.append(_mismatch(name, declared, fmt))
    # Speaker labels are matched on the composed form: in NFD a name's combining marks are not
    # word characters, so "Thời gian:" was no label and an NFD transcript read as plain text.
    if fmt in ("vtt", "srt"):
        text = captions.captions_to_text(unicodedata.normalize("NFC", text), fmt, name)
    elif fmt == "txt" and captions.looks_like_transcript(unicodedata.normalize("NFC", text)):
        fmt = "transcript"
    return _document(name, fmt, text, sha256, notes)


def _document(name: str, fmt: str, text: str, sha256: str, notes: list[Warning_]) -> RawDocument:
    if not text.strip():
        raise EmptyInputError(f"Tệp {name} không có chữ nào để phân tích.")
    _check_length(text, name, MAX_TEXT_CHARS)
    return RawDocument(name=name, format=fmt, text=text, sha256=sha256, warnings=tuple(notes))


def _check_length(text: str, name: str, limit: int) -> None:
    if len(text) > limit:
        raise InputTooLargeError(
            f"Văn bản {name} quá dài ({len(text):,} ký tự; tối đa {MAX_TEXT_CHARS:,}); "
            "hãy tách thành nhiều tệp."
        )


def _check_binary(text: str, name: str) -> None:
    if _control_ratio(text) > _MAX_CONTROL_RATIO:
        raise UndecodableTextError(
            f"Tệp {name} chứa dữ liệu nhị phân, không phải văn bản đọc được."
        )


# --- format detection ------------------------------------------------------------------------


def _sniff(data: bytes, declared: str | None, name: str) -> str:
    """The real format of ``data``: "pdf", "docx", or the text format to try."""
    # A PDF may have a few bytes of junk before its header.
    if data.lstrip()[:5] == b"%PDF-" or (declared == "pdf" and b"%PDF-" in data[:1024]):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if declared == "docx" or _is_docx_zip(data):
            return "docx"
        raise UnsupportedFormatError(
            f"Tệp {name} là tệp nén hoặc tài liệu Office không phải Word (.docx); "
            f"chỉ hỗ trợ {SUPPORTED}."
        )
    if data.startswith(_OLE_MAGIC):
        # An encrypted .docx is an OLE file with an EncryptedPackage stream; a .doc has a
        # WordDocument stream (directory names are UTF-16).
        old_word = _WORD_DOCUMENT in data and _ENCRYPTED_PACKAGE not in data
        if old_word or (declared != "docx" and _ENCRYPTED_PACKAGE not in data):
            raise UnsupportedFormatError(
                f"Tệp {name} là tài liệu Word cũ (.doc) hoặc định dạng Office cũ; hãy mở bằng "
                "Word và lưu lại thành .docx."
            )
        raise EncryptedDocumentError(
            f"Tệp .docx {name} được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu trong Word rồi gửi lại."
        )
    if data.startswith(_BINARY_MAGIC) or declared is None:
        raise UnsupportedFormatError(
            f"Định dạng tệp {name} không được hỗ trợ; chỉ hỗ trợ {SUPPORTED}."
        )
    if declared in ("docx", "pdf"):
        raise CorruptDocumentError(
            f"Tệp {name} không phải tệp .{declared} hợp lệ (có thể bị hỏng hoặc sai đuôi tệp)."
        )
    return declared


def _is_docx_zip(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    # NotImplementedError: a member that needs a newer zip version than Python reads.
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return False


def _mismatch(name: str, declared: str | None, actual: str) -> Warning_:
    suffix = Path(name).suffix or "(không có đuôi)"
    return Warning_(
        code="format_mismatch",
        message=f"Tệp {name} có đuôi {suffix} nhưng nội dung là {actual}; đã đọc theo {actual}.",
    )


# --- plain text ------------------------------------------------------------------------------


def _decode(data: bytes, name: str) -> tuple[str, list[Warning_]]:
    """Decode text bytes: BOMs, then strict UTF-8, UTF-16 without BOM, legacy code pages."""
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            return _strict(data[len(bom) :], codec, name), []
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return _strict(data, utf16, name), []
    if b"\x00" in data:
        raise UndecodableTextError(f"Tệp {name} chứa dữ liệu nhị phân, không phải văn bản.")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    text, codec = _legacy_decode(data, name)
    return text, [
        Warning_(
            code="legacy_encoding",
            message=f"Tệp {name} không dùng UTF-8; đã đọc theo bảng mã {codec}.",
        )
    ]


def _strict(data: bytes, codec: str, name: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise UndecodableTextError(
            f"Tệp {name} có dấu hiệu mã {codec.upper()} nhưng bị lỗi mã hóa, không đọc được."
        ) from exc


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 by its NUL pattern: ASCII characters leave a NUL in every other byte."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0 : pairs * 2 : 2].count(0) / pairs
    odd = sample[1 : pairs * 2 : 2].count(0) / pairs
    if odd >= 0.2 and even <= 0.02:
        return "utf-16-le"
    if even >= 0.2 and odd <= 0.02:
        return "utf-16-be"
    return None


def _legacy_decode(data: bytes, name: str) -> tuple[str, str]:
    """Not UTF-8: Windows-1258, legacy-font bytes (kept as Latin-1), or charset-normalizer."""
    candidates: list[tuple[float, str, str]] = []
    try:
        cp1258: str | None = data.decode("cp1258")
    except UnicodeDecodeError:
        cp1258 = None
    if cp1258 is not None:
        # Windows-1258 writes tones as combining marks: score the composed form.
        score = vietnamese_ratio(unicodedata.normalize("NFC", cp1258))
        candidates.append((score, cp1258, "Windows-1258"))
    # Legacy-font bytes read as Windows-1252 (its quotes and dashes), Latin-1 if that fails;
    # both agree on the bytes that the font tables use.
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = data.decode("latin-1")
    conversion = convert_legacy(western)
    if conversion.family is not None:
        # Kept unconverted: normalize.py converts it and reports the font.
        score = vietnamese_ratio(unicodedata.normalize("NFC", conversion.text))
        candidates.append((score, western, f"Windows-1252 (phông {conversion.family} cũ)"))
    best = max(candidates, default=None, key=lambda candidate: candidate[0])
    if best is not None and best[0] >= 0.5:
        return best[1], best[2]
    guess = _charset_guess(data)
    if guess is not None:
        return guess
    if cp1258 is not None and _control_ratio(cp1258) <= _MAX_CONTROL_RATIO:
        return cp1258, "Windows-1258"
    raise UndecodableTextError(
        f"Không nhận ra bảng mã của tệp {name}; hãy lưu lại tệp dưới dạng UTF-8."
    )


def _charset_guess(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's guess; Windows-1252 wins when about as plausible (it tends to pick
    rarer Latin code pages for short Western text)."""
    from charset_normalizer import from_bytes

    try:
        matches = list(from_bytes(data))
    except Exception:  # a detector failure only means "no guess"
        return None
    plausible = [match for match in matches if match.chaos <= 0.3]
    if not plausible:
        return None
    best = plausible[0]
    for match in plausible:
        if match.encoding == "cp1252" and match.chaos <= best.chaos + 0.1:
            best = match
    return str(best), best.encoding


def _control_ratio(text: str) -> float:
    # Composed first: the same text in NFD has up to twice as many characters, which halved the
    # ratio (a text was refused as binary in NFC and accepted in NFD).
    sample = unicodedata.normalize("NFC", text[:100_000])
    if not sample:
        return 0.0
    controls = sum(
        1
        for c in sample
        if (c < " " and c not in "\t\n\r\f\v") or "\x7f" <= c <= "\x9f" or c == "\ufffd"
    )
    return controls / len(sample)


# --- Word ------------------------------------------------------------------------------------


def _read_docx(data: bytes, name: str) -> str:
    _check_zip(data, name)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_docx_lines(document.element.body))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise CorruptDocumentError(
            f"Tệp {name} bị hỏng hoặc không phải tệp .docx hợp lệ, không mở được."
        ) from exc
    except Exception as exc:  # lxml and python-docx raise many types on bad XML
        raise CorruptDocumentError(
            f"Tệp {name} bị hỏng, không đọc được nội dung .docx ({type(exc).__name__})."
        ) from exc
    return "\n".join(lines)


def _check_zip(data: bytes, name: str) -> None:
    """Reject zip bombs from the central directory, before anything is extracted."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except NotImplementedError as exc:  # "zip file version 19.1": a newer zip than Python reads
        raise CorruptDocumentError(
            f"Tệp {name} là tệp nén theo phiên bản ZIP không được hỗ trợ, không mở được; hãy mở "
            "bằng Word và lưu lại thành .docx."
        ) from exc
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise CorruptDocumentError(
            f"Tệp {name} bị hỏng hoặc không phải tệp .docx hợp lệ, không mở được."
        ) from exc
    total = sum(member.file_size for member in members)
    bomb = any(
        member.file_size > _RATIO_MIN_BYTES
        and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if total > MAX_DOCX_UNCOMPRESSED or bomb:
        raise InputTooLargeError(
            f"Tệp {name} giải nén ra quá lớn ({total // (1024 * 1024)} MB) hoặc có tỉ lệ nén "
            "bất thường; không xử lý để tránh quá tải."
        )
    if "word/document.xml" not in {member.filename for member in members}:
        raise CorruptDocumentError(f"Tệp {name} không phải tệp Word .docx (thiếu nội dung chính).")


def _docx_lines(container: Any) -> list[str]:
    """Paragraphs and table rows of a body (or content control) in document order."""
    lines: list[str] = []
    for child in container.iterchildren():
        if child.tag == _W + "p":
            lines.append(_paragraph_text(child))
        elif child.tag == _W + "tbl":
            lines.extend(_table_rows(child))
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                lines.extend(_docx_lines(content))
    return lines


def _paragraph_text(paragraph: Any) -> str:
    """Text of a w:p, including tracked insertions, without deletions and text boxes."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag in _SKIPPED:
                continue
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag == _W + "tab":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _table_rows(table: Any) -> list[str]:
    """Each row as one line, non-empty cells joined by " | "; a merged cell appears once."""
    rows: list[str] = []
    for row in table.iterchildren(_W + "tr"):
        cells: list[str] = []
        for cell in _row_cells(row):
            text = " ".join(" ".join(_docx_lines(cell)).split())
            if text:
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows


def _row_cells(element: Any) -> Any:
    """The cells of a row (a w:tc may sit inside a w:sdt or w:customXml), without descending
    into the cells: nested tables stay in their cell. Visiting every descendant cell from every
    row instead was quadratic: 200,000 cells in tables nested 80 deep took 37 s, now 2 s."""
    for child in element.iterchildren():
        if child.tag == _W + "tc":
            yield child
        elif child.tag != _W + "tbl":
            yield from _row_cells(child)


# --- PDF -------------------------------------------------------------------------------------


class _PdfTooSlow(Exception):
    """Text extraction went over its CPU budget."""


def _read_pdf(data: bytes, name: str) -> str:
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import DependencyError, FileNotDecryptedError

    encrypted = f"Tệp PDF {name} được bảo vệ bằng mật khẩu; hãy gỡ mật khẩu rồi gửi lại."
    with (
        warnings.catch_warnings(),
        apply_configuration(xform_maximum_invocations_per_extraction=_PDF_MAX_FORMS_PER_PAGE),
    ):
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data))
            # Many PDFs are encrypted with an empty user password: they open without one.
            if reader.is_encrypted and not reader.decrypt(""):
                raise EncryptedDocumentError(encrypted)
            pages = _pdf_pages(reader)
        except AnalyzerError:
            raise
        except _PdfTooSlow as exc:
            raise InputTooLargeError(
                f"Tệp PDF {name} quá phức tạp: đọc lớp văn bản cần hơn "
                f"{_PDF_MAX_CPU_SECONDS:.0f} giây; hãy xuất lại PDF từ Word hoặc gửi tệp .docx."
            ) from exc
        except (FileNotDecryptedError, DependencyError, NotImplementedError) as exc:
            raise EncryptedDocumentError(encrypted) from exc
        except Exception as exc:  # pypdf raises assorted errors on broken files
            raise CorruptDocumentError(f"Tệp PDF {name} bị hỏng, không đọc được.") from exc
    text = "\n".join(pages)
    letters = sum(c.isalpha() for c in text)
    if letters < max(10, _PDF_LETTERS_PER_PAGE * len(pages)):
        raise ScannedPdfError(
            f"Tệp {name} là PDF dạng ảnh quét, không có lớp văn bản; cần OCR trước khi phân tích."
        )
    return text


def _pdf_pages(reader: object) -> list[str]:
    """The text of each page, within a CPU budget: pypdf bounds the work of one content stream
    but not of a document, and parses a form XObject again at every call ("/X0 Do" 100 times on
    each of 10 pages, 2.4 KB in all, took 12 s). The budget is checked before every operator,
    so at most one stream is parsed past it."""
    deadline = time.thread_time() + _PDF_MAX_CPU_SECONDS

    def within_budget(*_: object) -> None:
        if time.thread_time() > deadline:
            raise _PdfTooSlow

    pages: list[str] = []
    size = 0
    for page in reader.pages:  # type: ignore[attr-defined]
        text = page.extract_text(visitor_operand_before=within_budget) or ""
        within_budget()  # pypdf swallows errors raised inside forms
        pages.append(text)
        size += len(text)
        if size > MAX_TEXT_CHARS:
            break
    return pages


# --- helpers ---------------------------------------------------------------------------------


def display_name(name: str) -> str:
    """A file name fit for a one-line message and for UTF-8 output: control characters (a
    newline is legal in a Linux file name) and lone surrogates (undecodable bytes of a file
    name, as Python represents them) become U+FFFD."""
    return _UNPRINTABLE.sub("\ufffd", name)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _too_large_file(name: str, size: int) -> InputTooLargeError:
    return InputTooLargeError(
        f"Tệp {name} quá lớn ({size / (1024 * 1024):.1f} MB; tối đa "
        f"{MAX_INPUT_BYTES // (1024 * 1024)} MB)."
    )
