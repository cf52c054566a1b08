"""The item classifier: TF-IDF word n-grams with calibrated logistic regression, in two passes.

Trained by ``bienban train`` on the corpus train split and persisted with skops in
``models/items/<version>/`` beside a model card (training command, corpus version and hash,
library versions, dev scores). Loading checks that the file only holds scikit-learn, NumPy and
SciPy types before trusting it.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from analyzer.errors import AnalyzerError
from analyzer.lexicon import models_dir

MODEL_NAME = "items"
MODEL_VERSION = "19"
MODEL_FILE = "items.skops"
_TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.", "builtins.", "collections.", "re.")


class ModelError(AnalyzerError):
    code = "model_unavailable"
    http_status = 500


def model_path(version: str = MODEL_VERSION) -> Path:
    return models_dir() / MODEL_NAME / version / MODEL_FILE


# The second pass sees the first pass's reading of the two clauses before and the two after the
# clause, in the same turn (or the same stretch of narration).
CONTEXT_STEPS = (-2, -1, 1, 2)
# The weight of a neighbour's one-hot kind beside the clause's own TF-IDF vector (unit length).
# In 4-fold cross-validation on corpus v5 train, micro F1 was 0.783 at 0.08, 0.778 at 0.15, 0.766
# at 0.35 and 0.755 at 1.0 (one pass: 0.775): heavier weights let the neighbours outvote the words.
CONTEXT_WEIGHT = 0.08
_FOLDS = 3


def _vectorizer():  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction.text import TfidfVectorizer

    # Word uni- to trigrams of syllables (and of the meta tokens): trigrams hold the openings that
    # tell a decision ("chi bộ thống nhất"); on corpus v3 they raised conclusion + decision F1
    # from 0.607 to 0.632 in 4-fold cross-validation on train, other kinds unchanged. Character
    # n-grams scored the same but cost five times as much at prediction time.
    return TfidfVectorizer(
        analyzer="word",
        ngram_range=(1, 3),
        token_pattern=r"(?u)\b\w+\b",
        sublinear_tf=True,
        min_df=2,
        max_features=50000,
    )


def _classifier(seed: int):  # type: ignore[no-untyped-def]
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression

    # C=16: in 4-fold cross-validation on corpus v10's train split (micro F1 / conclusion +
    # decision F1), C=4 0.809 / 0.737, C=8 0.814 / 0.744, C=16 0.815 / 0.745; with lexicon v10's
    # last cues, C=8 0.815 / 0.745 and C=16 0.817 / 0.749.
    return CalibratedClassifierCV(
        LogisticRegression(C=16.0, max_iter=5000, class_weight="balanced", random_state=seed),
        cv=3,
        method="sigmoid",
        # One classifier on all the training rows, calibrated on 3-fold predictions: a third of
        # the prediction cost of the 3-model ensemble, within 0.01 F1 of it in cross-validation.
        ensemble=False,
    )


def _context(probabilities: Any, groups: list[Any]) -> Any:
    """One-hot first-pass kinds of each clause's neighbours (an extra "none there" column when
    the neighbour is missing or in another turn), weighted."""
    import numpy as np

    n, kinds = probabilities.shape
    best = probabilities.argmax(axis=1)
    width = kinds + 1
    out = np.zeros((n, len(CONTEXT_STEPS) * width))
    for slot, step in enumerate(CONTEXT_STEPS):
        for i in range(n):
            j = i + step
            seen = 0 <= j < n and groups[j] == groups[i]
            out[i, slot * width + (int(best[j]) if seen else kinds)] = CONTEXT_WEIGHT
    return out


def _stacked(vectors: Any, context: Any) -> Any:
    import scipy.sparse as sp

    return sp.hstack([vectors, sp.csr_matrix(context)]).tocsr()


class ItemModel:
    """The item classifier, two passes over a document's candidate clauses.

    The first pass reads each clause alone: TF-IDF word n-grams of the clause and its meta tokens,
    calibrated logistic regression. The second reads the same vector beside the first pass's
    kinds of the neighbouring clauses: a clause in a run of decisions, or of tasks, is read as
    one more of them. Trained on out-of-fold first-pass readings, so the second pass learns how
    far to trust the first on documents it has not seen."""

    def __init__(self, vectors: Any, first: Any, second: Any) -> None:
        self.vectors = vectors
        self.first = first
        self.second = second
        self._accented: dict[str, str] | None = None

    def with_diacritics(self, rows: list[str]) -> list[str]:
        """``rows`` of minutes typed without diacritics, their words written as the training
        clauses write them: each run of up to three words ("thong nhat" → "thống nhất", "dang
        vien" → "đảng viên") as the most common n-gram of the vocabulary that reads the same
        without diacritics, longest first, so their n-grams meet the vocabulary."""
        if self._accented is None:
            from analyzer.lexicon import fold

            best: dict[str, tuple[float, str]] = {}
            idf = self.vectors.idf_
            for term, index in self.vectors.vocabulary_.items():
                key = fold(term)
                if key not in best or idf[index] < best[key][0]:
                    best[key] = (idf[index], term)
            self._accented = {key: term for key, (_, term) in best.items() if key != term}
        table = self._accented
        out = []
        for row in rows:
            words = list(_WORD.finditer(row))
            parts, cursor, i = [], 0, 0
            while i < len(words):
                for size in (3, 2, 1):
                    run = words[i : i + size]
                    term = table.get(" ".join(w.group() for w in run)) if len(run) == size else None
                    if term is not None:
                        break
                if term is None:
                    i += 1
                    continue
                parts.append(row[cursor : run[0].start()])
                # keep what separates the words (a comma, a slash) where it was
                pieces = term.split(" ")
                for j, w in enumerate(run):
                    parts.append(pieces[j])
                    parts.append(row[w.end() : run[j + 1].start()] if j + 1 < len(run) else "")
                cursor = run[-1].end()
                i += len(run)
            parts.append(row[cursor:])
            out.append("".join(parts))
        return out

    @property
    def classes_(self) -> Any:
        return self.second.classes_

    def predict_proba(self, rows: list[str], groups: list[Any] | None = None) -> Any:
        """Kind probabilities of ``rows``, one document's candidates in text order; ``groups``
        (the turn of each) says which rows are neighbours (all of them when omitted)."""
        from sklearn import config_context

        groups = groups if groups is not None else [None] * len(rows)
        # The rows come from our own features, so scikit-learn's per-call input checks (finite
        # values, parameter validation) are skipped: about a tenth of the extraction time.
        with config_context(assume_finite=True, skip_parameter_validation=True):
            x = self.vectors.transform(rows)
            first = self.first.predict_proba(x)
            return self.second.predict_proba(_stacked(x, _context(first, groups)))

    def predict(self, rows: list[str], groups: list[Any] | None = None) -> list[str]:
        return [self.classes_[i] for i in self.predict_proba(rows, groups).argmax(axis=1)]

    @classmethod
    def fit(
        cls, documents: list[tuple[list[str], list[str | None], list[Any]]], seed: int = 0
    ) -> ItemModel:
        """Train on ``documents``: per document its rows in text order, their labels (None for
        a clause left out of training) and their groups."""
        import numpy as np

        def labelled(docs):  # type: ignore[no-untyped-def]
            pairs = [
                (r, lab)
                for rows, labels, _ in docs
                for r, lab in zip(rows, labels, strict=True)
                if lab is not None
            ]
            return [r for r, _ in pairs], [lab for _, lab in pairs]

        rows, labels = labelled(documents)
        vectors = _vectorizer().fit(rows)
        first = _classifier(seed).fit(vectors.transform(rows), labels)
        # Out-of-fold first-pass readings, folds by document.
        contexts: list[Any] = [None] * len(documents)
        for fold in range(_FOLDS):
            train = [d for i, d in enumerate(documents) if i % _FOLDS != fold]
            fold_rows, fold_labels = labelled(train)
            model = _classifier(seed).fit(vectors.transform(fold_rows), fold_labels)
            if list(model.classes_) != list(first.classes_):
                model = first  # a fold without some kind: fall back to the full first pass
            for i, (doc_rows, _, groups) in enumerate(documents):
                if i % _FOLDS == fold and doc_rows:
                    probabilities = model.predict_proba(vectors.transform(doc_rows))
                    contexts[i] = _context(probabilities, groups)
        kept = np.vstack(
            [
                contexts[i][[j for j, lab in enumerate(doc_labels) if lab is not None]]
                for i, (doc_rows, doc_labels, _) in enumerate(documents)
                if doc_rows
            ]
        )
        second = _classifier(seed).fit(_stacked(vectors.transform(rows), kept), labels)
        return cls(vectors, first, second)


_PARTS = ("vectors", "first", "second")
_WORD = re.compile(r"\w+")


def save(model: ItemModel, card: dict[str, Any], version: str = MODEL_VERSION) -> Path:
    import skops.io as sio

    path = model_path(version)
    path.parent.mkdir(parents=True, exist_ok=True)
    if hasattr(model.vectors, "stop_words_"):
        # The pruned-term set is only for introspection and can be larger than the model.
        delattr(model.vectors, "stop_words_")
    # A plain dict of scikit-learn objects: nothing of this package's own is unpickled on load.
    sio.dump({part: getattr(model, part) for part in _PARTS}, path, compression=8)
    # Checked once here, recorded in the card: loading then trusts exactly these types.
    untrusted = sio.get_untrusted_types(file=path)
    unexpected = [t for t in untrusted if not t.startswith(_TRUSTED_PREFIXES)]
    if unexpected:
        raise ModelError(f"Mô hình chứa kiểu dữ liệu lạ ({unexpected[0]}), không lưu.")
    card = {**card, "trusted_types": untrusted}
    (path.parent / "card.json").write_text(
        json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (path.parent / "README.md").write_text(_card_markdown(card), encoding="utf-8")
    load.cache_clear()
    return path


def _card_markdown(card: dict[str, Any]) -> str:
    lines = [
        f"# Item classifier, version {card['version']}",
        "",
        "TF-IDF word (1–3) n-grams of each candidate clause plus meta features (section, speaker",
        "role, lexicon cues, shape, who the clause opens with, the lead-in and the list it is in, the",
        "chair's conclusion phase, the neighbouring clauses' cues), calibrated logistic regression",
        "(sigmoid, fitted on 3-fold predictions, one model). A second pass reads the same vector",
        "beside the first pass's kinds of the two clauses before and after in the same turn (trained",
        "on out-of-fold first-pass readings, 3 folds by document). Rules around the classifier: lead-ins,",
        "headings, topic lines, table headers, closing formulas and thanks are never items; a call to",
        "vote without a result is not a vote; one option of a ballot with its count is a vote; a",
        'task-table row is a task; the chair opening a clause with "chốt", "thống nhất" and naming',
        'no doer adopts a decision; each ";"-joined clause of a sentence is an item of its own kind.',
        "Minutes typed without diacritics are read with the vocabulary's own forms: each run of up",
        "to three words becomes the most common n-gram that reads the same without diacritics.",
        "",
        f"- Training command: `{card['command']}`",
        f"- Corpus version {card['corpus_version']}, sha256 of the train split sources `{card['corpus_sha256']}`",
        f"- Train documents: {card['train_documents']}; candidate clauses: {card['train_candidates']}",
        f"- Seed: {card['seed']}",
        f"- Libraries: {', '.join(f'{k} {v}' for k, v in card['libraries'].items())}",
        "",
        "## Dev scores (item kinds, span IoU ≥ 0.5)",
        "",
        "| kind | precision | recall | F1 | support |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind, score in card.get("dev_scores", {}).items():
        lines.append(
            f"| {kind} | {score['precision']:.3f} | {score['recall']:.3f} | {score['f1']:.3f} | {score['support']} |"
        )
    return "\n".join(lines) + "\n"


@cache
def load(version: str = MODEL_VERSION) -> ItemModel:
    path = model_path(version)
    retrain = "chạy `bienban train` để huấn luyện lại"
    if not path.exists():
        raise ModelError(f"Thiếu tệp mô hình {path}; {retrain}.")
    try:
        import skops.io as sio

        untrusted = sio.get_untrusted_types(file=path)
        unexpected = [t for t in untrusted if not t.startswith(_TRUSTED_PREFIXES)]
        if unexpected:
            raise ModelError(
                f"Tệp mô hình {path} chứa kiểu dữ liệu lạ ({unexpected[0]}); {retrain}."
            )
        parts = sio.load(path, trusted=untrusted)
        if not isinstance(parts, dict) or set(parts) != set(_PARTS):
            raise ModelError(f"Tệp mô hình {path} không đúng định dạng; {retrain}.")
        return ItemModel(**parts)
    except ModelError:
        raise
    except Exception as exc:  # any unreadable file is reported the same way
        raise ModelError(f"Tệp mô hình {path} bị hỏng ({type(exc).__name__}); {retrain}.") from exc
