# The node's post terminal, in English.

terminal-page-title = Passage: post terminal
terminal-title = Post terminal
terminal-tagline = Your acts are built and signed on this device; the node only adds them to the log.
terminal-language = Language
terminal-no-crypto = This browser cannot sign here: the page must come over HTTPS (or from this machine), in a browser with Ed25519 signatures, such as a current Chromium.

terminal-key-title = Your signing key
terminal-key-none = This device holds no signing key yet. Make one here (its private part never leaves this browser), or import the key file your authority gave you.
terminal-make-key = Make a key on this device
terminal-import-key = Import a key file
terminal-key-file-invalid = This file holds no signing key: a key file is one line of 64 hexadecimal digits.
terminal-key-made = Made on this device: its private part cannot be read out of this browser.
terminal-key-imported = Imported from a key file: this browser keeps it so that it cannot be read out again.
terminal-public-key = Public key (give it to your authority for enrolment):
terminal-forget-key = Forget this key
terminal-forget-key-confirm = Yes, forget it: nothing can be signed with it on this device any more

terminal-enrolment-title = What the charter gives this key
terminal-checking = Asking the node…
terminal-not-enrolled = No enrolment in the log names this key yet. Give the public key above to your authority, then check again.
terminal-unreachable = The node could not be reached. Try again when the connection is back.
terminal-enrolment-as-last-read = The node cannot be reached: this is what it said when it was last reached. Acts signed now wait on this device.
terminal-enrolled = Enrolled: this key may sign the acts below.
terminal-revoked = This key was revoked at entry { $entry }: it can sign nothing any more.
terminal-check-again = Check again
terminal-holder = Holder
terminal-party = Party
terminal-role = Role
terminal-posts = Posts
terminal-no-posts = none
terminal-since-entry = Enrolled at entry
terminal-holder-authority = authority
terminal-holder-officer = officer
terminal-holder-carrier = carrier
terminal-holder-guarantor = guarantor
terminal-role-customs = customs officer
terminal-role-border-guard = border guard
terminal-role-monitor = monitor

terminal-acts-title = Record an act
terminal-declare-title = Declare a movement
terminal-route = Route
terminal-traffic-class = Traffic
terminal-class-cargo-road = goods by road
terminal-class-cargo-rail = goods by rail
terminal-class-passengers = passengers
terminal-units = Units, with the seals affixed (separated by commas)
terminal-add-unit = Add a unit
terminal-unit-kind = Kind of unit
terminal-unit-size = Container size
terminal-unit-id = Number or plate
terminal-unit-seals = Seals
terminal-unit-container = container { $id }
terminal-unit-uic-wagon = wagon { $id }
terminal-unit-wagon-1520 = 1520 mm wagon { $id }
terminal-unit-truck = truck { $id }
terminal-unit-trailer = trailer { $id }
terminal-kind-container = Container
terminal-kind-uic-wagon = Wagon (UIC, 12 digits)
terminal-kind-wagon-1520 = Wagon (1520 mm, 8 digits)
terminal-kind-truck = Truck
terminal-kind-trailer = Trailer
terminal-goods = Goods items
terminal-add-goods = Add a goods item
terminal-goods-unit = Unit (its number or plate)
terminal-goods-hs = HS code, e.g. 2022:080810
terminal-goods-mass = Gross mass, kg
terminal-goods-origin = Origin (two letters)
terminal-goods-description = Description (confidential)
terminal-goods-value = Value (confidential)
terminal-consignee = Consignee (confidential)
terminal-guarantee = Guarantee reference (if the regime asks for one)
terminal-holder-of-procedure = Holder of the procedure (EORI or TIN, optional)
terminal-driver = Driver (confidential; given with the holder)
terminal-review-button = Review before signing

terminal-post-act-title = Record an act at your post
terminal-act = Act
terminal-act-arrive = Arrival
terminal-act-seal-check = Seal check
terminal-act-release = Release
terminal-mrn = Movement (MRN)
terminal-post = Post
terminal-condition = Condition
terminal-condition-intact = intact
terminal-condition-broken = broken
terminal-condition-mismatch = not the seals declared
terminal-seals-found = Seals found (separated by commas)

