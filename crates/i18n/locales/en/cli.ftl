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
