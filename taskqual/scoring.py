"""The lean scoring path: a fitted TaskClassifier compiled into look-up tables and one weight matrix.

scikit-learn spends 1-3 ms of per-call overhead on a single text (input validation, vectoriser
machinery, ``predict_proba``), and importing skops to read a model file costs over a second. Here
a text becomes a sparse row by dictionary look-ups and one sparse product, and the tables load from
a plain ``.npz`` of numpy arrays (``allow_pickle=False``: nothing in it can run code). One text and
a million texts go through the same row builder and the same product, so a text scores identically
alone and in a batch; tests pin that, and pin agreement with ``TaskClassifier.predict_proba``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from taskqual.features import Analysis

CHUNK = 4096  # texts per sparse product: bounds the memory of the Python-side row lists
SMALL_BATCH = 64  # below this many texts, plain numpy beats building a scipy matrix


def char_wb_ngrams(text: str, min_n: int, max_n: int) -> list[str]:
    """Character n-grams inside word boundaries, exactly as scikit-learn's ``analyzer="char_wb"``.

    Written out because importing ``sklearn.feature_extraction`` for this one function costs about
    120 MB of memory and half a second of start-up; a test pins equality with scikit-learn's own.
    """
    grams: list[str] = []
    append = grams.append
    for w in text.split():
        w = f" {w} "
        length = len(w)
        for n in range(min_n, max_n + 1):
            offset = 0
            append(w[offset : offset + n])
            while offset + n < length:
                offset += 1
                append(w[offset : offset + n])
            if offset == 0:  # the word is shorter than n: count it once
                break
    return grams


_NOT_IN_VOCABULARY = np.int64(-1).tobytes()  # the packed column of a feature the model does not know


class CompiledModel:
    """Scores texts with the weights of a fitted :class:`TaskClassifier`, without sklearn overhead."""

    def __init__(self, tables: dict[str, Any]) -> None:
        self.classes: tuple[str, ...] = tuple(str(c) for c in tables["classes"])
        word_terms, char_terms = tables["word_terms"].tolist(), tables["char_terms"].tolist()
        self._n_word = len(word_terms)
        self._wvocab = {t: i for i, t in enumerate(word_terms)}
        self._cvocab = {t: i + self._n_word for i, t in enumerate(char_terms)}
        self._idf = np.concatenate([tables["word_idf"], tables["char_idf"]]).astype(np.float64)
        self._n = len(self._idf)
        self._char_weight = float(tables["char_weight"])
        self._char_ngrams = tuple(int(x) for x in tables["char_ngram_range"])
        self._word_grams: dict[str, bytes] = {}  # word → its char n-gram columns, packed (bounded cache)
        packed = np.arange(self._n_word, dtype=np.int64).tobytes()
        # feature → its column, packed (about 2 MB for 30,000 features; built once, never grows)
        self._feature_columns = {t: packed[8 * i : 8 * i + 8] for t, i in self._wvocab.items()}
        self._weights = np.ascontiguousarray(tables["weights"], dtype=np.float64)  # (n_features, n_classes)
        self._intercept = np.asarray(tables["intercept"], dtype=np.float64)
        # a team model's shorthand terms (taskqual.terms), read as words; none in older tables
        self.terms: frozenset[str] = (
            frozenset(str(t) for t in tables["team_terms"].tolist()) if "team_terms" in tables else frozenset()
        )

    # -- building and storing ----------------------------------------------------------------
    @classmethod
    def from_estimator(cls, model: Any) -> CompiledModel:
        """Compile a fitted TaskClassifier (the arrays of its ``to_tables()``)."""
        return cls(model.to_tables())

    @classmethod
    def load(cls, path: Path) -> CompiledModel:
        """Read the ``.npz`` tables a saved model has beside it (numpy arrays only; pickled objects are refused)."""
        with np.load(path, allow_pickle=False) as z:
            return cls({k: z[k] for k in z.files})

    # -- scoring -------------------------------------------------------------------------------
    def _char_columns(self, word: str) -> bytes:
        """Columns of a word's char_wb n-grams, packed as int64; char_wb pads each word alone, so words add up."""
        cols = self._word_grams.get(word)
        if cols is None:
            lo, hi = self._char_ngrams
            get = self._cvocab.get
            cols = np.array(
                [j for j in map(get, char_wb_ngrams(word, lo, hi)) if j is not None], dtype=np.int64
            ).tobytes()
            if len(self._word_grams) > 100_000:
                self._word_grams.clear()
            self._word_grams[word] = cols
        return cols

    def _columns(self, analyses: Sequence[Analysis]) -> tuple[np.ndarray, list[int]]:
        """Column numbers of every text's features and char n-grams, in order (-1: not in the
        vocabulary), and how many belong to each text: the one place texts become columns.

        Each feature's column and each word's n-gram columns are kept as packed int64 bytes, so a
        batch's columns are one ``bytes.join`` and the array is a view of them (building it from a
        list of Python ints cost a fifth of a small batch's scoring)."""
        feature_column = self._feature_columns.get
        char_columns = self._char_columns
        parts: list[bytes] = []
        lengths: list[int] = []
        for a in analyses:
            start = len(parts)
            parts.extend(map(feature_column, a.features, repeat(_NOT_IN_VOCABULARY)))
            parts.extend(map(char_columns, a.char_text.split()))
            lengths.append(sum(map(len, parts[start:])) >> 3)
        return np.frombuffer(b"".join(parts), dtype=np.int64), lengths

    def rows(self, analyses: Sequence[Analysis]) -> sp.csr_matrix:
        """The feature matrix of analysed texts (same columns as ``TaskClassifier.transform``).

        Python only collects column numbers; counting, sublinear tf, idf and the per-view L2 norm
        are array operations over the whole batch, and per row they add up in the same order
        whatever the batch size, so one text alone scores bit-for-bit as in a batch.
        """
        n = len(analyses)
        c, lengths = self._columns(analyses)
        r = np.repeat(np.arange(n), lengths)
        keep = c >= 0
        counts = sp.csr_matrix((np.ones(int(keep.sum())), (r[keep], c[keep])), shape=(n, self._n))
        counts.sum_duplicates()
        vals = (1.0 + np.log(counts.data)) * self._idf[counts.indices]  # sublinear tf x idf
        segment = np.repeat(np.arange(n) * 2, np.diff(counts.indptr)) + (counts.indices >= self._n_word)
        norms = np.sqrt(np.bincount(segment, weights=vals * vals, minlength=2 * n))
        scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        scale[1::2] *= self._char_weight  # odd segments are the char view
        counts.data = vals * scale[segment]
        return counts

    def _logits(self, analyses: Sequence[Analysis]) -> np.ndarray:
        """``rows(analyses) @ weights + intercept`` without building a scipy matrix.

        Building the CSR matrix costs about 300 µs however few texts there are, most of a single
        ``/v1/check``; this does the same arithmetic in the same order with plain numpy (each
        row's sum runs over its columns in ascending order, as the CSR product does), so the
        logits are bit-for-bit those of the sparse product.
        """
        n = len(analyses)
        c, lengths = self._columns(analyses)
        r = np.repeat(np.arange(n, dtype=np.int64), lengths)
        keep = c >= 0
        keys = r[keep] * self._n + c[keep]
        keys.sort()  # row, then column; what np.unique does, without its wrapper's cost per call
        first = np.empty(keys.size, dtype=bool)
        first[:1] = True
        np.not_equal(keys[1:], keys[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        counts = np.diff(np.append(starts, keys.size))
        row, col = np.divmod(keys[starts], self._n)
        vals = (1.0 + np.log(counts.astype(np.float64))) * self._idf[col]  # sublinear tf x idf
        segment = row * 2 + (col >= self._n_word)
        norms = np.sqrt(np.bincount(segment, weights=vals * vals, minlength=2 * n))
        scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=norms > 0)
        scale[1::2] *= self._char_weight  # odd segments are the char view
        vals = vals * scale[segment]
        contrib = self._weights[col] * vals[:, None]
        # one bincount for every class: bin row*k+j sums its columns in the same order as a
        # bincount per class would
        k = self._weights.shape[1]
        bins = (row * k)[:, None] + np.arange(k)
        logits = np.bincount(bins.ravel(), weights=contrib.ravel(), minlength=n * k).reshape(n, k)
        return logits + self._intercept

    def _logits_one(self, analysis: Analysis) -> np.ndarray:
        """``_logits([analysis])[0]`` for the single text of a ``/v1/check``, with fewer numpy calls.

        ``_logits`` pays numpy's fixed cost per call about twenty times (``unique``, ``divmod``, one
        ``bincount`` per class). Here the columns are counted by ``Counter`` and only the
        element-wise arithmetic stays in numpy; every sum still runs over the columns in
        ascending order, one addition at a time (``add.accumulate`` is sequential, as ``bincount``
        is), so the logits are bit-for-bit those of ``_logits`` and of the sparse product.
        """
        counted = Counter(self._columns([analysis])[0].tolist())
        counted.pop(-1, None)  # not in the vocabulary
        if not counted:
            return self._intercept + 0.0
        keys = sorted(counted)
        col = np.array(keys, dtype=np.int64)
        counts = np.array(list(map(counted.__getitem__, keys)), dtype=np.float64)
        vals = (1.0 + np.log(counts)) * self._idf[col]  # sublinear tf x idf
        split = bisect_left(keys, self._n_word)  # word columns first, then the char view
        squares = vals * vals
        for view, weight in ((slice(None, split), 1.0), (slice(split, None), self._char_weight)):
            if squares[view].size:
                norm = np.sqrt(np.add.accumulate(squares[view])[-1])
                vals[view] *= 1.0 / norm * weight if norm > 0 else 0.0
        contrib = self._weights[col] * vals[:, None]
        return np.add.accumulate(contrib, axis=0)[-1] + self._intercept

    def proba(self, analyses: Sequence[Analysis]) -> np.ndarray:
        """Class probabilities, one row per text, columns in ``classes`` order."""
        out = np.empty((len(analyses), len(self.classes)))
        for start in range(0, len(analyses), CHUNK):
            part = analyses[start : start + CHUNK]
            if len(part) == 1:  # the same numbers every way (see _logits_one and _logits)
                logits = self._logits_one(part[0])[None, :]
            elif len(part) < SMALL_BATCH:
                logits = self._logits(part)
            else:
                logits = self.rows(part) @ self._weights + self._intercept
            logits -= logits.max(axis=1, keepdims=True)
            np.exp(logits, out=logits)
            logits /= logits.sum(axis=1, keepdims=True)
            out[start : start + CHUNK] = logits
        return out


__all__ = ["CompiledModel"]
