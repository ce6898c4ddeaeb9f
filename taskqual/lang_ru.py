"""Russian word lists the library reads: one place for every lexicon, as pymorphy3 keeps
``lang/ru/config.py``.

Lemmas are lower case with «е» for «ё» (the form :func:`taskqual.morphology.parse` returns). A list
changes what the features compute, so editing one means bumping ``FEATURES_VERSION`` in
:mod:`taskqual.features` and retraining.
"""

from __future__ import annotations

import re

# -- names ------------------------------------------------------------------------------------
LEGAL_FORMS = frozenset(
    "ооо оао зао пао ао нао ип чп тоо чуп уп одо кфх пк нко ано тд гк нпо нпп нпк фгуп фгбу фгбоу "
    "гуп муп гбу гбуз огбуз огауз гауз мбу мбоу мадоу мкоу мку гку гоу фку фгку ку бу llc ltd "
    "гбук гаук мбук маук фгбук гбоу гапоу гбпоу мбудо фгаоу "
    "gmbh inc corp jsc mchj xk".split()
)
"""Legal-form abbreviations: the words after one are the company's name, not an action."""

COMMERCIAL_FORMS = frozenset(
    "ооо оао зао пао ао нао ип чп тоо чуп уп одо кфх пк тд гк нпо нпп нпк llc ltd gmbh inc corp jsc mchj xk".split()
)
"""The legal forms of businesses; the rest of LEGAL_FORMS are public bodies and institutions
(«МБОУ», «ГБУЗ»), whose director is the client's person («МБОУ СОШ №14 согласовать с директором …»)."""

COMMERCIAL_LEGAL_WORDS = (
    "общество с ограниченной ответственностью",
    "индивидуальный предприниматель",
    "публичное акционерное общество",
    "закрытое акционерное общество",
    "открытое акционерное общество",
    "акционерное общество",
    "товарищество с ограниченной ответственностью",
)
"""The legal forms of businesses written out in full, a longer one before the shorter one inside it
(«публичное акционерное общество» before «акционерное общество»): the company search reads them."""

LEGAL_WORDS = (
    *COMMERCIAL_LEGAL_WORDS,
    "государственное бюджетное учреждение",
    "бюджетное учреждение",
    "казенное учреждение",
    "унитарное предприятие",
)
"""Legal forms written out in full."""

LEGAL_WORD_STEMS = (
    "обществ",
    "ограничен",
    "ответствен",
    "предпринимател",
    "индивидуальн",
    "акционерн",
    "товарищ",
    "учрежден",
    "предприят",
)
"""A text holds a legal form written out only if it holds one of these (a typo spoils one word of it,
not all): a cheap test before the phrases of :data:`LEGAL_WORDS` are looked for."""

SHORTHAND = frozenset(
    "кп ткп дкп лпр тз упд эдо дс ттн счф ндс инн огрн кпп бик crm ерр nda sla тн цмр смр пнр ос".split()
)
"""Sales shorthand written in capitals: never a company name."""

# -- never a company ----------------------------------------------------------------------------
# Read by taskqual.companies (the features read PRODUCT_WORDS too: never a name placeholder).
ROLE_WORDS = frozenset(
    "лпр лвр лдр лпрка гд гендир гендиректор ген дир финдир финдиректор коммдир техдир замдир главбух "
    "бухгалтер закупщик снабженец секретарь собственник владелец прораб технолог юрист роп".split()
)
"""People's roles and their abbreviations («ЛПР», «ГД», «ген. дир», «бухгалтер»): never a company."""

PRODUCT_WORDS = frozenset(
    "дмс осаго каско осгоп осопо омс взр ифл ндс ндфл усн осно енвд эдо эцп кэп нэп crm erp wms tms saas api "
    "ткп кп дс упд ттн кс-2 кс-3 счф бг рко авр ктп скуд тб сиз егрюл егрип егрн "
    "акб ибп мфу гсм дт лкм тмц кип кипиа дгу дэс жби тп ктпн тбо вв вм "
    # technology and formats: digits with a unit or a dimension, and tech abbreviations
    "2d 3d 4d 2д 3д 4k 8k 4к 8к 2g 3g 4g 5g lte hd uhd fullhd led lcd gps glonass глонасс gsm wi-fi wifi "
    "vpn ssd hdd usb pos pdf cad bim чпу cnc пвх мдф лдсп дсп осп пнд пэт ппу ппр ip "
    # file formats: «STL файл», «DWG чертёж»
    "stl step stp dwg dxf igs iges svg psd cdr eps jpg jpeg png tiff xls xlsx csv docx".split()
)
"""Insurance, finance, tax and IT products, documents, registers, equipment, goods and technology
(«ДМС», «КАСКО», «ЭЦП», «CRM», «ЕГРЮЛ», «АВР», «АКБ», «ГСМ», «3D», «4K», «5G», «ПВХ»): what is sold or
signed, never the client, also in capitals («продление ДМС с Согласием»: the client is Согласие)."""

