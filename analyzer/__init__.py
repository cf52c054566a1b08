"""bienban analyzer: Vietnamese meeting minutes and transcripts to a structured analysis."""

from __future__ import annotations

from analyzer.errors import AnalyzerError
from analyzer.schema import SCHEMA_VERSION, Analysis

__all__ = ["SCHEMA_VERSION", "Analysis", "AnalyzerError", "analyze"]


def analyze(path_or_text, roster=None) -> Analysis:  # type: ignore[no-untyped-def]
    """Analyse a file path or a text; see ``analyzer.pipeline.analyze``."""
    from analyzer.pipeline import analyze as _analyze

    return _analyze(path_or_text, roster=roster)
