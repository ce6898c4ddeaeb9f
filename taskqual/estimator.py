"""TaskClassifier: a scikit-learn estimator over raw task texts.

Text → :func:`taskqual.features.analyze` (library code) → two TF-IDF views (linguistic feature
tokens and character n-grams of the normalised text) → multinomial logistic regression.

The estimator owns its fitted state: :meth:`TaskClassifier.to_state` (three plain scikit-learn objects),
:meth:`TaskClassifier.from_state` and :meth:`TaskClassifier.to_tables` (the numpy arrays the lean scorer in
:mod:`taskqual.scoring` reads). :mod:`taskqual.artifact` turns those into verified bytes on disk and knows
nothing of what is inside them.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted
from threadpoolctl import threadpool_limits

from taskqual import artifact
from taskqual.augment import augment
from taskqual.errors import ModelIntegrityError
from taskqual.features import analyze
from taskqual.terms import normalize_terms

STATE_KEYS = ("word_vectorizer_", "char_vectorizer_", "classifier_")  # what to_state() holds, in this order
TERMS_KEY = "terms_"  # a team model's shorthand terms (list of str) in to_state(); absent when it has none


def _without_runtime_ids(obj: Any) -> Any:
    """A shallow copy without ``_stop_words_id``: scikit-learn's vectorisers keep ``id()`` of their
    stop-word list there (meaningless in another process, and different in every run)."""
    if not hasattr(obj, "_stop_words_id"):
        return obj
    clone = copy.copy(obj)
    del clone._stop_words_id
    return clone


def _texts(X: Any) -> list[str]:
    """Accept a list, tuple, pandas Series or 1-D array of strings; refuse anything else clearly."""
    if isinstance(X, str):
        raise TypeError("X must be a sequence of task texts, not a single string: wrap it in a list")
    if hasattr(X, "ndim") and X.ndim == 2:
        if X.shape[1] != 1:
            raise ValueError(f"X must hold one text column, got an array of shape {X.shape}")
        X = X[:, 0] if not hasattr(X, "iloc") else X.iloc[:, 0]
    texts = list(X)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"X[{i}] is {type(t).__name__}, expected str (a task text)")
    return texts


class TaskClassifier(ClassifierMixin, BaseEstimator):
    """Classify Russian CRM task texts into concrete / vague / company_only / delegable.

    Parameters
    ----------
    C : inverse regularisation strength of the logistic regression.
    char_ngram_range : character n-gram sizes read from the normalised text (typos, name shapes).
    char_weight : weight of the character view against the linguistic view.
    min_df : minimum document frequency of a feature to keep it.
    class_weight : passed to LogisticRegression ("balanced" evens out label counts).
    augment : also train on a lower-case and a one-letter-typo copy of each text (same label), so
        capitals and exact spellings matter less (see :mod:`taskqual.augment`).
    max_iter, tol, random_state : passed to LogisticRegression.
    terms : a team's shorthand («ЗМР», «ПНР»): read as words, never as a company name (see
        :mod:`taskqual.terms`). Fitted as ``terms_`` (normalised), which is saved with the model.
    class_shift : label → log-odds added to that label's intercept once the weights are fitted (None:
        none). The shipped model carries the shift its scores show on voices it was not trained on,
        fitted by leave-one-voice-out (:mod:`training.voice_shift`): held out, it says ``company_only``
        too often. Folded into ``classifier_.intercept_``, so the saved files and their sha256 hold it.

    >>> clf = TaskClassifier().fit(["отправить КП", "ООО Ромашка"] * 3, ["concrete", "company_only"] * 3)
    >>> clf.predict(["отправить КП"]).tolist()
    ['concrete']
    """

    def __init__(
        self,
        C: float = 32.0,
        char_ngram_range: tuple[int, int] = (2, 4),
        char_weight: float = 0.5,
        min_df: int = 1,
        class_weight: str | dict | None = "balanced",
        augment: bool = True,
        max_iter: int = 2000,
        tol: float = 1e-6,
        random_state: int | None = 0,
        terms: tuple[str, ...] = (),
        class_shift: dict[str, float] | None = None,
    ) -> None:
        self.C = C
        self.char_ngram_range = char_ngram_range
        self.char_weight = char_weight
        self.min_df = min_df
        self.class_weight = class_weight
        self.augment = augment
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state
        self.terms = terms
        self.class_shift = class_shift

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        tags.input_tags.categorical = False
        return tags

    # -- fitting -------------------------------------------------------------------------------
    def _views(self, texts: Sequence[str]) -> tuple[list[str], list[str]]:
        terms = frozenset(getattr(self, "terms_", ()))
        analyses = [analyze(t, terms) for t in texts]
        return [a.feature_string for a in analyses], [a.char_text for a in analyses]

    def fit(self, X: Iterable[str], y: Iterable[str]) -> TaskClassifier:
        """Learn from task texts and their labels."""
        texts = _texts(X)
        y = np.asarray(list(y))
        if len(texts) != len(y):
            raise ValueError(f"X has {len(texts)} texts but y has {len(y)} labels")
        check_classification_targets(y)
        self.terms_ = normalize_terms(self.terms)
        if self.augment:
            texts, labels = augment(texts, y.tolist())
            y = np.asarray(labels)
        feats, chars = self._views(texts)
        self.word_vectorizer_ = TfidfVectorizer(
            token_pattern=r"\S+", lowercase=False, min_df=self.min_df, sublinear_tf=True, dtype=np.float64
        )
        self.char_vectorizer_ = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=tuple(self.char_ngram_range),
            min_df=self.min_df,
            sublinear_tf=True,
            lowercase=False,
            dtype=np.float64,
        )
        Xw = self.word_vectorizer_.fit_transform(feats)
        Xc = self.char_vectorizer_.fit_transform(chars)
        self.classifier_ = LogisticRegression(
            C=self.C,
            class_weight=self.class_weight,
            max_iter=self.max_iter,
            tol=self.tol,
            random_state=self.random_state,
        )
        # Threaded BLAS sums the loss in an order that depends on the machine's cores, and L-BFGS follows
        # those last bits to other weights: one thread makes a seed give the same model everywhere.
        with threadpool_limits(limits=1, user_api="blas"):
            self.classifier_.fit(self._stack(Xw, Xc), y)
        self.classes_ = self.classifier_.classes_
        self.classifier_.intercept_ = self.classifier_.intercept_ + self._shift()
        self.n_features_in_ = 1
        return self

    def _shift(self) -> np.ndarray:
        """``class_shift`` as what to add to ``classifier_.intercept_`` (a binary model has one
        intercept, for its second class against its first)."""
        shift = self.class_shift or {}
        if unknown := sorted(set(shift) - {str(c) for c in self.classes_}):
            raise ValueError(f"class_shift names labels the model does not have: {', '.join(unknown)}")
        offsets = np.array([float(shift.get(str(c), 0.0)) for c in self.classes_])
        return offsets[1:] - offsets[0] if len(offsets) == 2 else offsets

    def _stack(self, Xw: sp.spmatrix, Xc: sp.spmatrix) -> sp.csr_matrix:
        return sp.hstack([Xw, Xc * self.char_weight], format="csr")

    # -- prediction ----------------------------------------------------------------------------
    def transform(self, X: Iterable[str]) -> sp.csr_matrix:
        """The feature matrix the classifier sees (for inspection and explain())."""
        check_is_fitted(self, "classifier_")
        feats, chars = self._views(_texts(X))
        return self._stack(self.word_vectorizer_.transform(feats), self.char_vectorizer_.transform(chars))

    def decision_function(self, X: Iterable[str]) -> np.ndarray:
        check_is_fitted(self, "classifier_")
        return self.classifier_.decision_function(self.transform(X))

    def predict_proba(self, X: Iterable[str]) -> np.ndarray:
        """Probabilities of each class in ``classes_`` order."""
        check_is_fitted(self, "classifier_")
        return self.classifier_.predict_proba(self.transform(X))

    def predict(self, X: Iterable[str]) -> np.ndarray:
        check_is_fitted(self, "classifier_")
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    # -- explanation ---------------------------------------------------------------------------
    def feature_names(self) -> np.ndarray:
        """Names of the columns of :meth:`transform`: linguistic tokens, then ``char:`` n-grams."""
        check_is_fitted(self, "classifier_")
        words = self.word_vectorizer_.get_feature_names_out()
        chars = np.array(["char:" + c for c in self.char_vectorizer_.get_feature_names_out()], dtype=object)
        return np.concatenate([words.astype(object), chars])

    def explain(self, text: str, top: int = 10) -> dict[str, Any]:
        """Why the model chose its label: the features that pushed the decision, with weights.

        Each weight is the feature's value times its coefficient for the predicted label, minus the
        mean over labels, so positive weights pulled towards the label and negative ones away.
        """
        check_is_fitted(self, "classifier_")
        row = self.transform([text])
        proba = self.classifier_.predict_proba(row)[0]
        k = int(np.argmax(proba))
        coef = self.classifier_.coef_
        coef = coef if coef.shape[0] > 1 else np.vstack([-coef[0], coef[0]])
        idx = row.indices
        contrib = row.data * (coef[k, idx] - coef[:, idx].mean(axis=0))
        names = self.feature_names()
        order = np.argsort(-np.abs(contrib))[:top]
        return {
            "label": str(self.classes_[k]),
            "confidence": float(proba[k]),
            "features": [{"feature": str(names[idx[i]]), "weight": round(float(contrib[i]), 4)} for i in order],
        }

    # -- state ---------------------------------------------------------------------------------
    def to_state(self) -> dict[str, Any]:
        """The fitted state: the two vectorisers and the classifier, plain scikit-learn objects that
        skops can save without trusting anything (same objects give the same bytes), and a team
        model's terms (a list of words; no key when it has none, so such files are as before)."""
        check_is_fitted(self, "classifier_")
        state: dict[str, Any] = {key: _without_runtime_ids(getattr(self, key)) for key in STATE_KEYS}
        if getattr(self, TERMS_KEY, ()):  # a team model's terms, covered by the file's sha256 like the weights
            state[TERMS_KEY] = list(self.terms_)
        return state

    @classmethod
    def from_state(cls, state: Any, params: dict[str, Any] | None = None) -> TaskClassifier:
        """A fitted TaskClassifier from :meth:`to_state`'s dict and :meth:`get_params`' values;
        ValueError when ``state`` is something else (other keys, or terms that are not a list of words)."""
        if not isinstance(state, dict) or set(state) - {TERMS_KEY} != set(STATE_KEYS):
            found = sorted(state) if isinstance(state, dict) else type(state).__name__
            raise ValueError(f"expected a dict of {', '.join(STATE_KEYS)} (and {TERMS_KEY}); got {found}")
        terms = state.get(TERMS_KEY, [])
        if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
            raise ValueError("its terms are not a list of words")
        kwargs: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in (params or {}).items()}
        model = cls(**kwargs)
        for key in STATE_KEYS:
            setattr(model, key, state[key])
        model.classes_ = model.classifier_.classes_
        model.n_features_in_ = 1
        model.terms_ = tuple(terms)
        return model

    def to_tables(self) -> dict[str, np.ndarray]:
        """The numpy arrays that define this model's scores (vocabularies, idf, weights), which
        :class:`taskqual.scoring.CompiledModel` scores with and the ``.npz`` file stores."""
        check_is_fitted(self, "classifier_")
        wv, cv, clf = self.word_vectorizer_, self.char_vectorizer_, self.classifier_
        coef, intercept = clf.coef_, clf.intercept_
        if coef.shape[0] == 1:  # binary: sklearn's sigmoid equals a softmax over (0, d)
            coef = np.vstack([np.zeros_like(coef[0]), coef[0]])
            intercept = np.array([0.0, intercept[0]])
        terms = getattr(self, TERMS_KEY, ())
        return {
            **({"team_terms": np.asarray(list(terms), dtype=str)} if terms else {}),  # no key: tables as before
            "classes": np.asarray([str(c) for c in clf.classes_]),
            "word_terms": wv.get_feature_names_out().astype(str),
            "word_idf": wv.idf_,
            "char_terms": cv.get_feature_names_out().astype(str),
            "char_idf": cv.idf_,
            "char_weight": np.float64(self.char_weight),
            "char_ngram_range": np.asarray(self.char_ngram_range, dtype=np.int64),
            "weights": coef.T,
            "intercept": intercept,
        }

    # -- persistence ---------------------------------------------------------------------------
    def save(self, path: str | Path, metadata: dict[str, Any] | None = None) -> Path:
        """Write the model in the safe skops format, its scoring tables (``.npz``) and a ``.json``
        manifest beside it (``metadata`` goes into the manifest); return the model path."""
        params = {k: list(v) if isinstance(v, tuple) else v for k, v in self.get_params().items()}
        fields = {"params": params, "classes": [str(c) for c in self.classes_]}
        return artifact.save_model(Path(path), self.to_state(), self.to_tables(), fields, metadata or {})

    @classmethod
    def load(cls, path: str | Path, *, trusted: bool = False, pinned_sha256: str | None = None) -> TaskClassifier:
        """Load a model saved by :meth:`save`, after checking its sha256 and library versions.

        Only scikit-learn and numpy types are accepted from the file unless ``trusted=True``;
        ``pinned_sha256`` refuses any file but that one (the shipped model).
        """
        path = Path(path)
        state, manifest = artifact.load_state(path, trusted=trusted, pinned_sha256=pinned_sha256)
        try:
            model = cls.from_state(state, manifest.get("params"))
        except (TypeError, ValueError) as e:
            raise ModelIntegrityError(f"model file {path} does not hold a taskqual model ({e})") from e
        model.manifest_ = manifest
        return model


__all__ = ["TaskClassifier", "STATE_KEYS"]
