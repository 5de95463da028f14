# What the `passage` command prints for a person to read. Its machine output (`--json`,
# statement files, policies, receipts) is not text and is not translated. A refusal the
# node gives by code is told in the words of terminal.ftl (`terminal-refusal-*`).

## Common words
cli-none = none

## Reaching the node
cli-node-from-command-line = given on the command line
cli-node-from-environment = from { $variable }
cli-node-from-file = from { $path }
cli-node-from-default = the default: no --node, no PASSAGE_NODE, no configuration file
cli-node-unreachable = could not connect to the node at { $address } ({ $source }): { $reason }. Is it running there? Name the node with --node URL, the { $variable } variable, or `advertise` or `listen` in { $file } (or the file { $config_variable } names)
cli-node-unreachable-unnamed = could not connect to the node at { $address }: { $reason }. Is it running there? Name the node with --node URL, the { $variable } variable, or `advertise` or `listen` in { $file } (or the file { $config_variable } names)
cli-node-listens-on-port-zero = it listens on port 0 (a port picked at start), which a client cannot know: name the node with --node URL or PASSAGE_NODE, or set `advertise` in the file
cli-node-config-names-no-node = { $path } names no node for the client commands
cli-node-listen-unreadable = `listen = "{ $listen }"` is not an address and port

## Statements sent to the node (declare, amend, record, submit, and the authorities' acts)
cli-sent-duplicate = already in the log at entry { $index } (submitted before; nothing changed)
cli-sent-declared = declared { $mrn } at entry { $index }
cli-sent-entry = entry { $index }: { $events }
cli-sent-saved = signed and saved to { $path } (send it with `passage submit`)
cli-refused = refused ({ $code }): { $message }
cli-refused-explained = refused ({ $code }): { $explanation } The node says: { $message }
cli-failed = { $message } ({ $code })
cli-failed-explained = { $explanation } The node says: { $message } ({ $code })
cli-salts-not-kept = note: the commitments' salts are not kept (give --openings FILE to keep them)

## Accounts
cli-no-such-account = no account `{ $account }` has any posting; accounts are named with their kind, as carrier:ARAZ-TRUCKS, and `passage account` lists them all
cli-no-such-account-suggestions = no account `{ $account }` has any posting; did you mean { $suggestions }?

## Audit and receipts
cli-audit-ok = ok: { $origin } at size { $size }, root { $root }; entries { $from }..{ $size } checked, { $tiles } tiles compared
cli-audit-cosigned-by = cosigned by: { $names }
cli-audit-refused = refused: { $reason }
cli-audit-log-url-hint = hint: a node serves its log under /log: passage audit { $url }/log --policy FILE
cli-audit-size-note = note: the node has published up to size { $published }; its figures were compared as it published them at the audited size { $audited }
cli-audit-node-equal = node figures at size { $size }: equal to the audit's (state digest, statistics, balances, movements by status)
cli-audit-node-differ = node figures at size { $size }: { $count ->
    [one] { $count } difference from the audit's
   *[other] { $count } differences from the audit's
}
cli-audit-entries-replayed = entries replayed: { $count }
cli-audit-movements-by-status = movements by status:
cli-audit-fees-assessed = fees assessed:
cli-audit-balances = balances:
cli-audit-open-incidents = open incidents: { $count }
cli-audit-incident = { $mrn } #{ $number } { $kind } (opened at entry { $entry })
cli-audit-state-digest = state digest: { $digest }
cli-receipt-ok = ok: entry { $index } is in { $origin } at size { $size }, cosigned by { $names }
cli-receipt-none = no receipt: { $status }: { $message }
cli-receipt-written = receipt of entry { $index } written to { $path }

## Running a node or a witness
cli-serve-serving = serving { $url }
cli-serve-dashboard = dashboard at { $url }
cli-serve-postgres-store = the PostgreSQL database
cli-serve-following-at-start = following: another node already leads on { $store }; this one serves reads, forwards writes to it and takes over if it stops
cli-serve-leading = leading: this node now sequences
cli-serve-following = following: another node leads now; writes are forwarded to it
cli-witness-listening = listening on { $address }
cli-witness-serving = witness { $vkey } listening on { $address }

