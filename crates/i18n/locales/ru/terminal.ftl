# Терминал поста, по-русски.

terminal-page-title = Passage: терминал поста
terminal-title = Терминал поста
terminal-tagline = Ваши действия составляются и подписываются на этом устройстве; узел лишь вносит их в журнал.
terminal-language = Язык
terminal-no-crypto = Этот браузер не может здесь подписывать: страницу нужно открыть по HTTPS (или на этой же машине) в браузере с подписями Ed25519, например в актуальном Chromium.

terminal-key-title = Ваш ключ подписи
terminal-key-none = На этом устройстве ещё нет ключа подписи. Создайте его здесь (его закрытая часть никогда не покидает браузер) или загрузите файл ключа, выданный вашим ведомством.
terminal-make-key = Создать ключ на этом устройстве
terminal-import-key = Загрузить файл ключа
terminal-key-file-invalid = В этом файле нет ключа подписи: файл ключа — это одна строка из 64 шестнадцатеричных цифр.
terminal-key-made = Создан на этом устройстве: его закрытую часть нельзя извлечь из браузера.
terminal-key-imported = Загружен из файла ключа: браузер хранит его так, что извлечь его снова нельзя.
terminal-public-key = Открытый ключ (передайте его своему ведомству для регистрации):
terminal-forget-key = Забыть этот ключ
terminal-forget-key-confirm = Да, забыть: на этом устройстве им больше ничего не подписать

terminal-enrolment-title = Что даёт этому ключу устав
terminal-checking = Запрос к узлу…
terminal-not-enrolled = Ни одна регистрация в журнале ещё не называет этот ключ. Передайте открытый ключ выше своему ведомству и проверьте снова.
terminal-unreachable = Узел недоступен. Повторите, когда связь восстановится.
terminal-enrolment-as-last-read = Узел недоступен: здесь то, что он сообщил при последней связи. Подписанные сейчас действия ждут на этом устройстве.
terminal-enrolled = Зарегистрирован: этим ключом можно подписывать действия ниже.
terminal-revoked = Этот ключ отозван записью { $entry }: им больше ничего не подписать.
terminal-check-again = Проверить снова
terminal-holder = Владелец
terminal-party = Сторона
terminal-role = Роль
terminal-posts = Посты
terminal-no-posts = нет
terminal-since-entry = Зарегистрирован записью
terminal-holder-authority = ведомство
terminal-holder-officer = должностное лицо
terminal-holder-carrier = перевозчик
terminal-holder-guarantor = гарант
terminal-role-customs = таможенник
terminal-role-border-guard = пограничник
terminal-role-monitor = наблюдатель

terminal-acts-title = Записать действие
terminal-declare-title = Задекларировать перевозку
terminal-route = Маршрут
terminal-traffic-class = Вид перевозки
terminal-class-cargo-road = грузы автотранспортом
terminal-class-cargo-rail = грузы по железной дороге
terminal-class-passengers = пассажиры
terminal-units = Единицы с наложенными пломбами (через запятую)
terminal-add-unit = Добавить единицу
terminal-unit-kind = Вид единицы
terminal-unit-size = Размер контейнера
terminal-unit-id = Номер или госномер
terminal-unit-seals = Пломбы
terminal-unit-container = контейнер { $id }
terminal-unit-uic-wagon = вагон { $id }
terminal-unit-wagon-1520 = вагон 1520 мм { $id }
terminal-unit-truck = тягач { $id }
terminal-unit-trailer = прицеп { $id }
terminal-kind-container = Контейнер
terminal-kind-uic-wagon = Вагон (UIC, 12 цифр)
terminal-kind-wagon-1520 = Вагон (1520 мм, 8 цифр)
terminal-kind-truck = Тягач
terminal-kind-trailer = Прицеп
terminal-goods = Товарные позиции
terminal-add-goods = Добавить товарную позицию
terminal-goods-unit = Единица (её номер)
terminal-goods-hs = Код ГС (HS), например 2022:080810
terminal-goods-mass = Вес брутто, кг
terminal-goods-origin = Происхождение (две буквы)
terminal-goods-description = Описание (конфиденциально)
terminal-goods-value = Стоимость (конфиденциально)
terminal-consignee = Получатель (конфиденциально)
terminal-guarantee = Номер гарантии (если её требует режим)
terminal-holder-of-procedure = Принципал процедуры (EORI или ИНН, необязательно)
terminal-driver = Водитель (конфиденциально; указывается вместе с принципалом)
terminal-review-button = Проверить перед подписью

