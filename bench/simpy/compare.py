"""Runs the M/M/c benchmark on SimPy and on Passage's engine, on this machine, now.

Prints each engine's median customers per second over three seeds, their ratio, and each
engine's mean wait against Erlang C. Exits non-zero if either engine's mean wait is off:
a fast wrong answer is not a result.

Usage (from bench/simpy/run.sh, inside the virtualenv): python compare.py [CUSTOMERS]
"""
import math
import re
import statistics
import subprocess
import sys
from pathlib import Path

import simpy

import mmc_simpy

ROOT = Path(__file__).resolve().parents[2]
C, LAMBDA, MU = mmc_simpy.C, mmc_simpy.LAMBDA, mmc_simpy.MU


def erlang_c():
    a = LAMBDA / MU
    below = sum(a**k / math.factorial(k) for k in range(C))
    top = a**C / (math.factorial(C) * (1 - a / C))
    p_wait = top / (below + top)
    return p_wait, p_wait / (C * MU - LAMBDA)


def main():
    customers = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    p_wait, wq = erlang_c()
    # One run's mean wait varies between seeds with a standard deviation of about 0.01 at a
    # million customers; it grows as 1/sqrt(customers). Five of those is "within noise".
    tolerance = 5 * 0.01 * math.sqrt(1_000_000 / customers)
    print(f"M/M/{C}, lambda={LAMBDA}, mu={MU}, {customers:,} customers; Erlang C: Wq={wq:.4f}, P(wait)={p_wait:.4f}")

    print(f"== SimPy {simpy.__version__} (python {sys.version.split()[0]})")
    simpy_rates, simpy_waits = [], []
    for seed in (42, 43, 44):
        wall, mean_wait, delayed = mmc_simpy.run(customers, seed)
        simpy_rates.append(customers / wall)
        simpy_waits.append(mean_wait)
        print(f"seed {seed}: wall {wall:.2f}s, {customers / wall:,.0f} customers/s, Wq {mean_wait:.4f}, P(wait) {delayed:.4f}")

    print("== passage-sim (cargo run --release -p passage-sim --example mmc)")
    output = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "-p", "passage-sim", "--example", "mmc", "--", str(customers), "8"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    print(output, end="")
    ours = [(float(rate), float(w)) for rate, w in re.findall(r"([\d.]+) customers/s; mean Wq ([\d.]+)", output)]
    if len(ours) != 3:
        sys.exit("could not read the engine's three repetitions")
    our_rates = [rate for rate, _ in ours]
    our_waits = [w for _, w in ours]

    simpy_median, our_median = statistics.median(simpy_rates), statistics.median(our_rates)
    print("== result")
    print(f"SimPy median:        {simpy_median:>12,.0f} customers/s, mean Wq {statistics.mean(simpy_waits):.4f}")
    print(f"passage-sim median:  {our_median:>12,.0f} customers/s, mean Wq {statistics.mean(our_waits):.4f}")
    print(f"ratio passage-sim / SimPy: {our_median / simpy_median:.1f}x")
    bad = [(name, w) for name, ws in (("SimPy", simpy_waits), ("passage-sim", our_waits)) for w in ws if abs(w - wq) > tolerance]
    if bad:
        sys.exit(f"mean wait outside Erlang C {wq:.4f} +- {tolerance:.3f}: {bad}")
    print(f"both engines' mean waits lie within {tolerance:.3f} of Erlang C")


if __name__ == "__main__":
    main()
