"""TaskClassifier follows the scikit-learn estimator contract."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.utils import estimator_checks

from taskqual import TaskClassifier

TEXTS = [
    "отправить КП в Вектор",
    "выставить счет Альфе",
    "ООО Ромашка",
    "ИП Сидоров",
    "позвонить",
    "перезвонить завтра",
    "сделать презентацию",
    "внести контакты в CRM",
] * 4
LABELS = ["concrete", "concrete", "company_only", "company_only", "vague", "vague", "delegable", "delegable"] * 4


def test_fit_predict_and_proba():
    clf = TaskClassifier().fit(TEXTS, LABELS)
    assert list(clf.classes_) == sorted(set(LABELS))
    proba = clf.predict_proba(["отправить КП", "ООО Вектор"])
    assert proba.shape == (2, 4)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert clf.predict(["ООО Вектор"])[0] == "company_only"


def test_params_round_trip_and_clone():
    clf = TaskClassifier(C=3.0, char_weight=0.5)
    assert clf.get_params()["C"] == 3.0
    clf.set_params(C=5.0)
    assert clf.C == 5.0
    twin = clone(clf)
    assert twin.get_params() == clf.get_params() and twin is not clf


def test_cross_val_score_and_grid_search():
    scores = cross_val_score(TaskClassifier(), TEXTS, LABELS, cv=2)
    assert len(scores) == 2 and np.all(scores >= 0)
    grid = GridSearchCV(TaskClassifier(), {"C": [1.0, 10.0]}, cv=2).fit(TEXTS, LABELS)
    assert grid.best_params_["C"] in (1.0, 10.0)


def test_unfitted_estimator_says_so():
    with pytest.raises(Exception, match="not fitted"):
        TaskClassifier().predict(["отправить КП"])


def test_input_validation_names_the_item():
    with pytest.raises(TypeError, match=r"X\[1\] is int"):
        TaskClassifier().fit(["отправить КП", 5], ["concrete", "vague"])
    with pytest.raises(TypeError, match="not a single string"):
        TaskClassifier().fit("отправить КП", ["concrete"])
    with pytest.raises(ValueError, match="2 texts but y has 1"):
        TaskClassifier().fit(["a b", "c d"], ["concrete"])


@pytest.mark.parametrize(
    "check",
    [
        estimator_checks.check_no_attributes_set_in_init,
        estimator_checks.check_parameters_default_constructible,
        estimator_checks.check_do_not_raise_errors_in_init_or_set_params,
        estimator_checks.check_get_params_invariance,
        estimator_checks.check_set_params,
        estimator_checks.check_estimator_cloneable,
        estimator_checks.check_estimators_unfitted,
        estimator_checks.check_estimator_repr,
        estimator_checks.check_estimator_tags_renamed,
        estimator_checks.check_mixin_order,
        estimator_checks.check_supervised_y_no_nan,
    ],
    ids=lambda c: c.__name__,
)
def test_sklearn_contract_checks(check):
    """scikit-learn's own checks that apply to an estimator over raw text (the others feed it numbers)."""
    check(TaskClassifier.__name__, TaskClassifier())


def test_numeric_input_is_refused_with_a_clear_message():
    with pytest.raises(TypeError, match=r"X\[0\] is float64, expected str"):
        TaskClassifier().fit(np.zeros(4), ["a", "b", "a", "b"])
    with pytest.raises(ValueError, match="one text column"):
        TaskClassifier().fit(np.zeros((4, 3)), ["a", "b", "a", "b"])


def test_explain_lists_the_features_behind_the_decision(small_classifier):
    out = small_classifier.explain("отправить КП до пятницы", top=5)
    assert out["label"] == small_classifier.predict(["отправить КП до пятницы"])[0]
    assert 0 < out["confidence"] <= 1
    assert len(out["features"]) == 5
    names = [f["feature"] for f in out["features"]]
    assert any(n.startswith(("w:", "b:", "f:", "vo:", "vf:")) for n in names)
    weights = [abs(f["weight"]) for f in out["features"]]
    assert weights == sorted(weights, reverse=True)


