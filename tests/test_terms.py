"""A team model's shorthand terms: read as words, never as a company; saved in the model files and
covered by their sha256; a model without terms (the shipped one) reads every text as before."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest

import taskqual
from taskqual.artifact import tables_path
from taskqual.companies import company_in, locate
from taskqual.features import analyze
from taskqual.normalize import normalize
from taskqual.terms import mask_terms, normalize_terms, term_of

ZMR = frozenset({"змр"})


def company(text: str, terms: frozenset[str] = frozenset()) -> str | None:
    return company_in(text, normalize(text), terms)


@pytest.mark.parametrize(
    "text, shipped, with_terms",
    [
        ("ЗМР Ромашка, Тверская 5", "ЗМР Ромашка", "Ромашка"),
        ("Вектор — ЗМР до пятницы", "ЗМР", "Вектор"),
        ("ЗМРу Техносилы срочно", "ЗМРу Техносилы", "Техносилы"),
        ("ЗМР в Техносиле на 10:00", "ЗМР", "Техносиле"),  # a guess stays as written
        ("ЗМР по адресу Ленина 12", "ЗМР", None),
        ("ООО «ЗМР» — отправить КП", "ООО «ЗМР»", "ООО «ЗМР»"),  # a legal form still makes it a company
        ("ООО ЗМР", "ООО ЗМР", "ООО ЗМР"),
    ],
)
def test_a_term_is_never_the_company_but_the_client_beside_it_is(text, shipped, with_terms):
    assert company(text) == shipped
    assert company(text, ZMR) == with_terms


def test_a_first_name_after_a_term_stays_no_company_as_everywhere_else():
    # «Орион» is a first name to the dictionary; the shipped rules never report a lone first name
    assert company("Замер Орион, Кирова 9") is None and company("позвонить Ориону") is None
    assert company("ЗМР Орион, Кирова 9") == "ЗМР"  # the shipped reading: the shorthand as the client
    assert company("ЗМР Орион, Кирова 9", ZMR) is None


def test_the_model_reads_a_term_as_a_word_and_the_company_as_a_placeholder():
    shipped, team = analyze("ЗМР Ромашка, Тверская 5"), analyze("ЗМР Ромашка, Тверская 5", ZMR)
    assert shipped.char_text.split()[0] == "Ⓞ" and "w:змр" not in shipped.features
    assert team.char_text == "змр Ⓞ , Ⓖ 0" and {"w:змр", "f:змр", "b:змр_Ⓞ"} <= set(team.features)
    assert team.company == "Ромашка"
    assert "w:змр" in analyze("ЗМРу Вектора", ZMR).features  # a case ending after the abbreviation
    assert "w:змр" in analyze("змр вектор", ZMR).features  # lower case too (no spelling correction)


def test_no_terms_reads_every_text_as_before():
    for text in ["ЗМР Ромашка, Тверская 5", "перезвонить Ромашке", 'ООО "Вектор"', "сделать презентацию"]:
        assert analyze(text, frozenset()) == analyze(text)
        assert locate(normalize(text), frozenset()) == locate(normalize(text))
    assert taskqual.default_model().terms == frozenset()


def test_masking_keeps_length_and_offsets():
    norm = "ЗМР Ромашка, ЗМРу Вектора; ПНР-2 и ЗМРО"
    masked = mask_terms(norm, ZMR)
    assert masked == "змр Ромашка, змру Вектора; ПНР-2 и ЗМРО" and len(masked) == len(norm)
    assert mask_terms(norm, frozenset()) is norm


def test_terms_are_normalised_and_checked():
    assert normalize_terms(["ЗМР", "пнр", "змр", " ПНР "]) == ("змр", "пнр")
    assert normalize_terms(["Ёмк", "ТО-2"]) == ("емк", "то-2")
    assert term_of("змру", ZMR) == "змр" and term_of("змр", ZMR) == "змр" and term_of("змрк", ZMR) is None
    for bad in ["ОС по КП", "З", "12", "-ЗМР", "x" * 21, ""]:
        with pytest.raises(ValueError, match="is not one word of 2-20 letters or digits"):
            normalize_terms([bad])
    with pytest.raises(TypeError, match="not one string"):
        normalize_terms("ЗМР")


TEXTS = ["ЗМР Ромашка, Тверская 5", "ЗМР Вектор в четверг", "отправить КП Ромашке до пятницы", 'ООО "Вектор"'] * 3
LABELS = ["delegable", "delegable", "concrete", "company_only"] * 3


@pytest.fixture(scope="module")
def saved_team_model(tmp_path_factory) -> taskqual.Model:
    clf = taskqual.TaskClassifier(terms=("ЗМР",), augment=False).fit(TEXTS, LABELS)
    path = tmp_path_factory.mktemp("terms") / "team.skops"
    clf.save(path, {"model_version": "test+terms"})
    return taskqual.Model.load(path)


def test_the_terms_are_saved_in_both_model_files_and_read_back(saved_team_model):
    model = saved_team_model
    assert model.terms == ZMR
    assert taskqual.TaskClassifier.load(model.path).terms_ == ("змр",)
    assert taskqual.TaskClassifier.load(model.path).terms == ("ЗМР",)
    with np.load(tables_path(model.path), allow_pickle=False) as z:
        assert z["team_terms"].tolist() == ["змр"]
    v = model.classify("ЗМР Техносила, Ленина 12")
    assert v.company == "Техносила" and v.model_version == "test+terms"
    assert model.classify_many(["ЗМР Техносила"])[0].company == "Техносила"
    # the estimator and the fast tables read the same text the same way
    assert model.estimator.predict_proba(["ЗМР Техносила"])[0] == pytest.approx(
        [model.classify("ЗМР Техносила").scores[c] for c in model.compiled.classes], abs=1e-9
    )


def test_changed_terms_are_refused_by_the_sha256_check(saved_team_model, tmp_path):
    for src in [saved_team_model.path, tables_path(saved_team_model.path), saved_team_model.path.with_suffix(".json")]:
        (tmp_path / src.name).write_bytes(src.read_bytes())
    copy = tmp_path / saved_team_model.path.name
    with np.load(tables_path(copy), allow_pickle=False) as z:
        tables = {k: z[k] for k in z.files}
    tables["team_terms"] = np.asarray(["змр", "ромашка"])  # a client smuggled in as a "term"
    with tables_path(copy).open("wb") as f:
        np.savez(f, **tables)
    with pytest.raises(taskqual.ModelIntegrityError, match="sha256"):
        taskqual.Model.load(copy)


def test_a_model_without_terms_saves_the_files_it_saved_before(small_classifier, tmp_path):
    assert small_classifier.terms_ == ()
    small_classifier.save(tmp_path / "m.skops", {})
    with np.load(tmp_path / "m.npz", allow_pickle=False) as z:
        assert "team_terms" not in z.files
    schema = zipfile.ZipFile(io.BytesIO((tmp_path / "m.skops").read_bytes())).read("schema.json").decode()
    assert "terms_" not in schema


def test_the_estimator_state_carries_the_terms_and_refuses_anything_but_words(saved_team_model):
    clf = saved_team_model.estimator
    state = clf.to_state()
    assert state["terms_"] == ["змр"] and clf.to_tables()["team_terms"].tolist() == ["змр"]
    again = taskqual.TaskClassifier.from_state(state, clf.get_params())
    assert again.terms_ == ("змр",) and again.predict(["ЗМР Техносила"]) == clf.predict(["ЗМР Техносила"])
    for bad in ["змр", ["змр", 7]]:
        with pytest.raises(ValueError, match="terms are not a list of words"):
            taskqual.TaskClassifier.from_state({**state, "terms_": bad}, clf.get_params())
    with pytest.raises(ValueError, match="expected a dict of word_vectorizer_"):
        taskqual.TaskClassifier.from_state({**state, "company_": "Ромашка"})
