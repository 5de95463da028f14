# Անցակետի տերմինալը, հայերեն։

terminal-page-title = Passage․ անցակետի տերմինալ
terminal-title = Անցակետի տերմինալ
terminal-tagline = Ձեր գործողությունները կազմվում և ստորագրվում են այս սարքում, հանգույցը միայն ավելացնում է դրանք մատյանում։
terminal-language = Լեզու
terminal-no-crypto = Այս դիտարկիչը չի կարող այստեղ ստորագրել․ էջը պետք է բացվի HTTPS-ով (կամ նույն մեքենայից) Ed25519 ստորագրություններ ունեցող դիտարկիչում, օրինակ՝ Chromium-ի թարմ տարբերակում։

terminal-key-title = Ձեր ստորագրման բանալին
terminal-key-none = Այս սարքում դեռ ստորագրման բանալի չկա։ Ստեղծեք այն այստեղ (նրա գաղտնի մասը երբեք չի լքում դիտարկիչը) կամ ներմուծեք ձեր գերատեսչության տված բանալու ֆայլը։
terminal-make-key = Ստեղծել բանալի այս սարքում
terminal-import-key = Ներմուծել բանալու ֆայլ
terminal-key-file-invalid = Այս ֆայլում ստորագրման բանալի չկա․ բանալու ֆայլը 64 տասնվեցական թվանշանից բաղկացած մեկ տող է։
terminal-key-made = Ստեղծված է այս սարքում․ նրա գաղտնի մասը հնարավոր չէ դուրս բերել դիտարկիչից։
terminal-key-imported = Ներմուծված է բանալու ֆայլից․ դիտարկիչը պահում է այն այնպես, որ այն կրկին դուրս բերել հնարավոր չէ։
terminal-public-key = Բաց բանալին (հանձնեք այն ձեր գերատեսչությանը գրանցման համար)․
terminal-forget-key = Մոռանալ այս բանալին
terminal-forget-key-confirm = Այո, մոռանալ․ այս սարքում դրանով այլևս ոչինչ հնարավոր չի լինի ստորագրել

terminal-enrolment-title = Ինչ է տալիս կանոնադրությունն այս բանալուն
terminal-checking = Հարցում հանգույցին…
terminal-not-enrolled = Մատյանում դեռ ոչ մի գրանցում չի նշում այս բանալին։ Հանձնեք վերևի բաց բանալին ձեր գերատեսչությանը, ապա ստուգեք կրկին։
terminal-unreachable = Հանգույցը հասանելի չէ։ Կրկնեք, երբ կապը վերականգնվի։
terminal-enrolment-as-last-read = Հանգույցը հասանելի չէ․ սա այն է, ինչ նա հայտնել էր վերջին կապի ժամանակ։ Հիմա ստորագրված գործողությունները սպասում են այս սարքում։
terminal-enrolled = Գրանցված է․ այս բանալին կարող է ստորագրել ստորև նշված գործողությունները։
terminal-revoked = Այս բանալին հետ է կանչված՝ համաձայն { $entry } գրառման․ դրանով այլևս ոչինչ չի ստորագրվի։
terminal-check-again = Ստուգել կրկին
terminal-holder = Տիրապետող
terminal-party = Կողմ
terminal-role = Դեր
terminal-posts = Անցակետեր
terminal-no-posts = չկան
terminal-since-entry = Գրանցման գրառումը
terminal-holder-authority = գերատեսչություն
terminal-holder-officer = պաշտոնատար անձ
terminal-holder-carrier = փոխադրող
terminal-holder-guarantor = երաշխավոր
terminal-role-customs = մաքսավոր
terminal-role-border-guard = սահմանապահ
terminal-role-monitor = դիտորդ

terminal-acts-title = Գրանցել գործողություն
terminal-declare-title = Հայտարարագրել փոխադրում
terminal-route = Երթուղի
terminal-traffic-class = Փոխադրման տեսակ
terminal-class-cargo-road = բեռներ ավտոճանապարհով
terminal-class-cargo-rail = բեռներ երկաթուղով
terminal-class-passengers = ուղևորներ
terminal-units = Միավորներ՝ դրված կնիքներով (ստորակետով բաժանված)
terminal-add-unit = Ավելացնել միավոր
terminal-unit-kind = Միավորի տեսակ
terminal-unit-size = Բեռնարկղի չափ
terminal-unit-id = Համար կամ պետհամարանիշ
terminal-unit-seals = Կնիքներ
terminal-unit-container = բեռնարկղ { $id }
terminal-unit-uic-wagon = վագոն { $id }
terminal-unit-wagon-1520 = 1520 մմ վագոն { $id }
terminal-unit-truck = քարշակ { $id }
terminal-unit-trailer = կցորդ { $id }
terminal-kind-container = Բեռնարկղ
terminal-kind-uic-wagon = Վագոն (UIC, 12 թվանշան)
terminal-kind-wagon-1520 = Վագոն (1520 մմ, 8 թվանշան)
terminal-kind-truck = Քարշակ
terminal-kind-trailer = Կցորդ
terminal-goods = Ապրանքային դիրքեր
terminal-add-goods = Ավելացնել ապրանքային դիրք
terminal-goods-unit = Միավոր (նրա համարը)
terminal-goods-hs = ՆՀ (HS) ծածկագիր, օրինակ՝ 2022:080810
terminal-goods-mass = Համախառն զանգված, կգ
terminal-goods-origin = Ծագում (երկու տառ)
terminal-goods-description = Նկարագրություն (գաղտնի)
terminal-goods-value = Արժեք (գաղտնի)
terminal-consignee = Ստացող (գաղտնի)
terminal-guarantee = Երաշխիքի համար (եթե ռեժիմը պահանջում է)
terminal-holder-of-procedure = Ընթացակարգի պատասխանատու (EORI կամ ՀՎՀՀ, ըստ ցանկության)
terminal-driver = Վարորդ (գաղտնի․ նշվում է պատասխանատուի հետ)
terminal-review-button = Ստուգել նախքան ստորագրելը

