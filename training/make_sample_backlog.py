"""Compose the sample task backlog in ``data/samples/`` (a Bitrix24-style export of a sales team).

    python -m training.make_sample_backlog            # writes data/samples/backlog.csv (cp1251, «;»)

Every phrasing below is written for this script; nothing comes from the evaluation data. Six
managers with different habits share a client base: Иванов writes only company names, Петрова
sets vague calls, Смирнов sets concrete tasks, Кузнецов makes presentations and price lists himself,
Соколова is mostly concrete, Морозов mixes everything and lets tasks go overdue. A few bad rows
(empty text, only punctuation or digits, a pasted e-mail) are mixed in, as real exports have them.
The output is deterministic for a given seed; the benchmark uses :func:`generate` for big files.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
from collections.abc import Iterator

HEADER = ["ID", "Задача", "Ответственный", "Компания", "Создана", "Крайний срок", "Статус"]
OPEN_STATUSES = ["Ждёт выполнения", "Ждёт выполнения", "Выполняется", "Отложена"]
CLOSED_STATUS = "Завершена"
START = dt.datetime(2026, 10, 1, 9, 0)
DEMO_TODAY = dt.date(2026, 11, 20)

COMPANIES = """Незабудка|Вектор|СтройМонтаж|АгроТрейд|Техносфера|Сибирский Хлеб|Уралмаш-Сервис|Альфа-Трейд|ПромСнаб
|Гермес|Северная Звезда|Мегаполис|Кварц|ТрансЛогистик|Эталон|Нева-Строй|БиоМед|Фармасинтез|Горизонт|Атлант
|Спектр|Магистраль|Лесторг|Энергомаш|Полимер-Пласт|Волга-Агро|Теплоком|Инфосистемы|Дельта Плюс|Гранд Отель
|Камский Кабель|Модуль|Оптима|Пищекомбинат Заря|Русский Лён|Стальконструкция|Тайга|Уют Мебель|Фабрика Окон
|Хладокомбинат №3|ЦентрКлимат|Чистый Город|Шинторг|Экспедитор|Юг-Ресурс|Ярмарка|АвтоПлюс|Балтика-Сервис
|Вега|Глобус|Дом Керамики|Европа Логистик|Жилстрой|Звезда Востока|Импульс-Про|Кристалл|Лидер Групп|Медтехника
|Новые Технологии|Орион|Пиксель|Радуга|Сапфир|Титан|Улыбка|Форвард|Хим-Индустрия|Церера|Частный Дом
|Эверест|Юнисервис|Янтарь|Агрокомплекс Кубань|Бетон-Инвест|ВекторСофт|Город Мастеров|Диадема|Емельяновский
|Зеленая Долина|Интерколор|Континент|Лайм|Маяк|Нордвест|Омега Принт|Пульс|Ростех-Снаб|Сфера Услуг
|ТехноПарк|УралСиб-Трейд|Фаворит|Хозтовары Оптом|Цифровая Среда|Эко-Ферма|Южный Порт|Акварель|Бумажный Мир
|Вертикаль|Гидромаш|Домострой|Евроокна|Железно|Заречье|Искра|Калина|Левша|Мираж|Надежда|Океан Фиш|Палитра
|Ресурс|Сигма|Тандем|Уникум|Флагман|Хорс|Цитадель|Элемент|Юпитер""".replace("\n", "").split("|")
LEGAL = ["ООО", "ООО", "АО", "ИП", "ПАО", "ЗАО", "ТД", "ГК"]
CITIES = ["Казань", "Екатеринбург", "Новосибирск", "Самара", "Пермь", "Тюмень", "Уфа", "Краснодар", "Тверь", "Омск"]
PERSONS = [
    "Иванов Пётр",
    "Анна Сергеевна",
    "Пётр Васильевич",
    "Смирнова О.",
    "Григорьев А.В.",
    "Елена Павловна",
    "Карпов Денис",
    "Ольга из закупок",
    "главбух Марина",
    "Сергей Николаевич",
    "Рустам",
    "Зайцева Т.",
    "технический директор Колесов",
    "Дмитрий (снабжение)",
    "Наталья Викторовна",
]
WEEKDAYS = ["пн", "вт", "среду", "четверг", "пятницу", "понедельник", "вторник"]
TIMES = ["10:00", "11:30", "14:00", "15:00", "16:30", "12:00"]

# One list per label; {c} a company as written in a task, {q} ООО «Company», {p} a person, {d} a day,
# {w} a weekday, {t} a time, {n} a number.
CONCRETE = [
    "Получить решение об оплате счёта №{n}",
    "{c} — договориться о встрече с ЛПР на {w}",
    "Отправить КП в {q}",
    "выслать договор на подпись {q}",
    "выставить счёт на 50% предоплаты {q}",
    "Позвонить {p} и узнать, утвердили ли бюджет на 2027",
    "Согласовать спецификацию с техническим директором {q} до {d}",
    "Выяснить причину отказа {q} и предложить рассрочку",
    "Провести демо для отдела закупок {q}",
    "{c}: напомнить о сроке действия КП (до пятницы), поджать скидкой",
    "получить от {q} подписанный договор до {d}",
    "назначить встречу с финдиректором {q} на {w} {t}",
    "запросить у {q} реквизиты для договора",
    "подписать акт сверки с {q}",
    "уточнить у {p} дату поставки по заказу {n}",
    "перезвонить {p} и получить ответ по КП",
    "согласовать с {q} график поставок на декабрь",
    "Получить обратную связь по КП от {q} до {d}",
    "отправить {q} новый счёт без скидки",
    "получить контакт директора {q} и провести переговоры с ним напрямую",
    "договориться с {q} о пробной партии",
    "подтвердить с {p} объём заказа на январь",
    "{c} — получить подписанную спецификацию до {d}",
    "Созвониться с {p}, согласовать условия отсрочки платежа",
    "отправлю {q} договор поставки и счёт до {d}",
    "Получить от {p} предоплату по счёту {n} до {d}",
    "{c}: назначить видеозвонок с ЛПР на {w} {t}, показать расчёт экономии",
    "выслать {q} образцы и договориться о тестировании до {d}",
    "Согласование договора с юристом {q} до {d}",
    "уточнить у {q} количество точек для расчёта КП",
    "Встретиться с {p} в {w} и подписать допсоглашение",
    "перезвонить {p} в {t} и получить решение по тендеру",
    "Отправить {q} акт выполненных работ на подпись",
    "Договориться с {p} о повторном заказе на {n} шт",
]
VAGUE = [
    "Позвонить",
    "позвонить",
    "Перезвонить",
    "позвонить {c}",
    "{c} — перезвонить",
    "Набрать {c}",
    "связаться с {q}",
    "Связаться",
    "напомнить о себе",
    "Напомнить о себе {c}",
    "касание",
    "follow-up {c}",
    "Уточнить по оплате",
    "{c} — думают",
    "ждём ответа от {q}",
    "в процессе",
    "Встреча",
    "встреча с {q}",
    "работа с клиентом",
    "Дожать {c}",
    "поработать с возражениями {c}",
    "написать в вотсап {p}",
    "позвонить {p}",
    "созвон",
    "перезвонить после обеда",
    "{c} по КП",
    "{c}: уточнить",
    "связаться повторно",
    "Отписаться клиенту",
    "тендер {c}",
    "{c} по цене",
    "Переговоры по цене с {q}",
    "висит",
    "клиент пропал",
    "{c} — ждём юристов",
    "позвонить {w}",
    "Перезвонить {c} {w}",
    "набрать {p} {t}",
    "планёрка",
    "Отчёт руководителю",
    "уточнить",
    "Обсудить с шефом",
    "написать {c}",
    "{c} вопрос по доставке",
    "звонок {c}",
    "Прозвонить {c} ещё раз",
]
COMPANY_ONLY = [
    "{c}",
    "{c}",
    "{q}",
    "{legal} {c}",
    "{c} ({city})",
    "{c}, {p}",
    "{p}, {c}",
    "{c} {phone}",
    "Сделка #{n}",
    "{c} ИНН {inn}",
    "{c} — {p}",
    "{c}!!!",
    "завтра {t} {c}",
    "{q} {city}",
    "сделка {n}",
    "{c} {dd}",
]
DELEGABLE = [
    "Сделать презентацию для {q}",
    "подготовить шаблон КП",
    "нарисовать макет баннера для {q}",
    "сверстать прайс",
    "Внести {n} контактов из выставки в CRM",
    "заполнить таблицу по остаткам",
    "распечатать и отсканировать договор",
    "отвезти документы в {q} курьером",
    "найти телефоны закупщиков в интернете",
    "собрать базу автосалонов {city}",
    "перевести презентацию на английский",
    "оформить доверенность",
    "Подготовить презентацию к встрече с {q}",
    "Обновить презентацию компании",
    "сделать презентацию продукта",
    "подготовить коммерческое предложение для {q}",
    "составить договор для {q}",
    "сделать рассылку по базе",
    "мониторинг тендерных площадок",
    "нарисовать схему проезда для {q}",
    "сделать презентацию по новой линейке",
    "переделать презентацию для {q}",
    "подготовить прайс для {q}",
    "Заполнить карточки клиентов в CRM",
    "распечатать КП для встречи",
    "оформить счёт-фактуру для {q}",
    "подготовить акт сверки с {q}",
    "отправить оригиналы в {q} почтой",
    "сделать видео-обзор продукта",
    "Собрать отзывы клиентов для презентации",
]
BAD = ["", "   ", "—", "???", "123456", "........", "+7 912 345-67-89", "!!!"]
EMAIL = (
    "Добрый день! Пересылаю письмо клиента целиком. " + "Уважаемые коллеги, просим рассмотреть возможность "
    "поставки оборудования в соответствии с техническим заданием, приложенным к письму, а также сообщить "
    "сроки изготовления, условия оплаты и доставки до склада покупателя. " * 14
).strip()

# Manager: (share of concrete, vague, company_only, delegable), how diligently they close tasks, portfolio size
MANAGERS = {
    "Иванов Сергей": ((0.06, 0.12, 0.80, 0.02), 0.80, 34),
    "Петрова Анна": ((0.18, 0.70, 0.08, 0.04), 0.90, 30),
    "Смирнов Алексей": ((0.84, 0.08, 0.03, 0.05), 1.00, 28),
    "Кузнецов Дмитрий": ((0.32, 0.08, 0.04, 0.56), 0.92, 26),
    "Соколова Мария": ((0.62, 0.18, 0.08, 0.12), 0.97, 30),
    "Морозов Игорь": ((0.30, 0.38, 0.28, 0.04), 0.55, 32),
}
LABEL_TEMPLATES = {"concrete": CONCRETE, "vague": VAGUE, "company_only": COMPANY_ONLY, "delegable": DELEGABLE}
_NEEDS_COMPANY = ("{c}", "{q}")


def _day(rng: random.Random, created: dt.datetime) -> str:
    d = created + dt.timedelta(days=rng.randint(1, 12))
    return rng.choice([d.strftime("%d.%m"), "пятницы", "конца недели", d.strftime("%d.%m.%Y"), "понедельника"])


def _fill(template: str, rng: random.Random, company: str, created: dt.datetime) -> str:
    legal = rng.choice(LEGAL)
    quoted = f"{legal} «{company}»" if rng.random() < 0.8 else f'{legal} "{company}"'
    return template.format(
        c=company,
        q=quoted,
        legal=legal,
        p=rng.choice(PERSONS),
        d=_day(rng, created),
        w=rng.choice(WEEKDAYS),
        dd=(created + dt.timedelta(days=rng.randint(0, 5))).strftime("%d.%m"),
        t=rng.choice(TIMES),
        n=rng.randint(100, 9999),
        city=rng.choice(CITIES),
        phone=f"+7 9{rng.randint(10, 99)} {rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10, 99)}",
        inn=str(rng.randint(10**9, 10**10 - 1)),
    )


def _style(text: str, rng: random.Random) -> str:
    """Managers type in a hurry: lower case, no «ё», a trailing mark, a deadline tacked on."""
    r = rng.random()
    if r < 0.25:
        text = text[:1].lower() + text[1:]
    elif r < 0.32:
        text = text[:1].upper() + text[1:]
    if rng.random() < 0.3:
        text = text.replace("ё", "е")
    if rng.random() < 0.04:
        text += " !!!"
    elif rng.random() < 0.04:
        text = "СРОЧНО " + text
    return text


def generate(
    n_rows: int, seed: int = 20261120, *, bad_rows: int | None = None, today: dt.date = DEMO_TODAY
) -> Iterator[list[str]]:
    """Rows (without the header) of a backlog of ``n_rows`` tasks created before ``today``."""
    rng = random.Random(seed)
    portfolios = {m: rng.sample(COMPANIES, k) for m, (_, _, k) in MANAGERS.items()}
    names = list(MANAGERS)
    weights = [1.2, 1.0, 0.9, 0.8, 1.0, 1.1]
    span = (dt.datetime.combine(today, dt.time(9)) - START).total_seconds()
    bad_rows = max(3, n_rows // 300) if bad_rows is None else bad_rows
    bad_at = set(rng.sample(range(n_rows), min(bad_rows, n_rows)))
    created_times = sorted(START + dt.timedelta(seconds=rng.random() * span) for _ in range(n_rows))
    for i, created in enumerate(created_times):
        manager = rng.choices(names, weights)[0]
        shares, close_rate, _ = MANAGERS[manager]
        label = rng.choices(list(LABEL_TEMPLATES), shares)[0]
        template = rng.choice(LABEL_TEMPLATES[label])
        company = rng.choice(portfolios[manager])
        text = rng.choice([*BAD, EMAIL]) if i in bad_at else _style(_fill(template, rng, company, created), rng)
        # the company column is filled when the task is about a client (CRMs bind tasks to deals)
        bound = any(k in template for k in _NEEDS_COMPANY) or rng.random() < 0.5
        company_cell = (
            f"{rng.choice(LEGAL)} «{company}»" if bound and rng.random() < 0.3 else (company if bound else "")
        )
        created = created.replace(second=0, microsecond=0)
        due = (
            None
            if rng.random() < 0.06
            else (created + dt.timedelta(days=rng.choice([0, 1, 1, 2, 3, 5, 7, 10]))).replace(
                hour=rng.choice([12, 15, 18, 19]), minute=0
            )
        )
        age = (today - created.date()).days
        # older tasks are mostly done; a careless manager leaves more of them hanging
        closed = rng.random() < min(0.98, close_rate * min(1.0, age / 12))
        status = CLOSED_STATUS if closed else rng.choice(OPEN_STATUSES)
        yield [
            str(48213 + i),
            text,
            manager,
            company_cell,
            created.strftime("%d.%m.%Y %H:%M:%S"),
            due.strftime("%d.%m.%Y %H:%M:%S") if due else "",
            status,
        ]


def write_csv(path: str, rows: Iterator[list[str]], *, encoding: str = "cp1251", delimiter: str = ";") -> int:
    """Write the header and ``rows`` like a Russian CRM export; returns the number of rows."""
    n = 0
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
        w.writerow(HEADER)
        for row in rows:
            w.writerow(row)
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=20261120)
    ap.add_argument("--encoding", default="cp1251")
    ap.add_argument("-o", "--output", default=os.path.join("data", "samples", "backlog.csv"))
    args = ap.parse_args(argv)
    n = write_csv(args.output, generate(args.rows, args.seed), encoding=args.encoding)
    print(f"wrote {n} rows to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
