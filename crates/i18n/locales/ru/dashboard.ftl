# Панель узла, по-русски.

dashboard-language = Язык
dashboard-page-title = Passage: панель коридора
dashboard-page-title-corridor = Passage: { $corridor }
dashboard-skip = Перейти к цифрам
dashboard-corridor-dashboard = Панель коридора
dashboard-tagline = Каждое действие в коридоре — подписанная запись в публичном журнале, заверенном свидетелями. Эти цифры вычислены по нему.
dashboard-loading = Загрузка…
dashboard-pause = Приостановить обновление
dashboard-resume = Возобновить обновление
dashboard-sections = Разделы
dashboard-nav-overview = Обзор
dashboard-nav-posts = Посты
dashboard-nav-incidents = Инциденты
dashboard-nav-log = Журнал
dashboard-nav-movements = Перевозки
dashboard-nav-fees = Сборы
dashboard-nav-corridor = Коридор
dashboard-search-label = Найти перевозку по MRN
dashboard-search-button = Найти
dashboard-search-hint = 18 знаков, как в транзитной декларации
dashboard-search-invalid = MRN состоит из 18 латинских букв и цифр.
dashboard-back = ← Назад к обзору
dashboard-details = Подробности
dashboard-status-heading = Состояние коридора
dashboard-at-a-glance = Коротко
dashboard-figure-in-corridor = Перевозки в коридоре
dashboard-figure-declared-hour = Задекларировано за этот час
dashboard-figure-arrived-hour = Прибыло в пункт назначения за этот час
dashboard-figure-incidents = Открытые инциденты
dashboard-figure-fees-today = Сборы, начисленные сегодня
dashboard-figure-entries = Записи журнала
dashboard-figure-movements = Перевозки всего
dashboard-figure-checkpoint-size = Размер последней контрольной точки
dashboard-figure-regime = Действующий режим
dashboard-entry-rate = ({ $rate }/мин)
dashboard-no-charter = устава ещё нет

dashboard-posts-now = Посты сейчас
dashboard-posts-now-note = Перевозки, ожидающие на каждом посту, и время, проведённое там за последние 24 часа (по убывшим за это время).
dashboard-posts-now-caption = Очередь и время стоянки на каждом посту
dashboard-column-post = Пост
dashboard-column-at-post = На посту
dashboard-column-departed = Убыло (24 ч)
dashboard-column-dwell = Средняя стоянка (24 ч)
dashboard-column-longest = Дольше всех (24 ч)
dashboard-column-dwell-all = Средняя стоянка (за всё время)
dashboard-no-post-yet = Постов ещё нет.

dashboard-incidents-open-note = открыто во всём журнале; сначала самые давние:
dashboard-incident-line = { $status } { $kind }: { $movement }{ $at }, открыт { $opened } (запись { $entry })
dashboard-incident-at-post = { " " }на посту { $post }
dashboard-incident-corridor-wide = весь коридор
dashboard-no-open-incident = Открытых инцидентов нет.
dashboard-oldest-shown = Показаны { $count } самых давних.

dashboard-log-title = Последняя заверенная контрольная точка
dashboard-log-note = Подписана журналом и заверена свидетелями сторон. Любой может загрузить тайлы и вычислить её заново.
dashboard-checkpoint-origin = Источник
dashboard-checkpoint-size = Размер
dashboard-checkpoint-cosigned = Заверена
dashboard-checkpoint-root = Корневой хеш
dashboard-no-checkpoint-yet = контрольная точка ещё не опубликована
dashboard-cosigned-by-none = ни одним свидетелем (журнал подписал её один)
dashboard-cosigned-by = { $count ->
    [one] { $count } свидетелем, последний раз { $time }
   *[other] { $count } свидетелями, последний раз { $time }
}
dashboard-signatures = Подписи
dashboard-signatures-caption = Подписи журнала и свидетелей под последней контрольной точкой
dashboard-column-signer = Подписант
dashboard-column-kind = Вид
dashboard-column-key-id = ID ключа
dashboard-column-cosigned-at = Заверено
dashboard-signer-log = журнал
dashboard-signer-witness = свидетель
dashboard-signer-other = другое
dashboard-no-signature-yet = Подписей ещё нет.
dashboard-no-signature = Подписей нет.
dashboard-entry-form-label = Получить запись с доказательством включения
dashboard-entry-form-button = Показать запись
dashboard-raw = Исходные данные:
dashboard-raw-checkpoint = контрольная точка
dashboard-raw-statistics = статистика
dashboard-raw-tiles = тайлы журнала в

dashboard-movements-title = Последние перевозки
dashboard-movements-note = Недавно задекларированные перевозки, сначала новые. Выберите MRN, чтобы увидеть историю.
dashboard-movements-caption = Последние задекларированные перевозки
dashboard-column-mrn = MRN
dashboard-column-declared = Декларация
dashboard-column-carrier = Перевозчик
dashboard-column-route = Маршрут
dashboard-column-class = Класс
dashboard-column-status = Статус
dashboard-column-fee = Сбор
dashboard-overdue = просрочена
dashboard-no-movement-yet = Ни одна перевозка ещё не задекларирована.

