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

## Sahənin dəyərləri sözlərlə (daşınma sinfi və əməkdaşın rolu post terminalının
## sözləri ilə, baxışın nəticəsi missiyanın hesabatının sözləri ilə)
cli-money-minor-units = { $amount } { $currency } (ən kiçik vahidlərlə)
cli-status-declared = bəyan edilib
cli-status-accepted = qəbul edilib
cli-status-at-post = postda
cli-status-in-transit = yolda
cli-status-at-destination = təyinat yerində
cli-status-discharged = başa çatıb
cli-status-cancelled = ləğv edilib
cli-status-refused = rədd edilib
cli-status-returned = geri qaytarılıb
cli-status-seized = müsadirə edilib
cli-status-recovered = borcun tutulması ilə bağlanıb
cli-lane-green = yaşıl
cli-lane-yellow = sarı
cli-lane-red = qırmızı
cli-lane-pending = püşkatmanı gözləyir
cli-seal-intact = salamat
cli-seal-broken = pozulub
cli-seal-mismatch = uyğun gəlmir
cli-incident-deviation = marşrutdan yayınma
cli-incident-seal-broken = plomblar pozulub
cli-incident-transshipment = yükün başqa vahidə keçirilməsi
cli-incident-accident = qəza
cli-incident-imminent-danger = bilavasitə təhlükə
cli-incident-other = digər
cli-incident-overdue = vaxtı keçib
cli-party-host-state = ev sahibi dövlət
cli-party-transiting-state = tranzit dövləti
cli-party-monitoring-mission = müşahidə missiyası
cli-party-other = digər tərəf

## passage movement
cli-movement-declared-as = daşıyıcı { $carrier }  marşrut { $route }  { $class }  { $mass } kq
cli-movement-declared = bəyan edilib { $time }
cli-movement-deadline = son müddət { $time }
cli-movement-overdue = VAXTI KEÇİB
cli-movement-at = { $post } postunda
cli-movement-fee = rüsum { $fee }
cli-movement-equipment = vahidlər: { $equipment }
cli-movement-arrived = gəlib { $time }
cli-movement-released = buraxılıb { $time }
cli-movement-departed = yola düşüb { $time }
cli-movement-visit = { $post }: { $times }
cli-movement-visit-controlled = { $post } (nəzarət postu): { $times }
cli-movement-seals = plomblar { $condition }
cli-movement-inspected = baxış: { $outcome }
cli-movement-incident = insident { $number } ({ $kind }), { $time } açılıb, { $entry } nömrəli qeydlə
cli-movement-incident-post = { $post } postunda
cli-movement-incident-closed = { $entry } nömrəli qeydlə bağlanıb
cli-movement-entries = qeydlər: { $entries }

## passage account
cli-account-no-postings = hələ heç bir yazılış yoxdur
cli-account-balance = qalıq { $amount }
cli-account-entry = qeyd { $index }
cli-account-more = davamı: --after { $cursor }

## passage charter show, passage regime show və list
cli-charter-mrn-country = MRN-lər { $country } kodu ilə verilir
cli-charter-party = tərəf { $party } ({ $kind }): { $name }
cli-charter-roles = rollar: { $roles }
cli-charter-authority-key = səlahiyyət açarı { $key }
cli-charter-party-witness = şahid { $name } ({ $party }): { $key }
cli-charter-witness = şahid { $name }: { $key }
cli-charter-quorum = rejimin dəyişdirilməsi üçün kvorum: istənilən { $count } tərəf
cli-charter-quorum-including = rejimin dəyişdirilməsi üçün kvorum: { $count } tərəf, o cümlədən { $parties }
cli-charter-corridor = dəhliz: { $name } ({ $posts } post, { $routes } marşrut)
cli-charter-first-regime = ilk rejim: { $name }
cli-regime-since = { $entry } nömrəli qeyddən qüvvədədir
cli-regime-traffic-classes = daşınma sinifləri: { $classes }
cli-regime-controlled-posts = nəzarət postları: { $posts }
cli-regime-no-proposals = rejim təklifi yoxdur
cli-regime-too-many-pages = qovşaq rejim təkliflərinin { $most } səhifədən çoxunu sadalayır
cli-proposal-in-force = qüvvədədir
cli-proposal-was-in-force = qüvvədə olub
cli-proposal-adopted = qəbul edilib, hələ qüvvədə deyil
cli-proposal-pending = təsdiq gözləyir
cli-proposal-on-adoption = qəbul edildiyi andan
cli-proposal-line = qeyd { $entry }: { $name } ({ $status }); təsdiqləyənlər: { $approvals }; qüvvəyə minir: { $effective }; sənədin sha256-sı { $sha256 }
cli-proposal-effective-on-approval = kvorum təsdiqlədiyi anda
cli-proposal-effective-from = { $time } tarixindən, kvorum daha gec təsdiqləsə, təsdiq anından
cli-proposal-shown = rejim { $entry } nömrəli qeyddə ({ $time }) { $key } açarı ilə təklif olunub, qüvvəyə minir: { $effective }; onun sənədi:

