# Ежедневный отчёт миссии наблюдателей: веб-страница и PDF, которые формирует узел.

mission-report-title = Ежедневный отчёт миссии наблюдателей за { $day }
mission-report-other-languages = Другие языки
mission-report-status-open = День ещё не закончился: это цифры журнала на текущий момент, они ещё могут измениться.
mission-report-status-to-sign = День закончился; миссия наблюдателей ещё не подписала его цифры.
mission-report-status-signed = Миссия наблюдателей подписала эти цифры в записи { $entry }; ядро приняло подпись только потому, что цифры совпадают с его собственными.
mission-report-status-forgotten = Этот день так и не был подписан, а состояние журнала больше не хранит его цифр.
mission-report-figures-note = Каждая цифра подсчитана по записям, внесённым в журнал в этот день (UTC); любой, у кого есть журнал, может пересчитать их.
mission-report-summary = Прибытий на посты: { $arrivals }, убытий: { $departures }, досмотров: { $inspections }, открыто инцидентов: { $incidents }, подано оспариваний: { $contests }.
mission-report-section-corridor = Коридор в целом
mission-report-section-posts = По постам
mission-report-chart-title = Прибытия и убытия по постам
mission-report-column-post = Пост
mission-report-column-figure = Показатель
mission-report-column-detail = Уточнение
mission-report-column-value = Значение
mission-report-nothing = В этот день ничего не подсчитано.
mission-report-hours = { $figure } (часы)

mission-figure-arrivals = Прибытия
mission-figure-departures = Убытия
mission-figure-dwell-total = Время, проведённое убывшими перевозками на посту
mission-figure-dwell-longest = Самая долгая стоянка перевозки на посту
mission-figure-inspections = Досмотры
mission-figure-holds-started = Начатые задержания
mission-figure-holds-ended = Завершённые задержания
mission-figure-hold-total = Продолжительность завершённых задержаний
mission-figure-hold-longest = Самое долгое задержание
mission-figure-incidents-opened = Открытые инциденты
mission-figure-incidents-closed = Закрытые инциденты
mission-figure-observations = Наблюдения наблюдателей
mission-figure-dissents = Особые мнения наблюдателей
mission-figure-contests-opened = Поданные оспаривания
mission-figure-contests-answered = Оспаривания с ответом
mission-figure-contests-overdue = Оспаривания без ответа в срок
mission-figure-automatic-incidents = Открытые автоматические инциденты

mission-detail-route = маршрут { $route }
mission-detail-inspection = { $lane }, { $outcome }
mission-lane-green = зелёный канал
mission-lane-yellow = жёлтый канал
mission-lane-red = красный канал
mission-outcome-conform = товары соответствуют
mission-outcome-minor = незначительное расхождение
mission-outcome-major = существенное расхождение