## The domain's values in words (a traffic class and an officer's role are the post
## terminal's words, an inspection's outcome the mission report's)
cli-money-minor-units = { $amount } { $currency } (minor units)
cli-status-declared = declared
cli-status-accepted = accepted
cli-status-at-post = at a post
cli-status-in-transit = in transit
cli-status-at-destination = at its destination
cli-status-discharged = discharged
cli-status-cancelled = cancelled
cli-status-refused = refused
cli-status-returned = returned
cli-status-seized = seized
cli-status-recovered = ended in recovery
cli-lane-green = green
cli-lane-yellow = yellow
cli-lane-red = red
cli-lane-pending = pending
cli-seal-intact = intact
cli-seal-broken = broken
cli-seal-mismatch = mismatch
cli-incident-deviation = deviation from the route
cli-incident-seal-broken = seals broken
cli-incident-transshipment = transshipment
cli-incident-accident = accident
cli-incident-imminent-danger = imminent danger
cli-incident-other = other
cli-incident-overdue = overdue
cli-party-host-state = host state
cli-party-transiting-state = transiting state
cli-party-monitoring-mission = monitoring mission
cli-party-other = other party

## passage movement
cli-movement-declared-as = carrier { $carrier }  route { $route }  { $class }  { $mass } kg
cli-movement-declared = declared { $time }
cli-movement-deadline = deadline { $time }
cli-movement-overdue = OVERDUE
cli-movement-at = at { $post }
cli-movement-fee = fee { $fee }
cli-movement-equipment = equipment: { $equipment }
cli-movement-arrived = arrived { $time }
cli-movement-released = released { $time }
cli-movement-departed = departed { $time }
cli-movement-visit = { $post }: { $times }
cli-movement-visit-controlled = { $post } (controlled): { $times }
cli-movement-seals = seals { $condition }
cli-movement-inspected = inspected: { $outcome }
cli-movement-incident = incident { $number } ({ $kind }), opened { $time } by entry { $entry }
cli-movement-incident-post = at { $post }
cli-movement-incident-closed = closed by entry { $entry }
cli-movement-entries = entries: { $entries }

## passage account
cli-account-no-postings = no postings yet
cli-account-balance = balance { $amount }
cli-account-entry = entry { $index }
cli-account-more = more: --after { $cursor }

## passage charter show, passage regime show and list
cli-charter-mrn-country = MRNs under { $country }
cli-charter-party = party { $party } ({ $kind }): { $name }
cli-charter-roles = roles: { $roles }
cli-charter-authority-key = authority key { $key }
cli-charter-party-witness = witness { $name } ({ $party }): { $key }
cli-charter-witness = witness { $name }: { $key }
cli-charter-quorum = quorum for a regime change: { $count ->
    [one] one party
   *[other] { $count } parties
}, whichever they are
cli-charter-quorum-including = quorum for a regime change: { $count ->
    [one] one party
   *[other] { $count } parties
}, including { $parties }
cli-charter-corridor = corridor: { $name } ({ $posts ->
    [one] one post
   *[other] { $posts } posts
}, { $routes ->
    [one] one route
   *[other] { $routes } routes
})
cli-charter-first-regime = first regime: { $name }
cli-regime-since = in force since entry { $entry }
cli-regime-traffic-classes = traffic classes: { $classes }
cli-regime-controlled-posts = controlled posts: { $posts }
cli-regime-no-proposals = no regime proposals
cli-regime-too-many-pages = the node lists more than { $most } pages of regime proposals
cli-proposal-in-force = in force
cli-proposal-was-in-force = was in force
cli-proposal-adopted = adopted, not yet in force
cli-proposal-pending = pending
cli-proposal-on-adoption = on adoption
cli-proposal-line = entry { $entry }: { $name } ({ $status }); approved by { $approvals }; effective { $effective }; document sha256 { $sha256 }
cli-proposal-effective-on-approval = as soon as the quorum approves
cli-proposal-effective-from = from { $time }, or on approval if the quorum approves later
cli-proposal-shown = regime proposed at entry { $entry } ({ $time }) by key { $key }, in force { $effective }; its document:

## passage report
cli-report-title = report of { $day }: { $status }
cli-report-title-signed = report of { $day }: { $status } (entry { $entry })
cli-report-status-open = open
cli-report-status-to-sign = to sign
cli-report-status-signed = signed
cli-report-status-forgotten = forgotten
cli-report-corridor = corridor
cli-report-not-to-sign = the report of { $day } is { $status }; only a day that is over and not yet signed can be signed
cli-report-needs-narrative = --sign needs --narrative FILE
cli-report-unknown-figure = the node names a figure this command does not know: `{ $figure }`
cli-report-written = report of { $day } ({ $language }) written to { $path }

