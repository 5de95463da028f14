# Այն, ինչ `passage` հրամանը տպում է մարդու համար։ Մեքենայական ելքը (`--json`,
# հայտարարությունների ֆայլեր, քաղաքականություններ, անդորրագրեր) չի թարգմանվում։ Հանգույցի
# կոդով տրված մերժումը բացատրվում է terminal.ftl-ի բառերով (`terminal-refusal-*`)։

## Ընդհանուր բառեր
cli-none = ոչ ոք

## Կապը հանգույցի հետ
cli-node-from-command-line = տրված է հրամանի տողում
cli-node-from-environment = { $variable } փոփոխականից
cli-node-from-file = { $path } ֆայլից
cli-node-from-default = լռելյայն․ չկան ո՛չ --node, ո՛չ PASSAGE_NODE, ո՛չ կազմաձևման ֆայլ
cli-node-unreachable = չհաջողվեց միանալ { $address } հասցեի հանգույցին ({ $source })․ { $reason }։ Արդյո՞ք այն աշխատում է այնտեղ։ Նշեք հանգույցը --node URL-ով, { $variable } փոփոխականով կամ { $file } ֆայլի `advertise` կամ `listen` դաշտով (կամ այն ֆայլում, որը նշում է { $config_variable } փոփոխականը)
cli-node-unreachable-unnamed = չհաջողվեց միանալ { $address } հասցեի հանգույցին․ { $reason }։ Արդյո՞ք այն աշխատում է այնտեղ։ Նշեք հանգույցը --node URL-ով, { $variable } փոփոխականով կամ { $file } ֆայլի `advertise` կամ `listen` դաշտով (կամ այն ֆայլում, որը նշում է { $config_variable } փոփոխականը)
cli-node-listens-on-port-zero = այն լսում է 0 պորտը (պորտն ընտրվում է մեկնարկի ժամանակ), որը հաճախորդը չի կարող իմանալ․ նշեք հանգույցը --node URL-ով կամ PASSAGE_NODE-ով, կամ ֆայլում սահմանեք `advertise`
cli-node-config-names-no-node = { $path } ֆայլը հաճախորդային հրամանների համար ոչ մի հանգույց չի նշում
cli-node-listen-unreadable = `listen = "{ $listen }"` արժեքը հասցե և պորտ չէ

## Հանգույցին ուղարկված հայտարարություններ
cli-sent-duplicate = արդեն մատյանում է՝ գրառում { $index } (ուղարկվել է ավելի վաղ․ ոչինչ չի փոխվել)
cli-sent-declared = { $mrn } փոխադրումը հայտարարագրված է, գրառում { $index }
cli-sent-entry = գրառում { $index }․ { $events }
cli-sent-saved = ստորագրված և պահված է { $path } ֆայլում (ուղարկեք `passage submit` հրամանով)
cli-refused = մերժված է ({ $code })․ { $message }
cli-refused-explained = մերժված է ({ $code })․ { $explanation } Հանգույցի պատասխանը՝ { $message }
cli-failed = { $message } ({ $code })
cli-failed-explained = { $explanation } Հանգույցի պատասխանը՝ { $message } ({ $code })
cli-salts-not-kept = նշում․ պարտավորությունների աղերը չեն պահվում (դրանք պահելու համար տվեք --openings FILE)

## Հաշիվներ
cli-no-such-account = `{ $account }` հաշվում ոչ մի ձևակերպում չկա․ հաշիվները կոչվում են իրենց տեսակով, օրինակ՝ carrier:ARAZ-TRUCKS՝ ARAZ-TRUCKS փոխադրողի համար, իսկ `passage account` հրամանը թվարկում է բոլորը
cli-no-such-account-suggestions = `{ $account }` հաշվում ոչ մի ձևակերպում չկա․ գուցե նկատի ունեիք { $suggestions }։

## Աուդիտ և անդորրագրեր
cli-audit-ok = կարգին է․ { $origin }, չափը՝ { $size }, արմատը՝ { $root }․ ստուգված են { $from }..{ $size } գրառումները, համեմատված է { $tiles } սալիկ
cli-audit-cosigned-by = հաստատել են՝ { $names }
cli-audit-refused = մերժված է․ { $reason }
cli-audit-log-url-hint = հուշում․ հանգույցն իր մատյանը տրամադրում է /log ճանապարհով․ passage audit { $url }/log --policy FILE
cli-audit-size-note = նշում․ հանգույցն արդեն հրապարակել է մինչև { $published } չափը․ նրա ցուցանիշները համեմատվել են այնպես, ինչպես նա դրանք հրապարակել է ստուգված { $audited } չափի համար
cli-audit-node-equal = հանգույցի ցուցանիշները { $size } չափի համար համընկնում են աուդիտի արդյունքների հետ (վիճակի հեշ, վիճակագրություն, մնացորդներ, փոխադրումներն ըստ կարգավիճակի)
cli-audit-node-differ = հանգույցի ցուցանիշները { $size } չափի համար․ աուդիտի արդյունքներից { $count } տարբերություն
cli-audit-entries-replayed = վերարտադրված գրառումներ՝ { $count }
cli-audit-movements-by-status = փոխադրումներն ըստ կարգավիճակի․
cli-audit-fees-assessed = հաշվարկված վճարներ․
cli-audit-balances = մնացորդներ․
cli-audit-open-incidents = բաց միջադեպեր՝ { $count }
cli-audit-incident = { $mrn } №{ $number } { $kind } (բացման գրառումը՝ { $entry })
cli-audit-state-digest = վիճակի հեշ՝ { $digest }
cli-receipt-ok = կարգին է․ { $index } գրառումը { $origin } մատյանում է, չափը՝ { $size }, հաստատել են՝ { $names }
cli-receipt-none = անդորրագիր չկա․ { $status }․ { $message }
cli-receipt-written = { $index } գրառման անդորրագիրը գրված է { $path } ֆայլում