BORROWED_WORDS = frozenset(
    "чек-ин чекин чек-лист чеклист фоллоу-ап фолоу-ап фоллоуап апдейт дедлайн онбординг бриф питч оффер "
    "воркшоп тимбилдинг бизнес-ланч кофе-брейк стендап стенд-ап ретро апсейл кросс-сейл смолток лид-магнит "
    "промо-акция бизнес-завтрак митап нетворкинг "
    # deliverables and services of sales and marketing work: «Фотоотчёт с выкладки», «Медиаплан на июль»
    "фотоотчет видеоотчет видеообзор видеоинструкция медиаплан лендинг мудборд техрайдер тайминг даташит "
    "планограмма автоворонка таргет фидбек пентест продакшн кейтеринг клининг эквайринг мерч худи чекап "
    # English words of sales work, typed in Latin: «согласовать fee», «созвон по KPI», «Trial на месяц»
    "fee kpi rate deadline follow-up followup trade-in demo trial sales call feedback roadmap meeting "
    "sync reminder questionnaire due diligence standup ping upsell cross-sell pitch offer check-in checkin "
    "onboarding daily deal lead company customer client sku vin faq seo kyc bant tco vip one-pager".split()
)
"""Common borrowed and hyphenated words that open a task line («Чек-ин с клиентом», «Trial на месяц»):
never a company."""

COLLOQUIAL_WORDS = frozenset(
    "дебиторка кредиторка гарантийка предоплатка постоплатка допродажа недозвон прозвон обзвон дозвон "
    "созвон дожим вайбер вотсап ватсап вацап дейлик дейли летучка закрывашка первичка абонентка допник "
    "спецуха".split()
)
"""Sales colloquialisms a dictionary does not know («дебиторка» is the receivables, «гарантийка» a letter
of guarantee, «дейлик» the daily meeting)."""

SLANG_NOUNS = frozenset(w for w in BORROWED_WORDS | COLLOQUIAL_WORDS if not w.isascii())
"""Words of sales work that pymorphy3 does not know, read as dictionary nouns (:mod:`taskqual.morphology`):
never a typo to correct («дебиторка» is no «дебитора», «стендап» no «стендам») and never a name
(«Допродажа» opening a line is no company)."""

EVENT_WORDS = frozenset("выставка форум конференция ярмарка фестиваль семинар вебинар саммит конгресс экспо".split())
"""Events: a name right after one («выставка «Строитех»», «на форуме Атомэкспо») is the event's."""

BOOTH_WORDS = frozenset("стенд павильон".split())
"""A booth is at a fair: the name after «стенд на» («макет для стенда на Securika») is the event's."""

CITY_SHORTHAND = frozenset("мск спб екб нск кзн нн".split())
"""Cities as managers shorten them; two joined by a hyphen are a route («Мск-Кзн»), never a company."""

EVENT_NAMES = frozenset(
    "иннопром пмэф вэф пэф ципр мосбилд батимат агропродмаш продэкспо мипим атомэкспо металл-экспо "
    "металлэкспо нефтегаз стройэкспо интерлакокраска агросалон югагро агрофарм mitt интурмаркет "
    "интершарм worldfood экспоэлектроника securika cleanexpo household трансроссия комтранс".split()
)
"""Trade fairs and forums managers bring contacts from (any case: «с Иннопрома»): not clients. Fairs named
by an ordinary word («Мебель», «Химия», «Здравоохранение», «Металлообработка», «СТТ») are not listed:
«Сибирь Мебель» is a client; after an event word («выставка Мебель») or with a year («Мебель-2026»)
they are the fair's."""

EVENT_PHRASES = (
    "золотая осень",
    "золотой осени",
    "энергетика и электротехника",
    "российская неделя здравоохранения",
    "российской недели здравоохранения",
    "дентал-экспо",
    "композит-экспо",
    "household expo",
)
"""Fairs named by several words (lower case): the name that starts one is the event's."""

STAND_WALK_RE = re.compile(
    r"(?i)(?<!\w)(?:по)?(?:ходить|обойти|обходить|пройтись|пройти|походить|посмотреть|осмотреть)\s+"
    r"(?:по\s+)?(?:все\s+)?(?:стенд|павильон)"
)
"""A text about walking the stands of a fair («Агросалон - походить по стендам»): its name is the fair's."""

REGION_ABBREVIATIONS = frozenset(
    "цфо сзфо юфо скфо пфо уфо сфо дфо рф снг еаэс мо ло хмао янао нао кбр кчр рт рб рк рс чр хмао-югра".split()
)
"""Federal districts, regions and unions by their abbreviations: never a company (as cities are not)."""

NUMBERED_ORGS = frozenset("су сму пмк дск мсу рсу жби атп тэц грэс гэс аэс гкб кб ску вч".split())
"""Organisations named by an abbreviation and a number («СУ-155», «СМУ-12», «ТЭЦ-22»): names, not
specifications."""