terminal-post-act-title = Գրանցել գործողություն ձեր անցակետում
terminal-act = Գործողություն
terminal-act-arrive = Ժամանում
terminal-act-seal-check = Կնիքների ստուգում
terminal-act-release = Բաց թողնում
terminal-mrn = Փոխադրում (MRN)
terminal-post = Անցակետ
terminal-condition = Վիճակ
terminal-condition-intact = անվնաս են
terminal-condition-broken = վնասված են
terminal-condition-mismatch = հայտարարագրված կնիքները չեն
terminal-seals-found = Հայտնաբերված կնիքներ (ստորակետով բաժանված)

terminal-review-title = Դուք պատրաստվում եք ստորագրել այս հայտարարությունը
terminal-review-declare = Դուք հայտարարագրում եք փոխադրում { $route } երթուղով․ { $class }։
terminal-review-unit = { $unit }, կնիքներ՝ { $seals }
terminal-review-unit-no-seals = { $unit }, առանց կնիքների
terminal-review-goods = Ապրանքային դիրք { $number }․ ծածկագիր { $code }, համախառն { $mass } կգ, ծագում՝ { $origin }, միավորում՝ { $unit }
terminal-review-guarantee = Այն օգտագործում է { $guarantee } երաշխիքը։
terminal-review-holder = Ընթացակարգի պատասխանատու՝ { $holder }
terminal-review-confidential = { $count ->
    [one] { $count } գաղտնի արժեք ուղարկվում է հանգույցին հայտարարության կողքին, բայց ոչ մատյան․ ստորագրվում է միայն դրա պարտավորագիրը (commitment)։
   *[other] { $count } գաղտնի արժեք ուղարկվում են հանգույցին հայտարարության կողքին, բայց ոչ մատյան․ ստորագրվում են միայն դրանց պարտավորագրերը (commitments)։
}
terminal-review-arrive = { $mrn } փոխադրումը ժամանել է { $post } անցակետ։
terminal-review-release = Մաքսատունը բաց է թողնում { $mrn } փոխադրումը { $post } անցակետում։
terminal-review-seal-check = { $mrn } փոխադրման «{ $unit }» միավորի կնիքները { $post } անցակետում․ { $condition }, հայտնաբերված կնիքներ՝ { $seals }։
terminal-no-seals = չկան
terminal-review-signer = Կստորագրվի ձեր { $key }… բանալիով { $time }-ին՝ այս սարքի ժամացույցով։
terminal-review-bytes = Ձեր ստորագրած բայթերը և հայտարարության նույնացուցիչը
terminal-sign-and-send = Ստորագրել և ուղարկել
terminal-edit = Փոխել

terminal-answer-sending = Ուղարկվում է…
terminal-answer-acknowledged = Ընդունված է․ սա մատյանի { $index } գրառումն է։
terminal-answer-duplicate = Արդեն մատյանում է՝ { $index } գրառում․ ոչինչ չի փոխվել։
terminal-answer-declared = { $mrn } փոխադրումը հայտարարագրված է։
terminal-answer-refused = Մերժված է․ { $reason } Ոչինչ չի գրանցվել։
terminal-answer-unreachable = Հանգույցը հասանելի չէ․ գործողությունը ստորագրված է և պահվում է այս սարքում, այն կուղարկվի հերթով, երբ կապը վերականգնվի։

terminal-queue-title = Ստորագրված, սպասում է ուղարկման
terminal-queued = { $count ->
    [one] { $count } ստորագրված գործողություն սպասում է այս սարքում և կուղարկվի, հենց որ հանգույցը հասանելի լինի։
   *[other] { $count } ստորագրված գործողություն սպասում են այս սարքում և կուղարկվեն հերթով, հենց որ հանգույցը հասանելի լինի։
}
terminal-send-now = Ուղարկել հիմա
terminal-queue-full = Այս սարքն արդեն պահում է չուղարկված գործողությունների առավելագույն թիվը․ ուղարկեք դրանք, նախքան նորերը ստորագրելը։
terminal-act-depart = Մեկնում
terminal-review-depart = { $mrn } փոխադրումը մեկնում է { $post } անցակետից։

