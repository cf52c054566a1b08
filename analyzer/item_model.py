"""The item classifier: TF-IDF word n-grams with a calibrated logistic regression.

Trained by ``bienban train`` on the corpus train split and persisted with skops in
``models/items/<version>/`` beside a model card (training command, corpus version and hash,
library versions, dev scores). Loading checks that the file only holds scikit-learn, NumPy and
SciPy types before trusting it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from analyzer.errors import AnalyzerError
from analyzer.lexicon import models_dir

MODEL_NAME = "items"
MODEL_VERSION = "4"
MODEL_FILE = "items.skops"
_TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.", "builtins.", "collections.", "re.")


class ModelError(AnalyzerError):
    code = "model_unavailable"
    http_status = 500


def model_path(version: str = MODEL_VERSION) -> Path:
    return models_dir() / MODEL_NAME / version / MODEL_FILE


def build_estimator(seed: int = 0):  # type: ignore[no-untyped-def]
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    # Word uni- to trigrams of syllables (and of the meta tokens): trigrams hold the openings that
    # tell a decision ("chi bộ thống nhất"); on corpus v3 they raised conclusion + decision F1
    # from 0.607 to 0.632 in 4-fold cross-validation on train, other kinds unchanged. Character
    # n-grams scored the same but cost five times as much at prediction time.
    vectors = TfidfVectorizer(
        analyzer="word",
        ngram_range=(1, 3),
        token_pattern=r"(?u)\b\w+\b",
        sublinear_tf=True,
        min_df=2,
        max_features=50000,
    )
    classifier = CalibratedClassifierCV(
        LogisticRegression(C=8.0, max_iter=5000, class_weight="balanced", random_state=seed),
        cv=3,
        method="sigmoid",
        # One classifier on all the training rows, calibrated on 3-fold predictions: a third of
        # the prediction cost of the 3-model ensemble, within 0.01 F1 of it in cross-validation.
        ensemble=False,
    )
    return Pipeline([("vectors", vectors), ("classifier", classifier)])


def save(estimator: Any, card: dict[str, Any], version: str = MODEL_VERSION) -> Path:
    import skops.io as sio

    path = model_path(version)
    path.parent.mkdir(parents=True, exist_ok=True)
    vectorizer = estimator.named_steps["vectors"]
    if hasattr(vectorizer, "stop_words_"):
        # The pruned-term set is only for introspection and can be larger than the model.
        delattr(vectorizer, "stop_words_")
    sio.dump(estimator, path, compression=8)
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
        "(sigmoid, fitted on 3-fold predictions, one model). Rules around the classifier: lead-ins,",
        "headings, topic lines, table headers, closing formulas and thanks are never items; a call to",
        "vote without a result is not a vote; one option of a ballot with its count is a vote; a",
        'task-table row is a task; the chair opening a clause with "chốt", "thống nhất" and naming',
        'no doer adopts a decision; each ";"-joined clause of a sentence is an item of its own kind.',
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
def load(version: str = MODEL_VERSION) -> Any:
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
        return sio.load(path, trusted=untrusted)
    except ModelError:
        raise
    except Exception as exc:  # any unreadable file is reported the same way
        raise ModelError(f"Tệp mô hình {path} bị hỏng ({type(exc).__name__}); {retrain}.") from exc