SPEC_CODE_RE = re.compile(
    r"[a-zа-яё]{1,3}-?\d{2,}(?:[.,]\d+)?[a-zа-яё]{0,3}"  # Ду100, DN50, М400, B25, ПН-16
    r"|[a-zа-яё]+-(?!(?:19|20)\d\d$)\d{3,}[a-zа-яё]{0,3}"  # КамАЗ-65115, ПАЗ-3205 (not «Альфа-2000»)
    r"|\d+(?:[.,]\d+)?(?:квт|мвт|ква|мм|см|кг|мл|гб|тб|мпа|атм|бар|вт|kw|mm)"  # 50кВт, 12мм
    r"|\d{2,}(?:[.,]\d+)?[вамтл]",  # 220В, 10м
    re.IGNORECASE,
)
"""Sizes, grades and model codes (letters glued to digits): a product's specification, never a company
outside quotes or a legal form. Names with a digit or two stay names: «Tele2», «X5», «3M»."""

INSTITUTION_HEADS = frozenset(
    "центр институт дом завод комбинат фабрика музей театр университет академия колледж техникум школа "
    "управление комитет министерство департамент фонд ассоциация объединение лаборатория больница "
    "поликлиника библиотека агентство бюро служба трест палата инспекция диспансер госпиталь "
    "училище лицей гимназия предприятие комплекс".split()
)
"""Heads of institutional names that take a genitive after them («Центр гигиены», «Институт металлургии»,
«Дом книги», «Завод металлоконструкций»): the name is the head with its genitive, never the head alone."""

NAME_REGIONS = frozenset(
    "урал сибирь кубань поволжье алтай кавказ юг север запад восток центр дон волга черноземье приморье "
    "заполярье запсиб прикамье ставрополье подмосковье".split()
)
"""Regions that end companies' names («Эскалатор-Сервис Урал», «Агрохолдинг Кубань»): after a name
they are more of it, unlike a city («Кедр Пермь»: where the client is)."""

BODY_HEADS = INSTITUTION_HEADS | frozenset(
    "администрация управа префектура мэрия правительство дирекция комиссия".split()
)
"""Heads of public bodies' names, whose district, city or subject is part of the name («Администрация
Заречного района», «Управление образования г. Пенза», «Дирекция по эксплуатации зданий»)."""

NAME_TAILS = frozenset(
    "нефть газ банк лизинг ритейл розница страхование энерго энергосбыт сбыт трейд инвест финанс капитал "
    "девелопмент строй транс авиалинии никель сталь металл телеком медиа фарма агро холдинг групп груп маркет".split()
)
"""Lower-case words that continue a company name («Газпром нефть», «Сбербанк лизинг», «Мегафон ритейл»;
«груп» is how managers often spell «групп»)."""

DOCUMENT_OBJECTS = frozenset(
    "договор счет кп предложение спецификация акт прайс смета презентация макет заказ образец документ "
    "тз техзадание доверенность претензия рекламация контракт допсоглашение соглашение оферта "
    "накладная счет-фактура упд каталог баннер буклет отчет".split()
)
"""Documents a task can be about, by lemma: a hint names the one the text already has, and a number
right after a name belongs to them («счёт КормИнвест №771»). Processes («оплата», «поставка») are not
objects: in «решение об оплате счёта №418» the object is the invoice."""

# -- hint topics -------------------------------------------------------------------------------
DEAL_TOPICS = frozenset(
    "срок цена стоимость условие объем оплата поставка доставка скидка бюджет график ассортимент наличие "
    "остаток количество отсрочка гарантия тариф комплектация характеристика пилот задолженность долг "
    "возврат ставка тендер закупка".split()
)
"""What a deal is negotiated about («обсудить сроки», «уточнить по оплате»): a hint's example reuses it."""

NOT_TOPICS = frozenset(
    "повод итог факт дело путь адрес план результат возможность договоренность ситуация вопрос тема статус "
    "телефон почта вотсап ватсап whatsapp телеграм мейл email скайп зум связь себя клиент компания "
    "ссылка причина просьба встреча созвон звонок".split()
)
"""Nouns after «по»/«о» that are no topic: «по телефону», «по поводу», «по итогам», «о себе»; and the
contact itself («договориться о встрече … по замене ламп»: the topic is the replacement)."""

# -- shorthand expansions -----------------------------------------------------------------------
# CRM shorthand as managers type it, and the words the features read instead. Matched as whole
# words, case-insensitively, an optional dot included; applied to the text the features read only
# (the verdict still reports the text as written).
SHORTHAND_EXPANSIONS: tuple[tuple[str, str], ...] = (
    (r"дог-?р[а-я]{0,2}|дог\.", "договор"),
    (r"доп\.?\s?соглашени[а-я]*|допсогл[а-я]*\.?|допник[а-я]{0,2}|д/с", "дополнительное соглашение"),
    (r"сч-?ф\.?|с/ф", "счет-фактура"),
    (r"сч\.|сч(?=\s)", "счет"),
    (r"перезв[а-я]{0,2}\.?", "перезвонить"),
    (r"напомн\.?", "напомнить"),
    (r"зв\.|зв(?=\s)", "позвонить"),
    (r"созв\.?", "созвониться"),
    (r"вст\.|встр\.?", "встреча"),
    (r"предопл\.?", "предоплата"),
    (r"отпр\.?", "отправить"),
    (r"согл\.", "согласовать"),
    (r"комм?\.?\s?предл\.?|ком\.?\s?пред\.?", "КП"),
    (r"тел\.", "телефон"),
    (r"док-?ты|док-?тов|док-?ов", "документы"),
    (r"инфа|инфу|инфы", "информация"),
    (r"ос(?=\s+по\b)", "обратная связь"),
)
SHORTHAND_RE = re.compile(
    # one word-boundary check around the whole alternation (not one per entry): six times faster
    r"(?<![\w-])(?:" + "|".join(f"(?P<g{i}>{pat})" for i, (pat, _) in enumerate(SHORTHAND_EXPANSIONS)) + r")(?![\w-])",
    re.IGNORECASE,
)

