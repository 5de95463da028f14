#!/bin/sh
# A corridor of one's own, from nothing to an audit that passes: the walk-through of the
# README ("Your own corridor"), whose commands are copied from this file and checked
# against it by the tests. Every party's keys, three witnesses, a node, the charter,
# enrolment, a truck from declaration (amended once) to discharge and payment, a change of
# regime by quorum, a revocation, a receipt verified offline and an audit.
#
#   sh examples/walkthrough.sh [FOLDER]     # default: ./passage-walkthrough
#
# It needs `passage` on the PATH (`cargo build --release -p passage-cli`, then
# `PATH=$PWD/target/release:$PATH`), works in FOLDER, which must not hold an earlier run,
# and stops the node and the witnesses it started when it ends. The node listens where
# passage.toml says (PASSAGE_LISTEN overrides it; port 0 picks a free port).
set -eu
# The script reads what the commands print (an MRN, a fee, an entry), so it has them print
# in English whatever the locale; a person typing the commands may choose any language.
PASSAGE_LANG=en
export PASSAGE_LANG

examples=$(cd "$(dirname "$0")" && pwd)
corridors=$examples/../crates/core/corridors
work=${1:-passage-walkthrough}
if [ -e "$work/passage-data" ]; then
    echo "$work holds an earlier run; give another folder" >&2
    exit 2
fi
mkdir -p "$work"
cd "$work"
cp "$examples/charter.toml" charter.example.toml
cp "$examples/truck.toml" "$examples/train.toml" "$examples/../passage.example.toml" .
cp "$corridors/syunik.toml" "$corridors/syunik-regime-monitored.toml" \
    "$corridors/syunik-regime-joint.toml" .

# The servers this script starts, stopped when it ends however it ends.
servers=""
stop_servers() {
    for pid in $servers; do kill "$pid" 2>/dev/null || true; done
}
trap stop_servers EXIT
trap 'exit 1' INT TERM

# Waits for a server's output FILE to hold a line starting with PREFIX and prints the rest
# of it (the address it serves). A server that ended without it fails the script.
wait_for() {
    tries=0
    while ! grep -q "^$2" "$1" 2>/dev/null; do
        tries=$((tries + 1))
        if [ "$tries" -gt 300 ]; then
            echo "no \`$2\` from $1 after 30 s:" >&2
            cat "$1" >&2
            exit 1
        fi
        sleep 0.1
    done
    sed -n "s/^$2//p" "$1" | head -n 1
}

# Prints the lanes drawn at POST for the movement MRN, one `KIND:ID LANE` a line, once
# they are drawn: the node draws them when a checkpoint covering the arrival is published
# and cosigned, with each party's contribution from its witness (docs/SELECTION.md).
lanes_at() {
    tries=0
    while :; do
        passage movement "$1" > movement.txt
        lanes=$(awk -v post="  $2" '
            index($0, post) == 1 { here = 1; next }
            /^  [^ ]/ { here = 0 }
            here { print $1 ":" $2, $3 }' movement.txt)
        case $lanes in
            *pending*) ;;
            *) break ;;
        esac
        tries=$((tries + 1))
        if [ "$tries" -gt 300 ]; then
            echo "the lanes of $1 at $2 are still pending after 30 s" >&2
            exit 1
        fi
        sleep 0.1
    done
    echo "$lanes"
}

# --- Keys: the log's, and each party's authority key, witness key and VRF key.
passage keys generate --name corridor.example/log --out passage-data/log.key > log.vkey
for party in am az mon; do
    passage keys signer --out $party-authority.key > $party-authority.pub
    passage witness keygen --name witness.$party --out witness-$party.key > witness-$party.pub
    passage witness vrf-keygen --out vrf-$party.key > vrf-$party.pub
done

# --- Each party runs its witness, which cosigns the log and holds the party's VRF key.
for party in am az mon; do
    passage witness serve --key witness-$party.key --db witness-$party.db --log log.vkey \
        --vrf-key vrf-$party.key --listen 127.0.0.1:0 > witness-$party.out &
    servers="$servers $!"
done
am_witness=http://$(wait_for witness-am.out "listening on ")
az_witness=http://$(wait_for witness-az.out "listening on ")
mon_witness=http://$(wait_for witness-mon.out "listening on ")

# --- The charter header: each party's keys in place of the example's placeholders.
key_line() { sed -n 's/^key = "\(.*\)"$/\1/p' "$1"; }
sed -e "s/AM-AUTHORITY-KEY/$(cat am-authority.pub)/" \
    -e "s/AZ-AUTHORITY-KEY/$(cat az-authority.pub)/" \
    -e "s/MON-AUTHORITY-KEY/$(cat mon-authority.pub)/" \
    -e "s/AM-VRF-KEY/$(cat vrf-am.pub)/" \
    -e "s/AZ-VRF-KEY/$(cat vrf-az.pub)/" \
    -e "s/MON-VRF-KEY/$(cat vrf-mon.pub)/" \
    -e "s/AM-WITNESS-KEY/$(key_line witness-am.pub)/" \
    -e "s/AZ-WITNESS-KEY/$(key_line witness-az.pub)/" \
    -e "s/MON-WITNESS-KEY/$(key_line witness-mon.pub)/" \
    charter.example.toml > charter.toml