terminal-post-act-title = Записать действие на вашем посту
terminal-act = Действие
terminal-act-arrive = Прибытие
terminal-act-seal-check = Проверка пломб
terminal-act-release = Выпуск
terminal-mrn = Перевозка (MRN)
terminal-post = Пост
terminal-condition = Состояние
terminal-condition-intact = целы
terminal-condition-broken = нарушены
terminal-condition-mismatch = не те пломбы, что в декларации
terminal-seals-found = Обнаруженные пломбы (через запятую)

terminal-review-title = Вы собираетесь подписать это заявление
terminal-review-declare = Вы декларируете перевозку по маршруту { $route }: { $class }.
terminal-review-unit = { $unit }, пломбы: { $seals }
terminal-review-unit-no-seals = { $unit }, без пломб
terminal-review-goods = Товарная позиция { $number }: код { $code }, брутто { $mass } кг, происхождение { $origin }, в единице { $unit }
terminal-review-guarantee = Под неё используется гарантия { $guarantee }.
terminal-review-holder = Принципал процедуры: { $holder }
terminal-review-confidential = { $count ->
    [one] { $count } конфиденциальное значение уходит на узел рядом с заявлением, но не в журнал: подписывается только его обязательство (commitment).
    [few] { $count } конфиденциальных значения уходят на узел рядом с заявлением, но не в журнал: подписываются только их обязательства (commitments).
   *[other] { $count } конфиденциальных значений уходят на узел рядом с заявлением, но не в журнал: подписываются только их обязательства (commitments).
}
terminal-review-arrive = Перевозка { $mrn } прибыла на пост { $post }.
terminal-review-release = Таможня выпускает перевозку { $mrn } на посту { $post }.
terminal-review-seal-check = Пломбы единицы «{ $unit }» перевозки { $mrn } на посту { $post }: { $condition }; обнаружены пломбы: { $seals }.
terminal-no-seals = нет
terminal-review-signer = Будет подписано вашим ключом { $key }… в { $time } по часам этого устройства.
terminal-review-bytes = Байты, которые вы подписываете, и идентификатор заявления
terminal-sign-and-send = Подписать и отправить
terminal-edit = Изменить

terminal-answer-sending = Отправка…
terminal-answer-acknowledged = Принято: это запись { $index } журнала.
terminal-answer-duplicate = Уже в журнале, запись { $index }; ничего не изменилось.
terminal-answer-declared = Перевозка { $mrn } задекларирована.
terminal-answer-refused = Отказ: { $reason } Ничего не записано.
terminal-answer-unreachable = Узел недоступен: действие подписано и хранится на этом устройстве; оно будет отправлено по порядку, когда связь восстановится.

terminal-queue-title = Подписано, ждёт отправки
terminal-queued = { $count ->
    [one] { $count } подписанное действие ждёт на этом устройстве и будет отправлено, как только узел станет доступен.
    [few] { $count } подписанных действия ждут на этом устройстве и будут отправлены по порядку, как только узел станет доступен.
   *[other] { $count } подписанных действий ждут на этом устройстве и будут отправлены по порядку, как только узел станет доступен.
}
terminal-send-now = Отправить сейчас
terminal-queue-full = На этом устройстве уже хранится предельное число неотправленных действий; отправьте их, прежде чем подписывать новые.
terminal-act-depart = Убытие
terminal-review-depart = Перевозка { $mrn } убывает с поста { $post }.