## Հանգույց և վկա
cli-serve-serving = հանգույցն աշխատում է { $url } հասցեով
cli-serve-dashboard = վահանակ՝ { $url }
cli-serve-postgres-store = PostgreSQL տվյալների բազայի
cli-serve-following-at-start = հետևորդ․ { $store } վրա արդեն առաջատարն այլ հանգույց է․ այս մեկը պատասխանում է ընթերցման հարցումներին, գրման հարցումները փոխանցում է նրան և կզբաղեցնի նրա տեղը, եթե այն կանգ առնի
cli-serve-leading = առաջատար․ այժմ մատյանը վարում է այս հանգույցը
cli-serve-following = հետևորդ․ այժմ առաջատարն այլ հանգույց է, գրման հարցումները փոխանցվում են նրան
cli-witness-listening = լսում է { $address } հասցեով
cli-witness-serving = { $vkey } վկան լսում է { $address } հասցեով

## Առարկայական ոլորտի արժեքները բառերով (փոխադրումների դասը և աշխատակցի դերը՝
## անցակետի տերմինալի բառերով, զննման արդյունքը՝ առաքելության հաշվետվության բառերով)
cli-money-minor-units = { $amount } { $currency } (նվազագույն միավորներով)
cli-status-declared = հայտարարագրված
cli-status-accepted = ընդունված
cli-status-at-post = անցակետում
cli-status-in-transit = ճանապարհին
cli-status-at-destination = նպատակակետում
cli-status-discharged = ավարտված
cli-status-cancelled = չեղարկված
cli-status-refused = մերժված
cli-status-returned = վերադարձված
cli-status-seized = առգրավված
cli-status-recovered = փակված գանձմամբ
cli-lane-green = կանաչ
cli-lane-yellow = դեղին
cli-lane-red = կարմիր
cli-lane-pending = սպասում է վիճակահանության
cli-seal-intact = անվնաս
cli-seal-broken = վնասված
cli-seal-mismatch = չեն համընկնում
cli-incident-deviation = շեղում երթուղուց
cli-incident-seal-broken = կնիքները վնասված են
cli-incident-transshipment = վերաբեռնում
cli-incident-accident = վթար
cli-incident-imminent-danger = անմիջական վտանգ
cli-incident-other = այլ
cli-incident-overdue = ժամկետանց
cli-party-host-state = ընդունող պետություն
cli-party-transiting-state = տարանցող պետություն
cli-party-monitoring-mission = դիտորդական առաքելություն
cli-party-other = այլ կողմ

## passage movement
cli-movement-declared-as = փոխադրող՝ { $carrier }  երթուղի՝ { $route }  { $class }  { $mass } կգ
cli-movement-declared = հայտարարագրված է { $time }
cli-movement-deadline = ժամկետ՝ { $time }
cli-movement-overdue = ԺԱՄԿԵՏԱՆՑ
cli-movement-at = { $post } անցակետում
cli-movement-fee = վճար՝ { $fee }
cli-movement-equipment = միավորներ՝ { $equipment }
cli-movement-arrived = ժամանել է { $time }
cli-movement-released = բաց է թողնվել { $time }
cli-movement-departed = մեկնել է { $time }
cli-movement-visit = { $post }․ { $times }
cli-movement-visit-controlled = { $post } (հսկիչ)․ { $times }
cli-movement-seals = կնիքներ՝ { $condition }
cli-movement-inspected = զննում՝ { $outcome }
cli-movement-incident = միջադեպ { $number } ({ $kind }), բացվել է { $time }, բացման գրառումը՝ { $entry }
cli-movement-incident-post = { $post } անցակետում
cli-movement-incident-closed = փակման գրառումը՝ { $entry }
cli-movement-entries = գրառումներ՝ { $entries }

## passage account
cli-account-no-postings = ձևակերպումներ դեռ չկան
cli-account-balance = մնացորդ՝ { $amount }
cli-account-entry = գրառում { $index }
cli-account-more = հաջորդը՝ --after { $cursor }

