# То, что команда `passage` выводит для человека. Машинный вывод (`--json`, файлы
# заявлений, политики, квитанции) не переводится. Отказ узла по коду объясняется словами
# terminal.ftl (`terminal-refusal-*`).

## Общие слова
cli-none = никто

## Связь с узлом
cli-node-from-command-line = указан в командной строке
cli-node-from-environment = из переменной { $variable }
cli-node-from-file = из файла { $path }
cli-node-from-default = по умолчанию: нет ни --node, ни PASSAGE_NODE, ни файла конфигурации
cli-node-unreachable = не удалось подключиться к узлу по адресу { $address } ({ $source }): { $reason }. Запущен ли он там? Укажите узел через --node URL, переменную { $variable } или `advertise` либо `listen` в { $file } (или в файле, который называет { $config_variable })
cli-node-unreachable-unnamed = не удалось подключиться к узлу по адресу { $address }: { $reason }. Запущен ли он там? Укажите узел через --node URL, переменную { $variable } или `advertise` либо `listen` в { $file } (или в файле, который называет { $config_variable })
cli-node-listens-on-port-zero = он слушает порт 0 (порт выбирается при запуске), который клиенту не узнать: укажите узел через --node URL или PASSAGE_NODE либо задайте `advertise` в файле
cli-node-config-names-no-node = { $path } не называет узла для клиентских команд
cli-node-listen-unreadable = `listen = "{ $listen }"` — это не адрес с портом

## Заявления, отправленные узлу
cli-sent-duplicate = уже в журнале, запись { $index } (отправлено ранее; ничего не изменилось)
cli-sent-declared = перевозка { $mrn } задекларирована, запись { $index }
cli-sent-entry = запись { $index }: { $events }
cli-sent-saved = подписано и сохранено в { $path } (отправьте командой `passage submit`)
cli-refused = отказ ({ $code }): { $message }
cli-refused-explained = отказ ({ $code }): { $explanation } Узел сообщает: { $message }
cli-failed = { $message } ({ $code })
cli-failed-explained = { $explanation } Узел сообщает: { $message } ({ $code })
cli-salts-not-kept = примечание: соли обязательств не сохранены (укажите --openings FILE, чтобы их сохранить)

## Счета
cli-no-such-account = по счёту `{ $account }` нет ни одной проводки; счета называются вместе с их видом, например carrier:ARAZ-TRUCKS для перевозчика ARAZ-TRUCKS, а `passage account` перечисляет их все
cli-no-such-account-suggestions = по счёту `{ $account }` нет ни одной проводки; возможно, вы имели в виду { $suggestions }?

## Аудит и квитанции
cli-audit-ok = в порядке: { $origin } размером { $size }, корень { $root }; проверены записи { $from }..{ $size }, сверено тайлов: { $tiles }
cli-audit-cosigned-by = заверили: { $names }
cli-audit-refused = отказ: { $reason }
cli-audit-log-url-hint = подсказка: узел отдаёт свой журнал по пути /log: passage audit { $url }/log --policy FILE
cli-audit-size-note = примечание: узел уже опубликовал данные до размера { $published }; его показатели сверены в том виде, в каком он опубликовал их для проверенного размера { $audited }
cli-audit-node-equal = показатели узла для размера { $size }: совпадают с результатами аудита (хеш состояния, статистика, остатки, перевозки по статусам)
cli-audit-node-differ = показатели узла для размера { $size }: { $count ->
    [one] { $count } расхождение с результатами аудита
    [few] { $count } расхождения с результатами аудита
   *[other] { $count } расхождений с результатами аудита
}
cli-audit-entries-replayed = воспроизведено записей: { $count }
cli-audit-movements-by-status = перевозки по статусам:
cli-audit-fees-assessed = начисленные сборы:
cli-audit-balances = остатки:
cli-audit-open-incidents = открытые инциденты: { $count }
cli-audit-incident = { $mrn } №{ $number } { $kind } (открыт записью { $entry })
cli-audit-state-digest = хеш состояния: { $digest }
cli-receipt-ok = в порядке: запись { $index } есть в { $origin } размером { $size }, заверили: { $names }
cli-receipt-none = квитанции нет: { $status }: { $message }
cli-receipt-written = квитанция записи { $index } сохранена в { $path }

## Узел и свидетель
cli-serve-serving = узел работает по адресу { $url }
cli-serve-dashboard = панель: { $url }
cli-serve-postgres-store = базе данных PostgreSQL
cli-serve-following-at-start = ведомый: на { $store } уже ведёт другой узел; этот отвечает на чтение, пересылает ему запросы на запись и займёт его место, если тот остановится
cli-serve-leading = ведущий: теперь журнал ведёт этот узел
cli-serve-following = ведомый: теперь ведёт другой узел; запросы на запись пересылаются ему
cli-witness-listening = принимает соединения на { $address }
cli-witness-serving = свидетель { $vkey } принимает соединения на { $address }
cli-demo-observation-read-back = наблюдатель прочитал подписанным запросом наблюдение из записи { $entry }: подробности и вложения ({ $count }, { $bytes } байт), и каждое раскрывает своё обязательство в журнале
cli-demo-policy-logs = политика доверия узла называет журналов: { $count }, а должна называть один
cli-demo-read-refused = { $reader } не смог прочитать запись { $index }: { $message } ({ $code })
cli-demo-read-back-missing = запись { $index } прочитана без поля { $field }
cli-demo-read-back-differs = запись { $index }: прочитанное поле { $field } не совпадает с тем, что приложил наблюдатель

## Значения предметной области словами (класс перевозок и роль сотрудника — слова
## терминала поста, результат досмотра — слова отчёта миссии)
cli-money-minor-units = { $amount } { $currency } (в минимальных единицах)
cli-status-declared = задекларирована
cli-status-accepted = принята
cli-status-at-post = на посту
cli-status-in-transit = в пути
cli-status-at-destination = в пункте назначения
cli-status-discharged = завершена
cli-status-cancelled = отменена
cli-status-refused = отказано
cli-status-returned = возвращена
cli-status-seized = изъята
cli-status-recovered = закрыта взысканием
cli-lane-green = зелёный
cli-lane-yellow = жёлтый
cli-lane-red = красный
cli-lane-pending = ждёт жеребьёвки
cli-seal-intact = целы
cli-seal-broken = нарушены
cli-seal-mismatch = не совпадают
cli-incident-deviation = отклонение от маршрута
cli-incident-seal-broken = нарушены пломбы
cli-incident-transshipment = перегрузка
cli-incident-accident = авария
cli-incident-imminent-danger = непосредственная опасность
cli-incident-other = иное
cli-incident-overdue = просрочка
cli-party-host-state = принимающее государство
cli-party-transiting-state = государство транзита
cli-party-monitoring-mission = миссия наблюдателей
cli-party-other = иная сторона

## passage movement
cli-movement-declared-as = перевозчик { $carrier }  маршрут { $route }  { $class }  { $mass } кг
cli-movement-declared = задекларирована { $time }
cli-movement-deadline = срок { $time }
cli-movement-overdue = ПРОСРОЧЕНА
cli-movement-at = на посту { $post }
cli-movement-fee = сбор { $fee }
cli-movement-equipment = единицы: { $equipment }
cli-movement-arrived = прибыла { $time }
cli-movement-released = выпущена { $time }
cli-movement-departed = убыла { $time }
cli-movement-visit = { $post }: { $times }
cli-movement-visit-controlled = { $post } (контрольный): { $times }
cli-movement-seals = пломбы { $condition }
cli-movement-inspected = досмотр: { $outcome }
cli-movement-incident = инцидент { $number } ({ $kind }), открыт { $time } записью { $entry }
cli-movement-incident-post = на посту { $post }
cli-movement-incident-closed = закрыт записью { $entry }
cli-movement-entries = записи: { $entries }

## passage account
cli-account-no-postings = проводок пока нет
cli-account-balance = остаток { $amount }
cli-account-entry = запись { $index }
cli-account-more = далее: --after { $cursor }

