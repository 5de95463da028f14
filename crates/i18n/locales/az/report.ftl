# `passage simulate search` danışıqçı hesabatı, Azərbaycan dilində (latın qrafikası).
# Rəqəmli yer tutanlar ($frontier, $low, ...) artıq dilin rəqəm yazılışı ilə gəlir; _count ilə
# bitənlər cəm formalarını seçmək üçün eyni rəqəmlərdir.

report-title = Müzakirəyə dəyər rejimlər: axtarış { $name }
report-other-languages = Bu hesabat digər dillərdə:
report-summary = { $candidates } variantdan { $frontier } rejim Pareto sərhədindədir: onların heç biri üçün bütün məqsədlər üzrə eyni anda daha yaxşı olan başqa variant yoxdur.
report-method = Variantlar { $drawn } seçilib. { $screening } təkrar onları ümumi təsadüfi ədədlərlə (hər rejimdə eyni gəlişlər və eyni püşklər, beləliklə fərqlər rejimlərdən gəlir) { $rounds } dəqiqləşdirmə mərhələsində süzgəcdən keçirib dəqiqləşdirdi; daha { $confirmation } təkrar Pareto sərhədini sistemin nüvəsi dövrədə olmaqla təsdiqlədi. Göstərilən hər rejimi nüvə qəbul edir və hər rəqəm nüvənindir.
report-drawn-grid = parametrlərin bütün birləşmələri kimi
report-drawn-latin-hypercube = parametrlər üzrə latın hiperkubu ilə
report-drawn-random = parametrlər üzrə təsadüfi
report-figures-note = Hər rəqəm təkrarlar üzrə ortadır ± onun 95 faizlik etibar intervalının yarım eni.

report-section-reading = Bu nə deməkdir
report-reading-no-best = Pareto sərhədindəki heç bir rejim bütün məqsədlər üzrə digərlərindən yaxşı deyil: onlar arasında seçmək kimin qazandığını və kimin ödədiyini seçməkdir.
report-reading-one = Pareto sərhədində yalnız bir rejim var: hər məqsəd üzrə o, digər variantların hər birindən pis deyil.
report-reading-range = { $figure }: Pareto sərhədi boyunca { $low } ilə { $high } arasında.
report-reading-tradeoff = Ən çox qanun pozuntusu aşkarlayan rejim (variant { $caught_candidate }, { $caught_share } %) yük maşınları üçün 95-ci persentildə { $caught_hours } saat tranzit müddəti verir, ən sürətlisi isə { $fast_hours } saat (variant { $fast_candidate }, aşkarlanan { $fast_share } %).
report-reading-party = { $party }: Pareto sərhədi boyunca ildə { $low } ilə { $high } { $currency } arasında yekun (alınandan heyət və avadanlıq xərcləri çıxılmaqla).
report-reading-carriers = Daşıyıcılar: Pareto sərhədi boyunca ildə ödənilən rüsumlara və gözləmə vaxtına { $low } ilə { $high } { $currency } arasında.
report-reading-caveat = Bunlar axtarışın qəbul etdiyi tələb üçün modelin rəqəmləridir, proqnoz deyil. Aşağıdakı fərziyyələr nə qədər doğrudursa, onlar da o qədər doğrudur.

report-section-frontier = Pareto sərhədi
report-frontier-intro = Hər sətir Pareto sərhədində bir rejimdir: parametrləri və axtarışın məqsədləri üzrə rəqəmləri ilə. `passage regime propose` üçün hazır rejim faylı regimes qovluğundadır.
report-chart-title = Yük maşınlarının tranzit müddəti (95-ci persentil) və aşkarlanan pozuntuların payı
report-chart-x = aşkarlanan pozuntular (%)
report-chart-y = yük maşınlarının tranzit müddəti, 95-ci persentil (saat)
report-column-candidate = Variant
report-column-settings = Parametrlər
report-better-low = az olduqca yaxşıdır
report-better-high = çox olduqca yaxşıdır

report-section-parties = Kim qazanır, kim ödəyir
report-parties-intro = Hər tərəfin illik pulu { $currency } ilə, hər rejim üçün yan-yana: nə aldığı, işçi heyətinin və avadanlığının nəyə başa gəldiyi, nə qaldığı; daşıyıcılar üçün ödədikləri rüsumlar və gözləmə vaxtlarının dəyəri.
report-column-revenue = gəlir
report-column-staff = heyət
report-column-equipment = avadanlıq
report-column-net = yekun
report-column-fees-paid = ödənilən rüsumlar
report-column-waiting = gözləmə
report-party-host = ev sahibi dövlət
report-party-transit = tranzit dövləti
report-party-monitor = müşahidə missiyası
report-party-carriers = daşıyıcılar

report-figure-transit-mean = orta tranzit müddəti (saat)
report-figure-transit-p95 = tranzit müddəti, 95-ci persentil (saat)
report-figure-caught-share = aşkarlanan pozuntuların payı
report-figure-revenue = illik gəlir
report-figure-staff-cost = illik heyət xərci
report-figure-equipment-cost = illik avadanlıq xərci
report-figure-incidents = ildə insidentlər
report-figure-overdue = ildə vaxtı keçmiş daşınmalar
report-figure-held = ildə saxlanılan vahidlər
report-figure-inspections = gündə fiziki baxışlar
report-figure-of-class = { $figure }, { $class }
report-class-truck = yük maşınları
report-class-train = qatarlar

report-section-assumptions = Fərziyyələr və onların mənbələri
report-assumptions-intro = Pul rəqəmləri bu dəyərlərə əsaslanır. Fərziyyə kimi qeyd olunanların dərc olunmuş mənbəyi yoxdur. Hər əsaslandırma axtarış faylında verildiyi kimi sitat gətirilir.
report-column-what = Nə
report-column-value = Dəyər
report-column-basis = Əsas
report-label-assumption = fərziyyə
report-label-source = mənbə
report-assumption-exchange = bir { $from } { $currency } ilə
report-assumption-truck-hour = daşıyıcı üçün yük maşınının bir saatı ({ $currency })
report-assumption-train-hour = daşıyıcı üçün qatarın bir saatı ({ $currency })
report-assumption-wage = əməkdaşın bir saatı, { $staff } ({ $currency })
report-assumption-equipment = bir { $resource } resursunun illik avadanlığı ({ $currency })

report-section-uncertainty = Rəqəmlər nə qədər dəqiqdir
report-uncertainty-settled = Pareto sərhədinə yaxın hər rejim cütü, hər məqsəd üzrə fərqləri ya küydən böyük, ya da müzakirəyə dəyər ən kiçik fərqdən kiçik olana qədər təkrar işlədilib.
report-uncertainty-unsettled = Pareto sərhədinə yaxın { $pairs } rejim cütünü büdcə bitənədək ayırd etmək mümkün olmadı: iki rejim ± intervallarından az fərqlənirsə, onları bərabər sayın.
report-indifference-intro = Bunlardan kiçik fərqlər nəzərə alınmır:
report-column-objective = Məqsəd
report-column-indifference = Müzakirəyə dəyər ən kiçik fərq

report-section-left-out = Kənarda qalan variantlar
report-left-out = Süzgəcdə rədd edilən və ya alınmayan variantlar: { $refused }; təsdiqdə çıxarılanlar: { $dropped }. Hər birinin səbəbi frontier.json faylındadır.