## passage charter show, passage regime show և list
cli-charter-mrn-country = MRN-ները տրվում են { $country } կոդով
cli-charter-party = կողմ { $party } ({ $kind })․ { $name }
cli-charter-roles = դերեր՝ { $roles }
cli-charter-authority-key = լիազորության բանալի { $key }
cli-charter-party-witness = վկա { $name } ({ $party })․ { $key }
cli-charter-witness = վկա { $name }․ { $key }
cli-charter-quorum = ռեժիմի փոփոխության քվորում՝ { $count } կողմ, որոնք էլ լինեն
cli-charter-quorum-including = ռեժիմի փոփոխության քվորում՝ { $count } կողմ, այդ թվում՝ { $parties }
cli-charter-corridor = միջանցք՝ { $name } ({ $posts } անցակետ, { $routes } երթուղի)
cli-charter-first-regime = առաջին ռեժիմ՝ { $name }
cli-regime-since = գործում է { $entry } գրառումից
cli-regime-traffic-classes = փոխադրումների դասեր՝ { $classes }
cli-regime-controlled-posts = հսկիչ անցակետեր՝ { $posts }
cli-regime-no-proposals = ռեժիմի առաջարկներ չկան
cli-regime-too-many-pages = հանգույցը թվարկում է ռեժիմի առաջարկների ավելի քան { $most } էջ
cli-proposal-in-force = գործում է
cli-proposal-was-in-force = գործել է
cli-proposal-adopted = ընդունված է, դեռ չի գործում
cli-proposal-pending = սպասում է հաստատման
cli-proposal-on-adoption = ընդունման պահից
cli-proposal-line = գրառում { $entry }․ { $name } ({ $status })․ հաստատել են՝ { $approvals }․ ուժի մեջ է մտնում՝ { $effective }․ փաստաթղթի sha256՝ { $sha256 }
cli-proposal-effective-on-approval = հենց որ քվորումը հաստատի
cli-proposal-effective-from = { $time }-ից, կամ հաստատման պահից, եթե քվորումը հաստատի ավելի ուշ
cli-proposal-shown = ռեժիմն առաջարկվել է { $entry } գրառման մեջ ({ $time }) { $key } բանալիով, ուժի մեջ է մտնում { $effective }․ դրա փաստաթուղթը՝

## passage report
cli-report-title = { $day }-ի հաշվետվություն․ { $status }
cli-report-title-signed = { $day }-ի հաշվետվություն․ { $status } (գրառում { $entry })
cli-report-status-open = օրը դեռ չի ավարտվել
cli-report-status-to-sign = սպասում է ստորագրման
cli-report-status-signed = ստորագրված է
cli-report-status-forgotten = չի ստորագրվել և կորսված է
cli-report-corridor = միջանցք
cli-report-not-to-sign = { $day }-ի հաշվետվություն․ { $status }․ կարելի է ստորագրել միայն ավարտված և դեռ չստորագրված օրը
cli-report-needs-narrative = --sign-ի համար անհրաժեշտ է --narrative FILE
cli-report-unknown-figure = հանգույցը նշում է ցուցանիշ, որն այս հրամանը չգիտի՝ `{ $figure }`
cli-report-written = { $day }-ի հաշվետվությունը ({ $language }) գրված է { $path } ֆայլում

## passage witness evidence և cosign
cli-witness-evidence = №{ $id } { $origin }, { $time }․ { $reason } (հաստատված չափը՝ { $size }, արմատը՝ { $root })
cli-witness-no-evidence = ապացույցներ չկան
cli-witness-opening-state = վկայի վիճակի բացում՝ { $path }
cli-witness-not-a-vrf-key = { $path } ֆայլում VRF բանալի չկա (64 տասնվեցական թվանշան)
cli-witness-bad-name = վկայի անունը դատարկ չէ, առանց բացատների և `+`-ի
cli-witness-reading-evidence = ապացույցների ընթերցում՝ { $path }
cli-witness-bad-cursor = ապացույցների սեփական ցանկը տվել է կուրսոր, որը թիվ չէ
cli-cosign-cosigned = { $name }․ հաստատել է
cli-cosign-refused = { $name }․ մերժել է { $status }․ { $reason }
cli-cosign-unreachable = { $name }․ անհասանելի է․ { $reason }
cli-cosign-no-url = { $name }․ քաղաքականության մեջ URL չկա
cli-cosign-published = կարգին է․ քաղաքականության քվորումն առկա է․ { $path } ֆայլում հաստատված ստուգման կետն է
cli-cosign-not-published = չի հրապարակվել․ { $reason }
cli-log-no-checkpoint = { $path } պանակում ստուգման կետ չկա