## passage report
cli-report-title = { $day } hesabatı: { $status }
cli-report-title-signed = { $day } hesabatı: { $status } ({ $entry } nömrəli qeyd)
cli-report-status-open = gün hələ bitməyib
cli-report-status-to-sign = imza gözləyir
cli-report-status-signed = imzalanıb
cli-report-status-forgotten = imzalanmayıb və itirilib
cli-report-corridor = dəhliz
cli-report-not-to-sign = { $day } hesabatı: { $status }; yalnız bitmiş və hələ imzalanmamış gün imzalana bilər
cli-report-needs-narrative = --sign üçün --narrative FILE lazımdır
cli-report-unknown-figure = qovşaq bu komandanın tanımadığı göstəricini adlandırır: `{ $figure }`
cli-report-written = { $day } hesabatı ({ $language }) { $path } faylına yazıldı

## passage witness evidence və cosign
cli-witness-evidence = №{ $id } { $origin }, { $time }: { $reason } (təsdiqlənmiş ölçü { $size }, kök { $root })
cli-witness-no-evidence = sübut yoxdur
cli-witness-opening-state = şahidin vəziyyəti { $path } açılarkən
cli-witness-not-a-vrf-key = { $path } faylında VRF açarı yoxdur (64 onaltılıq rəqəm)
cli-witness-bad-name = şahidin adı boş olmur, boşluq və `+` işarəsi olmadan yazılır
cli-witness-reading-evidence = { $path } içindəki sübutlar oxunarkən
cli-witness-bad-cursor = sübutların öz siyahısı rəqəm olmayan kursor verdi
cli-cosign-cosigned = { $name }: təsdiqlədi
cli-cosign-refused = { $name }: rədd etdi { $status }: { $reason }
cli-cosign-unreachable = { $name }: əlçatmazdır: { $reason }
cli-cosign-no-url = { $name }: siyasətdə URL yoxdur
cli-cosign-published = qaydasındadır: siyasətin kvorumu təmin olunub; { $path } faylında təsdiqlənmiş yoxlama nöqtəsi var
cli-cosign-not-published = dərc olunmadı: { $reason }
cli-log-no-checkpoint = { $path } qovluğunda yoxlama nöqtəsi yoxdur

## passage demo
cli-demo-serving = Passage qovşağı { $url } ünvanında işləyir  (məlumatlar: { $data })
cli-demo-try = sınayın: { $commands }
cli-demo-policy-written = etibar siyasəti { $path } faylına yazıldı; işləyən demonu yoxlamaq üçün:
cli-demo-final = yekun: { $summary }
cli-demo-summary = qeydlər { $entries }  yoxlama nöqtəsi { $checkpoint }  tamamlanıb { $completed }  daşınmalar [{ $movements }]  rüsumlar [{ $fees }]  ödənilib [{ $paid }]  açıq insidentlər { $incidents }
cli-demo-witness = şahid { $name }: { $url }
cli-demo-continuing = məlumat qovluğundakı jurnal davam etdirilir
cli-demo-charter-adopted = nizamnamə qəbul edildi: { $name } (ev sahibi dövlət, tranzit dövləti, müşahidə missiyası)
cli-demo-enrolled = { $officers } əməkdaş və { $carriers } daşıyıcı qeydiyyata alındı; qüvvədə olan rejim: { $regime }
cli-demo-report-signed = missiya { $day } hesabatını imzaladı
cli-demo-concurrency = --concurrency 1 ilə { $most } arasındadır
cli-demo-witnesses = --witnesses 0 və ya 3 şahiddir (nizamnamənin hər tərəfinə bir), { $count } deyil
cli-demo-refused = { $kind }, imzalayan { $signer }: rədd edildi: { $message } ({ $code })
cli-demo-draw-pending = { $mrn } daşınmasının { $post } postundakı kanalları hələ də tərəflərin püşkatmasını gözləyir
cli-demo-no-visit = { $mrn } heç bir posta gəlməyib
cli-demo-no-route = bəyannamənin marşrutu dəhlizdə yoxdur
cli-demo-no-mrn = qovşağın bəyannaməyə cavabı MRN göstərmir
cli-demo-nobody-for = marşrutdakı heç bir əməkdaş `{ $act }` qeydə ala bilməz
cli-demo-no-officer = { $post } postunda heç bir əməkdaş `{ $act }` qeydə ala bilməz

