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