## passage demo
cli-demo-serving = Passage հանգույցն աշխատում է { $url } հասցեով  (տվյալները՝ { $data })
cli-demo-try = փորձեք՝ { $commands }
cli-demo-policy-written = վստահության քաղաքականությունը գրված է { $path } ֆայլում․ աշխատող ցուցադրությունն ստուգելու համար՝
cli-demo-final = ամփոփում՝ { $summary }
cli-demo-summary = գրառումներ { $entries }  ստուգման կետ { $checkpoint }  ավարտված { $completed }  փոխադրումներ [{ $movements }]  վճարներ [{ $fees }]  վճարված [{ $paid }]  բաց միջադեպեր { $incidents }
cli-demo-witness = վկա { $name }՝ { $url } հասցեով
cli-demo-continuing = տվյալների պանակի մատյանը շարունակվում է
cli-demo-charter-adopted = կանոնադրությունն ընդունված է՝ { $name } (ընդունող պետություն, տարանցող պետություն, դիտորդական առաքելություն)
cli-demo-enrolled = գրանցված է { $officers } աշխատակից և { $carriers } փոխադրող․ գործող ռեժիմ՝ { $regime }
cli-demo-report-signed = առաքելությունը ստորագրել է իր { $day }-ի հաշվետվությունը
cli-demo-concurrency = --concurrency-ն 1-ից { $most } է
cli-demo-witnesses = --witnesses-ը 0 կամ 3 վկա է (մեկական կանոնադրության յուրաքանչյուր կողմի համար), ոչ թե { $count }
cli-demo-refused = { $kind }, ստորագրող՝ { $signer }․ մերժված է․ { $message } ({ $code })
cli-demo-draw-pending = { $mrn }-ի ուղիները { $post } անցակետում դեռ սպասում են կողմերի վիճակահանությանը
cli-demo-no-visit = { $mrn }-ը ոչ մի անցակետ չի ժամանել
cli-demo-no-route = հայտարարագրի երթուղին միջանցքում չկա
cli-demo-no-mrn = հայտարարագրին հանգույցի պատասխանը MRN չի նշում
cli-demo-nobody-for = երթուղու ոչ մի աշխատակից չի կարող գրանցել `{ $act }`
cli-demo-no-officer = ոչ մի աշխատակից չի կարող գրանցել `{ $act }` { $post } անցակետում

## Ինչն է սխալ գնացել (պատճառը հետևում է համակարգի կամ գրադարանի բառերով)
cli-error-runtime = կատարման միջավայրի գործարկում
cli-error-opening = { $path }-ի բացում
cli-error-reading = { $what }-ի ընթերցում
cli-error-writing = գրում { $path }-ում
cli-error-creating = { $path }-ի ստեղծում
cli-error-syncing = { $path }-ի պահում սկավառակին
cli-error-creating-key-file = բանալու ֆայլի ստեղծում՝ { $path }
cli-error-file-too-large = { $path }-ը { $most } բայթից մեծ է
cli-error-not-utf8 = { $path }-ը UTF-8 տեքստ չէ
cli-error-reading-policy = վստահության քաղաքականության ընթերցում՝ { $path }
cli-error-not-a-vkey = `{ $text }`-ը ո՛չ vkey է, ո՛չ ընթեռնելի ֆայլ
cli-error-reading-vkey = vkey-ի ընթերցում { $path }-ից
cli-error-reading-key = բանալու ընթերցում { $path }-ից
cli-error-listening = լսում { $address } հասցեով
cli-error-bound-address = զբաղեցված հասցեի ընթերցում
cli-error-stdout = գրում ստանդարտ ելքում
cli-error-serving = սերվերի աշխատանք
cli-error-starting-node = հանգույցի գործարկում
cli-error-does-not-exist = { $path }-ը գոյություն չունի
cli-error-reading-answer = { $url }-ի պատասխանի ընթերցում
cli-error-answer-of = { $url }-ի պատասխանը
cli-error-unexpected-answer = հանգույցի պատասխանն այն չէ, ինչ սպասում է այս հրամանը
cli-error-entry-does-not-decode = { $index } գրառումը չի վերծանվում

