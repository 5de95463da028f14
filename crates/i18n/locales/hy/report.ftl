# `passage simulate search`-ի զեկույցը բանակցողների համար, հայերեն։
# Թվերով տեղապահները ($frontier, $low, ...) արդեն գրված են այնպես, ինչպես լեզուն է գրում
# թվերը․ _count-ով ավարտվողները նույն թվերն են՝ հոգնակի ձևերն ընտրելու համար։

report-title = Քննարկման արժանի ռեժիմներ․ որոնում { $name }
report-other-languages = Այս զեկույցը այլ լեզուներով․
report-summary = { $candidates } տարբերակից { $frontier } ռեժիմ Պարետոյի սահմանին է․ դրանցից յուրաքանչյուրի համար չկա այլ տարբերակ, որն ավելի լավ լինի բոլոր նպատակներով միաժամանակ։
report-method = Տարբերակներն ընտրվել են { $drawn }։ { $screening } կրկնություն զտել և ճշգրտել է դրանք ընդհանուր պատահական թվերով (յուրաքանչյուր ռեժիմում նույն ժամանումներն ու նույն վիճակահանությունները, այնպես որ տարբերությունները ռեժիմներից են), { $rounds } ճշգրտման փուլում․ ևս { $confirmation } կրկնություն հաստատել է Պարետոյի սահմանը՝ համակարգի միջուկը ցիկլում։ Ցուցադրված յուրաքանչյուր ռեժիմ միջուկն ընդունում է, և յուրաքանչյուր թիվ միջուկինն է։
report-drawn-grid = որպես պարամետրերի բոլոր համակցությունները
report-drawn-latin-hypercube = պարամետրերի լատինական հիպերխորանարդով
report-drawn-random = պարամետրերից պատահականորեն
report-figures-note = Յուրաքանչյուր թիվ կրկնությունների միջինն է ± իր 95 տոկոսանոց վստահության միջակայքի կես լայնությունը։

report-section-reading = Ինչ է սա նշանակում
report-reading-no-best = Պարետոյի սահմանի ոչ մի ռեժիմ բոլոր նպատակներով մյուսներից լավը չէ․ դրանց միջև ընտրելը ընտրելն է, թե ով է շահում և ով է վճարում։
report-reading-one = Պարետոյի սահմանին միայն մեկ ռեժիմ կա․ յուրաքանչյուր նպատակով այն ոչ պակաս լավն է, քան մնացած բոլոր տարբերակները։
report-reading-range = { $figure }․ { $low }-ից մինչև { $high } Պարետոյի սահմանի երկայնքով։
report-reading-tradeoff = Ամենաշատ խախտումներ հայտնաբերող ռեժիմը (տարբերակ { $caught_candidate }, { $caught_share } %) բեռնատարների տարանցման ժամանակը 95-րդ պերցենտիլում դարձնում է { $caught_hours } ժ, իսկ ամենաարագը՝ { $fast_hours } ժ (տարբերակ { $fast_candidate }, հայտնաբերված՝ { $fast_share } %)։
report-reading-party = { $party }․ տարեկան արդյունքը { $low }-ից մինչև { $high } { $currency } Պարետոյի սահմանի երկայնքով (ստացվածը՝ հանած անձնակազմի և սարքավորումների ծախսը)։
report-reading-carriers = Փոխադրողներ․ տարեկան { $low }-ից մինչև { $high } { $currency }՝ վճարված վճարների և սպասման ժամանակի վրա, Պարետոյի սահմանի երկայնքով։
report-reading-caveat = Սրանք մոդելի թվերն են որոնման ենթադրած պահանջարկի համար, ոչ թե կանխատեսում։ Դրանք ճիշտ են այնքանով, որքանով ճիշտ են ստորև բերված ենթադրությունները։

report-section-frontier = Պարետոյի սահմանը
report-frontier-intro = Յուրաքանչյուր տող Պարետոյի սահմանի մեկ ռեժիմ է՝ իր պարամետրերով և որոնման նպատակներով թվերով։ Նրա ռեժիմի ֆայլը՝ պատրաստ `passage regime propose`-ի համար, regimes թղթապանակում է։
report-chart-title = Բեռնատարների տարանցման ժամանակը (95-րդ պերցենտիլ) և հայտնաբերված խախտումների բաժինը
report-chart-x = հայտնաբերված խախտումներ (%)
report-chart-y = բեռնատարների տարանցման ժամանակը, 95-րդ պերցենտիլ (ժ)
report-column-candidate = Տարբերակ
report-column-settings = Պարամետրեր
report-better-low = որքան քիչ, այնքան լավ
report-better-high = որքան շատ, այնքան լավ

