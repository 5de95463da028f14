# `passage` komandasının insan üçün çap etdiyi mətnlər. Maşın çıxışı (`--json`, bəyanat
# faylları, siyasətlər, qəbzlər) tərcümə olunmur. Qovşağın kodla verdiyi imtina
# terminal.ftl faylının sözləri ilə izah olunur (`terminal-refusal-*`).

## Ümumi sözlər
cli-none = heç kim

## Qovşaqla əlaqə
cli-node-from-command-line = komanda sətrində verilib
cli-node-from-environment = { $variable } dəyişənindən
cli-node-from-file = { $path } faylından
cli-node-from-default = susmaya görə: nə --node, nə PASSAGE_NODE, nə də konfiqurasiya faylı var
cli-node-unreachable = { $address } ünvanındakı qovşağa qoşulmaq mümkün olmadı ({ $source }): { $reason }. Qovşaq orada işləyirmi? Qovşağı --node URL, { $variable } dəyişəni və ya { $file } faylındakı `advertise` ya da `listen` ilə göstərin (yaxud { $config_variable } dəyişəninin göstərdiyi faylda)
cli-node-unreachable-unnamed = { $address } ünvanındakı qovşağa qoşulmaq mümkün olmadı: { $reason }. Qovşaq orada işləyirmi? Qovşağı --node URL, { $variable } dəyişəni və ya { $file } faylındakı `advertise` ya da `listen` ilə göstərin (yaxud { $config_variable } dəyişəninin göstərdiyi faylda)
cli-node-listens-on-port-zero = o, 0 portunu dinləyir (port işə salınarkən seçilir) və müştəri onu bilə bilməz: qovşağı --node URL və ya PASSAGE_NODE ilə göstərin, yaxud faylda `advertise` təyin edin
cli-node-config-names-no-node = { $path } müştəri komandaları üçün heç bir qovşaq göstərmir
cli-node-listen-unreadable = `listen = "{ $listen }"` ünvan və port deyil

## Qovşağa göndərilən bəyanatlar
cli-sent-duplicate = artıq jurnaldadır, { $index } nömrəli qeyd (əvvəl göndərilib; heç nə dəyişmədi)
cli-sent-declared = { $mrn } daşınması bəyan edildi, { $index } nömrəli qeyd
cli-sent-entry = { $index } nömrəli qeyd: { $events }
cli-sent-saved = imzalanıb və { $path } faylında saxlanılıb (`passage submit` ilə göndərin)
cli-refused = rədd edildi ({ $code }): { $message }
cli-refused-explained = rədd edildi ({ $code }): { $explanation } Qovşağın cavabı: { $message }
cli-failed = { $message } ({ $code })
cli-failed-explained = { $explanation } Qovşağın cavabı: { $message } ({ $code })
cli-salts-not-kept = diqqət: öhdəliklərin duzları saxlanılmır (onları saxlamaq üçün --openings FILE verin)

## Hesablar
cli-no-such-account = `{ $account }` hesabında heç bir yazılış yoxdur; hesablar növü ilə adlanır, məsələn, ARAZ-TRUCKS daşıyıcısı üçün carrier:ARAZ-TRUCKS, `passage account` isə hamısını sadalayır
cli-no-such-account-suggestions = `{ $account }` hesabında heç bir yazılış yoxdur; bəlkə { $suggestions } nəzərdə tutulurdu?

## Audit və qəbzlər
cli-audit-ok = qaydasındadır: { $origin }, ölçü { $size }, kök { $root }; { $from }..{ $size } qeydləri yoxlanılıb, { $tiles } tayl tutuşdurulub
cli-audit-cosigned-by = təsdiqləyənlər: { $names }
cli-audit-refused = rədd edildi: { $reason }
cli-audit-log-url-hint = ipucu: qovşaq öz jurnalını /log yolunda təqdim edir: passage audit { $url }/log --policy FILE
cli-audit-size-note = diqqət: qovşaq artıq { $published } ölçüsünə qədər dərc edib; onun göstəriciləri yoxlanılan { $audited } ölçüsü üçün dərc etdiyi kimi tutuşdurulub
cli-audit-node-equal = qovşağın { $size } ölçüsü üçün göstəriciləri auditin nəticələri ilə eynidir (vəziyyətin heşi, statistika, qalıqlar, statuslar üzrə daşınmalar)
cli-audit-node-differ = qovşağın { $size } ölçüsü üçün göstəriciləri: auditin nəticələrindən { $count } fərq
cli-audit-entries-replayed = təkrar icra olunmuş qeydlər: { $count }
cli-audit-movements-by-status = statuslar üzrə daşınmalar:
cli-audit-fees-assessed = hesablanmış rüsumlar:
cli-audit-balances = qalıqlar:
cli-audit-open-incidents = açıq insidentlər: { $count }
cli-audit-incident = { $mrn } №{ $number } { $kind } ({ $entry } nömrəli qeydlə açılıb)
cli-audit-state-digest = vəziyyətin heşi: { $digest }
cli-receipt-ok = qaydasındadır: { $index } nömrəli qeyd { $origin } jurnalındadır, ölçü { $size }, təsdiqləyənlər: { $names }
cli-receipt-none = qəbz yoxdur: { $status }: { $message }
cli-receipt-written = { $index } nömrəli qeydin qəbzi { $path } faylına yazıldı

## Qovşaq və şahid
cli-serve-serving = qovşaq { $url } ünvanında işləyir
cli-serve-dashboard = panel: { $url }
cli-serve-postgres-store = PostgreSQL verilənlər bazası
cli-serve-following-at-start = izləyir: { $store } üzərində artıq başqa qovşaq aparıcıdır; bu qovşaq oxuma sorğularını cavablandırır, yazma sorğularını ona ötürür və o dayansa, yerini tutur
cli-serve-leading = aparıcı: indi jurnalı bu qovşaq aparır
cli-serve-following = izləyir: indi başqa qovşaq aparıcıdır; yazma sorğuları ona ötürülür
cli-witness-listening = { $address } ünvanında dinləyir
cli-witness-serving = { $vkey } şahidi { $address } ünvanında dinləyir
cli-demo-observation-read-back = müşahidəçi { $entry } saylı qeyddəki müşahidəni imzalı sorğu ilə geri oxudu: təfərrüatlar və { $count } əlavə, { $bytes } bayt; hər biri jurnaldakı öhdəliyinə uyğun gəlir
