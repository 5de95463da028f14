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
cli-demo-observation-read-back = դիտորդը ստորագրված հարցմամբ ետ կարդաց { $entry } գրառման դիտարկումը՝ մանրամասները և { $count } կցորդ, { $bytes } բայթ, և յուրաքանչյուրը բացում է մատյանում իր պարտավորությունը