## passage witness evidence and cosign
cli-witness-evidence = #{ $id } { $origin } at { $time }: { $reason } (cosigned size { $size }, root { $root })
cli-witness-no-evidence = no evidence
cli-witness-opening-state = opening the witness state { $path }
cli-witness-not-a-vrf-key = { $path } does not hold a VRF key (64 hexadecimal digits)
cli-witness-bad-name = a witness name is non-empty, without spaces or `+`
cli-witness-reading-evidence = reading the evidence in { $path }
cli-witness-bad-cursor = the evidence's own listing gave a cursor that is not a number
cli-cosign-cosigned = { $name }: cosigned
cli-cosign-refused = { $name }: refused { $status }: { $reason }
cli-cosign-unreachable = { $name }: unreachable: { $reason }
cli-cosign-no-url = { $name }: no URL in the policy
cli-cosign-published = ok: the policy's quorum is met; { $path } holds the cosigned checkpoint
cli-cosign-not-published = not published: { $reason }
cli-log-no-checkpoint = { $path } holds no checkpoint

## passage demo
cli-demo-serving = Passage node serving { $url }  (data in { $data })
cli-demo-try = try: { $commands }
cli-demo-policy-written = trust policy written to { $path }; to audit the running demo:
cli-demo-final = final: { $summary }
cli-demo-summary = entries { $entries }  checkpoint { $checkpoint }  completed { $completed }  movements [{ $movements }]  fees [{ $fees }]  paid [{ $paid }]  open incidents { $incidents }
cli-demo-witness = witness { $name } at { $url }
cli-demo-continuing = continuing the log in the data folder
cli-demo-charter-adopted = charter adopted: { $name } (host state, transiting state, monitoring mission)
cli-demo-enrolled = { $officers ->
    [one] one officer enrolled
   *[other] { $officers } officers enrolled
}, { $carriers ->
    [one] one carrier registered
   *[other] { $carriers } carriers registered
}; regime in force: { $regime }
cli-demo-report-signed = the mission signed its report of { $day }
cli-demo-concurrency = --concurrency is 1 to { $most }
cli-demo-witnesses = --witnesses is 0 or 3 (one per party of the charter), not { $count }
cli-demo-refused = { $kind } by { $signer } refused: { $message } ({ $code })
cli-demo-draw-pending = the lanes of { $mrn } at { $post } are still waiting for the parties' draw
cli-demo-no-visit = { $mrn } has no visit
cli-demo-no-route = the declaration's route is not in the corridor
cli-demo-no-mrn = the node's answer to a declaration names no MRN
cli-demo-nobody-for = no officer on the route may record `{ $act }`
cli-demo-no-officer = no officer may record `{ $act }` at { $post }

## What went wrong (the cause follows, as the system or a library words it)
cli-error-runtime = starting the runtime
cli-error-opening = opening { $path }
cli-error-reading = reading { $what }
cli-error-writing = writing { $path }
cli-error-creating = creating { $path }
cli-error-syncing = syncing { $path }
cli-error-creating-key-file = creating the key file { $path }
cli-error-file-too-large = { $path } is larger than { $most } bytes
cli-error-not-utf8 = { $path } is not UTF-8 text
cli-error-reading-policy = reading the trust policy { $path }
cli-error-not-a-vkey = `{ $text }` is neither a vkey nor a readable file
cli-error-reading-vkey = reading the vkey in { $path }
cli-error-reading-key = reading the key in { $path }
cli-error-listening = listening on { $address }
cli-error-bound-address = reading the bound address
cli-error-stdout = writing to the standard output
cli-error-serving = serving
cli-error-starting-node = starting the node
cli-error-does-not-exist = { $path } does not exist
cli-error-reading-answer = reading the answer of { $url }
cli-error-answer-of = the answer of { $url }
cli-error-unexpected-answer = the node's answer is not what this command expects
cli-error-entry-does-not-decode = entry { $index } does not decode

