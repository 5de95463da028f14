# Postun terminalı, azərbaycanca.

terminal-page-title = Passage: post terminalı
terminal-title = Post terminalı
terminal-tagline = Hərəkətləriniz bu cihazda tərtib olunur və imzalanır; qovşaq onları yalnız jurnala əlavə edir.
terminal-language = Dil
terminal-no-crypto = Bu brauzer burada imzalaya bilmir: səhifə HTTPS ilə (və ya elə bu kompüterdən) Ed25519 imzalarını dəstəkləyən brauzerdə, məsələn, Chromium-un aktual versiyasında açılmalıdır.

terminal-key-title = İmza açarınız
terminal-key-none = Bu cihazda hələ imza açarı yoxdur. Onu burada yaradın (gizli hissəsi heç vaxt brauzerdən çıxmır) və ya qurumunuzun verdiyi açar faylını idxal edin.
terminal-make-key = Bu cihazda açar yaratmaq
terminal-import-key = Açar faylını idxal etmək
terminal-key-file-invalid = Bu faylda imza açarı yoxdur: açar faylı 64 on altılıq rəqəmdən ibarət bir sətirdir.
terminal-key-made = Bu cihazda yaradılıb: gizli hissəsini brauzerdən çıxarmaq mümkün deyil.
terminal-key-imported = Açar faylından idxal olunub: brauzer onu elə saxlayır ki, yenidən çıxarmaq mümkün olmasın.
terminal-public-key = Açıq açar (qeydiyyat üçün onu qurumunuza verin):
terminal-forget-key = Bu açarı unutmaq
terminal-forget-key-confirm = Bəli, unudulsun: bu cihazda onunla artıq heç nə imzalamaq olmayacaq

terminal-enrolment-title = Nizamnamə bu açara nə verir
terminal-checking = Qovşaqdan soruşulur…
terminal-not-enrolled = Jurnalda hələ heç bir qeydiyyat bu açarı göstərmir. Yuxarıdakı açıq açarı qurumunuza verin, sonra yenidən yoxlayın.
terminal-unreachable = Qovşaqla əlaqə yoxdur. Əlaqə bərpa olunanda yenidən cəhd edin.
terminal-enrolment-as-last-read = Qovşaqla əlaqə yoxdur: bu, onun sonuncu əlaqədə bildirdiyidir. İndi imzalanan hərəkətlər bu cihazda gözləyir.
terminal-enrolled = Qeydiyyatdadır: bu açar aşağıdakı hərəkətləri imzalaya bilər.
terminal-revoked = Bu açar { $entry } nömrəli qeyd ilə geri çağırılıb: onunla artıq heç nə imzalanmır.
terminal-check-again = Yenidən yoxlamaq
terminal-holder = Sahibi
terminal-party = Tərəf
terminal-role = Rol
terminal-posts = Postlar
terminal-no-posts = yoxdur
terminal-since-entry = Qeydiyyat qeydi
terminal-holder-authority = qurum
terminal-holder-officer = vəzifəli şəxs
terminal-holder-carrier = daşıyıcı
terminal-holder-guarantor = zamin
terminal-role-customs = gömrük əməkdaşı
terminal-role-border-guard = sərhədçi
terminal-role-monitor = müşahidəçi

terminal-acts-title = Hərəkəti qeydə almaq
terminal-declare-title = Daşınmanı bəyan etmək
terminal-route = Marşrut
terminal-traffic-class = Daşıma növü
terminal-class-cargo-road = avtomobil yolu ilə yüklər
terminal-class-cargo-rail = dəmir yolu ilə yüklər
terminal-class-passengers = sərnişinlər
terminal-units = Vurulmuş plomblarla vahidlər (vergüllə ayırın)
terminal-add-unit = Vahid əlavə etmək
terminal-unit-kind = Vahidin növü
terminal-unit-size = Konteynerin ölçüsü
terminal-unit-id = Nömrə və ya dövlət nişanı
terminal-unit-seals = Plomblar
terminal-unit-container = konteyner { $id }
terminal-unit-uic-wagon = vaqon { $id }
terminal-unit-wagon-1520 = 1520 mm vaqon { $id }
terminal-unit-truck = dartqı { $id }
terminal-unit-trailer = qoşqu { $id }
terminal-kind-container = Konteyner
terminal-kind-uic-wagon = Vaqon (UIC, 12 rəqəm)
terminal-kind-wagon-1520 = Vaqon (1520 mm, 8 rəqəm)
terminal-kind-truck = Dartqı
terminal-kind-trailer = Qoşqu
terminal-goods = Mal mövqeləri
terminal-add-goods = Mal mövqeyi əlavə etmək
terminal-goods-unit = Vahid (onun nömrəsi)
terminal-goods-hs = HS kodu, məsələn 2022:080810
terminal-goods-mass = Brutto çəki, kq
terminal-goods-origin = Mənşə (iki hərf)
terminal-goods-description = Təsvir (məxfi)
terminal-goods-value = Dəyər (məxfi)
terminal-consignee = Alıcı (məxfi)
terminal-guarantee = Zəmanətin nömrəsi (rejim tələb edirsə)
terminal-holder-of-procedure = Prosedurun sahibi (EORI və ya VÖEN, istəyə görə)
terminal-driver = Sürücü (məxfi; sahibi ilə birlikdə göstərilir)
terminal-review-button = İmzadan əvvəl yoxlamaq

