"""`python -m training.select`: the systems are scored on the outside-voice set it is pointed at."""

from __future__ import annotations

import json

import pytest

from training.select import main

TRAIN = {
    "concrete": ["отправить КП до пятницы", "получить решение об оплате", "выставить счёт на 40 тонн"],
    "vague": ["позвонить", "уточнить по оплате", "обсудить условия"],
    "company_only": ["ООО Ромашка", "Вектор", "ИП Сидоров"],
    "delegable": ["распечатать договор", "сделать макет баннера", "внести визитки в CRM"],
}
HELD_OUT = [("отправить счёт до среды", "concrete"), ("Гранит", "company_only"), ("созвониться", "vague")]


def _write(path, rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
        encoding="utf-8",
    )


def test_validation_points_the_outside_score_at_another_set(tmp_path):
    _write(
        tmp_path / "data" / "voice.jsonl",
        [{"text": t, "label": label, "source": "handwritten"} for label, ts in TRAIN.items() for t in ts],
    )
    _write(
        tmp_path / "second" / "pottery_shop.jsonl",
        [{"text": t, "label": label, "source": "outside_voice"} for t, label in HELD_OUT],
    )
    out = tmp_path / "figures.json"
    args = ["--outside", "--systems", "tfidf", "--data", str(tmp_path / "data")]
    assert main([*args, "--validation", str(tmp_path / "second"), "--json", str(out)]) == 0
    outside = json.loads(out.read_text(encoding="utf-8"))["tfidf"]["outside"]
    assert set(outside["per_voice"]) == {"pottery_shop"}
    assert 0.0 <= outside["macro_f1"] <= 1.0


def test_an_empty_validation_directory_is_refused_with_its_name(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--outside", "--systems", "tfidf", "--validation", str(tmp_path)])
    assert stop.value.code == 2
    assert f"--validation {tmp_path}: no *.jsonl records there" in capsys.readouterr().err