## passage charter show, passage regime show и list
cli-charter-mrn-country = MRN выдаются под кодом { $country }
cli-charter-party = сторона { $party } ({ $kind }): { $name }
cli-charter-roles = роли: { $roles }
cli-charter-authority-key = ключ полномочий { $key }
cli-charter-party-witness = свидетель { $name } ({ $party }): { $key }
cli-charter-witness = свидетель { $name }: { $key }
cli-charter-quorum = кворум для смены режима: { $count ->
    [one] { $count } сторона
    [few] { $count } стороны
   *[other] { $count } сторон
}, любые
cli-charter-quorum-including = кворум для смены режима: { $count ->
    [one] { $count } сторона
    [few] { $count } стороны
   *[other] { $count } сторон
}, в том числе { $parties }
cli-charter-corridor = коридор: { $name } ({ $posts ->
    [one] { $posts } пост
    [few] { $posts } поста
   *[other] { $posts } постов
}, { $routes ->
    [one] { $routes } маршрут
    [few] { $routes } маршрута
   *[other] { $routes } маршрутов
})
cli-charter-first-regime = первый режим: { $name }
cli-regime-since = действует с записи { $entry }
cli-regime-traffic-classes = классы перевозок: { $classes }
cli-regime-controlled-posts = контрольные посты: { $posts }
cli-regime-no-proposals = предложений режима нет
cli-regime-too-many-pages = узел перечисляет больше { $most } страниц предложений режима
cli-proposal-in-force = действует
cli-proposal-was-in-force = действовал
cli-proposal-adopted = принят, ещё не действует
cli-proposal-pending = ждёт одобрения
cli-proposal-on-adoption = с момента принятия
cli-proposal-line = запись { $entry }: { $name } ({ $status }); одобрили: { $approvals }; вступает в силу: { $effective }; sha256 документа { $sha256 }
cli-proposal-effective-on-approval = как только его одобрит кворум
cli-proposal-effective-from = с { $time }, или с одобрения, если кворум одобрит его позже
cli-proposal-shown = режим предложен записью { $entry } ({ $time }) ключом { $key }, вступает в силу { $effective }; его документ:

## passage report
cli-report-title = отчёт за { $day }: { $status }
cli-report-title-signed = отчёт за { $day }: { $status } (запись { $entry })
cli-report-status-open = день не окончен
cli-report-status-to-sign = ждёт подписи
cli-report-status-signed = подписан
cli-report-status-forgotten = не подписан и утрачен
cli-report-corridor = коридор
cli-report-not-to-sign = отчёт за { $day }: { $status }; подписать можно только окончившийся и ещё не подписанный день
cli-report-needs-narrative = для --sign нужен --narrative FILE
cli-report-unknown-figure = узел называет показатель, которого эта команда не знает: `{ $figure }`
cli-report-written = отчёт за { $day } ({ $language }) записан в { $path }

## passage witness evidence и cosign
cli-witness-evidence = №{ $id } { $origin } в { $time }: { $reason } (заверенный размер { $size }, корень { $root })
cli-witness-no-evidence = доказательств нет
cli-witness-opening-state = открытие состояния свидетеля { $path }
cli-witness-not-a-vrf-key = в { $path } нет ключа VRF (64 шестнадцатеричные цифры)
cli-witness-bad-name = имя свидетеля не пустое, без пробелов и без `+`
cli-witness-reading-evidence = чтение доказательств в { $path }
cli-witness-bad-cursor = собственный перечень доказательств дал курсор, который не является числом
cli-cosign-cosigned = { $name }: заверил
cli-cosign-refused = { $name }: отказ { $status }: { $reason }
cli-cosign-unreachable = { $name }: недоступен: { $reason }
cli-cosign-no-url = { $name }: в политике нет URL
cli-cosign-published = в порядке: кворум политики достигнут; в { $path } заверенная контрольная точка
cli-cosign-not-published = не опубликовано: { $reason }
cli-log-no-checkpoint = в { $path } нет контрольной точки

## passage demo
cli-demo-serving = узел Passage работает по адресу { $url }  (данные в { $data })
cli-demo-try = попробуйте: { $commands }
cli-demo-policy-written = политика доверия записана в { $path }; проверить работающее демо:
cli-demo-final = итог: { $summary }
cli-demo-summary = записи { $entries }  контрольная точка { $checkpoint }  завершено { $completed }  перевозки [{ $movements }]  сборы [{ $fees }]  оплачено [{ $paid }]  открытые инциденты { $incidents }
cli-demo-witness = свидетель { $name } по адресу { $url }
cli-demo-continuing = журнал в папке данных продолжается
cli-demo-charter-adopted = устав принят: { $name } (принимающее государство, государство транзита, миссия наблюдателей)
cli-demo-enrolled = { $officers ->
    [one] зарегистрирован { $officers } сотрудник
    [few] зарегистрированы { $officers } сотрудника
   *[other] зарегистрировано { $officers } сотрудников
}, { $carriers ->
    [one] { $carriers } перевозчик
    [few] { $carriers } перевозчика
   *[other] { $carriers } перевозчиков
}; действующий режим: { $regime }
cli-demo-report-signed = миссия подписала свой отчёт за { $day }
cli-demo-concurrency = --concurrency — от 1 до { $most }
cli-demo-witnesses = --witnesses — 0 или 3 свидетеля (по одному на каждую сторону устава), а не { $count }
cli-demo-refused = { $kind } от { $signer } отклонено: { $message } ({ $code })
cli-demo-draw-pending = каналы { $mrn } на посту { $post } всё ещё ждут жеребьёвки сторон
cli-demo-no-visit = у { $mrn } нет ни одного прибытия на пост
cli-demo-no-route = маршрута декларации нет в коридоре
cli-demo-no-mrn = ответ узла на декларацию не называет MRN
cli-demo-nobody-for = ни один сотрудник на маршруте не может записать `{ $act }`
cli-demo-no-officer = ни один сотрудник не может записать `{ $act }` на посту { $post }

## Что пошло не так (причина следует в словах системы или библиотеки)
cli-error-runtime = запуск среды выполнения
cli-error-opening = открытие { $path }
cli-error-reading = чтение { $what }
cli-error-writing = запись { $path }
cli-error-creating = создание { $path }
cli-error-syncing = сброс на диск { $path }
cli-error-creating-key-file = создание файла ключа { $path }
cli-error-file-too-large = { $path } больше { $most } байт
cli-error-not-utf8 = { $path } — не текст в UTF-8
cli-error-reading-policy = чтение политики доверия { $path }
cli-error-not-a-vkey = `{ $text }` — не vkey и не читаемый файл
cli-error-reading-vkey = чтение vkey в { $path }
cli-error-reading-key = чтение ключа в { $path }
cli-error-listening = приём соединений на { $address }
cli-error-bound-address = чтение занятого адреса
cli-error-stdout = вывод в стандартный поток
cli-error-serving = работа сервера
cli-error-starting-node = запуск узла
cli-error-does-not-exist = { $path } не существует
cli-error-reading-answer = чтение ответа { $url }
cli-error-answer-of = ответ { $url }
cli-error-unexpected-answer = ответ узла не такой, какого ждёт эта команда
cli-error-entry-does-not-decode = запись { $index } не декодируется

## Ошибки органа власти, найденные до подписи
cli-authority-unreadable = { $file }: не читается: { $reason }
cli-authority-too-large = { $file }: { $bytes } байт; документ устава или режима — не больше { $most }
cli-authority-signer-not-in-charter = ключ подписанта { $key } не является ключом полномочий ни одной стороны устава; подпишите устав одним из ключей, перечисленных в его `authority_keys`
cli-authority-not-a-public-key = { $field }: `{ $text }` — не открытый ключ (64 шестнадцатеричные цифры, как их выводят `passage keys signer` и `passage keys show`)
cli-authority-too-many-posts = --post: постов { $count }; сотрудник регистрируется не больше чем на { $most }
cli-authority-post-twice = --post: пост `{ $post }` указан дважды
cli-authority-carrier-name = --name: имя перевозчика — от 1 до { $most } байт, а не { $bytes }
cli-authority-guarantor-name = --name: имя гаранта — от 1 до { $most } байт, а не { $bytes }
cli-authority-bad-time = { $field }: `{ $text }` — не время UTC; пишите 2027-03-01 или 2027-03-01T06:00Z
cli-authority-not-the-charter = запись { $index }: в ней `{ $found }`, а не устав
cli-authority-not-a-proposal = запись { $index }: в ней `{ $found }`, а не предложение режима
cli-authority-node-entry-zero = запись 0 узла
cli-authority-charter-from-parts = устав из { $header }, { $corridor } и { $regime }
cli-authority-give-the-charter = укажите устав как --file FILE или как --header, --corridor и --regime (шапка, коридор и режим)
cli-authority-no-such-witness = устав не называет свидетеля `{ $name }`
cli-authority-no-policy = из свидетелей устава не складывается политика доверия