## Իշխանության սխալները, որոնք հայտնաբերվել են մինչև ստորագրելը
cli-authority-unreadable = { $file }․ չի կարդացվում․ { $reason }
cli-authority-too-large = { $file }․ { $bytes } բայթ․ կանոնադրության կամ ռեժիմի փաստաթուղթը առավելագույնը { $most } բայթ է
cli-authority-signer-not-in-charter = ստորագրողի { $key } բանալին կանոնադրության ոչ մի կողմի լիազորության բանալի չէ․ ստորագրեք կանոնադրությունը նրա `authority_keys`-ում թվարկված բանալիներից մեկով
cli-authority-not-a-public-key = { $field }․ `{ $text }`-ը բաց բանալի չէ (64 տասնվեցական թվանշան, ինչպես տպում են `passage keys signer`-ը կամ `passage keys show`-ն)
cli-authority-too-many-posts = --post․ { $count } անցակետ․ աշխատակիցը գրանցվում է առավելագույնը { $most } անցակետում
cli-authority-post-twice = --post․ `{ $post }` անցակետը տրված է երկու անգամ
cli-authority-carrier-name = --name․ փոխադրողի անունը 1-ից { $most } բայթ է, ոչ թե { $bytes }
cli-authority-guarantor-name = --name․ երաշխավորի անունը 1-ից { $most } բայթ է, ոչ թե { $bytes }
cli-authority-bad-time = { $field }․ `{ $text }`-ը UTC ժամանակ չէ․ գրեք 2027-03-01 կամ 2027-03-01T06:00Z
cli-authority-not-the-charter = գրառում { $index }․ պարունակում է `{ $found }`, ոչ թե կանոնադրությունը
cli-authority-not-a-proposal = գրառում { $index }․ պարունակում է `{ $found }`, ոչ թե ռեժիմի առաջարկ
cli-authority-node-entry-zero = հանգույցի 0 գրառումը
cli-authority-charter-from-parts = կանոնադրությունը { $header }, { $corridor } և { $regime } ֆայլերից
cli-authority-give-the-charter = տվեք կանոնադրությունը --file FILE-ով կամ --header, --corridor և --regime ֆայլերով (վերնագիր, միջանցք և ռեժիմ)
cli-authority-no-such-witness = կանոնադրությունը `{ $name }` անունով վկա չի նշում
cli-authority-no-policy = կանոնադրության վկաներից վստահության քաղաքականություն չի կազմվում

## passage audit․ ընթացքը և հանգույցի ցուցանիշների յուրաքանչյուր տարբերություն աուդիտից
cli-audit-progress = գրառումներ { $position }/{ $length } ({ $rate }, մնաց { $left })
cli-audit-reading-figures = { $url } հանգույցի ցուցանիշների ընթերցում
cli-audit-answer-statistics = վիճակագրություն
cli-audit-answer-balances = մնացորդներ
cli-audit-answer-movements = փոխադրումներ
cli-audit-differs-size = { $answer }․ հանգույցը պատասխանում է { $size } չափի համար, աուդիտը խնդրել էր { $audited } չափը
cli-audit-differs-no-size = { $answer }․ հանգույցը չափ չի նշում, աուդիտը խնդրել էր { $audited } չափը
cli-audit-differs-digest = վիճակի հեշ․ հանգույցը նշում է { $node }, մատյանը տալիս է { $log }
cli-audit-differs-no-digest = վիճակի հեշ․ հանգույցն այն չի հրապարակել, մատյանը տալիս է { $log }
cli-audit-differs-movements = փոխադրումներ, { $status }․ հանգույցը նշում է { $node }, մատյանը տալիս է { $log }
cli-audit-differs-fees = վճարներ․ հանգույցը նշում է { $node }, մատյանը տալիս է { $log }
cli-audit-differs-payments = վճարումներ․ հանգույցը նշում է { $node }, մատյանը տալիս է { $log }
cli-audit-differs-at-post = փոխադրումներ { $post } անցակետում․ հանգույցը նշում է { $node }, մատյանը տալիս է { $log }
cli-audit-differs-balance = մնացորդ { $account }․ հանգույցը նշում է { $node }, մատյանը տալիս է { $log }
cli-audit-differs-open-incidents = բաց միջադեպեր․ հանգույցը նշում է { $node }, մատյանը տալիս է { $log }
cli-audit-differs-listed-twice = փոխադրում { $mrn }․ հանգույցն այն թվարկում է մեկից ավելի անգամ
cli-audit-differs-not-in-log = փոխադրում { $mrn }․ հանգույցն այն թվարկում է «{ $status }» կարգավիճակով, բայց մատյանում այն չկա
cli-audit-differs-status = փոխադրում { $mrn }․ հանգույցի մոտ կարգավիճակը «{ $node }» է, մատյանը տալիս է «{ $log }»
cli-audit-differs-last-entry = փոխադրում { $mrn }․ ըստ հանգույցի՝ այն վերջին անգամ փոխել է { $node } գրառումը, մատյանը տալիս է { $log } գրառումը
cli-audit-differs-beyond-log = փոխադրում { $mrn }․ ըստ հանգույցի՝ այն փոխել է { $entry } գրառումը, որը դուրս է նրա { $size } գրառումից բաղկացած մատյանից
cli-audit-differs-not-listed = փոխադրում { $mrn }․ մատյանում «{ $status }» կարգավիճակով է, հանգույցն այն չի թվարկում

