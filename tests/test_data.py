"""Data discipline: the training data is labelled, sourced, varied, and never overlaps the dev sets."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

from taskqual.normalize import has_words
from taskqual.verdict import LABELS
from training.data import (
    DATA_DIR,
    VALIDATION_DIRS,
    dedup_key,
    load_training,
    load_validation,
    read_jsonl,
    training_files,
    voice_of,
)

EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
DEV_SETS = sorted(EVAL_DIR.glob("*.jsonl")) if EVAL_DIR.is_dir() else []


def _jsonl_strings(path: Path) -> list[str]:
    """Every string field of every record of a JSON Lines file."""
    return [
        v
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
        for v in json.loads(line).values()
        if isinstance(v, str)
    ]


@pytest.fixture(scope="module")
def records():
    return load_training(with_generated=True)


@pytest.mark.skipif(not DEV_SETS, reason="the development sets (../shared/eval) are not present")
@pytest.mark.parametrize("dev", DEV_SETS, ids=lambda p: p.name)
def test_no_development_text_is_in_the_training_data(dev, records):
    dev_keys = {dedup_key(r.text) for r in read_jsonl(dev, require_source=False)} - {""}
    leaked = [r.text for r in records if dedup_key(r.text) in dev_keys]
    assert not leaked, f"{len(leaked)} dev texts in data/, e.g. {leaked[:3]}"


@pytest.mark.skipif(not DEV_SETS, reason="the development sets (../shared/eval) are not present")
@pytest.mark.parametrize("dev", DEV_SETS, ids=lambda p: p.name)
def test_no_development_text_is_in_any_data_file(dev):
    """Every string field of every JSONL record and every CSV cell under data/, samples included."""
    dev_keys = {dedup_key(r.text) for r in read_jsonl(dev, require_source=False)} - {""}
    for path in sorted(DATA_DIR.rglob("*")):
        if path.suffix == ".jsonl":
            values = _jsonl_strings(path)
        elif path.suffix in (".csv", ".tsv"):
            raw = path.read_bytes()
            text = raw.decode("utf-8-sig") if raw[:3] == b"\xef\xbb\xbf" else raw.decode("utf-8", errors="replace")
            if "\ufffd" in text:
                text = raw.decode("cp1251")
            delimiter = "\t" if path.suffix == ".tsv" else csv.Sniffer().sniff(text[:4096], ";,\t").delimiter
            values = [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
        else:
            continue
        found = {dedup_key(v) for v in values} & dev_keys
        assert not found, f"{len(found)} dev texts in {path}"


def test_every_record_is_labelled_and_says_where_it_came_from():
    for path in training_files():
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            obj = json.loads(line)
            assert obj["label"] in LABELS, f"{path}:{line_no}"
            assert obj["source"] in ("handwritten", "generated"), f"{path}:{line_no}"
            assert has_words(obj["text"]), f"{path}:{line_no}: not a task (guide, rule 6)"


def test_enough_distinct_handwritten_examples_balanced_over_labels(records):
    hand = Counter(r.label for r in records if r.source == "handwritten")
    assert sum(hand.values()) >= 4000
    assert min(hand.values()) >= 0.8 * max(hand.values()), hand


def test_generated_data_does_not_dominate(records):
    by_source = Counter(r.source for r in records)
    assert by_source["generated"] < by_source["handwritten"]


def test_many_voices_and_industries():
    industries, voices = set(), set()
    for path in (DATA_DIR / "handwritten").glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            industries.add(obj.get("industry"))
            voices.add(obj.get("voice"))
    assert len(voices) >= 10 and len(industries) >= 30


def test_reading_a_broken_file_names_file_line_and_field(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"text": "отправить КП", "label": "concrete", "source": "handwritten"}\n'
        '{"text": "позвонить", "label": "maybe", "source": "handwritten"}\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"bad.jsonl:2: label 'maybe'"):
        read_jsonl(bad)


@pytest.mark.parametrize("directory", VALIDATION_DIRS, ids=lambda p: p.name)
def test_the_outside_voice_set_is_never_in_the_training_data(directory):
    """The outside-voice sets select approaches: no text of them may be trained on (after normalisation)."""
    held = {dedup_key(r.text) for r in load_validation(directory)} - {""}
    assert len(held) >= 600
    for path in sorted(DATA_DIR.rglob("*.jsonl")):
        values = [
            v
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
            for v in json.loads(line).values()
            if isinstance(v, str)
        ]
        found = {dedup_key(v) for v in values} & held
        assert not found, f"{len(found)} outside-voice texts in {path}, e.g. {sorted(found)[:3]}"


@pytest.mark.parametrize("directory", VALIDATION_DIRS, ids=lambda p: p.name)
def test_the_outside_voice_set_has_six_voices_none_of_them_a_training_voice(directory):
    records = load_validation(directory)
    voices = Counter(map(voice_of, records))
    training_voices = {p.stem for p in (DATA_DIR / "handwritten").glob("*.jsonl")}
    assert len(records) >= 600 and len(voices) >= 6 and min(voices.values()) >= 90, voices
    assert not set(voices) & training_voices
    assert {r.source for r in records} == {"outside_voice"}


@pytest.mark.parametrize("pair", list(combinations(VALIDATION_DIRS, 2)), ids=lambda p: f"{p[0].name}-{p[1].name}")
def test_no_two_outside_voice_sets_share_a_text_or_a_voice(pair):
    first, second = (load_validation(d) for d in pair)
    assert not {dedup_key(r.text) for r in first} & {dedup_key(r.text) for r in second}
    assert not set(map(voice_of, first)) & set(map(voice_of, second))


@pytest.mark.skipif(not DEV_SETS, reason="the development sets (../shared/eval) are not present")
@pytest.mark.parametrize("dev", DEV_SETS, ids=lambda p: p.name)
def test_no_development_text_of_two_words_or_more_is_in_test_data_or_the_validation_set(dev):
    """Test fixtures (companies, hints, golden cases, CRM exports) and the outside-voice set are
    written independently too: a dev text of two or more words in any of their fields is a leak."""
    root = DATA_DIR.parent
    dev_keys = {k for r in read_jsonl(dev, require_source=False) if len((k := dedup_key(r.text)).split()) >= 2}
    for path in sorted([*(root / "tests").rglob("*"), *(p for d in VALIDATION_DIRS for p in d.rglob("*"))]):
        if path.suffix == ".jsonl":
            values = _jsonl_strings(path)
        elif path.suffix in (".csv", ".tsv"):
            text = path.read_text(encoding="utf-8", errors="replace")
            values = [
                cell
                for row in csv.reader(io.StringIO(text), delimiter="\t" if path.suffix == ".tsv" else ",")
                for cell in row
            ]
        else:
            continue
        found = {dedup_key(v) for v in values} & dev_keys
        assert not found, f"{len(found)} dev texts in {path}"