## passage audit: ход проверки и каждое расхождение показателей узла с аудитом
cli-audit-progress = записи { $position }/{ $length } ({ $rate }, осталось { $left })
cli-audit-reading-figures = чтение показателей узла { $url }
cli-audit-answer-statistics = статистика
cli-audit-answer-balances = остатки
cli-audit-answer-movements = перевозки
cli-audit-differs-size = { $answer }: узел отвечает для размера { $size }, аудит запрашивал размер { $audited }
cli-audit-differs-no-size = { $answer }: узел не называет размер, аудит запрашивал размер { $audited }
cli-audit-differs-digest = хеш состояния: узел сообщает { $node }, журнал даёт { $log }
cli-audit-differs-no-digest = хеш состояния: узел его не опубликовал, журнал даёт { $log }
cli-audit-differs-movements = перевозки, { $status }: узел сообщает { $node }, журнал даёт { $log }
cli-audit-differs-fees = сборы: узел сообщает { $node }, журнал даёт { $log }
cli-audit-differs-payments = платежи: узел сообщает { $node }, журнал даёт { $log }
cli-audit-differs-at-post = перевозки на посту { $post }: узел сообщает { $node }, журнал даёт { $log }
cli-audit-differs-balance = остаток { $account }: узел сообщает { $node }, журнал даёт { $log }
cli-audit-differs-open-incidents = открытые инциденты: узел сообщает { $node }, журнал даёт { $log }
cli-audit-differs-listed-twice = перевозка { $mrn }: узел перечисляет её больше одного раза
cli-audit-differs-not-in-log = перевозка { $mrn }: узел перечисляет её со статусом «{ $status }», а в журнале её нет
cli-audit-differs-status = перевозка { $mrn }: у узла статус «{ $node }», журнал даёт «{ $log }»
cli-audit-differs-last-entry = перевозка { $mrn }: узел сообщает, что последней её изменила запись { $node }, журнал даёт запись { $log }
cli-audit-differs-beyond-log = перевозка { $mrn }: узел сообщает, что её изменила запись { $entry }, за пределами его журнала из { $size } записей
cli-audit-differs-not-listed = перевозка { $mrn }: в журнале со статусом «{ $status }», узел её не перечисляет

## Файлы, ключи и аргументы, которые читает команда
cli-in-file = в { $path }
cli-file-too-large = { $path }: { $bytes } байт; читается не больше { $most }
cli-attachment-too-large = { $path }: { $bytes } байт; вложение — не больше { $most }
cli-error-renaming = переименование в { $path }
cli-error-sending = отправка на { $url }
cli-error-http-client = создание HTTP-клиента
cli-encoding-statement = кодирование заявления
cli-key-reading-file = чтение файла ключа { $path }
cli-key-no-signer-key = в { $path } нет ключа подписанта (одна строка из 64 шестнадцатеричных цифр; его создаёт `passage keys signer`)
cli-key-no-signing-key = в { $path } нет ключа подписи
cli-key-exists = { $path } уже существует; ключ не перезаписывается
cli-key-required = нужен --key: файл ключа подписанта (или PASSAGE_KEY; его создаёт `passage keys signer`)
cli-not-one-of = { $field }: `{ $text }` — не одно из значений { $known }
cli-amount-malformed = сумма `{ $text }`: пишите в основных единицах, не больше { $digits } знаков после точки, например 1250.50
cli-amount-too-large = сумма `{ $text }` слишком велика
cli-amount-not-positive = сумма `{ $text }`: платёж или возврат положителен
cli-mandate-ends = --ends `{ $text }`: пишите ГГГГ-ММ-ДД или ГГГГ-ММ-ДДTЧЧ:ММZ (YYYY-MM-DD или YYYY-MM-DDTHH:MMZ)
cli-decide-fee-needs-currency = для исправления сбора нужны --fee и --currency
cli-place-segment = участок `{ $segment }`: пишите FROM:TO, например AM-MEGHRI-E:AM-AGARAK-X
cli-place-segment-start = начало участка
cli-place-segment-end = конец участка
cli-place-needs-position = для участка нужен --position-m
cli-place-where = укажите, где это произошло: на посту (--post) или на участке (--segment с --position-m)
cli-submit-too-many-files = не больше { $most } файлов за раз, а не { $count }
cli-submit-wrong-outcomes = { $url } дал { $outcomes } результатов на { $count } заявлений

## Декларация из файла или из флагов
cli-declaration-required-without-file = без --file нужен { $flag }
cli-declaration-equipment-flag = --equipment `{ $text }`: пишите KIND:ID[:SIZE][:SEALS] (вид, номер, размер, пломбы)
cli-declaration-goods-flag = --goods `{ $text }`: пишите EQUIPMENT_ID:HS_EDITION:HS_CODE:GROSS_KG:ORIGIN
cli-declaration-goods-mass = --goods `{ $text }`: масса брутто `{ $mass }` в кг
cli-declaration-equipment-id = единица `{ $text }`: пишите KIND:ID, например container:PSGU0000010
cli-declaration-equipment-kind = вид единицы `{ $kind }` — не одно из значений container, uic_wagon, wagon_1520, truck, trailer
cli-declaration-route = маршрут (`route`)
cli-declaration-no-equipment = equipment: декларация называет хотя бы одну единицу
cli-declaration-equipment = единица { $position }
cli-declaration-equipment-size = размер единицы { $position }
cli-declaration-container-size = единица { $position } ({ $id }): для контейнера нужен размер (20ft, 40ft, 45ft)
cli-declaration-not-a-container = единица { $position } ({ $id }): размер бывает только у контейнеров
cli-declaration-equipment-seal = пломба единицы { $position }
cli-declaration-goods-equipment = товар { $position }: в этой декларации нет единицы `{ $equipment }`
cli-declaration-goods-hs-code = код ТН ВЭД товара { $position } (`hs_code`)
cli-declaration-goods-origin = происхождение товара { $position } (`origin`)
cli-declaration-guarantee = гарантия (`guarantee`)
cli-declaration-holder = держатель процедуры (`holder`)
cli-declaration-particulars-without-holder = транспортные документы и водитель декларируются вместе с держателем процедуры
cli-declaration-document-kind = вид транспортного документа { $position }
cli-declaration-document-number = номер транспортного документа { $position }

## passage serve: конфигурация
cli-config-reading = чтение файла конфигурации { $path }
cli-config-too-large = { $path }: { $bytes } байт; конфигурация — не больше { $most }
cli-config-listen = listen: `{ $text }` — не адрес вида 127.0.0.1:8080 ({ $reason })
cli-config-log-key-required = нужен log_key, ключ журнала: укажите --log-key, PASSAGE_LOG_KEY или `log_key` в файле конфигурации (его создаёт `passage keys generate`)
cli-config-charter-sha256-required = нужен charter_sha256: укажите --charter-sha256, PASSAGE_CHARTER_SHA256 или `charter_sha256` в файле конфигурации (`passage charter hash` выводит его для устава, о котором договорились стороны)
cli-config-field-value = { $field }: `{ $text }`
cli-config-range = { $field } — от { $least } до { $most }, а не { $value }
cli-config-postgres-url-empty = postgres_url пуст: укажите URL вида postgres://user@host/db
cli-config-postgres-schema = postgres_schema: `{ $schema }` — не имя схемы (строчные латинские буквы, цифры и `_`, не с цифры)
cli-config-database-empty = database пуст: укажите путь к файлу SQLite
cli-config-base-url = { $field }: `{ $url }` — не базовый URL вида http://10.0.0.5:8080
cli-config-snapshot-interval = snapshot_interval_entries — не меньше 1 (записей между снимками)
cli-config-database-folder = database: создание { $path }
cli-config-not-sha256 = не SHA-256: ожидаются 64 шестнадцатеричные цифры

