# Отчёт для переговорщиков `passage simulate search`, по-русски.
# Подстановки с цифрами ($frontier, $low, ...) приходят уже записанными так, как язык пишет
# числа; те, что оканчиваются на _count, — те же числа, для форм множественного числа.

report-title = Режимы, которые стоит обсуждать: поиск { $name }
report-other-languages = Этот отчёт на других языках:
report-summary = На границе Парето { $frontier_count ->
    [one] { $frontier } режим
    [few] { $frontier } режима
   *[many] { $frontier } режимов
} из { $candidates } вариантов: ни один другой вариант не лучше любого из них сразу по всем целям.
report-method = Варианты выбраны { $drawn }. { $screening } прогонов отобрали и уточнили их на общих случайных числах (одни и те же прибытия и одни и те же жеребьёвки в каждом режиме, так что различия происходят от режимов), за { $rounds } раундов уточнения; ещё { $confirmation } прогонов подтвердили границу Парето с ядром системы в цикле. Каждый показанный режим принимается ядром, и каждая цифра получена ядром.
report-drawn-grid = как все сочетания параметров
report-drawn-latin-hypercube = латинским гиперкубом по параметрам
report-drawn-random = случайно по параметрам
report-figures-note = Каждая цифра — среднее по прогонам ± половина ширины её 95-процентного доверительного интервала.

report-section-reading = Что это значит
report-reading-no-best = Ни один режим на границе Парето не лучше остальных по всем целям: выбирая между ними, выбирают, кто выигрывает и кто платит.
report-reading-one = На границе Парето один режим: по каждой цели он не хуже любого другого варианта.
report-reading-range = { $figure }: от { $low } до { $high } на границе Парето.
report-reading-tradeoff = Режим, который выявляет больше всего нарушений (вариант { $caught_candidate }, { $caught_share } %), даёт грузовикам время транзита { $caught_hours } ч по 95-му процентилю против { $fast_hours } ч у самого быстрого (вариант { $fast_candidate }, выявлено { $fast_share } %).
report-reading-party = { $party }: итог от { $low } до { $high } { $currency } в год на границе Парето (полученное за вычетом расходов на персонал и оборудование).
report-reading-carriers = Перевозчики: от { $low } до { $high } { $currency } в год на уплаченные сборы и время ожидания, на границе Парето.
report-reading-caveat = Это цифры модели для спроса, принятого в поиске, а не прогноз. Они верны настолько, насколько верны допущения ниже.

report-section-frontier = Граница Парето
report-frontier-intro = Каждая строка — режим на границе Парето, с его параметрами и цифрами по целям поиска. Его файл режима, готовый для `passage regime propose`, лежит в папке regimes.
report-chart-title = Время транзита грузовиков (95-й процентиль) и доля выявленных нарушений
report-chart-x = выявлено нарушений (%)
report-chart-y = время транзита грузовиков, 95-й процентиль (ч)
report-column-candidate = Вариант
report-column-settings = Параметры
report-better-low = чем меньше, тем лучше
report-better-high = чем больше, тем лучше

report-section-parties = Кто выигрывает и кто платит
report-parties-intro = Деньги каждой стороны за год в { $currency }, рядом для каждого режима: что она получает, во что обходятся её персонал и оборудование, что остаётся; для перевозчиков — сборы, которые они платят, и стоимость времени ожидания.
report-column-revenue = доход
report-column-staff = персонал
report-column-equipment = оборудование
report-column-net = итог
report-column-fees-paid = уплаченные сборы
report-column-waiting = ожидание
report-party-host = принимающее государство
report-party-transit = государство транзита
report-party-monitor = миссия наблюдателей
report-party-carriers = перевозчики

report-figure-transit-mean = среднее время транзита (ч)
report-figure-transit-p95 = время транзита, 95-й процентиль (ч)
report-figure-caught-share = доля выявленных нарушений
report-figure-revenue = доход за год
report-figure-staff-cost = расходы на персонал за год
report-figure-equipment-cost = расходы на оборудование за год
report-figure-incidents = инцидентов за год
report-figure-overdue = просроченных перевозок за год
report-figure-held = задержанных единиц за год
report-figure-inspections = физических досмотров в день
report-figure-of-class = { $figure }, { $class }
report-class-truck = грузовики
report-class-train = поезда

report-section-assumptions = Допущения и их источники
report-assumptions-intro = Денежные цифры опираются на эти значения. У отмеченных как допущения нет опубликованного источника. Обоснование приведено так, как его даёт файл поиска.
report-column-what = Что
report-column-value = Значение
report-column-basis = Обоснование
report-label-assumption = допущение
report-label-source = источник
report-assumption-exchange = один { $from } в { $currency }
report-assumption-truck-hour = час грузовика для перевозчика ({ $currency })
report-assumption-train-hour = час поезда для перевозчика ({ $currency })
report-assumption-wage = час работы сотрудника, { $staff } ({ $currency })
report-assumption-equipment = оборудование одного ресурса { $resource } за год ({ $currency })

report-section-uncertainty = Насколько точны цифры
report-uncertainty-settled = Каждую пару режимов вблизи границы Парето прогоняли, пока по каждой цели их разница не становилась либо больше шума, либо меньше наименьшей разницы, которую стоит обсуждать.
report-uncertainty-unsettled = { $pairs_count ->
    [one] { $pairs } пара
    [few] { $pairs } пары
   *[many] { $pairs } пар
} режимов вблизи границы Парето не удалось различить до конца бюджета: если два режима различаются меньше, чем их интервалы ±, считайте их равными.
report-indifference-intro = Разницы меньше этих не учитываются:
report-column-objective = Цель
report-column-indifference = Наименьшая разница, которую стоит обсуждать

report-section-left-out = Отброшенные варианты
report-left-out = Вариантов, отклонённых или не прошедших отбор: { $refused }; отброшенных при подтверждении: { $dropped }. Причина для каждого — в frontier.json.
