# The node's dashboard, in English. The browser reads these as patterns: text, { $name }
# placeables that the page fills in (numbers and dates written with the browser's Intl for
# the chosen language), and plural selectors on a number.

dashboard-language = Language
dashboard-page-title = Passage: corridor dashboard
dashboard-page-title-corridor = Passage: { $corridor }
dashboard-skip = Skip to the figures
dashboard-corridor-dashboard = Corridor dashboard
dashboard-tagline = Every act at the corridor is a signed entry in a public, witnessed log. These figures are computed from it.
dashboard-loading = Loading…
dashboard-pause = Pause updates
dashboard-resume = Resume updates
dashboard-sections = Sections
dashboard-nav-overview = Overview
dashboard-nav-posts = Posts
dashboard-nav-incidents = Incidents
dashboard-nav-log = Log
dashboard-nav-movements = Movements
dashboard-nav-fees = Fees
dashboard-nav-corridor = Corridor
dashboard-search-label = Find a movement by MRN
dashboard-search-button = Find
dashboard-search-hint = 18 characters, as printed on the transit document
dashboard-search-invalid = An MRN has 18 letters and digits.
dashboard-back = ← Back to the overview
dashboard-details = Details
dashboard-status-heading = Corridor status
dashboard-at-a-glance = At a glance
dashboard-figure-in-corridor = Movements in the corridor
dashboard-figure-declared-hour = Declared this hour
dashboard-figure-arrived-hour = Reached destination this hour
dashboard-figure-incidents = Open incidents
dashboard-figure-fees-today = Fees assessed today
dashboard-figure-entries = Log entries
dashboard-figure-movements = Movements in total
dashboard-figure-checkpoint-size = Latest checkpoint size
dashboard-figure-regime = Regime in force
dashboard-entry-rate = ({ $rate }/min)
dashboard-no-charter = no charter yet

dashboard-posts-now = Posts now
dashboard-posts-now-note = Movements waiting at each post, and the time they spent there over the last 24 hours (visits that departed in that time).
dashboard-posts-now-caption = Queue and dwell time per post
dashboard-column-post = Post
dashboard-column-at-post = At the post
dashboard-column-departed = Departed (24 h)
dashboard-column-dwell = Mean dwell (24 h)
dashboard-column-longest = Longest (24 h)
dashboard-column-dwell-all = Mean dwell (all time)
dashboard-no-post-yet = No post yet.

dashboard-incidents-open-note = open in the whole log; the longest open first:
dashboard-incident-line = { $status } { $kind } on { $movement }{ $at }, opened { $opened } (entry { $entry })
dashboard-incident-at-post = { " " }at { $post }
dashboard-incident-corridor-wide = the corridor
dashboard-no-open-incident = No open incident.
dashboard-oldest-shown = The { $count } oldest are shown.

dashboard-log-title = Latest cosigned checkpoint
dashboard-log-note = Signed by the log and cosigned by the witnesses of the parties. Anyone can fetch the tiles and recompute it.
dashboard-checkpoint-origin = Origin
dashboard-checkpoint-size = Size
dashboard-checkpoint-cosigned = Cosigned
dashboard-checkpoint-root = Root hash
dashboard-no-checkpoint-yet = no checkpoint is published yet
dashboard-cosigned-by-none = by no witness (the log signed it alone)
dashboard-cosigned-by = { $count ->
    [one] by { $count } witness, latest at { $time }
   *[other] by { $count } witnesses, latest at { $time }
}
dashboard-signatures = Signatures
dashboard-signatures-caption = Signatures and cosignatures of the latest checkpoint
dashboard-column-signer = Signer
dashboard-column-kind = Kind
dashboard-column-key-id = Key ID
dashboard-column-cosigned-at = Cosigned at
dashboard-signer-log = log
dashboard-signer-witness = witness
dashboard-signer-other = other
dashboard-no-signature-yet = No signature yet.
dashboard-no-signature = No signature.
dashboard-entry-form-label = Fetch an entry with its inclusion proof
dashboard-entry-form-button = Show entry
dashboard-raw = Raw:
dashboard-raw-checkpoint = checkpoint
dashboard-raw-statistics = statistics
dashboard-raw-tiles = tiles under