# -- contact labels -----------------------------------------------------------------------------
CONTACT_LABELS = (
    "телефон",
    "тел",
    "моб",
    "мобильный",
    "сотовый",
    "сот",
    "tel",
    "phone",
    "e-mail",
    "email",
    "mail",
    "почта",
    "эл. почта",
    "эл.почта",
)
"""Words that only label the phone or e-mail right after them («тел. 8 495 …», «e-mail: …», after
shorthand is written out): the model reads neither the contact nor its label, so adding one to a
task cannot change its label. «по телефону», «на почту» are other forms and stay words."""


# -- actions ------------------------------------------------------------------------------------
ACTION_NOUNS = frozenset(
    "звонок созвон прозвон встреча переговоры демо демонстрация презентация касание фоллоуап "
    "follow-up followup дожим выезд визит отправка рассылка письмо показ".split()
)
"""Nouns that name a contact or an action without a verb: an action, but not a result."""

DEVERBAL_SUFFIXES = (
    "ание",
    "ение",
    "ятие",
    "нтие",
    "ытие",
    "ация",
    "яция",
    "ировка",
    "овка",
    "евка",
    "ывка",
    "ивка",
    "ставка",
    "правка",
    "готовка",
    "верка",
    "писка",
)

VERB_CLASSES: dict[str, frozenset[str]] = {
    # reaching the client, with no result of its own
    "contact": frozenset(
        "позвонить перезвонить набрать прозвонить созвониться звонить связаться написать отписать "
        "напомнить встретиться съездить заехать приехать пообщаться поговорить пингануть навестить "
        "проконсультировать ответить отзвониться дозвониться".split()
    ),
    # obtaining or fixing something from the client
    "result": frozenset(
        "получить согласовать подписать договориться узнать выяснить уточнить запросить подтвердить "
        "добиться продлить зафиксировать утвердить забронировать назначить оплатить взять "
        "убедить предложить выбить продать закрыть".split()
    ),
    # handing the client a deliverable
    "send": frozenset(
        "отправить выслать направить переслать скинуть передать выставить предоставить показать "
        "провести презентовать вручить".split()
    ),
    # internal preparation and technical work
    "prep": frozenset(
        "подготовить сделать составить оформить нарисовать сверстать внести заполнить распечатать "
        "отсканировать найти собрать перевести выгрузить обновить завести создать сформировать "
        "посчитать рассчитать проверить заказать отвезти доставить забрать загрузить разместить "
        "актуализировать скопировать подобрать сканировать напечатать вбить занести".split()
    ),
    # talking about a subject
    "discuss": frozenset("обсудить обговорить переговорить обсуждать".split()),
    # a goal, not a step
    "goal": frozenset("дожать довести добить поработать обработать проработать выиграть дожимать".split()),
    # waiting and thinking: status, not action
    "wait": frozenset("ждать ожидать думать подумать молчать висеть тянуть рассматривать".split()),
}
VERB_CLASS_OF: dict[str, str] = {lemma: cls for cls, lemmas in VERB_CLASSES.items() for lemma in lemmas}

# -- status notes -------------------------------------------------------------------------------
STATUS_LEMMAS = frozenset(
    "ждать ожидать думать молчать висеть пропасть тишина процесс работа согласование рассмотрение "
    "подпись юрист отказ пауза ответ".split()
)
STATUS_PHRASES = re.compile(
    r"\b(?:в работе|в процессе|на согласовании|на рассмотрении|на подписи|у юристов|нет ответа|без ответа|"
    r"не отвеча\w*|не бер\w* трубку|тишина|думают|ждем|ждём|висит|пропал\w*)\b",
    re.IGNORECASE,
)

# -- whose people -------------------------------------------------------------------------------
ROLE_CLASSES: dict[str, frozenset[str]] = {
    "internal": frozenset(
        "директор руководитель роп начальник шеф финотдел финдиректор бухгалтерия бухгалтер "
        "производство склад логист логистика маркетинг маркетолог сб безопасность коллега отдел "
        "офис-менеджер ассистент юротдел технолог конструктор снабжение руководство "
        # the same people by their abbreviations («гендир», «финдир», «ком. дир», «бухи»)
        "гд гендир гендиректор дир финдир коммдир техдир замдир главбух бух".split()
    ),
    "client": frozenset(
        "клиент заказчик покупатель лпр закупщик закупка закупки собственник владелец арендатор партнер дилер".split()
    ),
    "supplier": frozenset("подрядчик поставщик дистрибьютор перевозчик субподрядчик типография производитель".split()),
}
ROLE_OF: dict[str, str] = {lemma: cls for cls, lemmas in ROLE_CLASSES.items() for lemma in lemmas}

