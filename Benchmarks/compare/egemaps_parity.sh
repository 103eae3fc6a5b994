#!/usr/bin/env bash
# Full eGeMAPSv02 parity run: the 48-file corpus (egemaps_corpus.txt, 16 kHz and native 8 kHz files)
# through `paracues analyze --features egemaps --format csv`, compared with openSMILE's golden values
# (Tests/ParacuesTests/Fixtures/egemaps/opensmile_golden.json). Needs espeak-ng, sox, python3 + numpy;
# not openSMILE. Prints the parity table (feature, Pearson r, Spearman rho, median relative difference, n).
# Usage: Benchmarks/compare/egemaps_parity.sh [--markdown]   (PARACUES=path/to/paracues to pick a binary;
# default: the debug build, brought up to date first — a stale binary gave stale numbers)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
bin="${PARACUES:-}"
if [ -z "$bin" ]; then
  (cd "$root" && swift build --product paracues >/dev/null)
  bin="$root/.build/debug/paracues"
fi
dir="${EGEMAPS_CORPUS_DIR:-/tmp/paracues-egemaps-parity}"
bash "$root/Benchmarks/compare/make_egemaps_corpus.sh" "$dir" >/dev/null
ls "$dir"/*_16k.wav "$dir"/*_8k.wav > "$dir/list.txt"
"$bin" analyze --files-from "$dir/list.txt" --features egemaps --format csv --quiet -j 2 -o "$dir/ours.csv"
python3 "$root/Benchmarks/compare/egemaps_parity.py" \
  "$root/Tests/ParacuesTests/Fixtures/egemaps/opensmile_golden.json" "$dir/ours.csv" "$@"
