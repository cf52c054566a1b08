"""Coverage-guided fuzzing of the file readers with atheris (libFuzzer for Python).

One target: the first byte of an input picks the format (``FORMATS[byte % 6]``), the rest is the
file, read with ``analyzer.ingest.read_bytes(rest, "fuzz.<format>")``. Bad input must end in an
``AnalyzerError`` (a clear Vietnamese message); any other exception is a bug and a crash.

    python tests/fuzz/fuzz_readers.py CORPUS_DIR -runs=10000 -timeout=10 -rss_limit_mb=2048
    python tests/fuzz/fuzz_readers.py --write-seeds CORPUS_DIR
    python tests/fuzz/fuzz_readers.py --reproduce CRASH_FILE...

``tests/fuzz/run_fuzz.py`` drives it format by format and counts inputs and crashes. The seeds
are the samples of ``corpus/samples``, small generated files and the minimal inputs of the
crashes found so far (``tests/fuzz/regressions``, replayed by ``test_fuzz_regressions.py``).

Environment:

- ``BIENBAN_FUZZ_FORMAT``: fuzz one format only (the first byte is then ignored);
- ``BIENBAN_FUZZ_KNOWN``: a file of crash signatures (one a line) already reported in this run,
  treated as handled so that the fuzzer goes on looking for other bugs;
- ``BIENBAN_FUZZ_PIPELINE=1``: also analyse every text the reader accepts (much slower);
- ``BIENBAN_FUZZ_SELFTEST=1``: inputs starting with "SELFTEST" (after the format byte) crash,
  to check that crashes are caught and reported (a "SELFTEST" seed is then added).

A .docx is a zip whose members carry CRCs, so flipping bytes almost never gets past the zip
layer; the custom mutator therefore mutates, three times out of four, one member of the zip
(mostly ``word/document.xml``) and packs the zip again.
"""

from __future__ import annotations

import importlib
import io
import os
import random
import sys
import traceback
import unicodedata
import zipfile
from pathlib import Path

import atheris

FORMATS = ("docx", "pdf", "vtt", "srt", "txt", "md")
_PINNED = os.environ.get("BIENBAN_FUZZ_FORMAT") or None
if _PINNED is not None and _PINNED not in FORMATS:
    sys.exit(f"BIENBAN_FUZZ_FORMAT must be one of {', '.join(FORMATS)}")
# The readers import python-docx and pypdf lazily: imported here, they are instrumented too
# (only the libraries of the pinned format: instrumenting pypdf takes seconds).
_LIBRARIES = {"docx": ["docx"], "pdf": ["pypdf"]}.get(_PINNED or "", ["webvtt"])
if _PINNED is None:
    _LIBRARIES = ["docx", "pypdf", "webvtt"]
with atheris.instrument_imports(include=["analyzer", *_LIBRARIES]):
    for _library in _LIBRARIES:
        importlib.import_module(_library)
    from analyzer import ingest
    from analyzer.errors import AnalyzerError

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "corpus" / "samples"
CRASH_MARK = "BIENBAN-FUZZ-CRASH"

_PIPELINE = os.environ.get("BIENBAN_FUZZ_PIPELINE") == "1"
# Checks the harness itself: every input whose file part starts with "SELFTEST" crashes.
_SELFTEST = os.environ.get("BIENBAN_FUZZ_SELFTEST") == "1"
_MAX_ZIP_MEMBERS_BYTES = 4 * 1024 * 1024


def _known() -> frozenset[str]:
    path = os.environ.get("BIENBAN_FUZZ_KNOWN")
    if not path or not Path(path).exists():
        return frozenset()
    return frozenset(line.strip() for line in Path(path).read_text().splitlines() if line.strip())


_KNOWN = _known()


def split(data: bytes) -> tuple[str, bytes]:
    """The format an input stands for, and the file bytes."""
    fmt = _PINNED or FORMATS[data[0] % len(FORMATS)]
    return fmt, data[1:]


