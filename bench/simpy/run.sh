#!/usr/bin/env bash
# Benchmarks Passage's engine against SimPy on the same M/M/c model, on this machine.
# Creates a virtualenv under target/, installs SimPy from PyPI, and runs compare.py.
# Usage: bench/simpy/run.sh [CUSTOMERS]   (default one million; 10000 for a smoke test)
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/simpy-venv
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "simpy==4.1.2"
fi
cargo build --quiet --release -p passage-sim --example mmc
exec "$venv/bin/python" bench/simpy/compare.py "$@"
