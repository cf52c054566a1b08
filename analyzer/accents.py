"""Minutes typed without diacritics ("Dong chi Nguyen Van Hung ... co mat 12/14").

Rule patterns are written with diacritics. For a document that has (almost) none, the pipeline
switches to the same patterns with their diacritics removed; ``rx`` returns the right variant.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from analyzer.lexicon import fold

_folded: ContextVar[bool] = ContextVar("bienban_folded_patterns", default=False)


def unaccented(text: str, sample: int = 20000) -> bool:
    """True when the text's letters carry (almost) no Vietnamese diacritics."""
    letters = [c for c in text[:sample] if c.isalpha()]
    if len(letters) < 200:
        return False
    marked = sum(1 for c in letters if not c.isascii())
    return marked / len(letters) < 0.01


@contextmanager
def folded_patterns(on: bool) -> Iterator[None]:
    token = _folded.set(on)
    try:
        yield
    finally:
        _folded.reset(token)


@lru_cache(maxsize=512)
def _fold_compiled(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(fold(pattern.pattern), pattern.flags)


def folded() -> bool:
    """Are the patterns without diacritics in use (a document typed without them)?"""
    return _folded.get()


def rx(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern``, or its form without diacritics while a document without them is analysed."""
    return _fold_compiled(pattern) if _folded.get() else pattern
