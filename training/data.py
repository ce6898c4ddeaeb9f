"""Reading labelled JSON Lines: the training data in data/ and any evaluation file."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from taskqual.datasets import dedup_key
from taskqual.verdict import LABELS

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# every outside-voice set (never trained on): the first and the third (round 3) choose approaches, the
# second (round 2) checks them blind, the fourth (round 4) settled row 27d's one comparison
VALIDATION_DIRS = tuple(
    Path(__file__).resolve().parent / n
    for n in ("validation", "validation_round2", "validation_round3", "validation_round4")
)
VALIDATION_DIR = VALIDATION_DIRS[0]


@dataclass(frozen=True)
class Record:
    text: str
    label: str
    source: str
    where: str  # file:line, for error messages


def read_jsonl(path: Path, *, require_source: bool = True) -> list[Record]:
    """Records of one labelled JSONL file; a bad line raises ValueError naming file, line and field."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except ValueError as e:
            raise ValueError(f"{where}: not valid JSON ({e})") from e
        for key in ("text", "label") + (("source",) if require_source else ()):
            if not isinstance(obj.get(key), str) or not obj[key].strip():
                raise ValueError(f"{where}: field {key!r} is missing or empty")
        if obj["label"] not in LABELS:
            raise ValueError(f"{where}: label {obj['label']!r} is not one of {', '.join(LABELS)}")
        out.append(Record(obj["text"], obj["label"], obj.get("source", "eval"), where))
    return out


def load_validation(directory: Path = VALIDATION_DIR) -> list[Record]:
    """An outside-voice validation set (never trained on): every record of its JSONL files."""
    return [r for p in sorted(directory.glob("*.jsonl")) for r in read_jsonl(p)]


def outside_metric(directory: Path) -> str:
    """The manifest key of an outside-voice set's score: «outside_voice», «outside_voice_round2», …"""
    return "outside_voice" + directory.name.removeprefix("validation")


def voice_of(r: Record) -> str:
    """The writer's brief a record comes from: its file name."""
    return r.where.rsplit(":", 1)[0].rsplit("/", 1)[-1].removesuffix(".jsonl")


def by_voice(records: Sequence[Record]) -> dict[str, list[Record]]:
    """The hand-written records of each voice (a file of data/handwritten/), voices in name order:
    what leave-one-voice-out holds out in turn."""
    groups: dict[str, list[Record]] = defaultdict(list)
    for r in records:
        if (v := voice_of(r)) != "generated":
            groups[v].append(r)
    return dict(sorted(groups.items()))


def training_files(data_dir: Path = DATA_DIR, *, with_generated: bool = True) -> list[Path]:
    """The JSONL files the model is trained on (data/samples/ holds demo backlogs, not training data)."""
    files = sorted(p for p in data_dir.rglob("*.jsonl") if "samples" not in p.relative_to(data_dir).parts)
    return [p for p in files if with_generated or p.name != "generated.jsonl"]


def load_training(data_dir: Path = DATA_DIR, *, with_generated: bool = False) -> list[Record]:
    """All training records, duplicates removed (first occurrence wins), in a stable order."""
    seen: set[str] = set()
    out = []
    for path in training_files(data_dir, with_generated=with_generated):
        for r in read_jsonl(path):
            key = dedup_key(r.text)
            if key and key not in seen:
                seen.add(key)
                out.append(r)
    return out


def summary(records: list[Record]) -> dict[str, dict[str, int]]:
    """Counts per label and per source."""
    return {
        "by_label": dict(sorted(Counter(r.label for r in records).items())),
        "by_source": dict(sorted(Counter(r.source for r in records).items())),
    }
