"""Build ``corpus/docs/<id>.json`` from the annotated sources in ``corpus/src/``.

    python corpus/build.py            # build every document, check every annotation
    python corpus/build.py --check    # fail if docs/ is not what src/ builds

The annotation format is described in ``corpus/README.md``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any, get_args

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from analyzer.lexicon import fold
from analyzer.schema import ItemKind

ROOT = Path(__file__).resolve().parent
SRC = ROOT / "src"
DOCS = ROOT / "docs"
TAG = re.compile(r"⟦(/?)([a-z_]+)((?:\|[^|⟧]*)*)⟧")
ITEM_KINDS = set(get_args(ItemKind))


class AnnotationError(ValueError):
    pass


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(name).lower()).strip("-")


def _plain(text: str) -> str:
    """Lower case, no diacritics, single spaces: how a name is looked up in the text (M1)."""
    return re.sub(r"\s+", " ", fold(text).lower())


def _attrs(raw: str) -> dict[str, str]:
    attrs = {}
    for part in raw.split("|")[1:]:
        key, sep, value = part.partition("=")
        if not sep:
            raise AnnotationError(f"attribute without '=': {part!r}")
        attrs[key.strip()] = value.strip()
    return attrs


def parse(source: str, doc_id: str) -> dict[str, Any]:
    if not source.startswith("---\n"):
        raise AnnotationError(f"{doc_id}: missing front matter")
    _, front, body = source.split("---\n", 2)
    meta = yaml.safe_load(front)
    text_parts: list[str] = []
    pos = 0
    out_len = 0
    stack: list[tuple[str, int, dict[str, str]]] = []
    turns: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    for match in TAG.finditer(body):
        text_parts.append(body[pos : match.start()])
        out_len += match.start() - pos
        pos = match.end()
        closing, tag, raw = match.group(1), match.group(2), match.group(3)
        if tag != "turn" and tag not in ITEM_KINDS:
            raise AnnotationError(f"{doc_id}: unknown tag {tag!r}")
        if not closing:
            stack.append((tag, out_len, _attrs(raw)))
            continue
        if not stack or stack[-1][0] != tag:
            open_tag = stack[-1][0] if stack else None
            raise AnnotationError(
                f"{doc_id}: ⟦/{tag}⟧ closes {open_tag!r} near {body[max(0, match.start() - 60) : match.start()]!r}"
            )
        _, start, attrs = stack.pop()
        record = {"start": start, "end": out_len, **attrs}
        (turns if tag == "turn" else items).append(
            {"kind": tag, **record} if tag != "turn" else record
        )
    if stack:
        raise AnnotationError(f"{doc_id}: unclosed {stack[-1][0]!r}")
    text_parts.append(body[pos:])
    text = "".join(text_parts)
    if "⟦" in text or "⟧" in text:
        raise AnnotationError(f"{doc_id}: malformed annotation bracket left in text")
    member_ids = {m["id"] for m in meta.get("members", [])}
    written = _plain(text)
    for member in meta.get("members", []):
        if _plain(member["name"]) not in written:
            # Rule M1: the name (and so the id) is the longest form the text itself writes.
            raise AnnotationError(f"{doc_id}: member name {member['name']!r} is not in the text")
        if member["id"] != slug(member["name"]) and not member["id"].startswith(
            slug(member["name"])
        ):
            raise AnnotationError(
                f"{doc_id}: member id {member['id']!r} is not the slug of {member['name']!r}"
            )
    turns.sort(key=lambda t: t["start"])
    for turn in turns:
        speaker = turn.get("speaker")
        if speaker not in member_ids | {"group", "?"}:
            raise AnnotationError(f"{doc_id}: turn speaker {speaker!r} is not a member")
        turn["text"] = text[turn["start"] : turn["end"]]
    items.sort(key=lambda i: i["start"])
    for number, item in enumerate(items, start=1):
        item.setdefault("id", f"i{number}")
        item["text"] = text[item["start"] : item["end"]]
        if not item["text"].strip() or item["text"] != item["text"].strip():
            raise AnnotationError(f"{doc_id}: item with blank or untrimmed span {item['text']!r}")
        item["turn_speaker"] = next(
            (t["speaker"] for t in turns if t["start"] <= item["start"] < t["end"]), None
        )
    ids = {i["id"] for i in items}
    for item in items:
        if item["kind"] == "proposal":
            if item.get("status", "open") not in ("adopted", "addressed", "open"):
                raise AnnotationError(f"{doc_id}: bad proposal status {item.get('status')!r}")
            if item.get("answer") and item["answer"] not in ids:
                raise AnnotationError(
                    f"{doc_id}: proposal answer {item['answer']!r} is not an item id"
                )
    return {
        "id": meta["id"],
        "kind": meta["kind"],
        "style": meta.get("style", "minutes"),
        "meeting": meta.get("meeting", {}),
        "members": meta.get("members", []),
        "text": text,
        "turns": turns,
        "items": items,
    }


def split_of(doc_id: str) -> str:
    """The fixed split of a document: from a hash of its id, so it never changes (60/20/20)."""
    import hashlib

    bucket = int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % 10
    return "train" if bucket < 6 else "dev" if bucket < 8 else "test"


def write_splits(ids: list[str]) -> None:
    result: dict[str, list[str]] = {"train": [], "dev": [], "test": []}
    for doc_id in sorted(ids):
        result[split_of(doc_id)].append(doc_id)
    (ROOT / "splits.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


def build(check: bool = False, only: list[Path] | None = None) -> int:
    DOCS.mkdir(exist_ok=True)
    failures = 0
    seen = set()
    for path in sorted(only or SRC.glob("*.txt")):
        try:
            doc = parse(path.read_text(encoding="utf-8"), path.stem)
        except (AnnotationError, yaml.YAMLError, KeyError) as exc:
            print(f"{path.name}: {exc}", file=sys.stderr)
            failures += 1
            continue
        if doc["id"] != path.stem:
            print(f"{path.name}: id {doc['id']!r} differs from the file name", file=sys.stderr)
            failures += 1
            continue
        seen.add(doc["id"])
        target = DOCS / f"{doc['id']}.json"
        rendered = json.dumps(doc, ensure_ascii=False, indent=1, default=str) + "\n"
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != rendered:
                print(f"{target.name}: out of date; run python corpus/build.py", file=sys.stderr)
                failures += 1
        else:
            target.write_text(rendered, encoding="utf-8")
    for stale in [] if only else DOCS.glob("*.json"):
        if stale.stem not in seen:
            print(f"{stale.name}: no source in src/", file=sys.stderr)
            failures += 1
    if not only and not check:
        write_splits(sorted(seen))
    return failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("paths", nargs="*", type=Path, help="only these sources")
    args = parser.parse_args()
    failures = build(args.check, args.paths or None)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