TECH_WORK = frozenset(
    "замер замерщик монтаж монтажник демонтаж доставка пусконаладка пнр сборка установка обследование "
    "ремонт техник сервисник инженер-монтажник бригада пропуск машина перевозчик курьер экспедитор "
    "отгрузка погрузка разгрузка".split()
)
"""Technical and logistics work done by others (guide: «замер», «монтаж», «доставка» are delegable)."""

OUR_WORDS = frozenset("наш свой внутренний внутри".split())
"""«с нашим финдиректором»: the role that follows is inside one's own company."""

INTERNAL_ITEMS = frozenset(
    "отчет отчетность планерка совещание собрание обучение тренинг обед тест аттестация воронка kpi план".split()
)
"""Internal non-client items (guide rule 5)."""

DELIVERABLES = frozenset(
    "кп предложение счет договор спецификация акт смета макет прайс каталог образец презентация "
    "допсоглашение соглашение документ документы реквизиты расчет накладная упд протокол "
    "дизайн-проект проект коммерческий ткп оферта".split()
)
"""Documents and materials that are sent to, or agreed with, the client."""

# -- time ---------------------------------------------------------------------------------------
WEEKDAYS = frozenset("понедельник вторник среда четверг пятница суббота воскресенье пн вт ср чт пт сб вс".split())
WHEN_LEMMAS = WEEKDAYS | frozenset(
    "сегодня завтра послезавтра утро утром вечер вечером обед срочно asap eod неделя месяц "
    "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь "
    "янв фев мар апр июн июл авг сен сент окт ноя нояб дек".split()
)

_WD = r"(?:понедельник\w*|вторник\w*|сред[уаы]|четверг\w*|пятниц\w*|суббот\w*|воскресень\w*|пн|вт|ср|чт|пт|сб|вс)"
_REL = r"(?:сегодня|завтра|послезавтра|утром|вечером|днем|eod)"
_PERIOD = (
    r"(?:(?:конца|начала|середины|конце|начале)\s+(?:дня|недели|месяца|квартала|года)"
    r"|(?:следующ|эт|текущ)\w*\s+недел\w*|на неделе)"
)
_MONTH = (
    r"(?:январ\w*|феврал\w*|март\w*|апрел\w*|ма[яйе]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*|декабр\w*"
    r"|янв|фев|мар|апр|июн|июл|авг|сен|сент|окт|ноя|нояб|дек)"
)
_DATE = r"(?:\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?|\d{1,2}\s*" + _MONTH + r"|\d{1,2}-?(?:го|ое)(?!\w))"
_TIME = r"(?:(?:[01]?\d|2[0-3])[:.][0-5]\d|\d{1,2}\s*(?:ч|час\w*)(?!\w))"
WHEN_RE = re.compile(
    rf"(?<![\w.])(?:(?:до|к|на|в|во|с|по|от|после)\s+)?(?:{_WD}|{_REL}|{_PERIOD}|{_DATE}|{_TIME})"
    rf"(?:\s*(?:-|до)\s*(?:{_TIME}|{_DATE}))?(?![\w])\.?",
    re.IGNORECASE,
)
"""Dates, times, weekdays and «до конца недели»: a deadline, which never changes the label (guide,
tie-breaker 4), so the model does not read it."""

# -- templates ----------------------------------------------------------------------------------
TEMPLATE_HEADS = ACTION_NOUNS | frozenset("задача сделка лид заявка новый исходящий входящий напоминание".split())
"""Words CRMs put in generated titles: never part of a company name."""

