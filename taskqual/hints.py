"""The one-sentence hint a manager sees: what to add to the task, or whom to hand it to."""

from __future__ import annotations

from taskqual.features import Analysis

# Whom a piece of preparation work goes to, by the lemmas that give it away (first match wins).
_DELEGATE_TO: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset("перевести перевод переводчик английский".split()), "переводчику"),
    (frozenset("тендер площадка мониторинг закупка госзакупка".split()), "тендерному специалисту"),
    (frozenset("курьер отвезти доставить забрать почта почтой отправка экспресс сдэк".split()), "курьеру или офис-менеджеру"),
    (frozenset("презентация макет баннер дизайн логотип буклет листовка каталог сверстать верстка визуал "
               "креатив лендинг пост рассылка брендбук видео ролик".split()), "маркетологу или дизайнеру"),
    (frozenset("доверенность претензия юрист устав nda правка протокол разногласие".split()), "юристу"),
    (frozenset("счет-фактура сверка упд бухгалтерия бухгалтер платежка закрывающий первичка накладная".split()),
     "бухгалтеру"),
    (frozenset("шаблон кп предложение договор".split()), "ассистенту (или возьмите готовый шаблон)"),
)
_CALL = frozenset("позвонить перезвонить набрать прозвонить звонок созвон созвониться звякнуть дозвониться".split())
_WRITE = frozenset("написать письмо отписать вотсап whatsapp ватсап телеграм telegram сообщение email почта".split())
_MEET = frozenset("встреча встретиться съездить выезд визит".split())
_CONTACT = frozenset("связаться касание напомнить follow-up followup фоллоуап пингануть".split())
_CLARIFY = frozenset("уточнить обсудить узнать выяснить".split())
_PUSH = frozenset("дожать дожимать дожим поработать работа обработать проработать возражение".split())


EXCERPT_CHARS = 60
"""Most characters of the task's own text a hint quotes: a hint is a sentence, not an echo."""


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, with «…» when cut.

    >>> excerpt("ООО Ромашка"), excerpt("слово " * 20, 20)
    ('ООО Ромашка', 'слово слово слово…')
    """
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip() + "…"


def _company_prefix(company: str | None) -> str:
    return f"{excerpt(company)} — " if company else ""


def delegate_to(analysis: Analysis) -> str:
    """Who should do this preparation work instead of the salesperson."""
    lemmas = set(analysis.lemmas)
    for words, whom in _DELEGATE_TO:
        if lemmas & words:
            return whom
    return "ассистенту (или возьмите готовый шаблон)"


def hint_for(label: str, analysis: Analysis, missing: tuple[str, ...]) -> str:
    """A short actionable sentence in Russian, specific to the text where it can be."""
    company = excerpt(analysis.company) if analysis.company else analysis.company
    prefix = _company_prefix(company)
    if label == "company_only":
        name = excerpt(company or analysis.normalized)
        return (f"Здесь только «{name}»: допишите действие и результат, например "
                f"«{name} — согласовать дату встречи с ЛПР до пятницы».")
    if label == "delegable":
        return (f"Это подготовительная работа: передайте её {delegate_to(analysis)}, "
                f"а себе поставьте задачу с клиентом{' «' + company + '»' if company else ''} и результатом.")
    if label == "vague":
        lemmas = set(analysis.lemmas)
        if not analysis.has_action or "vf:past" in analysis.features or "vf:finite" in analysis.features:
            return (f"Это статус, а не задача: запишите следующий шаг с результатом, например "
                    f"«{prefix}узнать у ЛПР срок решения по КП».")
        if lemmas & _CALL:
            return f"Допишите, чего добиться звонком, например «{prefix}позвонить и получить решение по КП до пятницы»."
        if lemmas & _WRITE:
            return f"Допишите, какой ответ нужен, например «{prefix}написать и получить дату подписания договора»."
        if lemmas & _MEET:
            return f"Допишите цель встречи, например «{prefix}встреча с ЛПР: согласовать условия и график поставки»."
        if lemmas & _CLARIFY:
            return f"Назовите, что именно узнать или согласовать, например «{prefix}уточнить дату поставки и объём»."
        if lemmas & _CONTACT:
            return f"Укажите результат контакта, например «{prefix}напомнить о сроке КП и получить решение до пятницы»."
        if lemmas & _PUSH:
            return f"Назовите, до чего довести клиента, например «{prefix}дожать до подписания договора до пятницы»."
        if company:
            return (f"Допишите результат: что должно произойти, чтобы задачу можно было закрыть, например "
                    f"«{prefix}получить решение по КП до пятницы».")
        return "Допишите результат: что должно произойти, чтобы задачу можно было закрыть, и к какому сроку."
    if "deadline" in missing:
        return "Задача конкретная; добавьте срок (дату или день недели), чтобы было видно, сделана ли она вовремя."
    return "Задача конкретная: действие, результат и срок на месте."


def missing_parts(label: str, analysis: Analysis) -> tuple[str, ...]:
    """Which of action / result / deadline the task lacks (deadline is informational only)."""
    out = []
    if label == "company_only" or (label == "vague" and not analysis.has_action):
        out.append("action")
    if label in ("vague", "company_only"):
        out.append("result")
    if not analysis.has_deadline:
        out.append("deadline")
    return tuple(out)


__all__ = ["hint_for", "missing_parts", "delegate_to"]