## Nə alınmadı (səbəb sistemin və ya kitabxananın sözləri ilə ardınca gəlir)
cli-error-runtime = icra mühiti işə salınarkən
cli-error-opening = { $path } açılarkən
cli-error-reading = { $what } oxunarkən
cli-error-writing = { $path } yazılarkən
cli-error-creating = { $path } yaradılarkən
cli-error-syncing = { $path } diskə yazılarkən
cli-error-creating-key-file = açar faylı { $path } yaradılarkən
cli-error-file-too-large = { $path } { $most } baytdan böyükdür
cli-error-not-utf8 = { $path } UTF-8 mətni deyil
cli-error-reading-policy = etibar siyasəti { $path } oxunarkən
cli-error-not-a-vkey = `{ $text }` nə vkey, nə də oxuna bilən fayldır
cli-error-reading-vkey = { $path } içindəki vkey oxunarkən
cli-error-reading-key = { $path } içindəki açar oxunarkən
cli-error-listening = { $address } ünvanında dinləmə başlayarkən
cli-error-bound-address = tutulmuş ünvan oxunarkən
cli-error-stdout = standart çıxışa yazılarkən
cli-error-serving = server işləyərkən
cli-error-starting-node = qovşaq işə salınarkən
cli-error-does-not-exist = { $path } mövcud deyil
cli-error-reading-answer = { $url } cavabı oxunarkən
cli-error-answer-of = { $url } cavabı
cli-error-unexpected-answer = qovşağın cavabı bu komandanın gözlədiyi kimi deyil
cli-error-entry-does-not-decode = { $index } nömrəli qeyd deşifrə olunmur

## Səlahiyyətli orqanın imzadan əvvəl tapılan səhvləri
cli-authority-unreadable = { $file }: oxunmur: { $reason }
cli-authority-too-large = { $file }: { $bytes } bayt; nizamnamə və ya rejim sənədi ən çoxu { $most } baytdır
cli-authority-signer-not-in-charter = imzalayanın { $key } açarı nizamnamənin heç bir tərəfinin səlahiyyət açarı deyil; nizamnaməni onun `authority_keys` siyahısındakı açarlardan biri ilə imzalayın
cli-authority-not-a-public-key = { $field }: `{ $text }` açıq açar deyil (64 onaltılıq rəqəm, `passage keys signer` və ya `passage keys show` çap etdiyi kimi)
cli-authority-too-many-posts = --post: { $count } post; bir əməkdaş ən çoxu { $most } postda qeydiyyata alınır
cli-authority-post-twice = --post: `{ $post }` postu iki dəfə verilib
cli-authority-carrier-name = --name: daşıyıcının adı 1-dən { $most } bayta qədərdir, { $bytes } deyil
cli-authority-guarantor-name = --name: zəmanətçinin adı 1-dən { $most } bayta qədərdir, { $bytes } deyil
cli-authority-bad-time = { $field }: `{ $text }` UTC vaxtı deyil; 2027-03-01 və ya 2027-03-01T06:00Z yazın
cli-authority-not-the-charter = { $index } nömrəli qeyd: içində `{ $found }` var, nizamnamə yox
cli-authority-not-a-proposal = { $index } nömrəli qeyd: içində `{ $found }` var, rejim təklifi yox
cli-authority-node-entry-zero = qovşağın 0 nömrəli qeydi
cli-authority-charter-from-parts = { $header }, { $corridor } və { $regime } fayllarından nizamnamə
cli-authority-give-the-charter = nizamnaməni --file FILE ilə və ya --header, --corridor və --regime ilə verin (başlıq, dəhliz və rejim)
cli-authority-no-such-witness = nizamnamə `{ $name }` adlı şahid göstərmir
cli-authority-no-policy = nizamnamənin şahidlərindən etibar siyasəti qurulmur