# -- hint situations -------------------------------------------------------------------------
# Read by taskqual.hints: the words that tell which kind of task a text is, so the hint fits it.
# Whom a piece of preparation work goes to, by the lemmas that give it away (first match wins).
DELEGATE_TO: tuple[tuple[frozenset[str], str], ...] = (
    # «по корпоративному английскому» is a course's subject: only translating makes it a translator's work
    (frozenset("перевести перевод переводчик".split()), "translator"),
    # «площадка» alone is a site («замер площадки»), not a tender platform
    (frozenset("тендер торги торг мониторинг мониторить госзакупка этп".split()), "tenders"),
    # the look of a template is design work: «поменять логотип в шаблоне кп» is no «take a template»
    (frozenset("логотип лого брендбук фирстиль дизайн визуализация шрифт".split()), "designer"),
    (frozenset({"шаблон"}), "template"),  # «оформить спецификацию по шаблону» even when it goes to accounting
    # mechanical office work first: «распечатать буклеты» is not design, «отсканировать доверенность» not law
    (
        frozenset(
            "распечатать напечатать печать распечатка тираж отсканировать сканировать отсканить скан внести "
            "заполнить таблица база "
            "найти собрать выгрузить crm "
            # paperwork: passes and badges, not the technician who needs them
            "пропуск бейдж аккредитация".split()
        ),
        "assistant",
    ),
    (
        frozenset(
            "монтаж монтажник демонтаж смонтировать монтировать замер замерщик установка установить "
            "пусконаладка сборка собрать-стеллаж ремонт сервисник техник обследование подключить "
            "подключение наладка "
            # metrology and service: a technician's work, not an assistant's («поверка весов»)
            "поверка поверить калибровка откалибровать калибровать техобслуживание обслуживание".split()
        ),
        "technician",
    ),
    (
        frozenset("курьер отвезти доставить забрать почта почтой отправка экспресс сдэк".split()),
        "logistics",
    ),
    (
        frozenset(
            "логистика логист транспорт машина перевозчик отгрузка доставка перевозка фура экспедитор "
            "вагон контейнер манипулятор автовышка кран".split()
        ),
        "logistician",
    ),
    (frozenset("сувенир сувенирка сувенирный подарок".split()), "office"),  # merch is ordered, not designed
    (
        frozenset(
            "презентация макет баннер дизайн логотип буклет листовка каталог сверстать верстка визуал "
            "креатив лендинг пост брендбук видео ролик нарисовать визуализация рендер 3d 3д".split()
        ),
        "designer",
    ),
    (frozenset("претензия юрист устав nda протокол разногласие доверенность".split()), "lawyer"),
    (
        frozenset("счет-фактура сверка упд бухгалтерия бухгалтер платежка закрывающий первичка накладная".split()),
        "accountant",
    ),
    (frozenset("шаблон кп предложение договор письмо рассылка".split()), "template"),
)
CALL_WORDS = frozenset(
    "позвонить перезвонить набрать прозвонить звонок созвон созвониться звякнуть дозвониться прозвон".split()
)
WRITE_WORDS = frozenset(
    "написать письмо отписать вотсап whatsapp ватсап телеграм telegram сообщение email почта".split()
)
MEET_WORDS = frozenset("встреча встретиться съездить выезд визит".split())
CONTACT_WORDS = frozenset("связаться касание напомнить follow-up followup follow фоллоуап пингануть".split())
CLARIFY_WORDS = frozenset("уточнить обсудить узнать выяснить".split())
PUSH_WORDS = frozenset("дожать дожимать дожим поработать работа обработать проработать возражение".split())
INTERNAL_WORDS = frozenset(
    "планерка совещание собрание пятиминутка летучка обед обучение тренинг отпуск больничный "
    "роп рук руководитель начальник".split()
)
STATUS_WORDS = frozenset(
    "ждать ожидать думать висеть пропасть молчать тянуть процесс согласование рассмотрение "
    "тишина глухо отказ отказаться решать согласовывать отвечать".split()
)

# Office errands for colleagues: nothing in them is for a client, so the hint asks for no client result.
ERRAND_WORDS = frozenset(
    "переговорка переговорная конференц-зал забронировать бронь бронирование такси билет авиабилет "
    "трансфер канцелярия канцтовары картридж кулер парковка пропуск "
    # a power of attorney for our driver is office paperwork, not a lawyer's («доверенность на получение»)
    "доверенность "
    # data entry in the CRM: «завести карточку клиента в битрикс» gives the client nothing
    "карточка битрикс битрикс24 црм crm амо amocrm 1с "
    # filing: «отсканировать УПД по Аквалайну и закинуть в папку» gives the client nothing either
    "папка".split()
)
PAPERWORK_ERRANDS = frozenset({"доверенность", "папка"})
"""Errands that stay office paperwork even when a client is named («доверенность для Карьерстроя»)."""
# What an engineer calculates or selects («расчёт солнечной станции», «подбор оборудования»): work for an
# engineer, not an assistant (an insurance or price calculation stays with the assistant).
ENGINEERING_OBJECTS = frozenset(
    "станция система нагрузка теплопотеря отопление вентиляция кондиционирование электроснабжение "
    "водоснабжение канализация мощность конструкция фундамент кровля котельная освещенность освещение "
    "оборудование теплообменник насос трансформатор кабель сечение генератор инвертор панель "
    "светотехнический dialux".split()
)
ENGINEERING_ACTS = frozenset("рассчитать посчитать просчитать расчет подбор подобрать".split())
# Drawings are an engineer's or a designer-constructor's work, never an assistant's («чертёж кабины КЛ-2»).
DRAWING_WORDS = frozenset("чертеж чертить начертить деталировка".split())
# One's own management, met to approve terms inside the company («согласовать скидку с директором»).
OWN_MANAGERS_RE = re.compile(
    r"(?i)(?<!\w)с(?:о)?\s+(?:своим\s+|нашим\s+)?(?:директором|руководством|руководителем|руком|ропом|финдиром|"
    r"финансовым\s+директором|генеральным(?:\s+директором)?|гендиром|начальником|шефом|коммерческим\s+директором|"
    r"коммдиром)(?!\w)(?!\s+(?:клиента|заказчика|покупателя|партнера|партнёра|их|компании|(?-i:[А-ЯЁA-Z\"«])))"
)
APPROVE_WORDS = frozenset("согласовать утвердить согласование утверждение одобрить обсудить".split())
SEND_WORDS = frozenset("отправить переслать выслать скинуть разослать отослать направить".split())
MAKE_WORDS = frozenset(
    "сделать подготовить сверстать нарисовать разработать обновить переделать поменять заменить исправить".split()
)
REPORT_WORDS = frozenset("отчет отчетность выгрузка аналитика дашборд".split())
"""Reporting inside the company; «выгрузка» with a vehicle («выгрузка вагона») is unloading, not a report."""
VEHICLE_WORDS = frozenset("вагон машина фура контейнер грузовик манипулятор кран газель".split())
CALCULATE_WORDS = frozenset("рассчитать посчитать просчитать расчет калькулятор тариф".split())
INSURANCE_WORDS = frozenset("каско осаго дмс страховка страхование полис".split())
MEAL_WORDS = frozenset("обед ужин завтрак бизнес-ланч кофе".split())
# Marketing work for the company itself (its site, its stand at a fair): there is no client to show it to.
OWN_MARKETING_WORDS = frozenset(
    "сайт баннер лендинг соцсеть листовка вывеска плакат ролл-ап ролл стенд каталог буклет брошюра".split()
)
# An offer or a presentation: what follows «на/по» is what it is about, not who makes it («ТКП на
# перевозку», «презентация по курьерской доставке»).
OFFER_WORDS = frozenset("кп ткп предложение коммерческий оферта презентация".split())
# Freight by rail, sea or truck: a logistician books it, never a courier («отправка вагонов», «контейнер»).
FREIGHT_WORDS = frozenset("вагон полувагон цистерна контейнер фура".split())
CLIENT_WORDS = frozenset("клиент заказчик покупатель партнер".split())
IN_PROGRESS_RE = re.compile(r"(?i)(?<!\w)в (?:работе|процессе)(?!\w)")
# A goal written as the task («закрыть сделку с Гарантом до конца квартала»): the step towards it is missing.
CLOSE_DEAL_RE = re.compile(r"(?i)(?<!\w)(?:закрыть|закрываем|закрываю)\s+(?:сделк|продаж|клиент)")
# Whom a client's answer can be waited for («ждём ответа юристов»): the status hint asks about them.
AWAITED_ROLES = frozenset(
    "юрист юротдел бухгалтерия бухгалтер финдиректор гендиректор собственник руководство безопасник "
    "закупщик снабженец технадзор комиссия комитет".split()
)
# Colleagues a task can be addressed to in the dative at its start («техникам», «юристу», «дизайнеру»).
DOER_WORDS = frozenset(
    "техник инженер монтажник сервисник юрист дизайнер бухгалтер бухгалтерия логист ассистент помощник "
    "маркетолог переводчик курьер снабженец технолог программист секретарь офис-менеджер склад".split()
)