terminal-review-title = You are about to sign this statement
terminal-review-declare = You declare a movement on route { $route }: { $class }.
terminal-review-unit = { $unit }, seals: { $seals }
terminal-review-unit-no-seals = { $unit }, without seals
terminal-review-goods = Goods item { $number }: HS { $code }, { $mass } kg gross, origin { $origin }, in { $unit }
terminal-review-guarantee = It engages the guarantee { $guarantee }.
terminal-review-holder = Holder of the procedure: { $holder }
terminal-review-confidential = { $count ->
    [one] One confidential value goes to the node beside the statement, never into the log: only its commitment is signed.
   *[other] { $count } confidential values go to the node beside the statement, never into the log: only their commitments are signed.
}
terminal-review-arrive = Movement { $mrn } arrived at post { $post }.
terminal-review-release = Customs release movement { $mrn } at post { $post }.
terminal-review-seal-check = The seals of { $unit } of movement { $mrn } at post { $post }: { $condition }; seals found: { $seals }.
terminal-no-seals = none
terminal-review-signer = To be signed with your key { $key }… at { $time }, by this device's clock.
terminal-review-bytes = The bytes you sign, and the statement's id
terminal-sign-and-send = Sign and send
terminal-edit = Change it

terminal-answer-sending = Sending…
terminal-answer-acknowledged = Acknowledged: it is entry { $index } of the log.
terminal-answer-duplicate = Already in the log at entry { $index }; nothing changed.
terminal-answer-declared = Movement { $mrn } is declared.
terminal-answer-refused = Refused: { $reason } Nothing was recorded.
terminal-answer-unreachable = The node cannot be reached: the act is signed and kept on this device, and will be sent in order when the connection is back.

terminal-queue-title = Signed, waiting to be sent
terminal-queued = { $count ->
    [one] One signed act waits on this device; it is sent as soon as the node can be reached.
   *[other] { $count } signed acts wait on this device; they are sent in order as soon as the node can be reached.
}
terminal-send-now = Send now
terminal-queue-full = This device already keeps as many unsent acts as it may; send them before signing more.
terminal-act-depart = Departure
terminal-review-depart = Movement { $mrn } leaves post { $post }.

terminal-problem-missing = { $field }: this is required.
terminal-problem-not-hex = { $field }: hexadecimal digits are expected.
terminal-problem-wrong-length = { $field }: the length is wrong.
terminal-problem-not-a-number = { $field }: a whole number is expected.
terminal-problem-out-of-range = { $field }: the number is out of range.
terminal-problem-too-long = { $field }: too many items or characters.
terminal-problem-too-short = { $field }: at least one is needed.
terminal-problem-bad-identifier = { $field }: 1 to 32 Latin letters, digits or the signs - _ . : / are expected.
terminal-problem-unknown-word = { $field }: this is not one of the choices offered.
terminal-problem-bad-format = { $field }: this is not written as expected.
terminal-problem-bad-check-digit = { $field }: the check digit does not match; read the number again.
terminal-problem-container-size = { $field }: a size is given for containers, and only for them.

terminal-refusal-other = the node refused it (code { $code }).
terminal-refusal-unknown-signer = no enrolment in the log names your key.
terminal-refusal-revoked-key = your key was revoked.
terminal-refusal-bad-signature = the signature does not match the statement.
terminal-refusal-malformed = the node could not read the statement.
terminal-refusal-not-a-carrier = only a carrier may declare a movement.
terminal-refusal-not-an-officer = this act needs an officer's key.
terminal-refusal-role-not-allowed = the regime does not let your role record this act.
terminal-refusal-not-posted-here = your key is not enrolled at this post.
terminal-refusal-unknown-post = the corridor has no such post.
terminal-refusal-unknown-route = the corridor has no such route.
terminal-refusal-traffic-class-not-allowed = the regime does not allow this traffic.
terminal-refusal-mode-mismatch = the units do not fit the route (road or rail).
terminal-refusal-invalid-declaration = the declaration is not valid (the details are below).
terminal-refusal-unknown-movement = no movement has this MRN.
terminal-refusal-wrong-status = the movement is not at a stage where this act can be recorded.
terminal-refusal-off-itinerary = this post is not on the movement's route.
terminal-refusal-out-of-order = the movement has not yet passed the posts before this one.
terminal-refusal-not-at-post = the movement is not at this post.
terminal-refusal-unknown-equipment = the movement's declaration has no such unit.
terminal-refusal-not-controlled = the regime has no controls at this post for this movement.
terminal-refusal-seals-differ = the seals found are not those declared: record the condition as not the seals declared.
terminal-refusal-seals-match = the seals found are those declared: record the condition as intact.
terminal-refusal-controls-pending = the controls at this post are not finished (seal checks or inspections are pending).
terminal-refusal-lane-pending = the lanes are waiting for the parties' draw; send it again in a few seconds.
terminal-refusal-recorded-in-future = this device's clock is ahead of the node's: set the clock, then record the act again.
terminal-refusal-recorded-too-long-ago = the act was recorded more than seven days before it reached the node.
terminal-refusal-guarantee-required = the regime asks for a guarantee.
terminal-refusal-unknown-guarantee = no guarantee has this reference.
terminal-refusal-guarantee-insufficient = the guarantee does not cover the duties on these goods.
terminal-refusal-unavailable = the node is busy or changing over; send it again in a few seconds.