## passage log
cli-log-no-key-name = не получается назвать файл ключа рядом с { $path }; укажите --key
cli-log-key-not-ed25519 = ключ журнала — ключ Ed25519
cli-log-not-empty = { $path } существует и не пуст
cli-log-bad-origin = источник — это имя ключа: не пустое, без пробелов и без `+`
cli-log-created = создан пустой журнал в { $path }; ключ в { $key }
cli-log-signing-checkpoint = подпись контрольной точки
cli-log-checking = проверка { $path }
cli-log-reading-stdin = чтение стандартного ввода
cli-log-input-too-large = ввод больше { $most } байт
cli-log-locking = блокировка { $path }
cli-log-resuming = продолжение с правого края папки
cli-log-right-edge-mismatch = тайлы правого края папки не совпадают с её контрольной точкой
cli-log-appending = добавление
cli-log-appended = добавлены записи { $from }..{ $to } ({ $count ->
    [one] { $count } запись
    [few] { $count } записи
   *[other] { $count } записей
})
cli-log-proving = доказательство записи { $index }
cli-log-proving-consistency = доказательство согласованности с размера { $size }
cli-log-give-index = укажите --index или --old-size
cli-log-no-such-entry = записи { $index } нет в журнале из { $size } записей
cli-log-give-vkey = укажите --vkey или --policy
cli-log-receipt-ok = в порядке: запись { $index } есть в { $origin } при размере дерева { $size } ({ $count ->
    [one] { $count } заверяющая подпись
    [few] { $count } заверяющие подписи
   *[other] { $count } заверяющих подписей
})
cli-log-verified = в порядке: { $origin } размером { $size }, корень { $root }; { $count ->
    [one] { $count } файл тайлов и пакетов совпадает
    [few] { $count } файла тайлов и пакетов совпадают
   *[other] { $count } файлов тайлов и пакетов совпадают
}
cli-log-problem = проблема: { $problem }
cli-log-problems = отказ: { $count ->
    [one] { $count } проблема
    [few] { $count } проблемы
   *[other] { $count } проблем
}
cli-log-problem-root = записи дают корень { $root }, а контрольная точка — { $checkpoint }
cli-log-problem-not-a-tile = { $path }: не путь тайла ({ $reason })
cli-log-problem-hashes = { $path }: хеши расходятся с записями
cli-log-problem-beyond = { $path }: за пределами дерева контрольной точки
cli-log-problem-entries = { $path }: записи расходятся с полным пакетом
cli-log-problem-missing = { $path }: отсутствует

## passage receipt и passage payloads
cli-receipt-not-a-receipt = { $url } не дал квитанции
cli-receipt-reading = чтение квитанции { $path }
cli-receipt-no-entry = в квитанции нет записи; укажите --entry
cli-payloads-not-an-mrn = `{ $text }` — не MRN
cli-payloads-key-required = нужен --key: файл ключа читателя (или PASSAGE_KEY) — зарегистрированного сотрудника или перевозчика этой перевозки
cli-payloads-policy-required = нужна --policy: файл политики доверия (или PASSAGE_POLICY), которой должны отвечать контрольные точки журнала, чтобы все данные сверялись с журналом, а не с узлом
cli-payloads-logs = политика доверия называет журналов: { $count }; данные читаются из одного
cli-payloads-cursor-repeated = узел повторил курсор `{ $cursor }`
cli-payloads-too-many-pages = данные перевозки { $mrn } от узла заняли больше { $most } страниц
cli-payloads-not-proved = запись { $index } не доказана в журнале: { $reason }
cli-payloads-no-receipt = нет квитанции от { $url }: { $status }: { $answer }
cli-payloads-receipt-of-another = квитанция относится к записи { $index }
cli-payloads-receipt-no-entry = в квитанции нет записи
cli-payloads-receipt-does-not-verify = квитанция не проходит проверку по политике доверия
cli-payloads-entry-does-not-decode = запись из журнала не декодируется
cli-payloads-statement-does-not-decode = заявление из журнала не декодируется
cli-payloads-which = запись { $index }, данные `{ $field }`
cli-payloads-no-subject = укажите MRN перевозки или --entry N для одной записи
cli-payloads-entry = запись { $index }
cli-payloads-other-entry = запрошена запись { $asked }, а узел ответил записью { $answered }
cli-payloads-no-such-commitment = у заявления в журнале нет такого обязательства
cli-payloads-other-commitment = узел даёт обязательство { $node }, а заявление в журнале обязуется { $log }
cli-payloads-bad-salt = соль — не base64 от 32 байт
cli-payloads-not-base64 = не base64
cli-payloads-does-not-open = данные не раскрывают обязательство заявления в журнале
cli-payloads-heading = { $mrn }: данных — { $count }, записей — { $entries }

## passage simulate
cli-simulate-scenario-required = нужен файл сценария
cli-simulate-replications = --replications (число прогонов) — от 1 до { $most }
cli-simulate-threads = запуск рабочих потоков
cli-simulate-progress = прогоны { $position }/{ $length }, { $elapsed } (осталось { $left })
cli-simulate-no-core = { $label }: не запускается с ядром предметной области (или укажите --model-only)
cli-simulate-wrote = записано в { $path }
cli-simulate-too-many-scenarios = в одном отчёте сравнивается не больше { $most } сценариев
cli-simulate-other-demand = предупреждение: у { $path } другой спрос, чем у { $first }; сравнение смешивает режим и спрос
cli-search-no-base = пространству нужен сценарий [base]
cli-search-searching = поиск в { $path }
cli-sweep-set = --set принимает PATH=V1,V2,...
cli-sweep-values = --set требует от 1 до { $most } значений, получено { $count }
cli-sweep-not-a-path = `{ $path }` — не путь к параметру вида class.truck.contraband_share
cli-sweep-setting = установка { $path }
cli-sweep-with = при { $path } = { $value }
cli-sweep-of = перебор { $path } в { $scenario }
cli-sweep-empty-path = пустой путь к параметру
cli-sweep-no-key = здесь нет `{ $key }`
cli-sweep-no-item = нет элемента с именем `{ $key }` (и на такой позиции тоже)
cli-sweep-inside-value = `{ $key }` находится внутри значения, а не таблицы
cli-chart-drawing = рисование диаграммы
cli-chart-font = встроенный шрифт диаграмм не загружается
cli-search-progress-name = поиск { $name }: { $count ->
    [one] { $count } вариант
    [few] { $count } варианта
   *[other] { $count } вариантов
}
cli-search-progress = прогонов: { $count }, { $elapsed }

