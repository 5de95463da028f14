# Müşahidə missiyasının gündəlik hesabatı: qovşağın hazırladığı veb səhifə və PDF.

mission-report-title = Müşahidə missiyasının gündəlik hesabatı, { $day }
mission-report-other-languages = Digər dillər
mission-report-status-open = Gün hələ bitməyib: bunlar jurnalın indiyədək rəqəmləridir və hələ dəyişə bilər.
mission-report-status-to-sign = Gün bitib; müşahidə missiyası onun rəqəmlərini hələ imzalamayıb.
mission-report-status-signed = Müşahidə missiyası bu rəqəmləri { $entry } nömrəli qeyddə imzalayıb; nüvə imzanı yalnız rəqəmlər öz rəqəmləri ilə üst-üstə düşdüyü üçün qəbul edib.
mission-report-status-forgotten = Bu gün heç vaxt imzalanmayıb və jurnalın vəziyyəti artıq onun rəqəmlərini saxlamır.
mission-report-figures-note = Hər rəqəm həmin gün (UTC) jurnala daxil edilmiş qeydlərdən hesablanıb; jurnalı olan hər kəs onları yenidən hesablaya bilər.
mission-report-summary = Postlara gəliş: { $arrivals }, postlardan çıxış: { $departures }, baxış: { $inspections }, açılmış insident: { $incidents }, edilmiş etiraz: { $contests }.
mission-report-section-corridor = Bütövlükdə dəhliz
mission-report-section-posts = Hər post üzrə
mission-report-chart-title = Hər post üzrə gəlişlər və çıxışlar
mission-report-column-post = Post
mission-report-column-figure = Göstərici
mission-report-column-detail = Təfsilat
mission-report-column-value = Dəyər
mission-report-nothing = Həmin gün heç nə hesablanmayıb.
mission-report-hours = { $figure } (saat)

mission-figure-arrivals = Gəlişlər
mission-figure-departures = Çıxışlar
mission-figure-dwell-total = Çıxmış daşınmaların postda keçirdiyi vaxt
mission-figure-dwell-longest = Daşınmanın postda ən uzun dayanması
mission-figure-inspections = Baxışlar
mission-figure-holds-started = Başlanmış saxlamalar
mission-figure-holds-ended = Bitmiş saxlamalar
mission-figure-hold-total = Bitmiş saxlamaların müddəti
mission-figure-hold-longest = Ən uzun saxlama
mission-figure-incidents-opened = Açılmış insidentlər
mission-figure-incidents-closed = Bağlanmış insidentlər
mission-figure-observations = Müşahidəçilərin müşahidələri
mission-figure-dissents = Müşahidəçilərin xüsusi rəyləri
mission-figure-contests-opened = Edilmiş etirazlar
mission-figure-contests-answered = Cavablandırılmış etirazlar
mission-figure-contests-overdue = Vaxtında cavabsız qalan etirazlar
mission-figure-automatic-incidents = Açılmış avtomatik insidentlər

mission-detail-route = marşrut { $route }
mission-detail-inspection = { $lane }, { $outcome }
mission-lane-green = yaşıl kanal
mission-lane-yellow = sarı kanal
mission-lane-red = qırmızı kanal
mission-outcome-conform = mallar uyğundur
mission-outcome-minor = kiçik uyğunsuzluq
mission-outcome-major = ciddi uyğunsuzluq