## An authority's mistakes, found before anything is signed
cli-authority-unreadable = { $file }: cannot be read: { $reason }
cli-authority-too-large = { $file }: { $bytes } bytes; a charter or regime document holds at most { $most }
cli-authority-signer-not-in-charter = the signer's key { $key } is not an authority key of any party of the charter; sign the charter with one of the keys listed in its `authority_keys`
cli-authority-not-a-public-key = { $field }: `{ $text }` is not a public key (64 hexadecimal digits, as `passage keys signer` or `passage keys show` print)
cli-authority-too-many-posts = --post: { $count } posts; one officer is enrolled at most at { $most }
cli-authority-post-twice = --post: `{ $post }` is given twice
cli-authority-carrier-name = --name: a carrier's name has 1 to { $most } bytes, not { $bytes }
cli-authority-guarantor-name = --name: a guarantor's name has 1 to { $most } bytes, not { $bytes }
cli-authority-bad-time = { $field }: `{ $text }` is not a UTC time; write 2027-03-01 or 2027-03-01T06:00Z
cli-authority-not-the-charter = entry { $index }: holds `{ $found }`, not the charter
cli-authority-not-a-proposal = entry { $index }: holds `{ $found }`, not a regime proposal
cli-authority-node-entry-zero = the node's entry 0
cli-authority-charter-from-parts = the charter from { $header }, { $corridor } and { $regime }
cli-authority-give-the-charter = give the charter as --file FILE, or as --header, --corridor and --regime
cli-authority-no-such-witness = the charter names no witness `{ $name }`
cli-authority-no-policy = the charter's witnesses do not make a trust policy

## passage audit: progress, and each way a node's figures differ from the audit's
cli-audit-progress = { $position }/{ $length } entries ({ $rate }, { $left } left)
cli-audit-reading-figures = reading the figures of the node { $url }
cli-audit-answer-statistics = statistics
cli-audit-answer-balances = balances
cli-audit-answer-movements = movements
cli-audit-differs-size = { $answer }: the node answers for size { $size }, the audit asked for size { $audited }
cli-audit-differs-no-size = { $answer }: the node answers for no size, the audit asked for size { $audited }
cli-audit-differs-digest = state digest: the node says { $node }, the log gives { $log }
cli-audit-differs-no-digest = state digest: the node published none, the log gives { $log }
cli-audit-differs-movements = movements { $status }: the node says { $node }, the log gives { $log }
cli-audit-differs-fees = fees: the node says { $node }, the log gives { $log }
cli-audit-differs-payments = payments: the node says { $node }, the log gives { $log }
cli-audit-differs-at-post = movements at post { $post }: the node says { $node }, the log gives { $log }
cli-audit-differs-balance = balance { $account }: the node says { $node }, the log gives { $log }
cli-audit-differs-open-incidents = open incidents: the node says { $node }, the log gives { $log }
cli-audit-differs-listed-twice = movement { $mrn }: listed more than once by the node
cli-audit-differs-not-in-log = movement { $mrn }: listed by the node under { $status }, not in the log
cli-audit-differs-status = movement { $mrn }: the node lists it under { $node }, the log gives { $log }
cli-audit-differs-last-entry = movement { $mrn }: the node says entry { $node } changed it last, the log gives entry { $log }
cli-audit-differs-beyond-log = movement { $mrn }: the node says entry { $entry } changed it, beyond its log of { $size } entries
cli-audit-differs-not-listed = movement { $mrn }: { $status } in the log, not listed by the node

## Files, keys and arguments the command reads
cli-in-file = in { $path }
cli-file-too-large = { $path } is { $bytes } bytes; the most read is { $most }
cli-attachment-too-large = { $path } is { $bytes } bytes; an attachment may have at most { $most }
cli-error-renaming = renaming to { $path }
cli-error-sending = sending to { $url }
cli-error-http-client = making the HTTP client
cli-encoding-statement = encoding the statement
cli-key-reading-file = reading the key file { $path }
cli-key-no-signer-key = { $path } holds no signer key (one line of 64 hexadecimal digits; `passage keys signer` makes one)
cli-key-no-signing-key = { $path } holds no signing key
cli-key-exists = { $path } exists; not overwriting a key
cli-key-required = --key is required: the signer's key file (or PASSAGE_KEY; `passage keys signer` makes one)
cli-not-one-of = { $field }: `{ $text }` is not one of { $known }
cli-amount-malformed = amount `{ $text }`: write major units with at most { $digits } decimals, as 1250.50
cli-amount-too-large = amount `{ $text }` is too large
cli-amount-not-positive = amount `{ $text }`: a payment or refund is positive
cli-mandate-ends = --ends `{ $text }`: write YYYY-MM-DD or YYYY-MM-DDTHH:MMZ
cli-decide-fee-needs-currency = a fee correction needs --fee and --currency
cli-place-segment = segment `{ $segment }`: write FROM:TO, as AM-MEGHRI-E:AM-AGARAK-X
cli-place-segment-start = the segment's start
cli-place-segment-end = the segment's end
cli-place-needs-position = a segment needs --position-m
cli-place-where = say where it happened: --post, or --segment with --position-m
cli-submit-too-many-files = at most { $most } files at once, not { $count }
cli-submit-wrong-outcomes = { $url } answered { $outcomes } outcomes for { $count } statements