## Ֆայլեր, բանալիներ և արգումենտներ, որոնք կարդում է հրամանը
cli-in-file = { $path } ֆայլում
cli-file-too-large = { $path }․ { $bytes } բայթ․ կարդացվում է առավելագույնը { $most }
cli-attachment-too-large = { $path }․ { $bytes } բայթ․ կցորդը կարող է լինել առավելագույնը { $most }
cli-error-renaming = վերանվանում { $path }-ի
cli-error-sending = ուղարկում { $url } հասցեին
cli-error-http-client = HTTP հաճախորդի ստեղծում
cli-encoding-statement = հայտարարության կոդավորում
cli-key-reading-file = բանալու ֆայլի ընթերցում՝ { $path }
cli-key-no-signer-key = { $path } ֆայլում ստորագրողի բանալի չկա (64 տասնվեցական թվանշանից բաղկացած մեկ տող․ այն ստեղծում է `passage keys signer`-ը)
cli-key-no-signing-key = { $path } ֆայլում ստորագրման բանալի չկա
cli-key-exists = { $path }-ն արդեն կա․ բանալին չի վերագրվում
cli-key-required = անհրաժեշտ է --key՝ ստորագրողի բանալու ֆայլը (կամ PASSAGE_KEY․ այն ստեղծում է `passage keys signer`-ը)
cli-not-one-of = { $field }․ `{ $text }`-ը { $known } արժեքներից չէ
cli-amount-malformed = `{ $text }` գումար․ գրեք հիմնական միավորներով, կետից հետո առավելագույնը { $digits } նիշ, օրինակ՝ 1250.50
cli-amount-too-large = `{ $text }` գումարը չափազանց մեծ է
cli-amount-not-positive = `{ $text }` գումար․ վճարումը կամ վերադարձը դրական է
cli-mandate-ends = --ends `{ $text }`․ գրեք ՏՏՏՏ-ԱԱ-ՕՕ կամ ՏՏՏՏ-ԱԱ-ՕՕTԺԺ:ՐՐZ (YYYY-MM-DD կամ YYYY-MM-DDTHH:MMZ)
cli-decide-fee-needs-currency = վճարի ուղղման համար անհրաժեշտ են --fee և --currency
cli-place-segment = `{ $segment }` հատված․ գրեք FROM:TO, օրինակ՝ AM-MEGHRI-E:AM-AGARAK-X
cli-place-segment-start = հատվածի սկիզբը
cli-place-segment-end = հատվածի վերջը
cli-place-needs-position = հատվածի համար անհրաժեշտ է --position-m
cli-place-where = նշեք, թե որտեղ է դա տեղի ունեցել՝ անցակետում (--post) կամ հատվածում (--segment և --position-m)
cli-submit-too-many-files = միանգամից առավելագույնը { $most } ֆայլ, ոչ թե { $count }
cli-submit-wrong-outcomes = { $url }-ը { $count } հայտարարության համար տվել է { $outcomes } արդյունք

## Հայտարարագիր՝ ֆայլից կամ դրոշներից
cli-declaration-required-without-file = առանց --file-ի անհրաժեշտ է { $flag }
cli-declaration-equipment-flag = --equipment `{ $text }`․ գրեք KIND:ID[:SIZE][:SEALS] (տեսակ, համար, չափ, կնիքներ)
cli-declaration-goods-flag = --goods `{ $text }`․ գրեք EQUIPMENT_ID:HS_EDITION:HS_CODE:GROSS_KG:ORIGIN
cli-declaration-goods-mass = --goods `{ $text }`․ համախառն զանգվածը՝ `{ $mass }`, կգ-ով
cli-declaration-equipment-id = `{ $text }` միավոր․ գրեք KIND:ID, օրինակ՝ container:PSGU0000010
cli-declaration-equipment-kind = `{ $kind }` միավորի տեսակը container, uic_wagon, wagon_1520, truck, trailer արժեքներից չէ
cli-declaration-route = երթուղի (`route`)
cli-declaration-no-equipment = equipment․ հայտարարագիրը նշում է առնվազն մեկ միավոր
cli-declaration-equipment = միավոր { $position }
cli-declaration-equipment-size = միավոր { $position }-ի չափը
cli-declaration-container-size = միավոր { $position } ({ $id })․ բեռնարկղի համար անհրաժեշտ է չափը (20ft, 40ft, 45ft)
cli-declaration-not-a-container = միավոր { $position } ({ $id })․ չափ ունեն միայն բեռնարկղերը
cli-declaration-equipment-seal = միավոր { $position }-ի կնիքը
cli-declaration-goods-equipment = ապրանք { $position }․ այս հայտարարագրում `{ $equipment }` միավոր չկա
cli-declaration-goods-hs-code = ապրանք { $position }-ի ԱՏԳ ԱԱ ծածկագիրը (`hs_code`)
cli-declaration-goods-origin = ապրանք { $position }-ի ծագումը (`origin`)
cli-declaration-guarantee = երաշխիք (`guarantee`)
cli-declaration-holder = ընթացակարգի կրող (`holder`)
cli-declaration-particulars-without-holder = փոխադրման փաստաթղթերը և վարորդը հայտարարագրվում են ընթացակարգի կրողի հետ միասին
cli-declaration-document-kind = փոխադրման փաստաթուղթ { $position }-ի տեսակը
cli-declaration-document-number = փոխադրման փաստաթուղթ { $position }-ի համարը