dashboard-throughput-title = Пропускная способность за 24 часа
dashboard-throughput-note = Задекларированные перевозки и перевозки, прибывшие на пост назначения, по часам (последний столбец — текущий час).
dashboard-no-figures-yet = Цифр ещё нет
dashboard-no-figures-yet-row = Цифр ещё нет.
dashboard-legend-declared = декларации
dashboard-legend-arrived = прибытие в пункт назначения
dashboard-throughput-label = За последние { $hours } ч: перевозок задекларировано { $declared }, прибыло в пункт назначения { $arrived }
dashboard-peak = максимум { $count } в час
dashboard-now = сейчас

dashboard-by-status-title = Перевозки по статусам
dashboard-by-status-caption = Число перевозок в каждом статусе
dashboard-column-movements = Перевозки
dashboard-column-share = Доля
dashboard-status-declared = Задекларирована
dashboard-status-accepted = Принята
dashboard-status-at-post = На посту
dashboard-status-in-transit = В пути
dashboard-status-at-destination = В пункте назначения
dashboard-status-discharged = Завершена
dashboard-status-cancelled = Отменена
dashboard-status-refused = Отказано
dashboard-status-returned = Возвращена
dashboard-status-seized = Изъята

dashboard-money-title = Сборы и остатки
dashboard-per-day = По дням, последние 7 дней
dashboard-per-day-caption = Начисленные сборы и учтённые платежи по дням
dashboard-column-day = День (UTC)
dashboard-column-fees = Начислено сборов
dashboard-column-payments = Учтено платежей
dashboard-totals = Итого
dashboard-totals-caption = Начисленные сборы и учтённые платежи по валютам
dashboard-column-currency = Валюта
dashboard-no-fee-yet = Сборы ещё не начислялись.
dashboard-balances = Остатки по сторонам
dashboard-balances-caption = Остаток на каждом счёте
dashboard-column-account = Счёт
dashboard-column-balance = Остаток
dashboard-no-posting-yet = Проводок ещё нет.
dashboard-account-carrier = Перевозчик { $name }
dashboard-account-revenue = Доход: { $name }
dashboard-account-receipts = Поступления (полученные платежи)
dashboard-minor-units = { $amount } { $currency } (в минимальных единицах)

dashboard-corridor-title = Коридор и режим
dashboard-posts = Посты
dashboard-posts-caption = Посты коридора
dashboard-column-name = Название
dashboard-column-operated-by = Кто управляет
dashboard-column-controlled = Под контролем
dashboard-yes = да
dashboard-no = нет
dashboard-no-post = Постов нет.
dashboard-routes = Маршруты
dashboard-route-posts = Посты маршрута { $route } по порядку
dashboard-regime = Режим
dashboard-regime-since = Действует с записи
dashboard-regime-classes = Классы движения
dashboard-regime-controlled = Посты под контролем
dashboard-none = нет

dashboard-status-normal = Норма: открытых инцидентов нет
dashboard-status-waiting = Ожидание устава
dashboard-status-attention-incidents = { $count ->
    [one] Внимание: { $count } открытый инцидент
    [few] Внимание: { $count } открытых инцидента
   *[many] Внимание: { $count } открытых инцидентов
}
dashboard-status-attention-log = Внимание: журнал не заверяется свидетелями
dashboard-status-entries-waiting = { $count ->
    [one] { $count } запись ждёт заверенной контрольной точки
    [few] { $count } записи ждут заверенной контрольной точки
   *[many] { $count } записей ждут заверенной контрольной точки
}
dashboard-status-cosigned = { $count ->
    [one] Контрольная точка { $size } заверена { $count } свидетелем ({ $names })
   *[other] Контрольная точка { $size } заверена { $count } свидетелями ({ $names })
}
dashboard-status-log-only = Контрольная точка { $size } подписана журналом, без свидетелей
dashboard-status-ago = , { $age } назад
dashboard-status-no-checkpoint = Контрольная точка ещё не опубликована
dashboard-status-at-posts = { $count ->
    [one] { $count } перевозка на постах
    [few] { $count } перевозки на постах
   *[many] { $count } перевозок на постах
}
dashboard-seconds = { $seconds } с
dashboard-minutes = { $minutes } мин
dashboard-hours-minutes = { $hours } ч { $minutes } мин

