"""Model files: saved in skops format with a JSON manifest, verified before anything is unpickled.

A model file is code as much as data (unpickling can run code), so loading checks, in order: the
manifest exists, the file's sha256 equals the manifest's (and, for the shipped model, the hash
pinned in this package), the manifest was written for these features and library versions, and
the file holds only scikit-learn and numpy types. Any failure raises ModelIntegrityError saying
which file and why.

This module keeps bytes, hashes and manifests. What the files hold is the estimator's business
(:meth:`taskqual.estimator.TaskClassifier.to_state`, ``to_tables``, ``from_state``): nothing here
imports the estimator or knows its fitted attributes, so the dependency runs one way, estimator → artifact.
"""

from __future__ import annotations

import hashlib
import io
import json
import platform
import re
import zipfile
from importlib import metadata as importlib_metadata
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from taskqual.errors import ModelIntegrityError
from taskqual.features import FEATURES_VERSION

if TYPE_CHECKING:
    from taskqual.scoring import CompiledModel

DEFAULT_MODEL_NAME = "taskqual-ru"
FORMAT = "skops"
# Libraries whose version changes what a saved model computes: a mismatch refuses the model.
STRICT_LIBRARIES = ("scikit-learn", "pymorphy3-dicts-ru")
RECORDED_LIBRARIES = ("scikit-learn", "numpy", "scipy", "skops", "spacy", "pymorphy3", "pymorphy3-dicts-ru")


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, read in blocks."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def library_versions() -> dict[str, str]:
    """Versions of the libraries that a model depends on, as installed now."""
    out = {"python": platform.python_version()}
    for name in RECORDED_LIBRARIES:
        try:
            out[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def manifest_path(model_path: Path) -> Path:
    """The manifest that belongs to a model file: same name, ``.json``."""
    return model_path.with_suffix(".json")


def default_model_path() -> Path:
    """The shipped model: inside the installed package, or in ``models/`` of a source checkout."""
    try:
        candidate = Path(str(resources.files("taskqual._models") / f"{DEFAULT_MODEL_NAME}.skops"))
        if candidate.is_file():
            return candidate
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "models" / f"{DEFAULT_MODEL_NAME}.skops"


_OBJECT_ID_RE = re.compile(r'(?<="__id__": )\d+|\d+(?=\.npy")')


def _canonical_skops(blob: bytes) -> bytes:
    """The same skops archive with stable member names and timestamps, so that the same model
    always gives the same bytes and sha256 (skops names members by ``id()`` and stamps the time)."""
    src = zipfile.ZipFile(io.BytesIO(blob))
    schema = src.read("schema.json").decode("utf-8")
    ids: dict[str, str] = {}
    schema = _OBJECT_ID_RE.sub(lambda m: ids.setdefault(m.group(0), str(len(ids) + 1)), schema)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:

        def put(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)

        put("schema.json", schema.encode("utf-8"))
        members = {
            re.sub(r"^\d+(?=\.npy$)", lambda m: ids[m.group(0)], n): n for n in src.namelist() if n != "schema.json"
        }
        for name in sorted(members, key=lambda n: (len(n), n)):
            put(name, src.read(members[name]))
    return out.getvalue()


def tables_path(model_path: Path) -> Path:
    """The scoring tables that belong to a model file: same name, ``.npz``."""
    return model_path.with_suffix(".npz")


def model_files(model_path: Path) -> tuple[Path, Path, Path]:
    """The three files of one model: the estimator (.skops), its scoring tables (.npz), its manifest (.json)."""
    return model_path, tables_path(model_path), manifest_path(model_path)


def save_model(
    path: Path, state: dict[str, Any], tables: dict[str, np.ndarray], fields: dict[str, Any], extra: dict[str, Any]
) -> Path:
    """Write a model's three files: ``state`` to ``path`` (skops, byte-for-byte reproducible), ``tables``
    beside it (.npz) and the manifest (``fields``, then the libraries, then ``extra``, with the hashes of
    both files); return the model path."""
    import skops.io as sio

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_canonical_skops(sio.dumps(state)))
    arrays: dict[str, Any] = tables  # numpy's stub would read a key as allow_pickle
    with tables_path(path).open("wb") as f:  # uncompressed: loads fastest
        np.savez(f, **arrays)
    manifest = {
        "name": path.stem,
        "format": FORMAT,
        "features_version": FEATURES_VERSION,
        "sha256": sha256_of(path),
        "tables_sha256": sha256_of(tables_path(path)),
        **fields,
        "libraries": library_versions(),
        **extra,
    }
    write_manifest(path, manifest)
    return path


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    """Write the manifest beside the model file ``path`` (UTF-8 JSON, two-space indent)."""
    manifest_path(path).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of a model file, or ModelIntegrityError saying why it cannot be read."""
    mpath = manifest_path(path)
    if not path.is_file():
        raise ModelIntegrityError(f"model file {path} does not exist; train one with `python -m training.train`")
    if not mpath.is_file():
        raise ModelIntegrityError(f"model manifest {mpath} is missing; a model is loaded only with its manifest")
    try:
        return json.loads(mpath.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ModelIntegrityError(f"model manifest {mpath} is not valid JSON: {e}") from e


def verify(path: Path, manifest: dict[str, Any], pinned_sha256: str | None = None, *, key: str = "sha256") -> None:
    """Refuse a file whose hash, feature version or library versions do not match."""
    if not path.is_file():
        raise ModelIntegrityError(f"model file {path} does not exist; train one with `python -m training.train`")
    actual = sha256_of(path)
    if actual != manifest.get(key):
        raise ModelIntegrityError(
            f"model file {path} has sha256 {actual[:12]}…, but its manifest says {str(manifest.get(key))[:12]}…: "
            "the file was changed or corrupted after training; retrain or restore it"
        )
    if pinned_sha256 is not None and actual != pinned_sha256:
        raise ModelIntegrityError(
            f"model file {path} is not the model this taskqual release ships (sha256 {actual[:12]}…, "
            f"pinned {pinned_sha256[:12]}…); reinstall taskqual"
        )
    if manifest.get("format") != FORMAT:
        raise ModelIntegrityError(f"model file {path} has format {manifest.get('format')!r}; expected {FORMAT!r}")
    if manifest.get("features_version") != FEATURES_VERSION:
        raise ModelIntegrityError(
            f"model file {path} was trained on features version {manifest.get('features_version')}, this taskqual "
            f"computes version {FEATURES_VERSION}; retrain it with `python -m training.train`"
        )
    installed = library_versions()
    recorded = manifest.get("libraries", {})
    for lib in STRICT_LIBRARIES:
        want, have = recorded.get(lib), installed.get(lib)
        same = want == have if lib != "scikit-learn" else (want and have and _minor(want) == _minor(have))
        if not same:
            raise ModelIntegrityError(
                f"model file {path} was built with {lib} {want}, but {have} is installed; "
                f"install {lib}=={want} or retrain the model"
            )


def load_state(
    path: Path, *, trusted: bool = False, pinned_sha256: str | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Verify a model file and read the state saved in it, with its manifest.

    Only scikit-learn and numpy types are read unless ``trusted=True``; anything wrong is a
    ModelIntegrityError naming the file.
    """
    import skops.io as sio  # imported here: it imports all of scikit-learn (over a second)

    manifest = read_manifest(path)
    verify(path, manifest, pinned_sha256)
    try:
        untrusted = sio.get_untrusted_types(file=path)
        if untrusted and not trusted:
            raise ModelIntegrityError(
                f"model file {path} contains types outside scikit-learn and numpy ({', '.join(untrusted)}); "
                "load it with trusted=True only if you know who made it"
            )
        state = sio.load(path, trusted=untrusted or None)
    except ModelIntegrityError:
        raise
    except Exception as e:  # skops raises many types for a damaged file
        raise ModelIntegrityError(f"model file {path} cannot be read: {type(e).__name__}: {e}") from e
    if not isinstance(state, dict):
        raise ModelIntegrityError(f"model file {path} does not hold a taskqual model")
    return state, manifest


def load_tables(
    path: Path, *, pinned_sha256: str | None = None, pinned_model_sha256: str | None = None
) -> tuple[CompiledModel, dict[str, Any]]:
    """Verify all files of a model and load its scoring tables (``.npz`` beside it) and manifest.

    This is the fast path used for verdicts: numpy arrays only, no unpickling, no skops import. The
    ``.skops`` estimator is read later, on demand, but its hash is checked here too, so a damaged
    model is refused at start-up rather than on the first ``explain()``.
    """
    from taskqual.scoring import CompiledModel

    manifest = read_manifest(path)
    tables = tables_path(path)
    verify(path, manifest, pinned_model_sha256)
    verify(tables, manifest, pinned_sha256, key="tables_sha256")
    try:
        return CompiledModel.load(tables), manifest
    except Exception as e:  # numpy raises several types for a damaged archive
        raise ModelIntegrityError(f"model tables {tables} cannot be read: {type(e).__name__}: {e}") from e


__all__ = [
    "save_model",
    "load_tables",
    "tables_path",
    "model_files",
    "load_state",
    "read_manifest",
    "verify",
    "default_model_path",
    "sha256_of",
    "write_manifest",
    "library_versions",
]