# --- The node: the charter's hash in its configuration, and where its witnesses are.
passage charter hash --header charter.toml --corridor syunik.toml \
    --regime syunik-regime-monitored.toml > charter.sha256
sed "s/^charter_sha256 = .*/charter_sha256 = \"$(cat charter.sha256)\"/" \
    passage.example.toml > passage.toml
cat >> passage.toml <<EOF
[witnesses]
"witness.am" = "$am_witness"
"witness.az" = "$az_witness"
"witness.mon" = "$mon_witness"
EOF
passage serve --config passage.toml > node.out &
servers="$servers $!"
PASSAGE_NODE=$(wait_for node.out "serving ")
export PASSAGE_NODE

# --- The authorities: the charter (entry 0), then the officers and the carrier.
passage charter create --header charter.toml --corridor syunik.toml \
    --regime syunik-regime-monitored.toml --key am-authority.key
passage charter show
for name in customs monitor carrier; do
    passage keys signer --out $name.key > $name.pub
done
passage enrol customs "$(cat customs.pub)" --post AM-MEGHRI-E --post AM-AGARAK-X \
    --key am-authority.key
passage enrol monitor "$(cat monitor.pub)" --post AM-MEGHRI-E --post AM-AGARAK-X \
    --key mon-authority.key
passage enrol carrier ARAZ-TRUCKS "$(cat carrier.pub)" --name "Araz Trucks" \
    --key am-authority.key

# --- The carrier declares: a truck from its file, another from flags, a train.
passage declare --key carrier.key --file truck.toml --openings truck.openings.json \
    > declared.txt
cat declared.txt                           # declared 26AM... at entry 4
MRN=$(awk '{ print $2 }' declared.txt)
passage declare --key carrier.key --route AM-TRANSIT-ROAD --traffic-class cargo_road \
    --equipment truck:34CD567 --equipment trailer:34CD567-T::SEAL-2 \
    --goods 34CD567-T:2022:080810:18000:KZ
passage declare --key carrier.key --file train.toml --openings train.openings.json

# --- Customs accept the declaration; before the first arrival the carrier amends it (the
# mass the weighbridge found), and customs accept the amended declaration again.
passage record --key customs.key accept "$MRN"
sed 's/^gross_mass_kg = 18000$/gross_mass_kg = 17500/' truck.toml > truck-amended.toml
passage amend "$MRN" --key carrier.key --file truck-amended.toml \
    --openings truck-amended.openings.json     # entry N: 26AM... amended
passage record --key customs.key accept "$MRN"

# --- At each post the monitor records the arrival and checks the seals, customs inspect
# what the draw sent to a yellow or red lane and release it.
for post in AM-MEGHRI-E AM-AGARAK-X; do
    passage record --key monitor.key arrival "$MRN" --post $post
    passage record --key monitor.key seal-check "$MRN" --post $post \
        --equipment trailer:12AB345-T --condition intact --seal SEAL-12AB345
    lanes_at "$MRN" $post > lanes.txt
    while read -r equipment lane; do
        case $lane in
            red) kind=physical ;;
            yellow) kind=documents ;;
            *) continue ;;
        esac
        passage record --key customs.key inspection "$MRN" --post $post \
            --equipment "$equipment" --kind $kind --outcome conform --findings "as declared"
    done < lanes.txt
    passage record --key customs.key release "$MRN" --post $post
    if [ $post = AM-MEGHRI-E ]; then
        passage record --key monitor.key departure "$MRN" --post $post
    fi
done
passage record --key customs.key discharge "$MRN" --out later.json
passage submit later.json                 # offline: send saved statements when back online
passage movement "$MRN"

# --- The carrier pays the fee the movement shows; customs record the payment.
fee=$(passage movement "$MRN" | sed -n 's/^  fee //p')
passage account carrier:ARAZ-TRUCKS
passage record --key customs.key payment --carrier ARAZ-TRUCKS \
    --amount "${fee% *}" --currency "${fee#* }" --reference PAY-1
passage account carrier:ARAZ-TRUCKS

# --- A change of regime by the charter's quorum (every party), and a revocation.
passage regime propose syunik-regime-joint.toml --key am-authority.key > proposed.txt
cat proposed.txt    # entry N: regime proposed at entry N; regime of entry N approved by AM
PROPOSAL=$(sed -n 's/^entry \([0-9]*\):.*/\1/p' proposed.txt)
passage regime show "$PROPOSAL"            # the proposal and its document, to review
passage regime list                        # every proposal, its status and approvals
passage regime approve "$PROPOSAL" --key az-authority.key
passage regime approve "$PROPOSAL" --key mon-authority.key
#   entry M: regime of entry N approved by MON; regime of entry N adopted, in force ...
passage revoke "$(cat customs.pub)" --key am-authority.key

# --- Anyone checks: the trust policy from the charter, an entry's receipt verified with no
# network, and the whole log audited against the node's published figures.
passage charter policy --log-key log.vkey > policy
passage receipt get 0 --out charter.receipt
passage receipt verify charter.receipt --policy policy
passage audit "$PASSAGE_NODE/log" --policy policy
