#!/usr/bin/env bash
# Runs openSMILE eGeMAPSv02, Praat "To Pitch (ac)" and paracues on the same audio, pinned to one
# core, in one run, and prints throughput ratios (the figures to quote; absolute times are not
# comparable across machines).
#   Benchmarks/compare/side_by_side.sh [FILE] [SECONDS]
# Installs opensmile and praat-parselmouth from PyPI into Benchmarks/.venv on first use.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; root="$(cd "$here/../.." && pwd)"
venv="$root/Benchmarks/.venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q opensmile praat-parselmouth numpy
fi
(cd "$root" && swift build -c release --product paracues >/dev/null)
exec taskset -c 0 "$venv/bin/python" "$here/side_by_side.py" "$root/.build/release/paracues" "${1:-$root/TestAudio/speech/en_pauses.wav}" "${2:-60}"