terminal-problem-missing = { $field }: поле обязательно.
terminal-problem-not-hex = { $field }: ожидаются шестнадцатеричные цифры.
terminal-problem-wrong-length = { $field }: неверная длина.
terminal-problem-not-a-number = { $field }: ожидается целое число.
terminal-problem-out-of-range = { $field }: число вне допустимых пределов.
terminal-problem-too-long = { $field }: слишком много элементов или символов.
terminal-problem-too-short = { $field }: нужен хотя бы один элемент.
terminal-problem-bad-identifier = { $field }: ожидается от 1 до 32 латинских букв, цифр или знаков - _ . : /
terminal-problem-unknown-word = { $field }: это не один из предложенных вариантов.
terminal-problem-bad-format = { $field }: записано не в том виде.
terminal-problem-bad-check-digit = { $field }: контрольная цифра не сходится; проверьте номер.
terminal-problem-container-size = { $field }: размер указывается для контейнеров, и только для них.

terminal-refusal-other = узел отказал (код { $code }).
terminal-refusal-unknown-signer = ни одна регистрация в журнале не называет ваш ключ.
terminal-refusal-revoked-key = ваш ключ отозван.
terminal-refusal-bad-signature = подпись не соответствует заявлению.
terminal-refusal-malformed = узел не смог прочитать заявление.
terminal-refusal-not-a-carrier = декларировать перевозку может только перевозчик.
terminal-refusal-not-an-officer = для этого действия нужен ключ должностного лица.
terminal-refusal-role-not-allowed = режим не разрешает вашей роли записывать это действие.
terminal-refusal-not-posted-here = ваш ключ не зарегистрирован на этом посту.
terminal-refusal-unknown-post = в коридоре нет такого поста.
terminal-refusal-unknown-route = в коридоре нет такого маршрута.
terminal-refusal-traffic-class-not-allowed = режим не допускает такой вид перевозки.
terminal-refusal-mode-mismatch = единицы не подходят к маршруту (автомобильному или железнодорожному).
terminal-refusal-invalid-declaration = декларация недействительна (подробности ниже).
terminal-refusal-unknown-movement = нет перевозки с таким MRN.
terminal-refusal-wrong-status = перевозка не на том этапе, на котором можно записать это действие.
terminal-refusal-off-itinerary = этого поста нет на маршруте перевозки.
terminal-refusal-out-of-order = перевозка ещё не прошла посты перед этим.
terminal-refusal-not-at-post = перевозка не находится на этом посту.
terminal-refusal-unknown-equipment = в декларации перевозки нет такой единицы.
terminal-refusal-not-controlled = режим не предусматривает контроля этой перевозки на этом посту.
terminal-refusal-seals-differ = обнаружены не те пломбы, что в декларации: укажите состояние «не те пломбы, что в декларации».
terminal-refusal-seals-match = обнаружены те же пломбы, что в декларации: укажите состояние «целы».
terminal-refusal-controls-pending = контроль на этом посту не завершён (ожидаются проверки пломб или досмотры).
terminal-refusal-lane-pending = каналы ждут жеребьёвки сторон; отправьте снова через несколько секунд.
terminal-refusal-recorded-in-future = часы этого устройства спешат относительно узла: поправьте часы и запишите действие снова.
terminal-refusal-recorded-too-long-ago = действие записано более чем за семь дней до того, как дошло до узла.
terminal-refusal-guarantee-required = режим требует гарантию.
terminal-refusal-unknown-guarantee = нет гарантии с таким номером.
terminal-refusal-guarantee-insufficient = гарантия не покрывает платежи за эти товары.
terminal-refusal-unavailable = узел занят или переключается; отправьте снова через несколько секунд.