terminal-post-act-title = Postunuzda hərəkəti qeydə almaq
terminal-act = Hərəkət
terminal-act-arrive = Gəliş
terminal-act-seal-check = Plombların yoxlanması
terminal-act-release = Buraxılış
terminal-mrn = Daşınma (MRN)
terminal-post = Post
terminal-condition = Vəziyyət
terminal-condition-intact = salamatdır
terminal-condition-broken = pozulub
terminal-condition-mismatch = bəyan edilmiş plomblar deyil
terminal-seals-found = Aşkar edilmiş plomblar (vergüllə ayırın)

terminal-review-title = Bu bəyanatı imzalamaq üzrəsiniz
terminal-review-declare = { $route } marşrutu ilə daşınmanı bəyan edirsiniz: { $class }.
terminal-review-unit = { $unit }, plomblar: { $seals }
terminal-review-unit-no-seals = { $unit }, plombsuz
terminal-review-goods = Mal mövqeyi { $number }: kod { $code }, brutto { $mass } kq, mənşə { $origin }, vahid: { $unit }
terminal-review-guarantee = { $guarantee } zəmanəti istifadə olunur.
terminal-review-holder = Prosedurun sahibi: { $holder }
terminal-review-confidential = { $count ->
    [one] { $count } məxfi dəyər qovşağa bəyanatla yanaşı göndərilir, jurnala isə düşmür: yalnız onun öhdəliyi (commitment) imzalanır.
   *[other] { $count } məxfi dəyər qovşağa bəyanatla yanaşı göndərilir, jurnala isə düşmür: yalnız onların öhdəlikləri (commitments) imzalanır.
}
terminal-review-arrive = { $mrn } daşınması { $post } postuna gəlib.
terminal-review-release = Gömrük { $mrn } daşınmasını { $post } postunda buraxır.
terminal-review-seal-check = { $post } postunda { $mrn } daşınmasının «{ $unit }» vahidinin plombları: { $condition }; aşkar edilmiş plomblar: { $seals }.
terminal-no-seals = yoxdur
terminal-review-signer = { $key }… açarınızla { $time } tarixində, bu cihazın saatı ilə imzalanacaq.
terminal-review-bytes = İmzaladığınız baytlar və bəyanatın identifikatoru
terminal-sign-and-send = İmzalamaq və göndərmək
terminal-edit = Dəyişmək

terminal-answer-sending = Göndərilir…
terminal-answer-acknowledged = Qəbul olundu: bu, jurnalın { $index } nömrəli qeydidir.
terminal-answer-duplicate = Artıq jurnaldadır, { $index } nömrəli qeyd; heç nə dəyişmədi.
terminal-answer-declared = { $mrn } daşınması bəyan edildi.
terminal-answer-refused = Rədd edildi: { $reason } Heç nə qeydə alınmadı.
terminal-answer-unreachable = Qovşaqla əlaqə yoxdur: hərəkət imzalanıb və bu cihazda saxlanılır; əlaqə bərpa olunanda ardıcıllıqla göndəriləcək.

terminal-queue-title = İmzalanıb, göndərilməyi gözləyir
terminal-queued = { $count ->
    [one] { $count } imzalanmış hərəkət bu cihazda gözləyir; qovşaq əlçatan olan kimi göndəriləcək.
   *[other] { $count } imzalanmış hərəkət bu cihazda gözləyir; qovşaq əlçatan olan kimi ardıcıllıqla göndəriləcək.
}
terminal-send-now = İndi göndərmək
terminal-queue-full = Bu cihaz artıq saxlaya biləcəyi qədər göndərilməmiş hərəkət saxlayır; yenilərini imzalamazdan əvvəl onları göndərin.
terminal-act-depart = Yola düşmə
terminal-review-depart = { $mrn } daşınması { $post } postundan yola düşür.

