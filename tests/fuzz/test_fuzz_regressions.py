"""Every crash the reader fuzzer found, replayed: each file in ``regressions/`` is the minimal
input, named ``<format>-<what>.<anything>``; it is read as ``fuzz.<format>`` and must give a
document or a clear ``AnalyzerError``, never another exception. Needs no atheris.

The fuzzer also starts from these files (``run_fuzz.py`` adds them to its seeds).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer import ingest
from analyzer.errors import AnalyzerError, CorruptDocumentError, UnsupportedFormatError

REGRESSIONS = Path(__file__).resolve().parent / "regressions"
FORMATS = ("docx", "pdf", "vtt", "srt", "txt", "md")
# What each one must give now, by file name, and what it used to raise.
EXPECTED: dict[str, type[AnalyzerError]] = {
    # zipfile raised NotImplementedError("zip file version 19.1") on a central directory entry
    # that needs a newer zip version: from _check_zip (.docx) and _is_docx_zip (other names).
    "docx-zip-version-19.1.zip": CorruptDocumentError,
}


def _cases() -> list[Path]:
    return sorted(path for path in REGRESSIONS.iterdir() if path.is_file())


@pytest.mark.parametrize("path", _cases(), ids=lambda path: path.name)
def test_a_fuzzer_crash_is_now_a_clear_error(path: Path) -> None:
    fmt = path.name.split("-", 1)[0]
    assert fmt in FORMATS, f"name {path.name} must start with a format"
    try:
        ingest.read_bytes(path.read_bytes(), f"fuzz.{fmt}")
    except AnalyzerError as error:
        assert "\n" not in error.message and f"fuzz.{fmt}" in error.message
        expected = EXPECTED.get(path.name)
        assert expected is None or isinstance(error, expected), error
    else:
        assert path.name not in EXPECTED, "expected an error"


def test_every_regression_has_its_expectation() -> None:
    assert sorted(EXPECTED) == [path.name for path in _cases()]


def test_a_newer_zip_version_under_another_name_is_not_a_word_document() -> None:
    data = (REGRESSIONS / "docx-zip-version-19.1.zip").read_bytes()
    for name in ("bien-ban.txt", "bien-ban"):
        with pytest.raises(UnsupportedFormatError):
            ingest.read_bytes(data, name)