## passage audit: gedişat və qovşağın göstəricilərinin auditdən hər fərqi
cli-audit-progress = qeydlər { $position }/{ $length } ({ $rate }, qalıb { $left })
cli-audit-reading-figures = { $url } qovşağının göstəriciləri oxunarkən
cli-audit-answer-statistics = statistika
cli-audit-answer-balances = qalıqlar
cli-audit-answer-movements = daşınmalar
cli-audit-differs-size = { $answer }: qovşaq { $size } ölçüsü üçün cavab verir, audit { $audited } ölçüsünü soruşmuşdu
cli-audit-differs-no-size = { $answer }: qovşaq ölçü göstərmir, audit { $audited } ölçüsünü soruşmuşdu
cli-audit-differs-digest = vəziyyətin heşi: qovşaq { $node } deyir, jurnal { $log } verir
cli-audit-differs-no-digest = vəziyyətin heşi: qovşaq onu dərc etməyib, jurnal { $log } verir
cli-audit-differs-movements = daşınmalar, { $status }: qovşaq { $node } deyir, jurnal { $log } verir
cli-audit-differs-fees = rüsumlar: qovşaq { $node } deyir, jurnal { $log } verir
cli-audit-differs-payments = ödənişlər: qovşaq { $node } deyir, jurnal { $log } verir
cli-audit-differs-at-post = { $post } postundakı daşınmalar: qovşaq { $node } deyir, jurnal { $log } verir
cli-audit-differs-balance = { $account } qalığı: qovşaq { $node } deyir, jurnal { $log } verir
cli-audit-differs-open-incidents = açıq insidentlər: qovşaq { $node } deyir, jurnal { $log } verir
cli-audit-differs-listed-twice = { $mrn } daşınması: qovşaq onu bir dəfədən çox sadalayır
cli-audit-differs-not-in-log = { $mrn } daşınması: qovşaq onu «{ $status }» statusu ilə sadalayır, jurnalda isə o yoxdur
cli-audit-differs-status = { $mrn } daşınması: qovşaqda statusu «{ $node }», jurnal «{ $log }» verir
cli-audit-differs-last-entry = { $mrn } daşınması: qovşağa görə onu sonuncu dəfə { $node } nömrəli qeyd dəyişib, jurnal { $log } nömrəli qeydi verir
cli-audit-differs-beyond-log = { $mrn } daşınması: qovşağa görə onu { $entry } nömrəli qeyd dəyişib, bu isə onun { $size } qeyddən ibarət jurnalından kənardadır
cli-audit-differs-not-listed = { $mrn } daşınması: jurnalda «{ $status }» statusundadır, qovşaq onu sadalamır

