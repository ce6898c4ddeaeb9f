"""`python -m training.crossvoice`: each voice is scored by a model that never saw it, and with
``--flips`` the metamorphic checks run on the held-out voice too."""

from __future__ import annotations

import json

from training.crossvoice import main
from training.metamorphic import PERTURBATIONS

VOICES = {
    "office": {
        "concrete": ["Отправить КП Вектору до пятницы", "Получить решение об оплате от Гранита"],
        "vague": ["Позвонить в Альфу", "Уточнить по оплате у Сидорова"],
        "company_only": ["ООО Ромашка", "Вектор"],
        "delegable": ["Распечатать договор для Гранита", "Сделать макет баннера"],
    },
    "phone": {
        "concrete": ["выставить счёт альфе на 40 тонн", "назначить демо вектору на чт"],
        "vague": ["созвониться", "обсудить условия с гранитом"],
        "company_only": ["ип сидоров", "Гранит"],
        "delegable": ["внести визитки в crm", "заказать пропуск"],
    },
}


def test_each_voice_is_scored_held_out_and_its_flips_are_written(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    for voice, texts in VOICES.items():
        rows = [{"text": t, "label": label, "source": "handwritten"} for label, ts in texts.items() for t in ts]
        (data / f"{voice}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    flips = tmp_path / "flips.jsonl"

    assert main(["--data", str(data), "--jobs", "1", "--flips", str(flips)]) == 0

    out = capsys.readouterr().out
    assert "office " in out and "phone " in out and "mean" in out
    for name in PERTURBATIONS:
        assert f"{name} " in out  # one line per check, with its flip share and count
    lines = flips.read_text(encoding="utf-8").splitlines()
    assert lines  # a model trained on eight texts does flip some typos
    for line in lines:
        flip = json.loads(line)
        assert flip["perturbation"] in PERTURBATIONS and flip["before"] != flip["after"]
        assert flip["voice"] in VOICES and flip["text"] in VOICES[flip["voice"]][flip["gold"]]
