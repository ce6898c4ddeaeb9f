"""The baselines taskqual must beat, trained on the same data in the same run.

- tfidf_lr: plain scikit-learn TF-IDF (word + char n-grams) and logistic regression, no morphology;
- fasttext: fastText supervised (benchmark-only extra: ``pip install fasttext-wheel``);
- first_word: the majority label of the first word in the training data (a one-line rule).
"""

from __future__ import annotations

import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union


def tfidf_lr(seed: int = 0):
    """Word 1-2-grams plus char_wb 2-5-grams, TF-IDF, logistic regression: the standard text baseline."""
    return make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        ),
        LogisticRegression(C=10, max_iter=2000, class_weight="balanced", random_state=seed),
    )


class FirstWordRule:
    """Predict the most frequent label of the text's first word; unseen words get the overall majority."""

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> FirstWordRule:
        by_word: dict[str, Counter] = defaultdict(Counter)
        for t, y in zip(texts, labels):
            by_word[self._first(t)][y] += 1
        self.table_ = {w: c.most_common(1)[0][0] for w, c in by_word.items()}
        self.default_ = Counter(labels).most_common(1)[0][0]
        return self

    @staticmethod
    def _first(text: str) -> str:
        words = text.lower().replace("ё", "е").split()
        return words[0].strip(".,:;!?«»\"'()-—") if words else ""

    def predict(self, texts: Sequence[str]) -> list[str]:
        return [self.table_.get(self._first(t), self.default_) for t in texts]


class FastTextBaseline:
    """fastText supervised with word bigrams and char n-grams, fixed seed and one thread."""

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> FastTextBaseline:
        try:
            import fasttext
        except ImportError as e:
            raise ImportError("the fastText baseline needs the benchmark extra: pip install fasttext-wheel") from e
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
            for t, y in zip(texts, labels):
                f.write(f"__label__{y} {self._clean(t)}\n")
            path = f.name
        try:
            self.model_ = fasttext.train_supervised(
                path, epoch=30, lr=0.5, wordNgrams=2, minn=2, maxn=5, dim=50, thread=1, seed=self.seed, verbose=0
            )
        finally:
            os.unlink(path)
        return self

    @staticmethod
    def _clean(text: str) -> str:
        return " ".join(text.lower().replace("ё", "е").split())

    def predict(self, texts: Sequence[str]) -> list[str]:
        labels, _ = self.model_.predict([self._clean(t) for t in texts])
        return [lab[0].removeprefix("__label__") for lab in labels]