## Komandanın oxuduğu fayllar, açarlar və arqumentlər
cli-in-file = { $path } faylında
cli-file-too-large = { $path }: { $bytes } bayt; ən çoxu { $most } oxunur
cli-attachment-too-large = { $path }: { $bytes } bayt; əlavə ən çoxu { $most } ola bilər
cli-error-renaming = { $path } adına dəyişdirilərkən
cli-error-sending = { $url } ünvanına göndərilərkən
cli-error-http-client = HTTP müştərisi yaradılarkən
cli-encoding-statement = bəyanat kodlaşdırılarkən
cli-key-reading-file = açar faylı { $path } oxunarkən
cli-key-no-signer-key = { $path } faylında imzalayanın açarı yoxdur (64 onaltılıq rəqəmdən ibarət bir sətir; onu `passage keys signer` yaradır)
cli-key-no-signing-key = { $path } faylında imza açarı yoxdur
cli-key-exists = { $path } artıq mövcuddur; açar üzərinə yazılmır
cli-key-required = --key lazımdır: imzalayanın açar faylı (və ya PASSAGE_KEY; onu `passage keys signer` yaradır)
cli-not-one-of = { $field }: `{ $text }` { $known } dəyərlərindən biri deyil
cli-amount-malformed = `{ $text }` məbləği: əsas vahidlərlə, nöqtədən sonra ən çoxu { $digits } rəqəmlə yazın, məsələn, 1250.50
cli-amount-too-large = `{ $text }` məbləği çox böyükdür
cli-amount-not-positive = `{ $text }` məbləği: ödəniş və ya qaytarma müsbət olur
cli-mandate-ends = --ends `{ $text }`: İİİİ-AA-GG və ya İİİİ-AA-GGTSS:DDZ yazın (YYYY-MM-DD və ya YYYY-MM-DDTHH:MMZ)
cli-decide-fee-needs-currency = rüsumun düzəldilməsi üçün --fee və --currency lazımdır
cli-place-segment = `{ $segment }` sahəsi: FROM:TO yazın, məsələn, AM-MEGHRI-E:AM-AGARAK-X
cli-place-segment-start = sahənin başlanğıcı
cli-place-segment-end = sahənin sonu
cli-place-needs-position = sahə üçün --position-m lazımdır
cli-place-where = bunun harada baş verdiyini göstərin: postda (--post) və ya sahədə (--segment və --position-m ilə)
cli-submit-too-many-files = bir dəfəyə ən çoxu { $most } fayl, { $count } deyil
cli-submit-wrong-outcomes = { $url } { $count } bəyanat üçün { $outcomes } nəticə verdi

## Fayldan və ya bayraqlardan bəyannamə
cli-declaration-required-without-file = --file olmadan { $flag } lazımdır
cli-declaration-equipment-flag = --equipment `{ $text }`: KIND:ID[:SIZE][:SEALS] yazın (növ, nömrə, ölçü, plomblar)
cli-declaration-goods-flag = --goods `{ $text }`: EQUIPMENT_ID:HS_EDITION:HS_CODE:GROSS_KG:ORIGIN yazın
cli-declaration-goods-mass = --goods `{ $text }`: ümumi çəki `{ $mass }`, kq ilə
cli-declaration-equipment-id = `{ $text }` vahidi: KIND:ID yazın, məsələn, container:PSGU0000010
cli-declaration-equipment-kind = `{ $kind }` vahid növü container, uic_wagon, wagon_1520, truck, trailer dəyərlərindən biri deyil
cli-declaration-route = marşrut (`route`)
cli-declaration-no-equipment = equipment: bəyannamə ən azı bir vahid göstərir
cli-declaration-equipment = vahid { $position }
cli-declaration-equipment-size = vahid { $position } ölçüsü
cli-declaration-container-size = vahid { $position } ({ $id }): konteyner üçün ölçü lazımdır (20ft, 40ft, 45ft)
cli-declaration-not-a-container = vahid { $position } ({ $id }): ölçü yalnız konteynerlərdə olur
cli-declaration-equipment-seal = vahid { $position } plombu
cli-declaration-goods-equipment = mal { $position }: bu bəyannamədə `{ $equipment }` vahidi yoxdur
cli-declaration-goods-hs-code = mal { $position } XİF MN kodu (`hs_code`)
cli-declaration-goods-origin = mal { $position } mənşəyi (`origin`)
cli-declaration-guarantee = zəmanət (`guarantee`)
cli-declaration-holder = prosedur sahibi (`holder`)
cli-declaration-particulars-without-holder = nəqliyyat sənədləri və sürücü prosedur sahibi ilə birlikdə bəyan edilir
cli-declaration-document-kind = nəqliyyat sənədi { $position } növü
cli-declaration-document-number = nəqliyyat sənədi { $position } nömrəsi