## `passage --help`: текст каждой команды и аргумента по его пути (help.rs); текст
## аргумента по одному его id, `cli-help-arg--ID`, там, где команда не даёт ему своего.
cli-help-passage = Passage: команда `passage`
cli-help-passage--lang = Язык того, что выводится для человека: hy, az, ru или en (по умолчанию — язык локали, LC_ALL, LC_MESSAGES или LANG, иначе английский). Машинный вывод (--json) одинаков на всех языках
cli-help-passage-log = Работа с проверяемым журналом, который хранится в папке как тайлы C2SP
cli-help-passage-log-init = Создать новый пустой журнал с новым ключом Ed25519; вывести его vkey
cli-help-passage-log-init--dir = Папка журнала (создаётся; не должна существовать или должна быть пустой)
cli-help-passage-log-init--origin = Источник журнала, например `corridor.example/log1` (он же имя ключа)
cli-help-passage-log-init--key = Куда записать ключ подписи (по умолчанию `<dir>.key`, рядом с папкой)
cli-help-passage-log-append = Добавить записи из FILE (или из стандартного ввода при `-` или без файла) и подписать новую контрольную точку
cli-help-passage-log-append--key = Ключ подписи (по умолчанию `<dir>.key`)
cli-help-passage-log-append--framing = Как ввод делится на записи
cli-help-passage-log-append--input = Входной файл; `-` или его отсутствие — чтение стандартного ввода
cli-help-passage-log-checkpoint = Вывести подписанную контрольную точку
cli-help-passage-log-prove = Вывести доказательство включения записи (или, с `--old-size`, доказательство согласованности)
cli-help-passage-log-prove--old_size = Размер более раннего дерева, от которого доказывается согласованность
cli-help-passage-log-receipt = Вывести офлайн-квитанцию (c2sp.org/tlog-proof) на запись; квитанция несёт саму запись
cli-help-passage-log-verify-receipt = Проверить квитанцию офлайн по vkey журнала (или по политике доверия)
cli-help-passage-log-verify-receipt--policy = Файл c2sp.org/tlog-policy (журналы, свидетели, кворум) вместо `--vkey`
cli-help-passage-log-serve = Отдавать папку только для чтения по HTTP (tlog-tiles); выводит `listening on ADDR`
cli-help-passage-log-verify = Проверить всю папку журнала: каждый тайл и пакет — по подписанной контрольной точке
cli-help-passage-serve = Запустить узел: файл конфигурации (--config), окружение (PASSAGE_*) и флаги, флаги важнее; свидетели — как --witness NAME=URL (PASSAGE_WITNESSES)
cli-help-passage-serve--config = Файл конфигурации (TOML); см. `passage.example.toml`
cli-help-passage-serve--listen = Адрес, на котором работает узел [по умолчанию: 127.0.0.1:8080]
cli-help-passage-serve--database = Файл базы SQLite, хранилище по умолчанию [по умолчанию: passage-data/passage.db]
cli-help-passage-serve--postgres_url = Строка подключения к PostgreSQL; если задана, узел использует PostgreSQL вместо SQLite
cli-help-passage-serve--postgres_schema = Схема PostgreSQL с таблицами [по умолчанию: passage]
cli-help-passage-serve--postgres_pool_size = Наибольшее число соединений с PostgreSQL в пуле [по умолчанию: 8]
cli-help-passage-serve--postgres_sslmode = TLS к PostgreSQL: disable, require, verify-ca или verify-full (`prefer` и `allow` отклоняются: они переходят на соединение в открытом виде) [по умолчанию: disable или `sslmode` строки подключения]
cli-help-passage-serve--postgres_sslrootcert = PEM-файл корневых сертификатов, по которым проверяется сертификат PostgreSQL (с verify-ca или verify-full)
cli-help-passage-serve--log_key = Файл с ключом подписи журнала (его записывает `passage keys generate`)
cli-help-passage-serve--charter_sha256 = SHA-256 (64 шестнадцатеричные цифры) документа устава, который обслуживает узел, как его выводит `passage charter hash`: единственный устав, который пустой узел примет как запись 0
cli-help-passage-serve--checkpoint_interval_ms = Миллисекунды между контрольными точками, когда журнал вырос [по умолчанию: 500]
cli-help-passage-serve--advertise = Базовый URL, на который другие узлы той же базы пересылают запросы на запись, пока ведёт этот узел [по умолчанию: http:// и занятый адрес]
cli-help-passage-serve--group_members = Базовый URL, который объявляет каждый узел группы (повторяется для каждого; переменная окружения принимает их через запятую): ведомый пересылает запросы на запись только ведущему, чей объявленный адрес есть среди них. Заданные здесь или в окружении, они заменяют указанные в файле
cli-help-passage-serve--snapshot_interval_entries = Записей между двумя снимками состояния ядра; при перезапуске воспроизводится не больше этого числа записей [по умолчанию: 65536]
cli-help-passage-serve--witnesses = Свидетель, которого называет устав, и где его найти, как NAME=URL (повторяется для каждого; переменная окружения принимает их через запятую). Без них контрольные точки публикуются с одной подписью журнала; с ними — когда выполнена политика свидетелей устава. Заданные здесь или в окружении, они заменяют указанные в файле
cli-help-passage-serve--witness_timeout_ms = Сколько миллисекунд может длиться один запрос к свидетелю [по умолчанию: 2000]
cli-help-passage-serve--connections_per_client_max = Наибольшее число соединений, которые держит открытыми один адрес клиента (IPv6 — сеть /64); за обратным прокси или для ведомых узлов группы все клиенты — один адрес: поднимите значение до числа соединений прокси или ведомых [по умолчанию: 64, не больше 1024]
cli-help-passage-keys = Создать ключ подписи журнала или показать его ключ проверки
cli-help-passage-keys-generate = Создать ключ подписи, записать его (режим 0600) и вывести его ключ проверки
cli-help-passage-keys-generate--name = Имя ключа: источник журнала, например `corridor.example/log`
cli-help-passage-keys-generate--out = Куда записать ключ подписи
cli-help-passage-keys-signer = Создать ключ подписанта (сотрудника, перевозчика или органа власти), записать его (режим 0600) и вывести открытый ключ для устава или регистрации
cli-help-passage-keys-signer--out = Куда записать ключ
cli-help-passage-keys-show = Вывести ключ проверки файла ключа подписи журнала или открытый ключ файла ключа подписанта
cli-help-passage-keys-show--file = Файл ключа подписи
cli-help-passage-demo = Запустить узел на локальной папке и провести через его HTTP API день работы коридора
cli-help-passage-demo--data = Папка с базой узла и ключом журнала (создаётся при отсутствии; существующий журнал продолжается)
cli-help-passage-demo--listen = Адрес, на котором работает узел (порт 0 выбирает свободный порт)
cli-help-passage-demo--count = Остановиться, когда завершится столько перевозок
cli-help-passage-demo--duration = Остановиться через столько секунд
cli-help-passage-demo--concurrency = Сколько перевозок ведётся одновременно (от 1 до 64)
cli-help-passage-demo--checkpoint_interval_ms = Миллисекунды между контрольными точками, когда журнал вырос
cli-help-passage-demo--witnesses = Сколько свидетелей запустить рядом с узлом: 3 (по одному на каждую сторону устава по умолчанию, у каждого своё состояние в папке данных; каждую опубликованную контрольную точку заверяют свидетели принимающего государства, государства транзита и наблюдателей) или 0 (контрольные точки несут одну подпись журнала)
cli-help-passage-demo--node = Вести движение в этот работающий узел (его базовый URL) вместо запуска своего; `--data`, `--listen`, `--checkpoint-interval-ms` и `--witnesses` тогда не используются
cli-help-passage-simulate = Запустить симулятор коридора: сравнить режимы до того, как о них договорятся
cli-help-passage-simulate--scenario = Файл сценария (TOML; см. scenarios/README.md)
cli-help-passage-simulate--out = Папка для JSON, CSV, диаграмм (и report.md сравнения)
cli-help-passage-simulate--regime = Файл режима (TOML, в формате файлов режима ядра), под которым идёт прогон вместо `[regime] core` или `file` сценария. Он вводится в действие через ядро: предложен и одобрен сторонами устава
cli-help-passage-simulate-compare = Прогнать несколько сценариев с одними и теми же зёрнами и написать один отчёт Markdown
cli-help-passage-simulate-compare--scenarios = Файлы сценариев, по одному на режим
cli-help-passage-simulate-compare--out = { cli-help-passage-simulate--out }
cli-help-passage-simulate-compare--regime = { cli-help-passage-simulate--regime }
cli-help-passage-simulate-sweep = Прогнать один сценарий, задав одному параметру несколько значений, и сравнить прогоны
cli-help-passage-simulate-sweep--scenario = Файл сценария
cli-help-passage-simulate-sweep--set = Параметр и его значения: `PATH=V1,V2,...`, например `post.east.check.scan.select.share=0.05,0.15,0.3`
cli-help-passage-simulate-sweep--out = { cli-help-passage-simulate--out }
cli-help-passage-simulate-sweep--regime = { cli-help-passage-simulate--regime }
cli-help-passage-simulate-search = Найти в пространстве режимов границу Парето и записать её как файлы режимов
cli-help-passage-simulate-search--space = Файл пространства (TOML; см. scenarios/README.md, раздел «Searching for regimes» о поиске режимов)
cli-help-passage-simulate-search--out = Папка для файлов режимов границы Парето, frontier.csv и frontier.json
cli-help-passage-simulate-search--report_lang = Язык отчёта (hy, az, ru, en) или `all` — все четыре рядом: report.<language>.html и report.<language>.pdf с одинаковыми цифрами. (`--lang` — язык того, что выводит команда.)
cli-help-passage-witness = Запустить свидетеля, создать его ключ, прочитать его доказательства или собрать заверяющие подписи
cli-help-passage-witness-serve = Отдавать по HTTP add-checkpoint, последние заверенные контрольные точки и доказательства. Выводит `listening on ADDR` в стандартный вывод, как только адрес занят
cli-help-passage-witness-serve--key = Ключ подписи свидетеля (его создаёт `passage witness keygen`)
cli-help-passage-witness-serve--db = База состояния (создаётся при отсутствии)
cli-help-passage-witness-serve--guard = Файл защиты от отката (по умолчанию `<db>.guard`); храните его там, куда не восстанавливаются резервные копии базы
cli-help-passage-witness-serve--logs = vkey журнала, который заверяет свидетель (текстом или файлом с ним); повторяется для нескольких журналов
cli-help-passage-witness-serve--vrf_key = Ключ VRF стороны (его создаёт `passage witness vrf-keygen`): с ним свидетель отвечает на `POST /draw` вкладом стороны в жеребьёвку досмотра
cli-help-passage-witness-vrf-keygen = Создать новый ключ VRF для вклада стороны в жеребьёвку; записать его в FILE и вывести его открытый ключ — `vrf_key`, который устав называет для стороны
cli-help-passage-witness-vrf-keygen--out = Куда записать секретный ключ (не должен существовать)
cli-help-passage-witness-keygen = Создать новый ключ cosignature/v1; записать его в FILE и вывести vkey (для политик доверия), а на следующей строке — строку `key = "..."` устава для свидетеля
cli-help-passage-witness-keygen--name = Имя свидетеля, например `witness.monitor.example`
cli-help-passage-witness-keygen--out = Куда записать ключ подписи (не должен существовать)
cli-help-passage-witness-evidence = Вывести доказательства, сохранённые свидетелем: отклонённые, но верно подписанные, несогласованные контрольные точки
cli-help-passage-witness-evidence--db = База состояния (открывается только для чтения; работающий свидетель не затрагивается)
cli-help-passage-witness-cosign = Попросить свидетелей политики заверить контрольную точку папки журнала; записать заверенную контрольную точку обратно в папку, если кворум политики достигнут
cli-help-passage-witness-cosign--dir = Папка журнала (тайлы C2SP)
cli-help-passage-witness-cosign--policy = Политика доверия, называющая свидетелей и их URL
cli-help-passage-witness-cosign--timeout = Сколько секунд ждать ответа на один запрос к свидетелю
cli-help-passage-audit = Проверить журнал по его тайлам (URL или папка) на соответствие политике доверия
cli-help-passage-audit--log = Журнал: префикс URL `http(s)://` или папка тайлов C2SP
cli-help-passage-audit--cache = Папка кэша: однажды полученные тайлы сохраняются, а последняя проверенная контрольная точка запоминается, так что следующий аудит читает только новые записи
cli-help-passage-audit--log_only = Проверить только дерево и контрольную точку журнала: без проверки подписей, без воспроизведения ядром
cli-help-passage-audit--json = Вывести отчёт и пересчитанное состояние в JSON
cli-help-passage-audit--node = API узла, с которым сравнить пересчитанное состояние (статистика, остатки, перевозки по статусам). По умолчанию — URL журнала без последнего `/log`, если он есть
cli-help-passage-receipt = Получить офлайн-квитанцию (c2sp.org/tlog-proof) от узла или проверить её по политике доверия
cli-help-passage-receipt-verify = Проверить квитанцию по политике доверия
cli-help-passage-receipt-get = Получить от узла квитанцию на запись (по его последней опубликованной контрольной точке); узел указывается как для любой клиентской команды (--node, PASSAGE_NODE, passage.toml)
cli-help-passage-receipt-get--index = Номер записи
cli-help-passage-receipt-get--out = Куда записать квитанцию (по умолчанию — в стандартный вывод)
cli-help-passage-declare = Задекларировать перевозку (перевозчик): подписать декларацию и отправить её или сохранить (--out)
cli-help-passage-declare--file = Файл декларации, TOML (`.toml`) или JSON (`.json`); флаги ниже — другой способ её записать
cli-help-passage-declare--equipment = Единица, повторяется: `KIND:ID[:SIZE][:SEAL,SEAL...]` (вид, номер, размер, пломбы), например `container:PSGU0000010:40ft:SL1,SL2` или `trailer:12AB345-T::SEAL-1`
cli-help-passage-record = Записать действие (сотрудник): по подкоманде на действие, подписанное и отправленное или сохранённое (--out)
cli-help-passage-record-accept = Таможня принимает декларацию; начинает идти срок
cli-help-passage-record-refuse = Таможня отклоняет декларацию
cli-help-passage-record-cancel = Перевозчик (до первого прибытия) или таможня отменяют перевозку
cli-help-passage-record-arrival = Перевозка прибывает на пост
cli-help-passage-record-seal-check = Пломбы одной единицы проверены
cli-help-passage-record-seal-check--condition = `intact`, `broken` или `mismatch` (пломбы целы, нарушены или не совпадают)
cli-help-passage-record-seal-check--seals = Найденная пломба, повторяется
cli-help-passage-record-inspection = Результат досмотра одной единицы
cli-help-passage-record-inspection--kind = `documents` или `physical`
cli-help-passage-record-inspection--outcome = `conform`, `minor_discrepancy` или `major_discrepancy`
cli-help-passage-record-inspection--findings = Выводы (конфиденциально: подписывается только их обязательство)
cli-help-passage-record-release = Таможня выпускает перевозку на посту
cli-help-passage-record-hold = Таможня задерживает перевозку на посту
cli-help-passage-record-hold--reason = `inspection`, `documents`, `security`, `fees` или `other`
cli-help-passage-record-departure = Перевозка убывает с поста
cli-help-passage-record-incident = Инцидент в пути
cli-help-passage-record-close-incident = Таможня закрывает инцидент
cli-help-passage-record-close-incident--incident = Номер инцидента в перевозке (с 1)
cli-help-passage-record-close-incident--resolution = Решение (конфиденциально: подписывается только его обязательство)
cli-help-passage-record-discharge = Таможня завершает процедуру перевозки после её прибытия в пункт назначения
cli-help-passage-record-attest = Наблюдатель подтверждает более раннюю запись о перевозке
cli-help-passage-record-attest--entry = Подтверждаемая запись
cli-help-passage-record-reseal = Таможня накладывает новые пломбы на единицу, вскрытую для физического досмотра
cli-help-passage-record-reseal--seals = Новая пломба, повторяется
cli-help-passage-record-return = Таможня возвращает задержанную или досмотренную перевозку туда, откуда она пришла
cli-help-passage-record-return--route = Маршрут обратно (его нет на первом посту перевозки, где она заканчивается)
cli-help-passage-record-seizure = Таможня изымает задержанную или досмотренную перевозку
cli-help-passage-record-seizure--scope = `goods`, `equipment` или `goods_and_equipment`
cli-help-passage-record-partial-release = Таможня выпускает задержанную или досмотренную перевозку, кроме задержанных единиц
cli-help-passage-record-partial-release--detained = Задержанная единица, `KIND:ID`, повторяется
cli-help-passage-record-incident-en-route = Сотрудник подтверждает инцидент в пути: где он произошёл и, при перегрузке, единицу, в которую перешёл товар
cli-help-passage-record-incident-en-route--post = Пост, где это произошло (или укажите `--segment`)
cli-help-passage-record-incident-en-route--segment = Участок, где это произошло, `FROM:TO` (идентификаторы постов)
cli-help-passage-record-incident-en-route--from = При перегрузке: единица, из которой ушёл товар, `KIND:ID`
cli-help-passage-record-incident-en-route--to = При перегрузке: единица, в которой теперь товар, `KIND:ID`
cli-help-passage-record-incident-en-route--to_size = Размер новой единицы, если это контейнер: `20ft`, `40ft` или `45ft`
cli-help-passage-record-incident-en-route--seals = Пломба на новой единице, повторяется
cli-help-passage-record-payment = Платёж, полученный от перевозчика
cli-help-passage-record-refund = Возврат, выплаченный перевозчику
cli-help-passage-record-guarantee = Гарант выдаёт гарантию держателю процедуры (перевозчику)
cli-help-passage-record-guarantee--guarantee = Номер гарантии
cli-help-passage-record-guarantee--holder = Держатель: перевозчик, чьи декларации могут её называть
cli-help-passage-record-guarantee--cover = `comprehensive` или `individual`
cli-help-passage-record-guarantee--amount = Базовая сумма в основных единицах, например `1000000.00`
cli-help-passage-record-remit = Орган власти перечисляет то, что лежит на счёте доходов, в казну своей стороны
cli-help-passage-record-remit--account = Счёт доходов (как его называет распределение режима)
cli-help-passage-record-remit--reference = Банковский номер перевода
cli-help-passage-record-enquiry = Таможня отправления начинает розыск по просроченной перевозке
cli-help-passage-record-answer = Держатель или таможня назначения отвечают на розыск доказательствами
cli-help-passage-record-answer--evidence = Доказательства (конфиденциально: подписывается только их обязательство)
cli-help-passage-record-close-enquiry = Таможня отправления завершает розыск: `alternative_proof` или `recovery`
cli-help-passage-record-close-enquiry--outcome = `alternative_proof` или `recovery`
cli-help-passage-record-close-enquiry--resolution = Основания решения (конфиденциально: подписывается только их обязательство)
cli-help-passage-record-observe = Наблюдатель записывает собственное наблюдение — на посту или на участке
cli-help-passage-record-observe--category = `queue`, `closure`, `road_condition`, `rail_condition`, `conduct`, `security` или `other`
cli-help-passage-record-observe--post = Пост, на котором сделано наблюдение (или укажите `--segment`)
cli-help-passage-record-observe--segment = Участок, на котором сделано наблюдение, `FROM:TO` (идентификаторы постов)
cli-help-passage-record-observe--summary = Открытое краткое описание
cli-help-passage-record-observe--details = Подробности (конфиденциально: подписывается только их обязательство)
cli-help-passage-record-observe--attachments = Приложенный файл (фотография, документ; конфиденциально, не больше 718 359 байт, все вместе — в пределах одного запроса в 1 МиБ), повторяется
cli-help-passage-record-dissent = Наблюдатель выражает особое мнение о действии по перевозке вместо его подтверждения
cli-help-passage-record-dissent--entry = Запись, с которой наблюдатель не согласен
cli-help-passage-record-dissent--reason = Открытое обоснование
cli-help-passage-record-contest = Сотрудник или орган власти стороны, либо перевозчик по своим перевозкам, оспаривает действие другой стороны по номеру его записи
cli-help-passage-record-contest--entry = Оспариваемая запись
cli-help-passage-record-contest--reason = Одно из оснований оспаривания, которые даёт режим (`held_too_long`, `wrong_lane`, ...)
cli-help-passage-record-answer-contest = Сторона, чьё действие оспаривается, отвечает: `upheld`, `corrected` или `rejected`
cli-help-passage-record-answer-contest--answer = `upheld`, `corrected` или `rejected`
cli-help-passage-record-answer-contest--reasons = Основания ответа (конфиденциально: подписывается только их обязательство)
cli-help-passage-record-refer = Сторона оспаривания передаёт его в совместную комиссию
cli-help-passage-record-decide = Орган власти стороны голосует по переданному оспариванию: `act_stands`, `contest_upheld`, `fee_corrected` (с `--fee`) или `release`
cli-help-passage-record-decide--decision = `act_stands`, `contest_upheld`, `fee_corrected` или `release`
cli-help-passage-record-decide--fee = Для `fee_corrected`: исправленный сбор в основных единицах, например `1250.50`
cli-help-passage-record-decide--currency = Для `fee_corrected`: валюта сбора
cli-help-passage-record-mandate = Орган власти стороны голосует по мандату миссии: новый срок окончания или без окончания
cli-help-passage-record-mandate--ends = Новый срок окончания, `YYYY-MM-DD` или `YYYY-MM-DDTHH:MMZ` (или `--no-end`)
cli-help-passage-record-mandate--no_end = У мандата нет срока окончания
cli-help-passage-amend = Заменить декларацию перевозки до её первого прибытия (перевозчик)
cli-help-passage-amend--mrn = Перевозка, декларация которой заменяется
cli-help-passage-amend--file = { cli-help-passage-declare--file }
cli-help-passage-amend--equipment = { cli-help-passage-declare--equipment }
cli-help-passage-charter = Подписать устав (запись 0) и отправить его или показать действующий устав либо устав из файлов
cli-help-passage-charter-create = Подписать устав (запись 0 журнала) одним из ключей полномочий его сторон и отправить его на новый узел; документ сначала проверяется
cli-help-passage-charter-hash = Вывести SHA-256 документа устава (проверенного), заданного файлами: то, что должен называть `charter_sha256` каждого узла до создания устава, чтобы пустой узел не принял никакой другой
cli-help-passage-charter-show = Показать устав: запись 0 узла или документ (проверенный), заданный файлами
cli-help-passage-charter-policy = Вывести политику доверия, которую устав задаёт для своего журнала (c2sp.org/tlog-policy, формат, который читают `passage audit` и `passage receipt verify`; docs/POLICY.md): ключ журнала, каждого свидетеля, которого называет устав (с его URL, если он указан), по одной группе на каждую сторону, у которой есть свидетели, и кворум устава. Устав — это запись 0 узла или документ, заданный файлами
cli-help-passage-charter-policy--log_key = Открытый ключ журнала: его vkey (его выводит `passage keys generate`) или файл с ним. Получите его от сторон, а не от узла, который собираетесь проверять
cli-help-passage-charter-policy--witnesses = Где найти свидетеля, `NAME=URL` (повторяется), пишется после его ключа
cli-help-passage-enrol = Зарегистрировать сотрудника (таможенника, пограничника, наблюдателя), ключ перевозчика или ключ полномочий стороны подписанта (орган власти)
cli-help-passage-enrol-customs = Таможенник стороны подписанта
cli-help-passage-enrol-customs--public_key = Открытый ключ сотрудника (64 шестнадцатеричные цифры)
cli-help-passage-enrol-border-guard = Пограничник стороны подписанта
cli-help-passage-enrol-border-guard--public_key = Открытый ключ пограничника (64 шестнадцатеричные цифры)
cli-help-passage-enrol-monitor = Наблюдатель миссии наблюдателей (стороны подписанта)
cli-help-passage-enrol-monitor--public_key = Открытый ключ наблюдателя (64 шестнадцатеричные цифры)
cli-help-passage-enrol-carrier = Ключ перевозчика (зарегистрировать перевозчика или добавить ему ключ)
cli-help-passage-enrol-carrier--carrier = Идентификатор перевозчика
cli-help-passage-enrol-carrier--public_key = Открытый ключ перевозчика (64 шестнадцатеричные цифры)
cli-help-passage-enrol-carrier--name = Открытое название перевозчика
cli-help-passage-enrol-guarantor = Ключ гаранта (банка или страховщика: зарегистрировать его или добавить ему ключ)
cli-help-passage-enrol-guarantor--guarantor = Идентификатор гаранта
cli-help-passage-enrol-guarantor--public_key = Открытый ключ гаранта (64 шестнадцатеричные цифры)
cli-help-passage-enrol-guarantor--name = Открытое название гаранта
cli-help-passage-enrol-authority = Ещё один ключ полномочий собственной стороны подписанта (смена ключа)
cli-help-passage-enrol-authority--public_key = Новый ключ полномочий (64 шестнадцатеричные цифры)
cli-help-passage-revoke = Отозвать ключ стороны подписанта или зарегистрированного ею перевозчика (орган власти)
cli-help-passage-revoke--public_key = Отзываемый ключ (ключ сотрудника или полномочий стороны подписанта либо зарегистрированного ею перевозчика): начиная с записи отзыва он ничего не подписывает
cli-help-passage-regime = Предложить или одобрить режим (орган власти) или показать действующий режим либо предложение
cli-help-passage-regime-propose = Предложить файл режима (в формате `--regime FILE` симулятора); сначала он проверяется по уставу. Предложение считается одобрением стороны подписанта
cli-help-passage-regime-propose--file = Файл режима (TOML)
cli-help-passage-regime-propose--effective_from = Когда он вступает в силу после одобрения (`2027-03-01` или `2027-03-01T06:00Z`, UTC); без этого — как только его одобрит кворум
cli-help-passage-regime-propose--charter = Проверить режим по этому документу устава вместо записи 0 узла (чтобы предложить офлайн с `--out`)
cli-help-passage-regime-approve = Одобрить режим, предложенный записью ENTRY, от имени стороны подписанта
cli-help-passage-regime-approve--entry = Номер записи предложения
cli-help-passage-regime-show = Показать действующий режим или предложение в записи ENTRY с его документом
cli-help-passage-regime-show--entry = Номер записи предложения
cli-help-passage-regime-list = Перечислить предложения режима — ожидающие, принятые и действующие — с их одобрениями
cli-help-passage-regime-list--status = Только предложения с этим статусом: `pending`, `adopted` или `in_force`
cli-help-passage-submit = Отправить заявления, сохранённые с --out; повторная отправка показывает первую запись
cli-help-passage-submit--files = Файлы, записанные с `--out`, отправляются по порядку
cli-help-passage-movement = Показать перевозку и её историю
cli-help-passage-movement--mrn = MRN перевозки
cli-help-passage-account = Показать остатки всех счетов или выписку одного счёта
cli-help-passage-account--account = Счёт (`carrier:CASPIAN-RAIL`, `revenue:AM-TREASURY`, `receipts`); без него — остатки всех счетов
cli-help-passage-account--after = Проводки после этого курсора (его выводит как `next` предыдущая страница)
cli-help-passage-account--limit = Наибольшее число проводок на странице (от 1 до 500)
cli-help-passage-payloads = Прочитать конфиденциальные данные перевозки или записи подписанными запросами (ключом зарегистрированного читателя)
cli-help-passage-payloads--mrn = MRN перевозки (или укажите `--entry`)
cli-help-passage-payloads--entry = Данные одной записи вместо перевозки: подробности и вложения наблюдения, текст подписанного отчёта или данные любой другой записи
cli-help-passage-payloads--key = Файл ключа читателя: сотрудника, которому режим разрешает читать конфиденциальные данные, или перевозчика этой перевозки
cli-help-passage-payloads--policy = Политика доверия (c2sp.org/tlog-policy): ключ журнала и свидетели, чьи заверяющие подписи делают контрольную точку достоверной. Все данные сверяются с их записью в том виде, в каком её хранит журнал, что доказывается квитанцией, отвечающей этой политике
cli-help-passage-report = Показать отчёт за день (показатели, которые ведёт ядро, или подписанные миссией) или подписать его как миссия (--sign --narrative FILE)
cli-help-passage-report--day = День, `YYYY-MM-DD` (UTC)
cli-help-passage-report--sign = Подписать показатели дня как миссия (ключом её органа власти, `--key`)
cli-help-passage-report--narrative = Описание дня, написанное миссией (текстовый файл), с `--sign`
cli-help-passage-report--pdf = Сохранить отчёт как PDF в этот файл — так, как его формирует узел
cli-help-passage-report--page = Сохранить отчёт как веб-страницу в этот файл — так, как его формирует узел
cli-help-passage-report--report_lang = Язык `--pdf` и `--page`: hy, az, ru или en (по умолчанию — язык текста команды, `--lang`)
cli-help-arg--amount = Сумма в основных единицах, например `1250.50`
cli-help-arg--carrier = Перевозчик
cli-help-arg--check_acts = С --model-only: проверять, что действия с каждой единицей идут в законном порядке; нарушение останавливает прогон и называет зерно и прогон, которые его воспроизводят
cli-help-arg--consignee = Получатель (конфиденциально: подписывается только его обязательство)
cli-help-arg--contest = Номер оспаривания
cli-help-arg--corridor = Файл коридора (посты, участки, маршруты)
cli-help-arg--currency = Валюта ISO 4217
cli-help-arg--details = Подробности сообщения (конфиденциально: подписывается только их обязательство)
cli-help-arg--dir = Папка журнала
cli-help-arg--entry = Файл с точными байтами записи (по умолчанию — запись, которую несёт квитанция)
cli-help-arg--equipment = Единица, `KIND:ID`
cli-help-arg--file = Весь документ устава (разделы шапки, коридора и режима в одном файле TOML)
cli-help-arg--goods = Товар, повторяется: `EQUIPMENT_ID:HS_EDITION:HS_CODE:GROSS_KG:ORIGIN`, например `PSGU0000010:2022:847130:20000:CN`
cli-help-arg--guarantee = Номер гарантии (выданной декларирующему перевозчику), которую задействуют товары
cli-help-arg--header = Шапка устава: `[charter]`, `[[parties]]`, `[[witnesses]]`, `[quorum]`
cli-help-arg--index = Номер записи
cli-help-arg--json = Выводить машиночитаемый JSON вместо текста
cli-help-arg--key = Файл ключа подписанта (его записывает `passage keys signer`)
cli-help-arg--kind = `deviation`, `seal_broken`, `transshipment`, `accident`, `imminent_danger` или `other`
cli-help-arg--listen = Адрес для приёма соединений; порт 0 выбирает свободный порт
cli-help-arg--model_only = Прогнать только модель, без ядра предметной области: отбор по собственным правилам сценария и сборы по его тарифу (быстрее; для изучения модели, а не режима)
cli-help-arg--mrn = Перевозка
cli-help-arg--node_flag = Базовый URL узла [по умолчанию: PASSAGE_NODE, иначе `advertise` или `listen` из passage.toml (или из файла, который называет PASSAGE_CONFIG), иначе http://127.0.0.1:8080]
cli-help-arg--openings = Записать раскрытия обязательств (соли и данные) в этот файл JSON
cli-help-arg--out = Записать подписанное заявление в этот файл вместо отправки (`passage submit` отправит его позже)
cli-help-arg--policy = Политика доверия (c2sp.org/tlog-policy)
cli-help-arg--position_m = Метры от начала участка
cli-help-arg--post = Пост
cli-help-arg--posts = Пост, где действует сотрудник, повторяется (таможенники и пограничники — только на постах своей стороны; наблюдатели — на любых)
cli-help-arg--reason = Краткий код основания
cli-help-arg--receipt = Файл квитанции
cli-help-arg--reference = Номер квитанции или банковский номер
cli-help-arg--regime = Файл первого режима
cli-help-arg--replications = Независимые прогоны
cli-help-arg--route = Маршрут
cli-help-arg--seed = Зерно; по умолчанию — собственное зерно сценария
cli-help-arg--threads = Рабочие потоки; по умолчанию — по всем ядрам. Результат от этого не зависит
cli-help-arg--traffic_class = `cargo_rail`, `cargo_road` или `passengers`
cli-help-arg--vkey = vkey журнала или файл с ним

## Слова самого clap: его флаги, его подкоманда `help` и заголовки страницы справки
cli-help-clap-help = Показать справку
cli-help-clap-help-more = Показать справку (подробнее — с '--help')
cli-help-clap-help-summary = Показать справку (кратко — с '-h')
cli-help-clap-version = Показать версию
cli-help-clap-help-subcommand = Показать справку по подкоманде (подкомандам)
cli-help-clap-help-command = Показать это сообщение или справку по указанной подкоманде (подкомандам)
cli-help-clap-arguments = Аргументы
cli-help-clap-options = Параметры
cli-help-clap-commands = Команды
cli-help-clap-usage = Использование:
