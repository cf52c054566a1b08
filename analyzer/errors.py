"""Errors the analyzer raises for bad input.

Every error carries a stable ``code`` (for the API and scripts) and a one-line Vietnamese
``message`` for the person who submitted the file. Callers never see a traceback for bad input:
the CLI prints ``message`` and exits with status 2; the API maps ``http_status``.
"""

from __future__ import annotations


class AnalyzerError(Exception):
    """Base class: the input cannot be analysed, for a reason the user can act on."""

    code = "analyzer_error"
    http_status = 422

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class EmptyInputError(AnalyzerError):
    code = "empty_input"


class UnsupportedFormatError(AnalyzerError):
    code = "unsupported_format"
    http_status = 415


class InputTooLargeError(AnalyzerError):
    code = "input_too_large"
    http_status = 413


class CorruptDocumentError(AnalyzerError):
    code = "corrupt_document"


class EncryptedDocumentError(AnalyzerError):
    code = "encrypted_document"


class ScannedPdfError(AnalyzerError):
    code = "scanned_pdf"


class UndecodableTextError(AnalyzerError):
    code = "undecodable_text"


class RosterError(AnalyzerError):
    code = "invalid_roster"


class InputNotFoundError(AnalyzerError):
    code = "not_found"
    http_status = 404