## passage serve: konfiqurasiya
cli-config-reading = konfiqurasiya faylı { $path } oxunarkən
cli-config-too-large = { $path }: { $bytes } bayt; konfiqurasiya ən çoxu { $most } baytdır
cli-config-listen = listen: `{ $text }` 127.0.0.1:8080 kimi ünvan deyil ({ $reason })
cli-config-log-key-required = log_key, jurnalın açarı lazımdır: --log-key, PASSAGE_LOG_KEY və ya konfiqurasiya faylında `log_key` verin (onu `passage keys generate` yaradır)
cli-config-charter-sha256-required = charter_sha256 lazımdır: --charter-sha256, PASSAGE_CHARTER_SHA256 və ya konfiqurasiya faylında `charter_sha256` verin (`passage charter hash` onu tərəflərin razılaşdığı nizamnamə üçün çap edir)
cli-config-field-value = { $field }: `{ $text }`
cli-config-range = { $field } { $least } ilə { $most } arasındadır, { $value } deyil
cli-config-postgres-url-empty = postgres_url boşdur: postgres://user@host/db kimi URL verin
cli-config-postgres-schema = postgres_schema: `{ $schema }` sxem adı deyil (kiçik latın hərfləri, rəqəmlər və `_`, rəqəmlə başlamır)
cli-config-database-empty = database boşdur: SQLite faylının yolunu verin
cli-config-base-url = { $field }: `{ $url }` http://10.0.0.5:8080 kimi əsas URL deyil
cli-config-snapshot-interval = snapshot_interval_entries ən azı 1-dir (şəkillər arasındakı qeydlər)
cli-config-database-folder = database: { $path } yaradılarkən
cli-config-not-sha256 = SHA-256 deyil: 64 onaltılıq rəqəm gözlənilir

## passage log
cli-log-no-key-name = { $path } yanında açar faylını adlandırmaq mümkün deyil; --key verin
cli-log-key-not-ed25519 = jurnalın açarı Ed25519 açarıdır
cli-log-not-empty = { $path } mövcuddur və boş deyil
cli-log-bad-origin = mənbə açarın adıdır: boş deyil, boşluqsuz və `+` işarəsi olmadan
cli-log-created = { $path } qovluğunda boş jurnal yaradıldı; açar { $key } faylındadır
cli-log-signing-checkpoint = yoxlama nöqtəsi imzalanarkən
cli-log-checking = { $path } yoxlanılarkən
cli-log-reading-stdin = standart giriş oxunarkən
cli-log-input-too-large = giriş { $most } baytdan böyükdür
cli-log-locking = { $path } kilidlənərkən
cli-log-resuming = qovluğun sağ kənarından davam edilərkən
cli-log-right-edge-mismatch = qovluğun sağ kənarındakı tayllar onun yoxlama nöqtəsinə uyğun gəlmir
cli-log-appending = əlavə edilərkən
cli-log-appended = { $from }..{ $to } qeydləri əlavə edildi ({ $count } qeyd)
cli-log-proving = { $index } nömrəli qeyd sübut edilərkən
cli-log-proving-consistency = { $size } ölçüsündən uyğunluq sübut edilərkən
cli-log-give-index = --index və ya --old-size verin
cli-log-no-such-entry = { $index } nömrəli qeyd { $size } qeyddən ibarət jurnalda yoxdur
cli-log-give-vkey = --vkey və ya --policy verin
cli-log-receipt-ok = qaydasındadır: { $index } nömrəli qeyd ağacın { $size } ölçüsündə { $origin } jurnalındadır ({ $count } təsdiq imzası)
cli-log-verified = qaydasındadır: { $origin }, ölçü { $size }, kök { $root }; { $count } tayl və paket faylı uyğun gəlir
cli-log-problem = problem: { $problem }
cli-log-problems = rədd edildi: { $count } problem
cli-log-problem-root = qeydlər { $root } kökünü verir, yoxlama nöqtəsi isə { $checkpoint } deyir
cli-log-problem-not-a-tile = { $path }: tayl yolu deyil ({ $reason })
cli-log-problem-hashes = { $path }: heşlər qeydlərdən fərqlənir
cli-log-problem-beyond = { $path }: yoxlama nöqtəsinin ağacından kənardadır
cli-log-problem-entries = { $path }: qeydlər tam paketdən fərqlənir
cli-log-problem-missing = { $path }: yoxdur