# People named by their role; departments («закупка», «склад») and anything with a number are not.
PERSON_ROLES = ROLE_WORDS | frozenset(
    "клиент заказчик покупатель директор руководитель начальник шеф финдиректор логист маркетолог ассистент "
    "конструктор офис-менеджер".split()
)


# -- what stands beside a company name (read by taskqual.company_gate) ---------------------------
ID_LABELS = frozenset("ИНН ОГРН ОГРНИП КПП БИК".split())
"""Labels of registration numbers: «Кедр ИНН …» — the word after the name is no more of it."""

PRODUCT_OBJECTS = frozenset(
    "презентация колонка прайс прайс-лист каталог оборудование техника печь станок модель бренд марка "
    "линейка продукция товар образец буклет".split()
)
"""Words after which a Latin word is the product or brand, not the client («презентацию Rotoforno»)."""

FOLLOW_UP_WORDS = frozenset("follow-up followup follow фоллоу-ап фоллоуап фолоу-ап фоллоу".split())
"""«follow-up X» alone does not say that X is the client (it may be the product followed up on)."""

MARKETPLACES = frozenset(
    "wildberries вайлдберриз вайлдбериз вб wb ozon озон озоне яндекс.маркет мегамаркет сбермегамаркет "
    "avito авито lamoda ламода aliexpress алиэкспресс alibaba алибаба".split()
)
"""Marketplaces: after «на» («карточки на Wildberries») where goods are sold, not the client. Compared
with the whole name in lower case."""

VENUE_ERRANDS = MEET_WORDS | MEAL_WORDS | frozenset("пропуск переговоры созвон".split())
"""Meetings, meals and passes: a business centre named with them is where it happens («встреча в БЦ
«Сенатор» с Аквалайном»), not the client."""

ORG_HEADS = ("холдинг", "завод", "комбинат", "фабрика", "ферма", "хозяйство", "фирма", "компания", "группа")
"""Endings of words naming a kind of organisation («Агрохолдинг», «агрокомбинат», «Птицефабрика»): the
type before a name («агрокомбинат Южный»), never the name itself nor a task's topic."""

BUSINESS_KINDS = frozenset(
    "пекарня булочная кондитерская пиццерия столовая буфет кулинария кофейня чайхана шаурмичная "
    "ларек киоск лавка бутик шоурум супермаркет гипермаркет универсам минимаркет дискаунтер рынок склад "
    "студия ателье мастерская парикмахерская барбершоп турагентство санаторий пансионат хостел арена "
    "стадион бассейн спортзал каток кинотеатр садик детсад лагерь цех филиал точка".split()
)
"""Kinds of business and venue named beside a client («пекарня Колосок», «Гусейнов, рынок Восход»):
they identify the client, they are no topic of a task."""