def signature(exc: BaseException) -> str:
    """Where an exception was raised: its type and the innermost frame (file:line)."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = "?"
    if frames:
        frame = frames[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
    return f"{type(exc).__name__}@{where}"


def check(data: bytes) -> None:
    """Read one input; return quietly when the reader accepts or refuses it properly."""
    if not data:
        return
    fmt, body = split(data)
    if _SELFTEST and body.startswith(b"SELFTEST"):
        raise RuntimeError("fuzz harness self-test")
    try:
        raw = ingest.read_bytes(body, f"fuzz.{fmt}")
        if _PIPELINE:
            from analyzer.pipeline import analyze_raw

            analyze_raw(raw)
    except AnalyzerError as error:
        if not error.message or "\n" in error.message:
            raise AssertionError(f"bad message for {error.code}: {error.message!r}") from error


def target(data: bytes) -> None:
    try:
        check(data)
    except Exception as exc:
        sig = signature(exc)
        if sig in _KNOWN:
            return
        print(f"\n{CRASH_MARK} {sig}", file=sys.stderr, flush=True)
        raise


# --- structure-aware mutation of .docx ---------------------------------------------------------


def _mutate_zip(body: bytes, max_size: int, rng: random.Random) -> bytes | None:
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            infos = archive.infolist()
            if not infos or sum(i.file_size for i in infos) > _MAX_ZIP_MEMBERS_BYTES:
                return None
            members = [(info.filename, archive.read(info)) for info in infos]
    except Exception:  # not a readable zip (any more): plain byte mutation
        return None
    names = [name for name, _ in members]
    if "word/document.xml" in names and rng.random() < 0.7:
        index = names.index("word/document.xml")
    else:
        index = rng.randrange(len(members))
    name, content = members[index]
    content = atheris.Mutate(content, len(content) + 256)
    members[index] = (name, content)
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if rng.random() < 0.8 else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for member_name, member_data in members:
            archive.writestr(member_name, member_data)
    out = buffer.getvalue()
    return out if len(out) <= max_size else None


def mutate(data: bytes, max_size: int, seed: int) -> bytes:
    rng = random.Random(seed)
    if len(data) > 1 and split(data)[0] == "docx" and rng.random() < 0.75:
        body = _mutate_zip(data[1:], max_size - 1, rng)
        if body is not None:
            return data[:1] + body
    return atheris.Mutate(data, max_size)


# --- seeds ---------------------------------------------------------------------------------------

_TEXT = (
    "CHI BỘ TỔ DÂN PHỐ 5\nBIÊN BẢN SINH HOẠT CHI BỘ THÁNG 3\n"
    "Vào hồi 14 giờ 00 ngày 15/3/2024, tại Hội trường.\n"
    "Chủ trì: đồng chí Nguyễn Văn Hùng. Thư ký: đồng chí Trần Thị Lan.\n"
    "- Đồng chí Lan phát biểu: đề nghị tăng cường kiểm tra.\n"
    "- Đ/c Hùng: nhất trí. Giao đồng chí Minh hoàn thành trước ngày 30/4/2024.\n"
    "Biểu quyết: 9/9 đồng chí tán thành (100%).\n"
)
_VTT = (
    "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\n<v Nguyễn Văn Hùng>Xin chào <b>các</b> đồng chí.</v>"
    "\n\n00:00:03.000 --> 00:00:05.000\n<v.loud Lan>Tôi đồng ý &amp; nhất trí.\n\n"
    "NOTE ghi chú\n\n00:00:05.000 --> 00:00:06.000 align:start\nMinh: tôi cũng vậy\n"
)
_SRT = (
    "1\n00:00:01,000 --> 00:00:02,000\nNguyễn Văn A: Chào các đồng chí\n\n"
    "2\n00:00:02,000 --> 00:00:03,000\n[Hùng] Tôi xin <i>phát biểu</i>\n- Lan: Đồng ý.\n"
)
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def _cp1258(text: str) -> bytes:
    """Windows-1258 writes the tone as a combining mark after a precomposed base.

    The same as ``tests.analyzer.test_ingest.cp1258_bytes``, copied for the reason given at
    ``_assemble_pdf``."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        marks = "".join(c for c in decomposed if c in tones)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out.append(base + marks)
    return "".join(out).encode("cp1258")


def _docx(body_xml: str) -> bytes:
    """The smallest package python-docx opens, with the given w:body content."""
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {_W} {_MC}>'
        f"<w:body>{body_xml}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def _paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _docx_seeds() -> list[bytes]:
    lines = _TEXT.splitlines()
    table = (
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>STT</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>Họ và tên</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>Nguyễn Văn Hùng</w:t></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>lồng</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "</w:tc></w:tr></w:tbl>"
    )
    tricky = (
        "<w:p><w:r><w:t>Đ/c Lan</w:t></w:r><w:ins><w:r><w:t> phát biểu:</w:t></w:r></w:ins>"
        "<w:del><w:r><w:delText>xóa</w:delText></w:r></w:del><w:r><w:tab/><w:t>a</w:t>"
        "<w:br/><w:t>b</w:t><w:noBreakHyphen/><w:cr/></w:r></w:p>"
        "<w:sdt><w:sdtContent>" + _paragraph("trong sdt") + "</w:sdtContent></w:sdt>"
        "<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent>"
        + _paragraph("hộp văn bản")
        + "</w:txbxContent></mc:Choice><mc:Fallback>fallback</mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    seeds = [
        _docx("".join(_paragraph(line) for line in lines)),
        _docx(_paragraph(lines[1]) + table + tricky),
    ]
    sample = SAMPLES / "chi-bo-chuyen-de-quy-3.docx"
    if sample.exists():
        seeds.append(sample.read_bytes())
    return seeds


def _pdf(pages: list[list[str]], compress: bool = False) -> bytes:
    """A small PDF with one Helvetica text line per string."""
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 720 Td", *(f"({line}) Tj T*" for line in lines)]
        stream = "\n".join([*ops, "ET"]).encode("latin-1")
        extra = b""
        if compress:
            import zlib

            stream, extra = zlib.compress(stream), b" /Filter /FlateDecode"
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << "
            f"/F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(stream), extra, stream))
    return _assemble_pdf(objects)


