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
cli-demo-observation-read-back = the monitor read back the observation at entry { $entry } in a signed request: its details and { $count } attachments, { $bytes } bytes, each opening its commitment in the log
cli-demo-policy-logs = the node's trust policy names { $count } logs, where it should name one
cli-demo-read-refused = { $reader } could not read entry { $index }: { $message } ({ $code })
cli-demo-read-back-missing = entry { $index } was read back without its { $field }
cli-demo-read-back-differs = entry { $index }: the { $field } read back is not what the monitor attached

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
cli-payloads-no-subject = give a movement's MRN, or --entry N for one entry
cli-payloads-entry = entry { $index }
cli-payloads-other-entry = asked for entry { $asked }, the node answered with entry { $answered }
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

## `passage --help`: the text of each command and argument, by its path (help.rs); an
## argument's text by its id alone, `cli-help-arg--ID`, wherever no command gives it one of
## its own. The English is the doc comments' word for word (a test holds it so).
cli-help-passage = Passage: the `passage` command
cli-help-passage--lang = The language of what is printed for a person: hy, az, ru or en (default: the locale's, LC_ALL, LC_MESSAGES or LANG, else English). Machine output (--json) is the same in every language
cli-help-passage-log = Work with a verifiable log kept as C2SP tiles in a folder
cli-help-passage-log-init = Create a new, empty log with a new Ed25519 key; print its vkey
cli-help-passage-log-init--dir = The log folder (created; must not exist or be empty)
cli-help-passage-log-init--origin = The log's origin, e.g. `corridor.example/log1` (also the key name)
cli-help-passage-log-init--key = Where to write the signing key (default: `<dir>.key`, beside the folder)
cli-help-passage-log-append = Append entries from FILE (or stdin with `-` or nothing) and sign a new checkpoint
cli-help-passage-log-append--key = The signing key (default: `<dir>.key`)
cli-help-passage-log-append--framing = How the input is cut into entries
cli-help-passage-log-append--input = The input file; `-` or nothing reads stdin
cli-help-passage-log-checkpoint = Print the signed checkpoint
cli-help-passage-log-prove = Print an inclusion proof for an entry (or, with `--old-size`, a consistency proof)
cli-help-passage-log-prove--old_size = Size of an earlier tree to prove consistency from
cli-help-passage-log-receipt = Print an offline receipt (c2sp.org/tlog-proof) for an entry; it carries the entry
cli-help-passage-log-verify-receipt = Verify a receipt offline against the log's vkey (or a trust policy)
cli-help-passage-log-verify-receipt--policy = A c2sp.org/tlog-policy file (logs, witnesses, quorum) instead of `--vkey`
cli-help-passage-log-serve = Serve the folder read-only over HTTP (tlog-tiles); prints `listening on ADDR`
cli-help-passage-log-verify = Verify a whole log folder: every tile and bundle against the signed checkpoint
cli-help-passage-serve = Run a node: a configuration file (--config), environment (PASSAGE_*) and flags, flags first; witnesses as --witness NAME=URL (PASSAGE_WITNESSES)
cli-help-passage-serve--config = Configuration file (TOML); see `passage.example.toml`
cli-help-passage-serve--listen = Address to serve on [default: 127.0.0.1:8080]
cli-help-passage-serve--database = SQLite database file, the default store [default: passage-data/passage.db]
cli-help-passage-serve--postgres_url = PostgreSQL connection string; when given, the node uses PostgreSQL instead of SQLite
cli-help-passage-serve--postgres_schema = PostgreSQL schema holding the tables [default: passage]
cli-help-passage-serve--postgres_pool_size = Most pooled PostgreSQL connections [default: 8]
cli-help-passage-serve--postgres_sslmode = TLS to PostgreSQL: disable, require, verify-ca or verify-full (`prefer` and `allow` are refused: they fall back to a connection in clear) [default: disable, or the connection string's `sslmode`]
cli-help-passage-serve--postgres_sslrootcert = PEM file of the root certificates PostgreSQL's certificate is checked against (with verify-ca or verify-full)
cli-help-passage-serve--log_key = File holding the log's signing key (`passage keys generate` writes one)
cli-help-passage-serve--charter_sha256 = SHA-256 (64 hexadecimal digits) of the charter document the node serves, as `passage charter hash` prints it: the only charter an empty node takes as entry 0
cli-help-passage-serve--checkpoint_interval_ms = Milliseconds between checkpoints when the log grew [default: 500]
cli-help-passage-serve--advertise = Base URL the other nodes on the same database forward writes to while this node leads [default: http:// and the bound address]
cli-help-passage-serve--group_members = The base URL each node of the group advertises (repeat for each; the environment variable takes them comma-separated): a follower forwards writes only to a leader whose advertised address is one of them. Given here or in the environment, these replace the file's
cli-help-passage-serve--snapshot_interval_entries = Entries between two snapshots of the core's state; a restart replays at most this many entries [default: 65536]
cli-help-passage-serve--witnesses = A witness the charter names and where to reach it, as NAME=URL (repeat for each; the environment variable takes them comma-separated). With none, checkpoints are published with the log's signature alone; with some, once the charter's witness policy is met. Given here or in the environment, these replace the file's
cli-help-passage-serve--witness_timeout_ms = Milliseconds one witness request may take [default: 2000]
cli-help-passage-serve--connections_per_client_max = Most connections one client address (an IPv6 /64) holds open; behind a reverse proxy, or for the followers of a group, every client is one address: raise it to the proxy's or the followers' connections [default: 64, at most 1024]
cli-help-passage-keys = Generate a log signing key or show its verifier key
cli-help-passage-keys-generate = Generate a signing key, write it (mode 0600) and print its verifier key
cli-help-passage-keys-generate--name = Key name: the log's origin, e.g. `corridor.example/log`
cli-help-passage-keys-generate--out = Where to write the signing key
cli-help-passage-keys-signer = Generate a signer's key (an officer's, a carrier's or an authority's), write it (mode 0600) and print its public key for the charter or the enrolment
cli-help-passage-keys-signer--out = Where to write the key
cli-help-passage-keys-show = Print the verifier key of a log signing key file, or the public key of a signer's
cli-help-passage-keys-show--file = The signing key file
cli-help-passage-demo = Run a node on a local folder and feed it a day on the corridor through its HTTP API
cli-help-passage-demo--data = Folder holding the node's database and log key (created if missing; an existing log is continued)
cli-help-passage-demo--listen = Address to serve on (port 0 picks a free port)
cli-help-passage-demo--count = Stop after this many movements have completed
cli-help-passage-demo--duration = Stop after this many seconds
cli-help-passage-demo--concurrency = Movements driven at once (1 to 64)
cli-help-passage-demo--checkpoint_interval_ms = Milliseconds between checkpoints when the log grew
cli-help-passage-demo--witnesses = Witnesses to run beside the node: 3 (one per party of the default charter, each with its own state in the data folder; every published checkpoint is cosigned by the host state's, the transiting state's and the monitors' witnesses), or 0 (checkpoints carry the log's signature alone)
cli-help-passage-demo--node = Drive the traffic into this running node (its base URL) instead of starting one; `--data`, `--listen`, `--checkpoint-interval-ms` and `--witnesses` are then unused
cli-help-passage-simulate = Run the corridor simulator: compare regimes before they are agreed
cli-help-passage-simulate--scenario = The scenario file (TOML; see scenarios/README.md)
cli-help-passage-simulate--out = Folder for JSON, CSV, charts (and the comparison's report.md)
cli-help-passage-simulate--regime = A regime file (TOML, in the format of the core's regime files) to run under, instead of the scenario's `[regime] core` or `file`. It is put in force through the core: proposed and approved by the charter's parties
cli-help-passage-simulate-compare = Run several scenarios with the same seeds and write one Markdown report
cli-help-passage-simulate-compare--scenarios = The scenario files, one per regime
cli-help-passage-simulate-compare--out = { cli-help-passage-simulate--out }
cli-help-passage-simulate-compare--regime = { cli-help-passage-simulate--regime }
cli-help-passage-simulate-sweep = Run one scenario with one parameter set to several values, and compare the runs
cli-help-passage-simulate-sweep--scenario = The scenario file
cli-help-passage-simulate-sweep--set = The parameter and its values: `PATH=V1,V2,...`, for example `post.east.check.scan.select.share=0.05,0.15,0.3`
cli-help-passage-simulate-sweep--out = { cli-help-passage-simulate--out }
cli-help-passage-simulate-sweep--regime = { cli-help-passage-simulate--regime }
cli-help-passage-simulate-search = Search a space of regimes for the Pareto frontier and write it as regime files
cli-help-passage-simulate-search--space = The space file (TOML; see scenarios/README.md, "Searching for regimes")
cli-help-passage-simulate-search--out = Folder for the frontier's regime files, frontier.csv and frontier.json
cli-help-passage-simulate-search--report_lang = The report's language (hy, az, ru, en), or `all` for the four side by side: report.<language>.html and report.<language>.pdf, with identical figures. (`--lang` is the language of what the command prints.)
cli-help-passage-witness = Run a witness, make its key, read its evidence, or collect cosignatures
cli-help-passage-witness-serve = Serve add-checkpoint, the latest cosigned checkpoints and the evidence over HTTP. Prints `listening on ADDR` on stdout once bound
cli-help-passage-witness-serve--key = The witness's signing key (made by `passage witness keygen`)
cli-help-passage-witness-serve--db = The state database (created if absent)
cli-help-passage-witness-serve--guard = The rollback guard file (default: `<db>.guard`); keep it where backups of the database are not restored to
cli-help-passage-witness-serve--logs = A log vkey to witness (text or a file holding it); repeat for several logs
cli-help-passage-witness-serve--vrf_key = The party's VRF key (made by `passage witness vrf-keygen`): with it the witness answers `POST /draw` with the party's contribution to the inspection draw
cli-help-passage-witness-vrf-keygen = Make a new VRF key for a party's contribution to the draw; write it to FILE and print its public key, the `vrf_key` the charter names for the party
cli-help-passage-witness-vrf-keygen--out = Where to write the secret key (must not exist)
cli-help-passage-witness-keygen = Make a new cosignature/v1 key; write it to FILE and print the vkey (for trust policies) and, on the next line, the charter's `key = "..."` line for the witness
cli-help-passage-witness-keygen--name = The witness's name, e.g. `witness.monitor.example`
cli-help-passage-witness-keygen--out = Where to write the signing key (must not exist)
cli-help-passage-witness-evidence = Print the evidence a witness kept: refused, validly signed, inconsistent checkpoints
cli-help-passage-witness-evidence--db = The state database (opened read-only; a running witness is not disturbed)
cli-help-passage-witness-cosign = Ask the policy's witnesses to cosign a log folder's checkpoint; write the cosigned checkpoint back to the folder if the policy's quorum is met
cli-help-passage-witness-cosign--dir = The log folder (C2SP tiles)
cli-help-passage-witness-cosign--policy = The trust policy naming the witnesses and their URLs
cli-help-passage-witness-cosign--timeout = Seconds to wait for one witness request
cli-help-passage-audit = Audit a log from its tiles (a URL or a folder) against a trust policy
cli-help-passage-audit--log = The log: an `http(s)://` URL prefix or a folder of C2SP tiles
cli-help-passage-audit--cache = Cache folder: tiles fetched once are kept, and the last verified checkpoint is remembered so the next audit only reads new entries
cli-help-passage-audit--log_only = Check the log's tree and checkpoint only: no signature checks, no core replay
cli-help-passage-audit--json = Print the report and the recomputed state as JSON
cli-help-passage-audit--node = The node's API to compare the recomputed state with (statistics, balances, movements by status). Default: the log URL without its final `/log`, when it has one
cli-help-passage-receipt = Fetch an offline receipt (c2sp.org/tlog-proof) from a node, or verify one against a trust policy
cli-help-passage-receipt-verify = Verify a receipt against a trust policy
cli-help-passage-receipt-get = Fetch the receipt of an entry from a node (against its latest published checkpoint); the node is named as for every client command (--node, PASSAGE_NODE, passage.toml)
cli-help-passage-receipt-get--index = The entry's index
cli-help-passage-receipt-get--out = Where to write the receipt (default: standard output)
cli-help-passage-declare = Declare a movement (carrier): sign a declaration and send it, or save it (--out)
cli-help-passage-declare--file = A declaration file, TOML (`.toml`) or JSON (`.json`); the flags below are the other way to write one
cli-help-passage-declare--equipment = Equipment, repeated: `KIND:ID[:SIZE][:SEAL,SEAL...]`, e.g. `container:PSGU0000010:40ft:SL1,SL2` or `trailer:12AB345-T::SEAL-1`
cli-help-passage-record = Record an act (officer): one subcommand per act, signed and sent or saved (--out)
cli-help-passage-record-accept = Customs accept the declaration; the time limit starts
cli-help-passage-record-refuse = Customs refuse the declaration
cli-help-passage-record-cancel = The carrier (before the first arrival) or customs cancel the movement
cli-help-passage-record-arrival = The movement arrives at a post
cli-help-passage-record-seal-check = The seals of one piece of equipment were checked
cli-help-passage-record-seal-check--condition = `intact`, `broken` or `mismatch`
cli-help-passage-record-seal-check--seals = A seal found, repeated
cli-help-passage-record-inspection = An inspection's result for one piece of equipment
cli-help-passage-record-inspection--kind = `documents` or `physical`
cli-help-passage-record-inspection--outcome = `conform`, `minor_discrepancy` or `major_discrepancy`
cli-help-passage-record-inspection--findings = The findings (confidential: only their commitment is signed)
cli-help-passage-record-release = Customs release the movement at the post
cli-help-passage-record-hold = Customs hold the movement at the post
cli-help-passage-record-hold--reason = `inspection`, `documents`, `security`, `fees` or `other`
cli-help-passage-record-departure = The movement leaves the post
cli-help-passage-record-incident = An incident en route
cli-help-passage-record-close-incident = Customs close an incident
cli-help-passage-record-close-incident--incident = The incident's number within the movement (from 1)
cli-help-passage-record-close-incident--resolution = The resolution (confidential: only its commitment is signed)
cli-help-passage-record-discharge = Customs discharge the movement after its arrival at destination
cli-help-passage-record-attest = A monitor attests an earlier entry about the movement
cli-help-passage-record-attest--entry = The entry attested
cli-help-passage-record-reseal = Customs affix new seals to a unit they opened for a physical inspection
cli-help-passage-record-reseal--seals = A new seal, repeated
cli-help-passage-record-return = Customs turn a held or inspected movement back where it came from
cli-help-passage-record-return--route = The route back (none at the movement's first post, where it ends)
cli-help-passage-record-seizure = Customs seize a held or inspected movement
cli-help-passage-record-seizure--scope = `goods`, `equipment` or `goods_and_equipment`
cli-help-passage-record-partial-release = Customs release a held or inspected movement but for detained units
cli-help-passage-record-partial-release--detained = A unit detained, `KIND:ID`, repeated
cli-help-passage-record-incident-en-route = An officer endorses an incident en route, with where it happened and, for a transshipment, the unit the goods moved to
cli-help-passage-record-incident-en-route--post = The post where it happened (or give `--segment`)
cli-help-passage-record-incident-en-route--segment = The segment where it happened, `FROM:TO` (post identifiers)
cli-help-passage-record-incident-en-route--from = For a transshipment: the unit the goods left, `KIND:ID`
cli-help-passage-record-incident-en-route--to = For a transshipment: the unit the goods are now in, `KIND:ID`
cli-help-passage-record-incident-en-route--to_size = The new unit's size if it is a container: `20ft`, `40ft` or `45ft`
cli-help-passage-record-incident-en-route--seals = A seal on the new unit, repeated
cli-help-passage-record-payment = A payment received from a carrier
cli-help-passage-record-refund = A refund paid to a carrier
cli-help-passage-record-guarantee = A guarantor issues a guarantee to a holder of the procedure (a carrier)
cli-help-passage-record-guarantee--guarantee = The guarantee's reference
cli-help-passage-record-guarantee--holder = The holder: the carrier whose declarations may name it
cli-help-passage-record-guarantee--cover = `comprehensive` or `individual`
cli-help-passage-record-guarantee--amount = The reference amount in major units, as `1000000.00`
cli-help-passage-record-remit = An authority remits what a revenue account holds to its party's treasury
cli-help-passage-record-remit--account = The revenue account (as the regime's split names it)
cli-help-passage-record-remit--reference = The transfer's bank reference
cli-help-passage-record-enquiry = The office of departure opens an enquiry into an overdue movement
cli-help-passage-record-answer = The holder or the office of destination answers an enquiry with evidence
cli-help-passage-record-answer--evidence = The evidence (confidential: only its commitment is signed)
cli-help-passage-record-close-enquiry = The office of departure ends an enquiry: `alternative_proof` or `recovery`
cli-help-passage-record-close-enquiry--outcome = `alternative_proof` or `recovery`
cli-help-passage-record-close-enquiry--resolution = The decision's reasons (confidential: only their commitment is signed)
cli-help-passage-record-observe = A monitor records an observation of their own, at a post or on a segment
cli-help-passage-record-observe--category = `queue`, `closure`, `road_condition`, `rail_condition`, `conduct`, `security` or `other`
cli-help-passage-record-observe--post = The post observed at (or give `--segment`)
cli-help-passage-record-observe--segment = The segment observed on, `FROM:TO` (post identifiers)
cli-help-passage-record-observe--summary = The public summary
cli-help-passage-record-observe--details = The details (confidential: only their commitment is signed)
cli-help-passage-record-observe--attachments = A file attached (a photograph, a document; confidential, at most 718,359 bytes, all of them together within one request of 1 MiB), repeated
cli-help-passage-record-dissent = A monitor dissents from an act about a movement instead of attesting it
cli-help-passage-record-dissent--entry = The entry dissented from
cli-help-passage-record-dissent--reason = The public reason
cli-help-passage-record-contest = A party's officer or authority, or a carrier for its own movements, contests an act of another party by its entry
cli-help-passage-record-contest--entry = The entry contested
cli-help-passage-record-contest--reason = One of the regime's contest reasons (`held_too_long`, `wrong_lane`, ...)
cli-help-passage-record-answer-contest = The party whose act is contested answers: `upheld`, `corrected` or `rejected`
cli-help-passage-record-answer-contest--answer = `upheld`, `corrected` or `rejected`
cli-help-passage-record-answer-contest--reasons = The answer's reasons (confidential: only their commitment is signed)
cli-help-passage-record-refer = A party to a contest takes it to the joint commission
cli-help-passage-record-decide = A party's authority votes on a referred contest: `act_stands`, `contest_upheld`, `fee_corrected` (with `--fee`) or `release`
cli-help-passage-record-decide--decision = `act_stands`, `contest_upheld`, `fee_corrected` or `release`
cli-help-passage-record-decide--fee = For `fee_corrected`: the corrected fee in major units, as `1250.50`
cli-help-passage-record-decide--currency = For `fee_corrected`: the fee's currency
cli-help-passage-record-mandate = A party's authority votes on the mission's mandate: a new end, or none
cli-help-passage-record-mandate--ends = The new end, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MMZ` (or `--no-end`)
cli-help-passage-record-mandate--no_end = The mandate has no end
cli-help-passage-amend = Replace a movement's declaration before its first arrival (carrier)
cli-help-passage-amend--mrn = The movement whose declaration is replaced
cli-help-passage-amend--file = { cli-help-passage-declare--file }
cli-help-passage-amend--equipment = { cli-help-passage-declare--equipment }
cli-help-passage-charter = Sign the charter (entry 0) and send it, or show the charter in force or in files
cli-help-passage-charter-create = Sign the charter (the log's entry 0) with one of its parties' authority keys and send it to a fresh node; the document is checked first
cli-help-passage-charter-hash = Print the SHA-256 of a charter document (checked) given as files: what each node's `charter_sha256` must name before the charter is created, so that an empty node takes no other charter
cli-help-passage-charter-show = Show the charter: the node's entry 0, or a document (checked) given as files
cli-help-passage-charter-policy = Print the trust policy the charter implies for its log (c2sp.org/tlog-policy, the format `passage audit` and `passage receipt verify` read; docs/POLICY.md): the log's key, every witness the charter names (with its URL when given), one group per party that runs witnesses, and the charter's quorum. The charter is the node's entry 0, or a document given as files
cli-help-passage-charter-policy--log_key = The log's public key: its vkey (`passage keys generate` prints it), or a file holding it. Take it from the parties, not from the node you mean to audit
cli-help-passage-charter-policy--witnesses = Where a witness is reached, `NAME=URL` (repeatable), written after its key
cli-help-passage-enrol = Enrol an officer (customs, border guard, monitor), a carrier's key or an authority key of the signer's party (authority)
cli-help-passage-enrol-customs = A customs officer of the signer's party
cli-help-passage-enrol-customs--public_key = The officer's public key (64 hexadecimal digits)
cli-help-passage-enrol-border-guard = A border guard of the signer's party
cli-help-passage-enrol-border-guard--public_key = The border guard's public key (64 hexadecimal digits)
cli-help-passage-enrol-monitor = A monitor of the monitoring mission (the signer's party)
cli-help-passage-enrol-monitor--public_key = The monitor's public key (64 hexadecimal digits)
cli-help-passage-enrol-carrier = A carrier's key (register the carrier, or add a key to it)
cli-help-passage-enrol-carrier--carrier = The carrier's identifier
cli-help-passage-enrol-carrier--public_key = The carrier's public key (64 hexadecimal digits)
cli-help-passage-enrol-carrier--name = The carrier's public name
cli-help-passage-enrol-guarantor = A guarantor's key (a bank or insurer: enrol it, or add a key to it)
cli-help-passage-enrol-guarantor--guarantor = The guarantor's identifier
cli-help-passage-enrol-guarantor--public_key = The guarantor's public key (64 hexadecimal digits)
cli-help-passage-enrol-guarantor--name = The guarantor's public name
cli-help-passage-enrol-authority = Another authority key of the signer's own party (key rotation)
cli-help-passage-enrol-authority--public_key = The new authority key (64 hexadecimal digits)
cli-help-passage-revoke = Revoke a key of the signer's party or of a carrier it registered (authority)
cli-help-passage-revoke--public_key = The key revoked (an officer's or authority key of the signer's party, or a carrier key it registered): it signs nothing from the revoking entry on
cli-help-passage-regime = Propose or approve a regime (authority), or show the regime in force or a proposal
cli-help-passage-regime-propose = Propose a regime file (the format of the simulator's `--regime FILE`); it is checked against the charter first. The proposal counts as the signer's party's approval
cli-help-passage-regime-propose--file = The regime file (TOML)
cli-help-passage-regime-propose--effective_from = When it takes effect once approved (`2027-03-01` or `2027-03-01T06:00Z`, UTC); without it, as soon as the quorum approves
cli-help-passage-regime-propose--charter = Check the regime against this charter document instead of the node's entry 0 (to propose offline with `--out`)
cli-help-passage-regime-approve = Approve the regime proposed at entry ENTRY, for the signer's party
cli-help-passage-regime-approve--entry = The proposal's entry index
cli-help-passage-regime-show = Show the regime in force, or the proposal at entry ENTRY with its document
cli-help-passage-regime-show--entry = A proposal's entry index
cli-help-passage-regime-list = List the regime proposals, pending, adopted and in force, with their approvals
cli-help-passage-regime-list--status = Only proposals with this status: `pending`, `adopted` or `in_force`
cli-help-passage-submit = Send statements saved with --out; resending one shows its first entry
cli-help-passage-submit--files = Files written by `--out`, sent in order
cli-help-passage-movement = Show a movement and its history
cli-help-passage-movement--mrn = The movement's MRN
cli-help-passage-account = Show every account's balance, or one account's statement
cli-help-passage-account--account = The account (`carrier:CASPIAN-RAIL`, `revenue:AM-TREASURY`, `receipts`); without it, every account's balances
cli-help-passage-account--after = Postings after this cursor (printed as `next` by the previous page)
cli-help-passage-account--limit = Most postings on the page (1 to 500)
cli-help-passage-payloads = Read a movement's or an entry's confidential payloads in signed requests (an enrolled reader's key)
cli-help-passage-payloads--mrn = The movement's MRN (or give `--entry`)
cli-help-passage-payloads--entry = One entry's payloads instead of a movement's: an observation's details and attachments, a signed report's narrative, or any other entry's
cli-help-passage-payloads--key = The reader's key file: an officer whom the regime lets read confidential data, or the movement's carrier
cli-help-passage-payloads--policy = The trust policy (c2sp.org/tlog-policy): the log's key and the witnesses whose cosignatures make a checkpoint believed. Each payload is checked against its entry as the log holds it, proved by a receipt that meets this policy
cli-help-passage-report = Show a day's report (the figures the core keeps, or those the mission signed), or sign it as the mission (--sign --narrative FILE)
cli-help-passage-report--day = The day, `YYYY-MM-DD` (UTC)
cli-help-passage-report--sign = Sign the day's figures as the mission (its authority's key, `--key`)
cli-help-passage-report--narrative = The narrative the mission wrote for the day (a text file), with `--sign`
cli-help-passage-report--pdf = Save the report as a PDF in this file, as the node renders it
cli-help-passage-report--page = Save the report as a web page in this file, as the node renders it
cli-help-passage-report--report_lang = The language of `--pdf` and `--page`: hy, az, ru or en (default: the language of the command's text, `--lang`)
cli-help-arg--amount = The amount in major units, as `1250.50`
cli-help-arg--carrier = The carrier
cli-help-arg--check_acts = With --model-only: check that every unit's acts come in a lawful order; a violation stops the run and names the seed and replication that replay it
cli-help-arg--consignee = The consignee (confidential: only its commitment is signed)
cli-help-arg--contest = The contest's number
cli-help-arg--corridor = The corridor file (posts, segments, routes)
cli-help-arg--currency = ISO 4217 currency
cli-help-arg--details = The report's details (confidential: only their commitment is signed)
cli-help-arg--dir = The log folder
cli-help-arg--entry = A file holding the entry's exact bytes (default: the entry the receipt carries)
cli-help-arg--equipment = The equipment, `KIND:ID`
cli-help-arg--file = The whole charter document (header, corridor and regime sections in one TOML file)
cli-help-arg--goods = Goods, repeated: `EQUIPMENT_ID:HS_EDITION:HS_CODE:GROSS_KG:ORIGIN`, e.g. `PSGU0000010:2022:847130:20000:CN`
cli-help-arg--guarantee = The reference of the guarantee (issued to the declaring carrier) the goods engage
cli-help-arg--header = The charter header: `[charter]`, `[[parties]]`, `[[witnesses]]`, `[quorum]`
cli-help-arg--index = Index of the entry
cli-help-arg--json = Print machine-readable JSON instead of text
cli-help-arg--key = The signer's key file (`passage keys signer` writes one)
cli-help-arg--kind = `deviation`, `seal_broken`, `transshipment`, `accident`, `imminent_danger` or `other`
cli-help-arg--listen = Address to listen on; port 0 picks a free port
cli-help-arg--model_only = Run the model alone, without the domain core: selection by the scenario's own rules and fees from its tariff (faster; for exploring a model, not a regime)
cli-help-arg--mrn = The movement
cli-help-arg--node_flag = The node's base URL [default: PASSAGE_NODE, else the `advertise` or `listen` of passage.toml (or the file PASSAGE_CONFIG names), else http://127.0.0.1:8080]
cli-help-arg--openings = Write the commitments' openings (salts and payloads) to this JSON file
cli-help-arg--out = Write the signed statement to this file instead of sending it (`passage submit` sends it later)
cli-help-arg--policy = The trust policy (c2sp.org/tlog-policy)
cli-help-arg--position_m = Metres from the segment's start
cli-help-arg--post = The post
cli-help-arg--posts = A post where the officer acts, repeated (customs officers and border guards only at their own party's posts; monitors anywhere)
cli-help-arg--reason = A short reason code
cli-help-arg--receipt = The receipt file
cli-help-arg--reference = The receipt or bank reference
cli-help-arg--regime = The first regime's file
cli-help-arg--replications = Independent replications
cli-help-arg--route = The route
cli-help-arg--seed = Seed; defaults to the scenario's own
cli-help-arg--threads = Worker threads; defaults to every core. The output does not depend on it
cli-help-arg--traffic_class = `cargo_rail`, `cargo_road` or `passengers`
cli-help-arg--vkey = The log's vkey, or a file holding it

## Clap's own words: its flags, its `help` subcommand and the headings of a help page
cli-help-clap-help = Print help
cli-help-clap-help-more = Print help (see more with '--help')
cli-help-clap-help-summary = Print help (see a summary with '-h')
cli-help-clap-version = Print version
cli-help-clap-help-subcommand = Print help for the subcommand(s)
cli-help-clap-help-command = Print this message or the help of the given subcommand(s)
cli-help-clap-arguments = Arguments
cli-help-clap-options = Options
cli-help-clap-commands = Commands
cli-help-clap-usage = Usage:
