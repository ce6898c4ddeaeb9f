"""Model files are verified before anything in them is loaded, and rebuilt byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import taskqual
from taskqual.artifact import load_tables, manifest_path, read_manifest, sha256_of, tables_path
from training.data import VALIDATION_DIRS, load_validation, outside_metric


def _flip_byte(path: Path, offset: int = -100) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def _edit_manifest(path: Path, **changes) -> None:
    m = json.loads(manifest_path(path).read_text(encoding="utf-8"))
    for key, value in changes.items():
        if isinstance(value, dict):
            m[key] = {**m.get(key, {}), **value}
        else:
            m[key] = value
    manifest_path(path).write_text(json.dumps(m), encoding="utf-8")


def test_shipped_model_has_a_complete_manifest(model):
    m = model.manifest
    assert m["model_version"] and m["classes"] == sorted(taskqual.LABELS)
    assert len(m["sha256"]) == 64 and len(m["tables_sha256"]) == 64
    assert m["training_data"]["sha256"] and m["training_data"]["records"] > 4000
    assert {"scikit-learn", "numpy", "spacy", "pymorphy3"} <= set(m["libraries"])
    assert {"dev", "dev_real"} <= set(m["metrics"]) or "cv" in m["metrics"]
    # every outside-voice set, each whole, as python -m training.train scores them
    for directory in VALIDATION_DIRS:
        assert m["metrics"][outside_metric(directory)]["n"] == len(load_validation(directory))


def test_shipped_model_version_names_its_data_and_its_file(model):
    """Two models trained on the same data with different code must not share a version."""
    m = model.manifest
    release = taskqual.__version__.split("+")[0]
    assert m["model_version"] == f"{release}+{m['training_data']['sha256'][:8]}.{m['sha256'][:8]}"


def test_shipped_files_match_the_hashes_pinned_in_the_package(model):
    from taskqual._pinned import DEFAULT_MODEL_SHA256, DEFAULT_TABLES_SHA256

    assert sha256_of(model.path) == DEFAULT_MODEL_SHA256
    assert sha256_of(tables_path(model.path)) == DEFAULT_TABLES_SHA256


def test_a_copy_loads_and_gives_the_same_verdicts(model_copy):
    copy = taskqual.Model.load(model_copy)
    assert copy.classify("отправить КП").scores == taskqual.classify("отправить КП").scores


@pytest.mark.parametrize("which", ["skops", "npz"])
def test_a_tampered_file_is_refused(model_copy, which):
    target = model_copy if which == "skops" else tables_path(model_copy)
    _flip_byte(target)
    with pytest.raises(taskqual.ModelIntegrityError, match="sha256") as info:
        if which == "skops":
            taskqual.TaskClassifier.load(model_copy)
        else:
            taskqual.Model.load(model_copy)
    assert str(target) in str(info.value) and "changed or corrupted" in str(info.value)


def test_a_model_that_is_not_the_shipped_one_is_refused_as_default(model_copy):
    _flip_byte(tables_path(model_copy))
    # Even with a manifest that agrees, the hash pinned in the package does not.
    _edit_manifest(model_copy, tables_sha256=sha256_of(tables_path(model_copy)))
    from taskqual._pinned import DEFAULT_TABLES_SHA256

    with pytest.raises(taskqual.ModelIntegrityError, match="not the model this taskqual release ships"):
        load_tables(model_copy, pinned_sha256=DEFAULT_TABLES_SHA256)


def test_missing_files_are_named(tmp_path):
    with pytest.raises(taskqual.ModelIntegrityError, match="does not exist"):
        taskqual.Model.load(tmp_path / "nothing.skops")


def test_missing_manifest_is_refused(model_copy):
    manifest_path(model_copy).unlink()
    with pytest.raises(taskqual.ModelIntegrityError, match=r"manifest .* is missing"):
        taskqual.Model.load(model_copy)


def test_other_library_versions_are_refused(model_copy):
    _edit_manifest(model_copy, libraries={"scikit-learn": "0.24.2"})
    with pytest.raises(taskqual.ModelIntegrityError, match=r"scikit-learn 0\.24\.2"):
        taskqual.Model.load(model_copy)


def test_other_feature_version_is_refused(model_copy):
    _edit_manifest(model_copy, features_version=-1)
    with pytest.raises(taskqual.ModelIntegrityError, match="features version -1"):
        taskqual.Model.load(model_copy)


def test_estimator_is_loaded_lazily_and_verified_again(model_copy):
    m = taskqual.Model.load(model_copy)
    _flip_byte(model_copy)  # the .skops file, read only when the estimator is first needed
    with pytest.raises(taskqual.ModelIntegrityError, match="sha256"):
        m.estimator  # noqa: B018


def test_a_tampered_estimator_file_is_refused_at_load_time(model_copy):
    _flip_byte(model_copy)  # only the .skops: the verdicts would not need it, the load refuses anyway
    with pytest.raises(taskqual.ModelIntegrityError, match=r"taskqual-ru\.skops has sha256"):
        taskqual.Model.load(model_copy)


@pytest.mark.slow
def test_save_and_load_round_trip(small_classifier, tmp_path):
    path = small_classifier.save(tmp_path / "m.skops", {"model_version": "test-1"})
    assert read_manifest(path)["model_version"] == "test-1"
    loaded = taskqual.TaskClassifier.load(path)
    texts = ["отправить КП", "ООО Вектор", "позвонить"]
    assert (loaded.predict_proba(texts) == small_classifier.predict_proba(texts)).all()
    assert loaded.get_params() == small_classifier.get_params()


@pytest.mark.slow
def test_saving_is_byte_for_byte_reproducible(small_classifier, tmp_path):
    a = small_classifier.save(tmp_path / "a.skops")
    b = small_classifier.save(tmp_path / "b.skops")
    assert sha256_of(a) == sha256_of(b)
    assert sha256_of(tables_path(a)) == sha256_of(tables_path(b))


def test_a_pickle_smuggled_into_the_tables_is_refused(model_copy):
    import numpy as np

    with np.load(tables_path(model_copy)) as z:
        arrays = {k: z[k] for k in z.files}
    arrays["classes"] = np.array([object()], dtype=object)  # would need pickle to load
    with tables_path(model_copy).open("wb") as f:
        np.savez(f, **arrays)
    _edit_manifest(model_copy, tables_sha256=sha256_of(tables_path(model_copy)))
    with pytest.raises(taskqual.ModelIntegrityError, match="cannot be read"):
        taskqual.Model.load(model_copy)


@pytest.mark.slow
def test_training_in_two_processes_writes_identical_files(tmp_path):
    """No run-time ids or timestamps leak into the files: a rebuild reproduces the shipped bytes."""
    import subprocess
    import sys

    script = (
        "import sys, taskqual\n"
        "from training.data import load_training\n"
        "rs = load_training()[::10]\n"
        "taskqual.TaskClassifier(random_state=0).fit([r.text for r in rs], [r.label for r in rs]).save(sys.argv[1])\n"
    )
    root = Path(__file__).resolve().parent.parent
    paths = [tmp_path / "one" / "m.skops", tmp_path / "two" / "m.skops"]
    for p in paths:
        subprocess.run([sys.executable, "-c", script, str(p)], check=True, cwd=root, timeout=300)
    assert sha256_of(paths[0]) == sha256_of(paths[1])
    assert sha256_of(tables_path(paths[0])) == sha256_of(tables_path(paths[1]))