## A declaration, from a file or from flags
cli-declaration-required-without-file = { $flag } is required without --file
cli-declaration-equipment-flag = --equipment `{ $text }`: write KIND:ID[:SIZE][:SEALS]
cli-declaration-goods-flag = --goods `{ $text }`: write EQUIPMENT_ID:HS_EDITION:HS_CODE:GROSS_KG:ORIGIN
cli-declaration-goods-mass = --goods `{ $text }`: gross mass `{ $mass }` in kg
cli-declaration-equipment-id = equipment `{ $text }`: write KIND:ID, as container:PSGU0000010
cli-declaration-equipment-kind = equipment kind `{ $kind }` is not one of container, uic_wagon, wagon_1520, truck, trailer
cli-declaration-route = route
cli-declaration-no-equipment = equipment: a declaration names at least one piece of equipment
cli-declaration-equipment = equipment { $position }
cli-declaration-equipment-size = equipment { $position } size
cli-declaration-container-size = equipment { $position } ({ $id }): a container needs its size (20ft, 40ft, 45ft)
cli-declaration-not-a-container = equipment { $position } ({ $id }): only containers have a size
cli-declaration-equipment-seal = equipment { $position } seal
cli-declaration-goods-equipment = goods { $position }: no equipment `{ $equipment }` in this declaration
cli-declaration-goods-hs-code = goods { $position } hs_code
cli-declaration-goods-origin = goods { $position } origin
cli-declaration-guarantee = guarantee
cli-declaration-holder = holder
cli-declaration-particulars-without-holder = transport documents and a driver are declared with the holder
cli-declaration-document-kind = transport document { $position } kind
cli-declaration-document-number = transport document { $position } number

## passage serve: its configuration
cli-config-reading = reading the configuration file { $path }
cli-config-too-large = { $path } is { $bytes } bytes; a configuration is at most { $most }
cli-config-listen = listen: `{ $text }` is not an address such as 127.0.0.1:8080 ({ $reason })
cli-config-log-key-required = log_key is required: give --log-key, PASSAGE_LOG_KEY or `log_key` in the configuration file (`passage keys generate` makes one)
cli-config-charter-sha256-required = charter_sha256 is required: give --charter-sha256, PASSAGE_CHARTER_SHA256 or `charter_sha256` in the configuration file (`passage charter hash` prints it for the charter the parties agreed)
cli-config-field-value = { $field }: `{ $text }`
cli-config-range = { $field } is { $least } to { $most }, not { $value }
cli-config-postgres-url-empty = postgres_url is empty: give a URL such as postgres://user@host/db
cli-config-postgres-schema = postgres_schema: `{ $schema }` is not a schema name (lower-case letters, digits and `_`, not starting with a digit)
cli-config-database-empty = database is empty: give the SQLite file's path
cli-config-base-url = { $field }: `{ $url }` is not a base URL such as http://10.0.0.5:8080
cli-config-snapshot-interval = snapshot_interval_entries is at least 1
cli-config-database-folder = database: creating { $path }
cli-config-not-sha256 = not a SHA-256: 64 hexadecimal digits are expected

## passage log
cli-log-no-key-name = cannot name a key file beside { $path }; pass --key
cli-log-key-not-ed25519 = a log key is an Ed25519 key
cli-log-not-empty = { $path } exists and is not empty
cli-log-bad-origin = the origin is the key name: non-empty, without spaces or `+`
cli-log-created = created an empty log in { $path }; key in { $key }
cli-log-signing-checkpoint = signing the checkpoint
cli-log-checking = checking { $path }
cli-log-reading-stdin = reading the standard input
cli-log-input-too-large = the input is larger than { $most } bytes
cli-log-locking = locking { $path }
cli-log-resuming = resuming from the folder's right edge
cli-log-right-edge-mismatch = the folder's right-edge tiles do not match its checkpoint
cli-log-appending = appending
cli-log-appended = appended entries { $from }..{ $to } ({ $count ->
    [one] one entry
   *[other] { $count } entries
})
cli-log-proving = proving entry { $index }
cli-log-proving-consistency = proving consistency from size { $size }
cli-log-give-index = give --index or --old-size
cli-log-no-such-entry = entry { $index } is not in a log of { $size } entries
cli-log-give-vkey = give --vkey or --policy
cli-log-receipt-ok = ok: entry { $index } is in { $origin } at tree size { $size } ({ $count ->
    [one] one cosignature
   *[other] { $count } cosignatures
})
cli-log-verified = ok: { $origin } at size { $size }, root { $root }; { $count ->
    [one] one tile or bundle file matches
   *[other] { $count } tile and bundle files match
}
cli-log-problem = problem: { $problem }
cli-log-problems = refused: { $count ->
    [one] one problem
   *[other] { $count } problems
}
cli-log-problem-root = the entries give root { $root } but the checkpoint says { $checkpoint }
cli-log-problem-not-a-tile = { $path }: not a tile path ({ $reason })
cli-log-problem-hashes = { $path }: hashes differ from the entries
cli-log-problem-beyond = { $path }: beyond the checkpoint's tree
cli-log-problem-entries = { $path }: entries differ from the full bundle
cli-log-problem-missing = { $path }: missing