report-section-parties = Ով է շահում և ով է վճարում
report-parties-intro = Յուրաքանչյուր կողմի տարեկան գումարները { $currency }-ով, յուրաքանչյուր ռեժիմի համար կողք կողքի․ ինչ է ստանում, որքան են արժենում նրա անձնակազմն ու սարքավորումները, ինչ է մնում․ փոխադրողների համար՝ նրանց վճարած վճարները և սպասման ժամանակի արժեքը։
report-column-revenue = եկամուտ
report-column-staff = անձնակազմ
report-column-equipment = սարքավորում
report-column-net = արդյունք
report-column-fees-paid = վճարված վճարներ
report-column-waiting = սպասում
report-party-host = ընդունող պետություն
report-party-transit = տարանցող պետություն
report-party-monitor = դիտորդական առաքելություն
report-party-carriers = փոխադրողներ

report-figure-transit-mean = տարանցման միջին ժամանակը (ժ)
report-figure-transit-p95 = տարանցման ժամանակը, 95-րդ պերցենտիլ (ժ)
report-figure-caught-share = հայտնաբերված խախտումների բաժինը
report-figure-revenue = տարեկան եկամուտ
report-figure-staff-cost = անձնակազմի տարեկան ծախս
report-figure-equipment-cost = սարքավորումների տարեկան ծախս
report-figure-incidents = միջադեպեր տարեկան
report-figure-overdue = ժամկետանց փոխադրումներ տարեկան
report-figure-held = պահված միավորներ տարեկան
report-figure-inspections = ֆիզիկական զննումներ օրական
report-figure-of-class = { $figure }, { $class }
report-class-truck = բեռնատարներ
report-class-train = գնացքներ

report-section-assumptions = Ենթադրությունները և դրանց աղբյուրները
report-assumptions-intro = Դրամական թվերը հիմնված են այս արժեքների վրա։ Ենթադրություն նշվածները հրապարակված աղբյուր չունեն։ Յուրաքանչյուր հիմնավորում մեջբերված է այնպես, ինչպես տալիս է որոնման ֆայլը։
report-column-what = Ինչ
report-column-value = Արժեք
report-column-basis = Հիմնավորում
report-label-assumption = ենթադրություն
report-label-source = աղբյուր
report-assumption-exchange = մեկ { $from }՝ { $currency }-ով
report-assumption-truck-hour = բեռնատարի մեկ ժամը փոխադրողի համար ({ $currency })
report-assumption-train-hour = գնացքի մեկ ժամը փոխադրողի համար ({ $currency })
report-assumption-wage = աշխատակցի մեկ ժամը, { $staff } ({ $currency })
report-assumption-equipment = մեկ { $resource } ռեսուրսի սարքավորումը տարեկան ({ $currency })

report-section-uncertainty = Որքան ճշգրիտ են թվերը
report-uncertainty-settled = Պարետոյի սահմանին մոտ ռեժիմների յուրաքանչյուր զույգ կրկնվել է, մինչև որ յուրաքանչյուր նպատակով նրանց տարբերությունը կա՛մ աղմուկից մեծ է եղել, կա՛մ քննարկման արժանի ամենափոքր տարբերությունից փոքր։
report-uncertainty-unsettled = Պարետոյի սահմանին մոտ ռեժիմների { $pairs } զույգ չհաջողվեց տարբերել մինչև բյուջեի ավարտը․ եթե երկու ռեժիմ տարբերվում են իրենց ± միջակայքերից պակաս, համարեք դրանք հավասար։
report-indifference-intro = Սրանցից փոքր տարբերությունները հաշվի չեն առնվում․
report-column-objective = Նպատակ
report-column-indifference = Քննարկման արժանի ամենափոքր տարբերությունը

report-section-left-out = Դուրս մնացած տարբերակներ
report-left-out = Զտման ժամանակ մերժված կամ ձախողված տարբերակներ՝ { $refused }․ հաստատման ժամանակ հանվածներ՝ { $dropped }։ Յուրաքանչյուրի պատճառը frontier.json ֆայլում է։