dashboard-movement-title = Перевозка { $mrn }
dashboard-movement-unknown = Нет перевозки с MRN { $mrn }: { $reason }
dashboard-lane = канал: { $lane }
dashboard-unit-seals = , пломбы: { $seal }
dashboard-unit-inspection = , досмотр: { $inspection }
dashboard-visits = Посещения постов
dashboard-column-arrived = Прибытие
dashboard-column-released = Выпуск
dashboard-column-departed-at = Убытие
dashboard-column-units = Единицы
dashboard-not-at-post-yet = Ещё не была ни на одном посту.
dashboard-movement-incident = №{ $number } { $kind }, открыт { $opened } (запись { $entry }){ $closed }
dashboard-movement-incident-closed = , закрыт записью { $entry }
dashboard-movement-incident-open = , открыт
dashboard-field-traffic-class = Класс движения
dashboard-field-deadline = Срок
dashboard-field-at-post = На посту
dashboard-field-gross-mass = Масса брутто
dashboard-kilograms = { $mass } кг
dashboard-not-assessed = ещё не начислен
dashboard-equipment = Оборудование
dashboard-incidents = Инциденты
dashboard-none-sentence = Нет.
dashboard-history = История в журнале
dashboard-history-note = Записи, касающиеся этой перевозки. Каждая открывается с доказательством включения.

dashboard-entry-title = Запись { $index }
dashboard-field-index = Номер
dashboard-field-statement = Заявление
dashboard-unknown = неизвестно
dashboard-field-sequenced-at = Время в журнале
dashboard-field-raw = Исходные данные
dashboard-entry-json = эта запись и её доказательство в JSON
dashboard-inclusion-proof = Доказательство включения
dashboard-proof-note = { $count ->
    [one] { $count } хеш, ведущий к корню этой контрольной точки:
    [few] { $count } хеша, начиная с соседа листа, ведут к корню этой контрольной точки:
   *[many] { $count } хешей, начиная с соседа листа, ведут к корню этой контрольной точки:
}
dashboard-no-covering-checkpoint = Ни одна опубликованная контрольная точка ещё не покрывает эту запись; покроет следующая.
dashboard-entry-bytes = Байты записи (base64)

dashboard-paused-at = Приостановлено; последнее обновление { $time }
dashboard-updated-at = Обновлено { $time }
dashboard-update-error = Не удалось обновить ({ $reason }). Повтор через { $seconds } с.
dashboard-update-failed = Обновление не удалось
dashboard-updates-paused = Обновление приостановлено
dashboard-no-answer = нет ответа вовремя
dashboard-unreachable = узел недоступен

dashboard-footer = Passage публикует только открытые поля; коммерческие и личные сведения скрыты за обязательствами. Цифры прочитаны из открытого API этого узла.

dashboard-nav-mission = Миссия
dashboard-mission-title = Миссия наблюдателей
dashboard-mandate-open = Мандат миссии бессрочный.
dashboard-mandate-until = Мандат миссии действует до { $ends }.
dashboard-mandate-ended = Мандат миссии истёк { $ends }: её ключи больше не действуют. Журнал хранит всё, что она записала.
dashboard-mission-totals = Наблюдения: { $observations }. Особые мнения: { $dissents }. Оспариваний: { $opened }, без ответа в срок: { $overdue }.
dashboard-contests-title = Открытые оспаривания
dashboard-contest-line = Оспаривание { $number }: { $kind } стороны { $party } (запись { $entry }), причина { $reason }, подал { $contester }, ждёт { $waited }
dashboard-contest-overdue = { " " }— срок ответа истёк
dashboard-no-open-contest = Открытых оспариваний нет.
dashboard-automatic-title = Автоматические инциденты
dashboard-automatic-contest = Инцидент { $number }: нет ответа в срок на оспаривание { $contest }, открыт { $opened }
dashboard-automatic-hold = Инцидент { $number }: перевозка { $movement } слишком долго задержана на посту { $post }, открыт { $opened }
dashboard-no-automatic = Открытых автоматических инцидентов нет.
dashboard-reports-title = Ежедневные отчёты
dashboard-report-line = Отчёт за { $day }, подписан (запись { $entry }), также в формате { $pdf }
dashboard-report-pdf = PDF
dashboard-report-open-line = Цифры за { $day } на текущий момент, ещё не подписаны, также в формате { $pdf }
dashboard-no-report = Подписанных ежедневных отчётов пока нет.
dashboard-observations-title = Последние наблюдения
dashboard-observation-post = { $time }, пост { $post }: { $category }. { $summary } ({ $attachments }, запись { $entry })
dashboard-observation-segment = { $time }, между постами { $post } и { $to }: { $category }. { $summary } ({ $attachments }, запись { $entry })
dashboard-observation-attachments = { $count ->
    [one] { $count } вложение
    [few] { $count } вложения
   *[many] { $count } вложений
}
dashboard-no-observation = Наблюдений пока нет.
dashboard-observation-queue = очередь
dashboard-observation-closure = закрытие
dashboard-observation-road-condition = состояние дороги
dashboard-observation-rail-condition = состояние железной дороги
dashboard-observation-conduct = поведение должностных лиц
dashboard-observation-security = безопасность
dashboard-observation-other = другое