def _assemble_pdf(objects: list[bytes]) -> bytes:
    """Numbered objects 1..n (1 is the catalogue), a cross-reference table and the trailer.

    The same as ``tests.analyzer.builders.assemble_pdf``: this script runs on its own under
    atheris, where importing the test package would load the analyzer uninstrumented."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _pdf_with_form(lines: list[str]) -> bytes:
    """A page that shows its text through a form XObject, called twice."""
    ops = "\n".join(["BT", "/F1 12 Tf", "14 TL", "72 720 Td", *(f"({x}) Tj T*" for x in lines)])
    form = (ops + "\nET").encode("latin-1")
    page = b"/X0 Do\nq 1 0 0 1 0 -300 cm /X0 Do Q\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [6 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R"
        b" >> >> /Length %d >>\nstream\n%s\nendstream" % (len(form), form),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(page), page),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R"
        b" >> /XObject << /X0 4 0 R >> >> /Contents 5 0 R >>",
    ]
    return _assemble_pdf(objects)


def _pdf_seeds() -> list[bytes]:
    ascii_lines = [
        unicodedata.normalize("NFD", line).encode("ascii", "ignore").decode()
        for line in _TEXT.splitlines()
    ]
    seeds = [
        _pdf([ascii_lines[:3], ascii_lines[3:]]),
        _pdf([ascii_lines], compress=True),
        _pdf_with_form(ascii_lines),
    ]
    try:
        from pypdf import PdfReader, PdfWriter

        for password in ("", "secret"):
            writer = PdfWriter(clone_from=PdfReader(io.BytesIO(seeds[0])))
            writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
            buffer = io.BytesIO()
            writer.write(buffer)
            seeds.append(buffer.getvalue())
    except Exception:  # seeds are a convenience: fuzz without the encrypted ones
        pass
    sample = SAMPLES / "chi-bo-dinh-ky-thang-3.pdf"
    if sample.exists():
        seeds.append(sample.read_bytes())
    return seeds


def _text_seeds(fmt: str) -> list[bytes]:
    if fmt == "vtt":
        seeds = [_VTT.encode(), _VTT.encode("utf-16")]
        sample = SAMPLES / "hop-nhom-du-an.vtt"
    elif fmt == "srt":
        seeds = [_SRT.encode(), _SRT.replace("\n", "\r\n").encode("utf-8-sig")]
        sample = SAMPLES / "chi-doan-thang-10.srt"
    else:
        transcript = "Hùng: chào các bạn\nLan: đồng ý\nHùng: vậy nhé\n"
        seeds = [
            _TEXT.encode(),
            _cp1258(_TEXT),
            _TEXT.encode("utf-16"),
            _TEXT.encode("utf-16-le"),
            "Céng hoµ x· héi chñ nghÜa ViÖt Nam\nBiªn b¶n häp chi bé\n".encode("cp1252"),
            "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nBieân baûn hoïp\n".encode("cp1252"),
            transcript.encode(),
            "# Biên bản\n\n* **Đ/c Lan**: nhất trí\n".encode(),
        ]
        sample = SAMPLES / "hop-hoi-dong-su-pham.txt"
    if sample.exists():
        seeds.append(sample.read_bytes())
    return seeds


def seeds(fmt: str) -> list[bytes]:
    """Seed inputs for one format, each with its format byte in front."""
    prefix = bytes([FORMATS.index(fmt)])
    if fmt == "docx":
        bodies = _docx_seeds()
    elif fmt == "pdf":
        bodies = _pdf_seeds()
    else:
        bodies = _text_seeds(fmt)
    # The minimal inputs of the crashes found so far (tests/fuzz/regressions/<format>-*).
    regressions = Path(__file__).resolve().parent / "regressions"
    if regressions.is_dir():
        bodies += [p.read_bytes() for p in sorted(regressions.glob(f"{fmt}-*")) if p.is_file()]
    if _SELFTEST:
        bodies.append(b"SELFTEST")
    return [prefix + body for body in bodies]


def write_seeds(directory: Path, formats: tuple[str, ...] = FORMATS) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    count = 0
    for fmt in formats:
        for number, data in enumerate(seeds(fmt)):
            (directory / f"seed-{fmt}-{number}").write_bytes(data)
            count += 1
    return count


def reproduce(path: Path) -> int:
    """Run one saved input outside the fuzzer: 0 when it is handled, 1 with the traceback."""
    data = path.read_bytes()
    try:
        check(data)
    except Exception:
        traceback.print_exc()
        return 1
    fmt, body = split(data)
    print(f"{path}: {fmt}, {len(body)} bytes, handled")
    return 0


def main(argv: list[str]) -> int:
    if len(argv) >= 3 and argv[1] == "--write-seeds":
        formats = (_PINNED,) if _PINNED else FORMATS
        print(write_seeds(Path(argv[2]), formats), "seeds written")
        return 0
    if len(argv) >= 3 and argv[1] == "--reproduce":
        return max(reproduce(Path(path)) for path in argv[2:])
    if _PIPELINE:
        from analyzer.pipeline import get_nlp

        get_nlp()
    atheris.Setup(argv, target, custom_mutator=mutate)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