## passage receipt və passage payloads
cli-receipt-not-a-receipt = { $url } qəbz vermədi
cli-receipt-reading = qəbz { $path } oxunarkən
cli-receipt-no-entry = qəbzdə qeyd yoxdur; --entry verin
cli-payloads-not-an-mrn = `{ $text }` MRN deyil
cli-payloads-key-required = --key lazımdır: oxucunun açar faylı (və ya PASSAGE_KEY) — qeydiyyatlı əməkdaşın və ya bu daşınmanın daşıyıcısının
cli-payloads-policy-required = --policy lazımdır: jurnalın yoxlama nöqtələrinin uyğun gəlməli olduğu etibar siyasəti faylı (və ya PASSAGE_POLICY), ki, bütün məlumatlar qovşaqla deyil, jurnalla tutuşdurulsun
cli-payloads-logs = etibar siyasəti { $count } jurnal göstərir; məlumatlar birindən oxunur
cli-payloads-cursor-repeated = qovşaq `{ $cursor }` kursorunu təkrarladı
cli-payloads-too-many-pages = qovşaqdan { $mrn } daşınmasının məlumatları { $most } səhifəni aşdı
cli-payloads-not-proved = { $index } nömrəli qeyd jurnalda sübut olunmayıb: { $reason }
cli-payloads-no-receipt = { $url } ünvanından qəbz yoxdur: { $status }: { $answer }
cli-payloads-receipt-of-another = qəbz { $index } nömrəli qeyd üçündür
cli-payloads-receipt-no-entry = qəbzdə qeyd yoxdur
cli-payloads-receipt-does-not-verify = qəbz etibar siyasəti ilə yoxlamadan keçmir
cli-payloads-entry-does-not-decode = jurnaldakı qeyd deşifrə olunmur
cli-payloads-statement-does-not-decode = jurnaldakı bəyanat deşifrə olunmur
cli-payloads-which = { $index } nömrəli qeyd, `{ $field }` məlumatı
cli-payloads-no-such-commitment = jurnaldakı bəyanatda belə öhdəlik yoxdur
cli-payloads-other-commitment = qovşaq { $node } öhdəliyini verir, jurnaldakı bəyanat isə { $log } öhdəliyini götürür
cli-payloads-bad-salt = duz 32 baytın base64-ü deyil
cli-payloads-not-base64 = base64 deyil
cli-payloads-does-not-open = məlumat jurnaldakı bəyanatın öhdəliyini açmır
cli-payloads-heading = { $mrn }: məlumatlar — { $count }, qeydlər — { $entries }

## passage simulate
cli-simulate-scenario-required = ssenari faylı lazımdır
cli-simulate-replications = --replications (təkrarların sayı) 1 ilə { $most } arasında olmalıdır
cli-simulate-threads = işçi axınları işə salınarkən
cli-simulate-progress = təkrarlar { $position }/{ $length }, { $elapsed } (qalıb { $left })
cli-simulate-no-core = { $label }: sahənin nüvəsi ilə işləmir (və ya --model-only verin)
cli-simulate-wrote = { $path } yazıldı
cli-simulate-too-many-scenarios = bir hesabatda ən çoxu { $most } ssenari müqayisə olunur
cli-simulate-other-demand = xəbərdarlıq: { $path } faylının tələbi { $first } faylınınkından fərqlidir; müqayisə rejimi və tələbi qarışdırır
cli-search-no-base = məkana [base] ssenarisi lazımdır
cli-search-searching = { $path } axtarılarkən
cli-sweep-set = --set PATH=V1,V2,... qəbul edir
cli-sweep-values = --set 1 ilə { $most } arasında dəyər tələb edir, { $count } alındı
cli-sweep-not-a-path = `{ $path }` class.truck.contraband_share kimi parametr yolu deyil
cli-sweep-setting = { $path } təyin edilərkən
cli-sweep-with = { $path } = { $value } olduqda
cli-sweep-of = { $scenario } içində { $path } dəyərlərinin keçidi
cli-sweep-empty-path = boş parametr yolu
cli-sweep-no-key = burada `{ $key }` yoxdur
cli-sweep-no-item = `{ $key }` adlı element yoxdur (o mövqedə də yoxdur)
cli-sweep-inside-value = `{ $key }` cədvəlin deyil, dəyərin içindədir
cli-chart-drawing = diaqram çəkilərkən
cli-chart-font = diaqramların daxili şrifti yüklənmir
cli-search-progress-name = { $name } axtarışı: { $count } variant
cli-search-progress = { $count } təkrar, { $elapsed }