dashboard-movements-title = Latest movements
dashboard-movements-note = The most recently declared movements, newest first. Choose an MRN for its history.
dashboard-movements-caption = Latest declared movements
dashboard-column-mrn = MRN
dashboard-column-declared = Declared
dashboard-column-carrier = Carrier
dashboard-column-route = Route
dashboard-column-class = Class
dashboard-column-status = Status
dashboard-column-fee = Fee
dashboard-overdue = overdue
dashboard-no-movement-yet = No movement declared yet.

dashboard-throughput-title = Throughput, last 24 hours
dashboard-throughput-note = Movements declared and movements that reached their destination post, per hour (the last bar is the current hour).
dashboard-no-figures-yet = No figures yet
dashboard-no-figures-yet-row = No figures yet.
dashboard-legend-declared = declared
dashboard-legend-arrived = reached destination
dashboard-throughput-label = Over the last { $hours } hours: { $declared } movements declared, { $arrived } reached their destination
dashboard-peak = peak { $count } per hour
dashboard-now = now

dashboard-by-status-title = Movements by status
dashboard-by-status-caption = Number of movements in each status
dashboard-column-movements = Movements
dashboard-column-share = Share
dashboard-status-declared = Declared
dashboard-status-accepted = Accepted
dashboard-status-at-post = At a post
dashboard-status-in-transit = In transit
dashboard-status-at-destination = At destination
dashboard-status-discharged = Discharged
dashboard-status-cancelled = Cancelled
dashboard-status-refused = Refused
dashboard-status-returned = Returned
dashboard-status-seized = Seized

dashboard-money-title = Fees and balances
dashboard-per-day = Per day, last 7 days
dashboard-per-day-caption = Fees assessed and payments recorded per day
dashboard-column-day = Day (UTC)
dashboard-column-fees = Fees assessed
dashboard-column-payments = Payments recorded
dashboard-totals = Totals
dashboard-totals-caption = Fees assessed and payments recorded per currency
dashboard-column-currency = Currency
dashboard-no-fee-yet = No fee assessed yet.
dashboard-balances = Balances per party
dashboard-balances-caption = Balance of each account
dashboard-column-account = Account
dashboard-column-balance = Balance
dashboard-no-posting-yet = No posting yet.
dashboard-account-carrier = Carrier { $name }
dashboard-account-revenue = Revenue of { $name }
dashboard-account-receipts = Receipts (payments received)
dashboard-minor-units = { $amount } { $currency } (minor units)

dashboard-corridor-title = Corridor and regime
dashboard-posts = Posts
dashboard-posts-caption = Posts of the corridor
dashboard-column-name = Name
dashboard-column-operated-by = Operated by
dashboard-column-controlled = Controlled
dashboard-yes = yes
dashboard-no = no
dashboard-no-post = No post.
dashboard-routes = Routes
dashboard-route-posts = Posts of { $route } in order
dashboard-regime = Regime
dashboard-regime-since = In force since entry
dashboard-regime-classes = Traffic classes
dashboard-regime-controlled = Controlled posts
dashboard-none = none

dashboard-status-normal = Normal: no open incident
dashboard-status-waiting = Waiting for the charter
dashboard-status-attention-incidents = { $count ->
    [one] Attention: { $count } open incident
   *[other] Attention: { $count } open incidents
}
dashboard-status-attention-log = Attention: the log is not being cosigned
dashboard-status-entries-waiting = { $count ->
    [one] { $count } entry waits for a cosigned checkpoint
   *[other] { $count } entries wait for a cosigned checkpoint
}
dashboard-status-cosigned = { $count ->
    [one] Checkpoint { $size } cosigned by { $count } witness ({ $names })
   *[other] Checkpoint { $size } cosigned by { $count } witnesses ({ $names })
}
dashboard-status-log-only = Checkpoint { $size } signed by the log, no witness
dashboard-status-ago = , { $age } ago
dashboard-status-no-checkpoint = No checkpoint published yet
dashboard-status-at-posts = { $count ->
    [one] { $count } movement at posts
   *[other] { $count } movements at posts
}
dashboard-seconds = { $seconds } s
dashboard-minutes = { $minutes } min
dashboard-hours-minutes = { $hours } h { $minutes } min