def test_explain_of_a_bare_company_points_at_name_features(small_classifier):
    names = [f["feature"] for f in small_classifier.explain('ООО "Ромашка"')["features"]]
    assert any(n in ("s:legal", "s:legal_any", "s:no_action", "s:all_names", "lf:ооо", "q:ромашка") for n in names)


def test_the_fitted_state_round_trips_without_files(small_classifier):
    state = small_classifier.to_state()
    assert list(state) == ["word_vectorizer_", "char_vectorizer_", "classifier_"]
    again = TaskClassifier.from_state(state, small_classifier.get_params())
    texts = ["отправить КП в Ромашку до пятницы", "ООО Ромашка", "сделать презентацию"]
    assert np.array_equal(again.predict_proba(texts), small_classifier.predict_proba(texts))
    assert again.get_params() == small_classifier.get_params()


def test_from_state_refuses_what_to_state_did_not_write(small_classifier):
    with pytest.raises(ValueError, match="expected a dict of word_vectorizer_"):
        TaskClassifier.from_state({"classifier_": small_classifier.classifier_})
    with pytest.raises(ValueError, match="got list"):
        TaskClassifier.from_state([])


def test_the_scoring_tables_score_as_the_estimator_does(small_classifier):
    from taskqual.features import analyze
    from taskqual.scoring import CompiledModel

    tables = small_classifier.to_tables()
    assert tables["weights"].shape == (len(tables["word_terms"]) + len(tables["char_terms"]), 4)
    texts = ["перезвонить Ромашке", "Сделка #4512"]
    compiled = CompiledModel(tables)
    assert np.allclose(compiled.proba([analyze(t) for t in texts]), small_classifier.predict_proba(texts))


def test_a_class_shift_moves_where_the_labels_scores_start():
    plain = TaskClassifier().fit(TEXTS, LABELS)
    shifted = TaskClassifier(class_shift={"company_only": -3.0}).fit(TEXTS, LABELS)
    texts = ["Ромашка", "перезвонить Ромашке", "Сделка #4512"]
    k = list(shifted.classes_).index("company_only")
    assert np.all(shifted.predict_proba(texts)[:, k] < plain.predict_proba(texts)[:, k])
    # the same weights: only the scores' starting points moved, by exactly the shift
    moved = shifted.decision_function(texts) - plain.decision_function(texts)
    np.testing.assert_allclose(moved, np.tile(np.where(np.arange(4) == k, -3.0, 0.0), (3, 1)), atol=1e-9)
    assert np.array_equal(shifted.to_tables()["weights"], plain.to_tables()["weights"])


def test_a_binary_model_takes_the_shift_as_the_difference_of_its_two_labels():
    texts, labels = ["отправить КП", "ООО Ромашка"] * 3, ["concrete", "company_only"] * 3
    plain = TaskClassifier().fit(texts, labels)
    shifted = TaskClassifier(class_shift={"company_only": 1.0, "concrete": 3.0}).fit(texts, labels)
    np.testing.assert_allclose(shifted.decision_function(texts) - plain.decision_function(texts), 2.0)


def test_a_class_shift_naming_an_unknown_label_is_refused():
    with pytest.raises(ValueError, match="class_shift names labels the model does not have: urgent"):
        TaskClassifier(class_shift={"urgent": 1.0}).fit(TEXTS, LABELS)


def test_a_seed_gives_the_same_weights_whatever_threads_the_machine_lends():
    from threadpoolctl import threadpool_limits

    from training.data import load_training

    sample = load_training()[::20]  # ~730 texts: enough features for threaded BLAS to sum in another order
    texts, labels = [r.text for r in sample], [r.label for r in sample]
    weights = []
    for threads in (1, 4):
        with threadpool_limits(limits=threads):
            weights.append(TaskClassifier(random_state=0).fit(texts, labels).classifier_.coef_)
    assert np.array_equal(weights[0], weights[1])
