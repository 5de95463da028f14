# Դիտորդական առաքելության օրական հաշվետվությունը՝ վեբ էջ և PDF, որոնք պատրաստում է հանգույցը։

mission-report-title = Դիտորդական առաքելության օրական հաշվետվություն, { $day }
mission-report-other-languages = Այլ լեզուներ
mission-report-status-open = Օրը դեռ չի ավարտվել. սրանք մատյանի մինչ այժմ եղած թվերն են, և դրանք դեռ կարող են փոխվել։
mission-report-status-to-sign = Օրն ավարտվել է, դիտորդական առաքելությունը դեռ չի ստորագրել դրա թվերը։
mission-report-status-signed = Դիտորդական առաքելությունը ստորագրել է այս թվերը { $entry } գրառման մեջ. միջուկն ընդունել է ստորագրությունը միայն այն պատճառով, որ թվերը համընկնում են իր սեփական թվերի հետ։
mission-report-status-forgotten = Այս օրը երբեք չի ստորագրվել, և մատյանի վիճակն այլևս չի պահում դրա թվերը։
mission-report-figures-note = Յուրաքանչյուր թիվ հաշվարկված է այդ օրը (UTC) մատյանում կարգավորված գրառումներից. մատյանն ունեցող յուրաքանչյուր ոք կարող է դրանք վերահաշվարկել։
mission-report-summary = Ժամանումներ անցակետեր՝ { $arrivals }, մեկնումներ՝ { $departures }, զննումներ՝ { $inspections }, բացված միջադեպեր՝ { $incidents }, ներկայացված բողոքներ՝ { $contests }։
mission-report-section-corridor = Միջանցքն ամբողջությամբ
mission-report-section-posts = Ըստ անցակետերի
mission-report-chart-title = Ժամանումներ և մեկնումներ ըստ անցակետերի
mission-report-column-post = Անցակետ
mission-report-column-figure = Ցուցանիշ
mission-report-column-detail = Մանրամասն
mission-report-column-value = Արժեք
mission-report-nothing = Այդ օրը ոչինչ չի հաշվարկվել։
mission-report-hours = { $figure } (ժամ)

mission-figure-arrivals = Ժամանումներ
mission-figure-departures = Մեկնումներ
mission-figure-dwell-total = Մեկնած փոխադրումների՝ անցակետում անցկացրած ժամանակը
mission-figure-dwell-longest = Փոխադրման ամենաերկար կանգառն անցակետում
mission-figure-inspections = Զննումներ
mission-figure-holds-started = Սկսված պահումներ
mission-figure-holds-ended = Ավարտված պահումներ
mission-figure-hold-total = Ավարտված պահումների տևողությունը
mission-figure-hold-longest = Ամենաերկար պահումը
mission-figure-incidents-opened = Բացված միջադեպեր
mission-figure-incidents-closed = Փակված միջադեպեր
mission-figure-observations = Դիտորդների դիտարկումներ
mission-figure-dissents = Դիտորդների հատուկ կարծիքներ
mission-figure-contests-opened = Ներկայացված բողոքներ
mission-figure-contests-answered = Պատասխանված բողոքներ
mission-figure-contests-overdue = Ժամանակին անպատասխան բողոքներ
mission-figure-automatic-incidents = Բացված ավտոմատ միջադեպեր

mission-detail-route = երթուղի { $route }
mission-detail-inspection = { $lane }, { $outcome }
mission-lane-green = կանաչ ուղի
mission-lane-yellow = դեղին ուղի
mission-lane-red = կարմիր ուղի
mission-outcome-conform = ապրանքները համապատասխանում են
mission-outcome-minor = աննշան անհամապատասխանություն
mission-outcome-major = էական անհամապատասխանություն