dashboard-movement-title = Movement { $mrn }
dashboard-movement-unknown = No movement with MRN { $mrn }: { $reason }
dashboard-lane = { $lane } lane
dashboard-unit-seals = , seals { $seal }
dashboard-unit-inspection = , inspection { $inspection }
dashboard-visits = Visits at posts
dashboard-column-arrived = Arrived
dashboard-column-released = Released
dashboard-column-departed-at = Departed
dashboard-column-units = Units
dashboard-not-at-post-yet = Not at any post yet.
dashboard-movement-incident = #{ $number } { $kind }, opened { $opened } (entry { $entry }){ $closed }
dashboard-movement-incident-closed = , closed at entry { $entry }
dashboard-movement-incident-open = , open
dashboard-field-traffic-class = Traffic class
dashboard-field-deadline = Deadline
dashboard-field-at-post = At post
dashboard-field-gross-mass = Gross mass
dashboard-kilograms = { $mass } kg
dashboard-not-assessed = not assessed yet
dashboard-equipment = Equipment
dashboard-incidents = Incidents
dashboard-none-sentence = None.
dashboard-history = History in the log
dashboard-history-note = The entries that concern this movement. Each opens with its inclusion proof.

dashboard-entry-title = Entry { $index }
dashboard-field-index = Index
dashboard-field-statement = Statement
dashboard-unknown = unknown
dashboard-field-sequenced-at = Sequenced at
dashboard-field-raw = Raw
dashboard-entry-json = this entry and its proof as JSON
dashboard-inclusion-proof = Inclusion proof
dashboard-proof-note = { $count ->
    [one] { $count } hash, leading to the root of this checkpoint:
   *[other] { $count } hashes, leaf's sibling first, leading to the root of this checkpoint:
}
dashboard-no-covering-checkpoint = No published checkpoint covers this entry yet; the next one will.
dashboard-entry-bytes = Entry bytes (base64)

dashboard-paused-at = Paused; last updated { $time }
dashboard-updated-at = Updated { $time }
dashboard-update-error = Could not update ({ $reason }). Retrying in { $seconds } s.
dashboard-update-failed = Update failed
dashboard-updates-paused = Updates paused
dashboard-no-answer = no answer in time
dashboard-unreachable = the node is unreachable

dashboard-footer = Passage publishes only public fields; commercial and personal details stay behind commitments. Figures are read from this node's public API.

dashboard-nav-mission = Mission
dashboard-mission-title = The monitoring mission
dashboard-mandate-open = The mission's mandate has no end date.
dashboard-mandate-until = The mission's mandate runs until { $ends }.
dashboard-mandate-ended = The mission's mandate ended on { $ends }: its keys can no longer act. The log keeps everything it recorded.
dashboard-mission-totals = Observations: { $observations }. Dissents: { $dissents }. Contests opened: { $opened }, unanswered in time: { $overdue }.
dashboard-contests-title = Open contests
dashboard-contest-line = Contest { $number }: { $kind } by { $party } (entry { $entry }), reason { $reason }, raised by { $contester }, waiting { $waited }
dashboard-contest-overdue = { " " }— past its deadline
dashboard-no-open-contest = No open contest.
dashboard-automatic-title = Automatic incidents
dashboard-automatic-contest = Incident { $number }: contest { $contest } unanswered in time, opened { $opened }
dashboard-automatic-hold = Incident { $number }: { $movement } held too long at { $post }, opened { $opened }
dashboard-no-automatic = No open automatic incident.
dashboard-reports-title = Daily reports
dashboard-report-line = Report of { $day }, signed (entry { $entry }), also as { $pdf }
dashboard-report-pdf = PDF
dashboard-report-open-line = Figures of { $day } so far, not yet signed, also as { $pdf }
dashboard-no-report = No daily report signed yet.
dashboard-observations-title = Latest observations
dashboard-observation-post = { $time }, at { $post }: { $category }. { $summary } ({ $attachments }, entry { $entry })
dashboard-observation-segment = { $time }, between { $post } and { $to }: { $category }. { $summary } ({ $attachments }, entry { $entry })
dashboard-observation-attachments = { $count ->
    [one] { $count } attachment
   *[other] { $count } attachments
}
dashboard-no-observation = No observation recorded yet.
dashboard-observation-queue = queue
dashboard-observation-closure = closure
dashboard-observation-road-condition = road condition
dashboard-observation-rail-condition = railway condition
dashboard-observation-conduct = officers' conduct
dashboard-observation-security = security
dashboard-observation-other = other