## passage serve․ կազմաձևումը
cli-config-reading = կազմաձևման ֆայլի ընթերցում՝ { $path }
cli-config-too-large = { $path }․ { $bytes } բայթ․ կազմաձևումը առավելագույնը { $most } բայթ է
cli-config-listen = listen․ `{ $text }`-ը 127.0.0.1:8080-ի նման հասցե չէ ({ $reason })
cli-config-log-key-required = անհրաժեշտ է log_key՝ մատյանի բանալին․ տվեք --log-key, PASSAGE_LOG_KEY կամ կազմաձևման ֆայլում `log_key` (այն ստեղծում է `passage keys generate`-ը)
cli-config-charter-sha256-required = անհրաժեշտ է charter_sha256․ տվեք --charter-sha256, PASSAGE_CHARTER_SHA256 կամ կազմաձևման ֆայլում `charter_sha256` (`passage charter hash`-ը այն տպում է կողմերի համաձայնեցրած կանոնադրության համար)
cli-config-field-value = { $field }․ `{ $text }`
cli-config-range = { $field }-ը { $least }-ից { $most } է, ոչ թե { $value }
cli-config-postgres-url-empty = postgres_url-ը դատարկ է․ տվեք postgres://user@host/db-ի նման URL
cli-config-postgres-schema = postgres_schema․ `{ $schema }`-ը սխեմայի անուն չէ (լատինական փոքրատառեր, թվանշաններ և `_`, ոչ թվանշանով սկսվող)
cli-config-database-empty = database-ը դատարկ է․ տվեք SQLite ֆայլի ուղին
cli-config-base-url = { $field }․ `{ $url }`-ը http://10.0.0.5:8080-ի նման հիմնական URL չէ
cli-config-snapshot-interval = snapshot_interval_entries-ը առնվազն 1 է (գրառումներ պատկերների միջև)
cli-config-database-folder = database․ { $path }-ի ստեղծում
cli-config-not-sha256 = SHA-256 չէ․ սպասվում է 64 տասնվեցական թվանշան

## passage log
cli-log-no-key-name = չհաջողվեց բանալու ֆայլ անվանել { $path }-ի կողքին․ տվեք --key
cli-log-key-not-ed25519 = մատյանի բանալին Ed25519 բանալի է
cli-log-not-empty = { $path }-ն արդեն կա և դատարկ չէ
cli-log-bad-origin = ծագումը բանալու անունն է․ դատարկ չէ, առանց բացատների և `+`-ի
cli-log-created = դատարկ մատյան է ստեղծվել { $path }-ում․ բանալին՝ { $key }
cli-log-signing-checkpoint = ստուգման կետի ստորագրում
cli-log-checking = { $path }-ի ստուգում
cli-log-reading-stdin = ստանդարտ մուտքի ընթերցում
cli-log-input-too-large = մուտքը { $most } բայթից մեծ է
cli-log-locking = { $path }-ի կողպում
cli-log-resuming = շարունակում պանակի աջ եզրից
cli-log-right-edge-mismatch = պանակի աջ եզրի սալիկները չեն համընկնում նրա ստուգման կետի հետ
cli-log-appending = ավելացում
cli-log-appended = ավելացվել են { $from }..{ $to } գրառումները ({ $count } գրառում)
cli-log-proving = { $index } գրառման ապացուցում
cli-log-proving-consistency = համաձայնության ապացուցում { $size } չափից
cli-log-give-index = տվեք --index կամ --old-size
cli-log-no-such-entry = { $index } գրառումը { $size } գրառումից բաղկացած մատյանում չկա
cli-log-give-vkey = տվեք --vkey կամ --policy
cli-log-receipt-ok = կարգին է․ { $index } գրառումը { $origin }-ում է ծառի { $size } չափի դեպքում ({ $count } հաստատող ստորագրություն)
cli-log-verified = կարգին է․ { $origin }, չափը՝ { $size }, արմատը՝ { $root }․ սալիկների և փաթեթների { $count } ֆայլ համընկնում է
cli-log-problem = խնդիր․ { $problem }
cli-log-problems = մերժված է․ { $count } խնդիր
cli-log-problem-root = գրառումները տալիս են { $root } արմատը, իսկ ստուգման կետը՝ { $checkpoint }
cli-log-problem-not-a-tile = { $path }․ սալիկի ուղի չէ ({ $reason })
cli-log-problem-hashes = { $path }․ հեշերը տարբերվում են գրառումներից
cli-log-problem-beyond = { $path }․ ստուգման կետի ծառից դուրս է
cli-log-problem-entries = { $path }․ գրառումները տարբերվում են ամբողջական փաթեթից
cli-log-problem-missing = { $path }․ բացակայում է

