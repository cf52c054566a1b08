"""A spaCy tokenizer for Vietnamese that wraps underthesea ``word_tokenize``.

underthesea returns multi-syllable words ("kiểm tra", "Nguyễn Văn Hùng") but drops the exact
whitespace; this tokenizer aligns every word back to the input so that ``doc.text == text`` and
token offsets index the original string. Whitespace that is not a single space between two words
(newlines, runs of spaces) becomes a whitespace token, as in spaCy's own tokenizers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc
from spacy.util import DummyTokenizer, registry
from spacy.vocab import Vocab

TOKENIZER_NAME = "bienban.vi_underthesea.v1"

# Lines longer than this are split at sentence punctuation before segmentation: underthesea
# slows down on very long strings (a whole document pasted on one line).
_MAX_CHUNK = 400
_SENTENCE_BREAK = re.compile(r"(?<=[.!?;:])\s+")
_LINE = re.compile(r"[^\n]+")


class UndertheseaTokenizer(DummyTokenizer):
    """Word segmentation with underthesea, exact offsets, serialisable settings."""

    def __init__(self, vocab: Vocab, fixed_words: Iterable[str] = ()) -> None:
        self.vocab = vocab
        self.fixed_words = sorted(set(fixed_words))
        from underthesea import word_tokenize

        self._word_tokenize = word_tokenize

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return UndertheseaTokenizer, (self.vocab, self.fixed_words)

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for start, end in self._word_offsets(text):
            gap = text[pos:start]
            if gap == " " and words:
                spaces[-1] = True
            elif gap:
                words.append(gap)
                spaces.append(False)
            words.append(text[start:end])
            spaces.append(False)
            pos = end
        if pos < len(text):
            words.append(text[pos:])
            spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _word_offsets(self, text: str) -> Iterator[tuple[int, int]]:
        for start, end in _chunks(text):
            yield from self._align(text, start, end)

    def _align(self, text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
        chunk = text[start:end]
        pos = 0
        kwargs = {"use_token_normalize": False}
        if self.fixed_words:
            kwargs["fixed_words"] = self.fixed_words  # type: ignore[assignment]
        for word in self._word_tokenize(chunk, **kwargs):
            syllables = word.split()
            first = last = -1
            for syllable in syllables:
                found = chunk.find(syllable, pos)
                if found < 0:
                    break
                if first < 0:
                    first = found
                pos = last = found + len(syllable)
            if first >= 0:
                yield start + first, start + last


def _chunks(text: str) -> Iterator[tuple[int, int]]:
    """Lines, and sentence-sized pieces of overlong lines, as (start, end) offsets."""
    for line in _LINE.finditer(text):
        start, end = line.span()
        if end - start <= _MAX_CHUNK:
            yield start, end
            continue
        piece_start = start
        for brk in _SENTENCE_BREAK.finditer(text, start, end):
            if brk.start() - piece_start >= 20:
                yield piece_start, brk.start()
                piece_start = brk.end()
        while end - piece_start > 4 * _MAX_CHUNK:
            # No punctuation at all: cut at a space so one chunk never gets huge.
            cut = text.rfind(" ", piece_start, piece_start + 2 * _MAX_CHUNK)
            cut = cut if cut > piece_start else piece_start + 2 * _MAX_CHUNK
            yield piece_start, cut
            piece_start = cut
        if piece_start < end:
            yield piece_start, end


@registry.tokenizers(TOKENIZER_NAME)
def create_tokenizer(fixed_words: list[str] | None = None):  # type: ignore[no-untyped-def]
    """spaCy registry entry: ``[nlp.tokenizer] @tokenizers = "bienban.vi_underthesea.v1"``."""

    def make(nlp):  # type: ignore[no-untyped-def]
        return UndertheseaTokenizer(nlp.vocab, fixed_words or ())

    return make
