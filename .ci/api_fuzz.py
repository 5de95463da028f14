#!/usr/bin/env python3
"""Schema-driven fuzzing of the node's HTTP API.

Fills a log with `passage demo` (a node on an embedded database, its corridor set up and a
few movements driven through the API), serves it with `passage serve` on a free loopback
port, and runs schemathesis over the OpenAPI document the node serves, with the checks that hold the node to what it says: no server
error, every answer's status documented for its operation, every answer's body as the
document describes it. Any failure fails the run.

schemathesis is installed, at the pinned version, in a virtual environment under target/
(kept between runs). The `passage` binary is target/debug/passage, which the test command
builds; give another with PASSAGE_BINARY.

    python3 .ci/api_fuzz.py [--max-examples N] [--seed N]
"""

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import venv

SCHEMATHESIS_VERSION = "4.32.5"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, "target", "api-fuzz-venv")
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance"
# The demo and the node are ready within seconds; the bound only turns a hang into a failure.
START_TIMEOUT_SECONDS = 300
# Movements the demo completes before the node is fuzzed: enough for every page and every
# kind of answer to have content.
DEMO_MOVEMENTS = 4


def schemathesis():
    """The schemathesis executable at the pinned version, installed if missing."""
    executable = os.path.join(VENV, "bin", "schemathesis")
    stamp = os.path.join(VENV, "schemathesis-" + SCHEMATHESIS_VERSION)
    if not os.path.exists(stamp):
        print(f"installing schemathesis {SCHEMATHESIS_VERSION} in {VENV}", flush=True)
        venv.create(VENV, with_pip=True, clear=True)
        pip = os.path.join(VENV, "bin", "pip")
        subprocess.run(
            [pip, "install", "--quiet", f"schemathesis=={SCHEMATHESIS_VERSION}"], check=True
        )
        open(stamp, "w").close()
    return executable


def charter_sha256():
    """The charter hash the example configuration names: that of the demo's charter."""
    with open(os.path.join(ROOT, "passage.example.toml")) as example:
        match = re.search(r'^charter_sha256 = "([0-9a-f]{64})"', example.read(), re.M)
    if not match:
        sys.exit("passage.example.toml names no charter_sha256")
    return match.group(1)


def wait_for_line(process, pattern, what):
    """Reads `process`'s output until a line matches `pattern`; the match's first group.
    The rest of the output is read and dropped by a thread, so the process never blocks."""
    found = {}

    def read():
        for line in process.stdout:
            match = re.search(pattern, line)
            if match and "value" not in found:
                found["value"] = match.group(1)

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while "value" not in found:
        if process.poll() is not None and "value" not in found:
            sys.exit(f"{what} ended before it was ready (exit {process.returncode})")
        if time.monotonic() > deadline:
            process.kill()
            sys.exit(f"{what} was not ready in time")
        time.sleep(0.1)
    return found["value"]


def populate(binary, data):
    """A log with a corridor and a few movements through every act: the demo, stopped
    after DEMO_MOVEMENTS have completed."""
    completed = subprocess.run(
        [binary, "demo", "--data", data, "--listen", "127.0.0.1:0", "--witnesses", "0",
         "--count", str(DEMO_MOVEMENTS)],
        stdout=subprocess.DEVNULL,
        timeout=START_TIMEOUT_SECONDS,
    )
    if completed.returncode != 0:
        sys.exit(f"the demo failed (exit {completed.returncode})")


def serve(binary, data):
    """`passage serve` on the demo's log; the process and its base URL."""
    config = os.path.join(data, "passage.toml")
    with open(config, "w") as file:
        file.write(
            'listen = "127.0.0.1:0"\n'
            f'log_key = "{os.path.join(data, "log.key")}"\n'
            f'database = "{os.path.join(data, "passage.db")}"\n'
            f'charter_sha256 = "{charter_sha256()}"\n'
        )
    process = subprocess.Popen(
        [binary, "serve", "--config", config], stdout=subprocess.PIPE, text=True
    )
    return process, wait_for_line(process, r"^serving (http://\S+)", "the node")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    arguments = parser.parse_args()
    binary = os.environ.get("PASSAGE_BINARY", os.path.join(ROOT, "target", "debug", "passage"))
    if not os.path.exists(binary):
        sys.exit(f"{binary} is missing: run `cargo test --workspace` (or build) first")
    executable = schemathesis()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as data:
        populate(binary, data)
        process, base = serve(binary, data)
        try:
            command = [
                executable,
                "run",
                f"{base}/v1/openapi.json",
                "--url",
                base,
                "--checks",
                CHECKS,
                "--phases",
                "examples,coverage,fuzzing",
                "--max-examples",
                str(arguments.max_examples),
                # One worker: with two, hypothesis describes strategies (ast.parse) on two
                # threads at once, which CPython 3.11 can fail with "SystemError: AST
                # constructor recursion depth mismatch", a runtime error that fails the run.
                "--workers",
                "1",
                "--seed",
                str(arguments.seed),
                "--request-timeout",
                "30",
                "--suppress-health-check",
                "all",
                "--no-color",
                "--generation-database",
                "none",
            ]
            # In the temporary folder, where schemathesis leaves its own files.
            result = subprocess.run(command, cwd=data)
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    print(f"api fuzzing took {time.monotonic() - started:.0f} s", flush=True)
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