## passage receipt և passage payloads
cli-receipt-not-a-receipt = { $url }-ը անդորրագիր չի տվել
cli-receipt-reading = անդորրագրի ընթերցում՝ { $path }
cli-receipt-no-entry = անդորրագրում գրառում չկա․ տվեք --entry
cli-payloads-not-an-mrn = `{ $text }`-ը MRN չէ
cli-payloads-key-required = անհրաժեշտ է --key՝ ընթերցողի բանալու ֆայլը (կամ PASSAGE_KEY)՝ գրանցված աշխատակցի կամ այս փոխադրման փոխադրողի
cli-payloads-policy-required = անհրաժեշտ է --policy՝ վստահության քաղաքականության ֆայլը (կամ PASSAGE_POLICY), որին պետք է համապատասխանեն մատյանի ստուգման կետերը, որպեսզի բոլոր տվյալները ստուգվեն մատյանով, ոչ թե հանգույցով
cli-payloads-logs = վստահության քաղաքականությունը նշում է { $count } մատյան․ տվյալները կարդացվում են մեկից
cli-payloads-cursor-repeated = հանգույցը կրկնել է `{ $cursor }` կուրսորը
cli-payloads-too-many-pages = հանգույցից { $mrn } փոխադրման տվյալները գերազանցել են { $most } էջը
cli-payloads-not-proved = { $index } գրառումը մատյանում ապացուցված չէ․ { $reason }
cli-payloads-no-receipt = { $url }-ից անդորրագիր չկա․ { $status }․ { $answer }
cli-payloads-receipt-of-another = անդորրագիրը { $index } գրառման համար է
cli-payloads-receipt-no-entry = անդորրագրում գրառում չկա
cli-payloads-receipt-does-not-verify = անդորրագիրը չի անցնում ստուգումը վստահության քաղաքականությամբ
cli-payloads-entry-does-not-decode = մատյանի գրառումը չի վերծանվում
cli-payloads-statement-does-not-decode = մատյանի հայտարարությունը չի վերծանվում
cli-payloads-which = գրառում { $index }, տվյալներ `{ $field }`
cli-payloads-no-such-commitment = մատյանի հայտարարությունը նման պարտավորություն չունի
cli-payloads-other-commitment = հանգույցը տալիս է { $node } պարտավորությունը, իսկ մատյանի հայտարարությունը պարտավորվում է { $log }
cli-payloads-bad-salt = աղը 32 բայթի base64 չէ
cli-payloads-not-base64 = base64 չէ
cli-payloads-does-not-open = տվյալները չեն բացում մատյանի հայտարարության պարտավորությունը
cli-payloads-heading = { $mrn }․ տվյալներ՝ { $count }, գրառումներ՝ { $entries }

## passage simulate
cli-simulate-scenario-required = անհրաժեշտ է սցենարի ֆայլ
cli-simulate-replications = --replications (կրկնությունների թիվը) 1-ից { $most } է
cli-simulate-threads = աշխատանքային հոսքերի գործարկում
cli-simulate-progress = կրկնություններ { $position }/{ $length }, { $elapsed } (մնաց { $left })
cli-simulate-no-core = { $label }․ չի աշխատում առարկայական ոլորտի միջուկով (կամ տվեք --model-only)
cli-simulate-wrote = գրված է { $path }-ում
cli-simulate-too-many-scenarios = մեկ հաշվետվությունում համեմատվում է առավելագույնը { $most } սցենար
cli-simulate-other-demand = զգուշացում․ { $path }-ի պահանջարկը տարբեր է { $first }-ի պահանջարկից․ համեմատությունը խառնում է ռեժիմն ու պահանջարկը
cli-search-no-base = տարածությանը անհրաժեշտ է [base] սցենար
cli-search-searching = որոնում { $path }-ում
cli-sweep-set = --set-ն ընդունում է PATH=V1,V2,...
cli-sweep-values = --set-ին անհրաժեշտ է 1-ից { $most } արժեք, ստացվել է { $count }
cli-sweep-not-a-path = `{ $path }`-ը class.truck.contraband_share-ի նման պարամետրի ուղի չէ
cli-sweep-setting = { $path }-ի սահմանում
cli-sweep-with = երբ { $path } = { $value }
cli-sweep-of = { $path }-ի արժեքների անցում { $scenario }-ում
cli-sweep-empty-path = պարամետրի դատարկ ուղի
cli-sweep-no-key = այստեղ `{ $key }` չկա
cli-sweep-no-item = `{ $key }` անունով տարր չկա (և այդ դիրքում էլ չկա)
cli-sweep-inside-value = `{ $key }`-ը արժեքի ներսում է, ոչ թե աղյուսակի
cli-chart-drawing = գծապատկերի նկարում
cli-chart-font = գծապատկերների ներկառուցված տառատեսակը չի բեռնվում
cli-search-progress-name = { $name } որոնում․ { $count } տարբերակ
cli-search-progress = { $count } կրկնություն, { $elapsed }