ADDRESS_WORDS = frozenset(
    "г гор город пос поселок пгт село деревня станица мкр микрорайон д дом стр строение корп кв".split()
)
"""Words of an address («ООО Вершина г. Пермь», «корп. 2, кв. 214»): they identify, they are no topic."""

VENUE_NOUNS = frozenset("башня отель гостиница ресторан кафе бар кофейня коворкинг лобби переговорка".split())
"""Places where a meeting or a meal happens: the name after them in a meeting's text is the venue
(«пропуск в башню Федерация на встречу с Neon Lab»), not the client."""

TENDER_WORDS = frozenset("тендер аукцион закупка торги котировка".split())
"""Public and corporate purchases: the seller's step is the bid, and a number after them is the
purchase's, not a unit's («Закупка №0373… ГБУ …»)."""

TENDER_PLATFORMS = frozenset(
    [
        *"сбербанк-аст сбер-аст ртс-тендер росэлторг roseltorg rts-tender sberbank-ast zakupki zakupki.gov.ru "
        "закупки.гов еис b2b-center b2b-center.ru фабрикант fabrikant тэк-торг tektorg етп етп-гпб этп-гпб "
        "ммвб-ит ауктек лот-онлайн сбер-а сбера".split(),
        "сбер а",  # «Сбер А», Sber's platform since 2024
    ]
)
"""Electronic tender platforms: where a public or corporate client holds its tender, never the client.
Compared with the whole name in lower case."""

DEDICATION_HEADS = frozenset("храм собор церковь часовня монастырь подворье лавра".split())
"""Churches and monasteries, named by their dedication in the genitive («храм Покрова», «собор
Александра Невского»): the genitive alone («Покров») is no name."""


__all__ = [
    "DEDICATION_HEADS",
    "DOCUMENT_OBJECTS",
    "TENDER_PLATFORMS",
    "TENDER_WORDS",
    "MARKETPLACES",
    "VENUE_ERRANDS",
    "VENUE_NOUNS",
    "ORG_HEADS",
    "FOLLOW_UP_WORDS",
    "ID_LABELS",
    "PRODUCT_OBJECTS",
    "LEGAL_FORMS",
    "COMMERCIAL_FORMS",
    "ROLE_WORDS",
    "PRODUCT_WORDS",
    "OWN_MARKETING_WORDS",
    "FREIGHT_WORDS",
    "OFFER_WORDS",
    "DRAWING_WORDS",
    "BORROWED_WORDS",
    "BUSINESS_KINDS",
    "COLLOQUIAL_WORDS",
    "EVENT_WORDS",
    "BOOTH_WORDS",
    "CITY_SHORTHAND",
    "COMMERCIAL_LEGAL_WORDS",
    "EVENT_NAMES",
    "EVENT_PHRASES",
    "STAND_WALK_RE",
    "REGION_ABBREVIATIONS",
    "SPEC_CODE_RE",
    "NUMBERED_ORGS",
    "NAME_TAILS",
    "INSTITUTION_HEADS",
    "BODY_HEADS",
    "NAME_REGIONS",
    "DEAL_TOPICS",
    "NOT_TOPICS",
    "LEGAL_WORDS",
    "LEGAL_WORD_STEMS",
    "SHORTHAND",
    "SLANG_NOUNS",
    "SHORTHAND_EXPANSIONS",
    "SHORTHAND_RE",
    "ACTION_NOUNS",
    "ADDRESS_WORDS",
    "DEVERBAL_SUFFIXES",
    "VERB_CLASSES",
    "VERB_CLASS_OF",
    "STATUS_LEMMAS",
    "STATUS_PHRASES",
    "ROLE_CLASSES",
    "ROLE_OF",
    "TECH_WORK",
    "OUR_WORDS",
    "INTERNAL_ITEMS",
    "DELIVERABLES",
    "WEEKDAYS",
    "WHEN_LEMMAS",
    "WHEN_RE",
    "TEMPLATE_HEADS",
    "AWAITED_ROLES",
    "CALCULATE_WORDS",
    "CALL_WORDS",
    "CLARIFY_WORDS",
    "CLIENT_WORDS",
    "CONTACT_WORDS",
    "DELEGATE_TO",
    "DOER_WORDS",
    "ERRAND_WORDS",
    "ENGINEERING_OBJECTS",
    "ENGINEERING_ACTS",
    "OWN_MANAGERS_RE",
    "APPROVE_WORDS",
    "IN_PROGRESS_RE",
    "INSURANCE_WORDS",
    "INTERNAL_WORDS",
    "MAKE_WORDS",
    "MEAL_WORDS",
    "MEET_WORDS",
    "PERSON_ROLES",
    "PUSH_WORDS",
    "CLOSE_DEAL_RE",
    "REPORT_WORDS",
    "PAPERWORK_ERRANDS",
    "VEHICLE_WORDS",
    "SEND_WORDS",
    "STATUS_WORDS",
    "WRITE_WORDS",
]