## passage receipt and passage payloads
cli-receipt-not-a-receipt = { $url } answered no receipt
cli-receipt-reading = reading the receipt { $path }
cli-receipt-no-entry = the receipt carries no entry; give --entry
cli-payloads-not-an-mrn = `{ $text }` is not an MRN
cli-payloads-key-required = --key is required: the reader's key file (or PASSAGE_KEY), an enrolled officer's or the movement's carrier's
cli-payloads-policy-required = --policy is required: the trust policy file (or PASSAGE_POLICY) that the log's checkpoints must meet, so that each payload is checked against the log, not the node
cli-payloads-logs = the trust policy names { $count } logs; payloads are read from one
cli-payloads-cursor-repeated = the node repeated the cursor `{ $cursor }`
cli-payloads-too-many-pages = the node's payloads of { $mrn } ran past { $most } pages
cli-payloads-not-proved = entry { $index } is not proved in the log: { $reason }
cli-payloads-no-receipt = no receipt from { $url }: { $status }: { $answer }
cli-payloads-receipt-of-another = the receipt is for entry { $index }
cli-payloads-receipt-no-entry = the receipt carries no entry
cli-payloads-receipt-does-not-verify = the receipt does not verify against the trust policy
cli-payloads-entry-does-not-decode = the logged entry does not decode
cli-payloads-statement-does-not-decode = the logged statement does not decode
cli-payloads-which = entry { $index }, payload `{ $field }`
cli-payloads-no-such-commitment = the logged statement has no such commitment
cli-payloads-other-commitment = the node gives the commitment { $node }, but the logged statement commits to { $log }
cli-payloads-bad-salt = the salt is not base64 of 32 bytes
cli-payloads-not-base64 = not base64
cli-payloads-does-not-open = the payload does not open the logged statement's commitment
cli-payloads-heading = { $mrn }: { $count ->
    [one] one payload
   *[other] { $count } payloads
} in { $entries ->
    [one] one entry
   *[other] { $entries } entries
}

## passage simulate
cli-simulate-scenario-required = a scenario file is required
cli-simulate-replications = --replications must lie between 1 and { $most }
cli-simulate-threads = starting worker threads
cli-simulate-progress = { $position }/{ $length } replications, { $elapsed } (eta { $left })
cli-simulate-no-core = { $label }: cannot run under the domain core (or pass --model-only)
cli-simulate-wrote = wrote { $path }
cli-simulate-too-many-scenarios = at most { $most } scenarios can be compared in one report
cli-simulate-other-demand = warning: { $path } has other demand than { $first }; the comparison mixes regime and demand
cli-search-no-base = the space needs a [base] scenario
cli-search-searching = searching { $path }
cli-sweep-set = --set takes PATH=V1,V2,...
cli-sweep-values = --set needs 1 to { $most } values, got { $count }
cli-sweep-not-a-path = `{ $path }` is not a parameter path like class.truck.contraband_share
cli-sweep-setting = setting { $path }
cli-sweep-with = with { $path } = { $value }
cli-sweep-of = sweep of { $path } in { $scenario }
cli-sweep-empty-path = empty parameter path
cli-sweep-no-key = no `{ $key }` here
cli-sweep-no-item = no item named `{ $key }` (nor at that position)
cli-sweep-inside-value = `{ $key }` is inside a value, not a table
cli-chart-drawing = drawing a chart
cli-chart-font = the embedded chart font does not load
cli-search-progress-name = search { $name }: { $count ->
    [one] one candidate
   *[other] { $count } candidates
}
cli-search-progress = { $count } replications, { $elapsed }
