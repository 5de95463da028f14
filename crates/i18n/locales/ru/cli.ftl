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