terminal-problem-missing = { $field }: bu sahə mütləqdir.
terminal-problem-not-hex = { $field }: on altılıq rəqəmlər gözlənilir.
terminal-problem-wrong-length = { $field }: uzunluq səhvdir.
terminal-problem-not-a-number = { $field }: tam ədəd gözlənilir.
terminal-problem-out-of-range = { $field }: ədəd icazə verilən hədlərdən kənardadır.
terminal-problem-too-long = { $field }: həddindən artıq çox element və ya simvol.
terminal-problem-too-short = { $field }: ən azı biri lazımdır.
terminal-problem-bad-identifier = { $field }: 1-dən 32-yə qədər latın hərfi, rəqəm və ya - _ . : / işarələri gözlənilir.
terminal-problem-unknown-word = { $field }: bu, təklif olunan variantlardan biri deyil.
terminal-problem-bad-format = { $field }: gözlənilən şəkildə yazılmayıb.
terminal-problem-bad-check-digit = { $field }: nəzarət rəqəmi uyğun gəlmir; nömrəni yenidən yoxlayın.
terminal-problem-container-size = { $field }: ölçü konteynerlər üçün göstərilir və yalnız onlar üçün.

terminal-refusal-other = qovşaq rədd etdi (kod { $code }).
terminal-refusal-unknown-signer = jurnalda heç bir qeydiyyat açarınızı göstərmir.
terminal-refusal-revoked-key = açarınız geri çağırılıb.
terminal-refusal-bad-signature = imza bəyanata uyğun gəlmir.
terminal-refusal-malformed = qovşaq bəyanatı oxuya bilmədi.
terminal-refusal-not-a-carrier = daşınmanı yalnız daşıyıcı bəyan edə bilər.
terminal-refusal-not-an-officer = bu hərəkət üçün vəzifəli şəxsin açarı lazımdır.
terminal-refusal-role-not-allowed = rejim rolunuza bu hərəkəti qeydə almağa icazə vermir.
terminal-refusal-not-posted-here = açarınız bu postda qeydiyyatda deyil.
terminal-refusal-unknown-post = dəhlizdə belə post yoxdur.
terminal-refusal-unknown-route = dəhlizdə belə marşrut yoxdur.
terminal-refusal-traffic-class-not-allowed = rejim bu növ daşımaya icazə vermir.
terminal-refusal-mode-mismatch = vahidlər marşruta (avtomobil və ya dəmir yolu) uyğun gəlmir.
terminal-refusal-invalid-declaration = bəyannamə etibarlı deyil (təfərrüatlar aşağıdadır).
terminal-refusal-unknown-movement = bu MRN ilə daşınma yoxdur.
terminal-refusal-wrong-status = daşınma bu hərəkətin qeydə alına biləcəyi mərhələdə deyil.
terminal-refusal-off-itinerary = bu post daşınmanın marşrutunda deyil.
terminal-refusal-out-of-order = daşınma bundan əvvəlki postları hələ keçməyib.
terminal-refusal-not-at-post = daşınma bu postda deyil.
terminal-refusal-unknown-equipment = daşınmanın bəyannaməsində belə vahid yoxdur.
terminal-refusal-not-controlled = rejim bu postda bu daşınmaya nəzarət nəzərdə tutmur.
terminal-refusal-seals-differ = aşkar edilmiş plomblar bəyan edilmiş plomblar deyil: vəziyyəti «bəyan edilmiş plomblar deyil» kimi qeyd edin.
terminal-refusal-seals-match = aşkar edilmiş plomblar bəyan edilmiş plomblardır: vəziyyəti «salamatdır» kimi qeyd edin.
terminal-refusal-controls-pending = bu postda nəzarət bitməyib (plombların yoxlanması və ya baxışlar gözlənilir).
terminal-refusal-lane-pending = kanallar tərəflərin püşkatmasını gözləyir; bir neçə saniyədən sonra yenidən göndərin.
terminal-refusal-recorded-in-future = bu cihazın saatı qovşağınkından irəlidədir: saatı düzəldin və hərəkəti yenidən qeydə alın.
terminal-refusal-recorded-too-long-ago = hərəkət qovşağa çatmazdan yeddi gündən çox əvvəl qeydə alınıb.
terminal-refusal-guarantee-required = rejim zəmanət tələb edir.
terminal-refusal-unknown-guarantee = bu nömrə ilə zəmanət yoxdur.
terminal-refusal-guarantee-insufficient = zəmanət bu mallar üzrə ödənişləri əhatə etmir.
terminal-refusal-unavailable = qovşaq məşğuldur və ya dəyişdirilir; bir neçə saniyədən sonra yenidən göndərin.
