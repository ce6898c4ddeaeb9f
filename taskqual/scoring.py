"""The lean scoring path: a fitted TaskClassifier compiled into dictionaries and one weight matrix.

scikit-learn spends 1-3 ms of per-call overhead on a single text (input validation, vectoriser
machinery, ``predict_proba``). Here a text becomes a sparse row by dictionary look-ups and one
sparse product; one text and a million texts go through the same row builder and the same
product, so a text scores identically alone and in a batch (tests pin that, and pin agreement
with ``TaskClassifier.predict_proba``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from taskqual.estimator import TaskClassifier
from taskqual.features import Analysis, analyze


def _tfidf_row(tokens: Sequence[str], vocab: dict[str, int], idf: np.ndarray, offset: int, scale: float,
               out_idx: list[int], out_val: list[float]) -> None:
    """Append one text's sublinear-tf, idf-weighted, L2-normalised row to the output lists."""
    counts: dict[int, int] = {}
    get = vocab.get
    for tok in tokens:
        j = get(tok)
        if j is not None:
            counts[j] = counts.get(j, 0) + 1
    if not counts:
        return
    idx = sorted(counts)
    vals = [(1.0 + math.log(counts[j])) * idf[j] for j in idx]
    norm = math.sqrt(sum(v * v for v in vals))
    k = scale / norm
    out_idx.extend(j + offset for j in idx)
    out_val.extend(v * k for v in vals)


class CompiledModel:
    """Scores texts with the weights of a fitted :class:`TaskClassifier`, without sklearn overhead."""

    def __init__(self, model: TaskClassifier) -> None:
        wv, cv, clf = model.word_vectorizer_, model.char_vectorizer_, model.classifier_
        self.classes: tuple[str, ...] = tuple(str(c) for c in model.classes_)
        self._wvocab = dict(wv.vocabulary_)
        self._cvocab = dict(cv.vocabulary_)
        self._widf = wv.idf_.tolist()
        self._cidf = cv.idf_.tolist()
        self._n_word = len(self._wvocab)
        self._n = self._n_word + len(self._cvocab)
        self._char_weight = float(model.char_weight)
        self._char_analyzer = cv.build_analyzer()
        coef = clf.coef_
        intercept = clf.intercept_
        if coef.shape[0] == 1:  # binary: sklearn's sigmoid equals a softmax over (0, d)
            coef = np.vstack([np.zeros_like(coef[0]), coef[0]])
            intercept = np.array([0.0, intercept[0]])
        self._weights = np.ascontiguousarray(coef.T)  # (n_features, n_classes)
        self._intercept = intercept.astype(np.float64)

    def rows(self, analyses: Sequence[Analysis]) -> sp.csr_matrix:
        """The feature matrix of already analysed texts (same columns as ``TaskClassifier.transform``)."""
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        for a in analyses:
            _tfidf_row(a.features, self._wvocab, self._widf, 0, 1.0, indices, data)
            _tfidf_row(self._char_analyzer(a.normalized.lower()), self._cvocab, self._cidf, self._n_word,
                       self._char_weight, indices, data)
            indptr.append(len(indices))
        return sp.csr_matrix(
            (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int32)),
            shape=(len(analyses), self._n),
        )

    def proba(self, analyses: Sequence[Analysis]) -> np.ndarray:
        """Class probabilities, one row per text, columns in ``classes`` order."""
        logits = self.rows(analyses) @ self._weights + self._intercept
        logits -= logits.max(axis=1, keepdims=True)
        np.exp(logits, out=logits)
        logits /= logits.sum(axis=1, keepdims=True)
        return logits

    def proba_texts(self, texts: Sequence[str]) -> np.ndarray:
        """Class probabilities of raw texts (analysis included)."""
        return self.proba([analyze(t) for t in texts])


__all__ = ["CompiledModel"]