terminal-problem-missing = { $field }․ այս դաշտը պարտադիր է։
terminal-problem-not-hex = { $field }․ սպասվում են տասնվեցական թվանշաններ։
terminal-problem-wrong-length = { $field }․ երկարությունը սխալ է։
terminal-problem-not-a-number = { $field }․ սպասվում է ամբողջ թիվ։
terminal-problem-out-of-range = { $field }․ թիվը թույլատրելի սահմաններից դուրս է։
terminal-problem-too-long = { $field }․ չափազանց շատ տարրեր կամ նիշեր։
terminal-problem-too-short = { $field }․ անհրաժեշտ է առնվազն մեկը։
terminal-problem-bad-identifier = { $field }․ սպասվում է 1-ից 32 լատինական տառ, թվանշան կամ - _ . : / նշաններ։
terminal-problem-unknown-word = { $field }․ սա առաջարկված տարբերակներից չէ։
terminal-problem-bad-format = { $field }․ գրված է ոչ սպասված ձևով։
terminal-problem-bad-check-digit = { $field }․ ստուգիչ թվանշանը չի համընկնում․ կրկին ստուգեք համարը։
terminal-problem-container-size = { $field }․ չափը նշվում է բեռնարկղերի համար և միայն նրանց համար։

terminal-refusal-other = հանգույցը մերժեց (կոդ { $code })։
terminal-refusal-unknown-signer = մատյանում ոչ մի գրանցում չի նշում ձեր բանալին։
terminal-refusal-revoked-key = ձեր բանալին հետ է կանչվել։
terminal-refusal-bad-signature = ստորագրությունը չի համապատասխանում հայտարարությանը։
terminal-refusal-malformed = հանգույցը չկարողացավ կարդալ հայտարարությունը։
terminal-refusal-not-a-carrier = փոխադրումը կարող է հայտարարագրել միայն փոխադրողը։
terminal-refusal-not-an-officer = այս գործողության համար անհրաժեշտ է պաշտոնատար անձի բանալի։
terminal-refusal-role-not-allowed = ռեժիմը թույլ չի տալիս ձեր դերին գրանցել այս գործողությունը։
terminal-refusal-not-posted-here = ձեր բանալին գրանցված չէ այս անցակետում։
terminal-refusal-unknown-post = միջանցքում այդպիսի անցակետ չկա։
terminal-refusal-unknown-route = միջանցքում այդպիսի երթուղի չկա։
terminal-refusal-traffic-class-not-allowed = ռեժիմը թույլ չի տալիս այս տեսակի փոխադրում։
terminal-refusal-mode-mismatch = միավորները չեն համապատասխանում երթուղուն (ավտոճանապարհ կամ երկաթուղի)։
terminal-refusal-invalid-declaration = հայտարարագիրը վավեր չէ (մանրամասները ստորև են)։
terminal-refusal-unknown-movement = այս MRN-ով փոխադրում չկա։
terminal-refusal-wrong-status = փոխադրումն այն փուլում չէ, որտեղ այս գործողությունը կարելի է գրանցել։
terminal-refusal-off-itinerary = այս անցակետը փոխադրման երթուղու վրա չէ։
terminal-refusal-out-of-order = փոխադրումը դեռ չի անցել այս անցակետին նախորդող անցակետերը։
terminal-refusal-not-at-post = փոխադրումն այս անցակետում չէ։
terminal-refusal-unknown-equipment = փոխադրման հայտարարագրում այդպիսի միավոր չկա։
terminal-refusal-not-controlled = ռեժիմը չի նախատեսում այս փոխադրման հսկողություն այս անցակետում։
terminal-refusal-seals-differ = հայտնաբերված կնիքները հայտարարագրվածները չեն․ նշեք «հայտարարագրված կնիքները չեն» վիճակը։
terminal-refusal-seals-match = հայտնաբերված կնիքները հայտարարագրվածներն են․ նշեք «անվնաս են» վիճակը։
terminal-refusal-controls-pending = այս անցակետում հսկողությունն ավարտված չէ (սպասվում են կնիքների ստուգումներ կամ զննումներ)։
terminal-refusal-lane-pending = ուղիները սպասում են կողմերի վիճակահանությանը․ ուղարկեք կրկին մի քանի վայրկյանից։
terminal-refusal-recorded-in-future = այս սարքի ժամացույցն առաջ է ընկել հանգույցից․ ճշտեք ժամացույցը և կրկին գրանցեք գործողությունը։
terminal-refusal-recorded-too-long-ago = գործողությունը գրանցվել է հանգույցին հասնելուց ավելի քան յոթ օր առաջ։
terminal-refusal-guarantee-required = ռեժիմը պահանջում է երաշխիք։
terminal-refusal-unknown-guarantee = այս համարով երաշխիք չկա։
terminal-refusal-guarantee-insufficient = երաշխիքը չի ծածկում այս ապրանքների վճարումները։
terminal-refusal-unavailable = հանգույցը զբաղված է կամ փոխարինվում է․ ուղարկեք կրկին մի քանի վայրկյանից։
