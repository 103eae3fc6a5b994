#!/usr/bin/env bash
# Generates the eGeMAPS parity corpus (see egemaps_corpus.txt) into $1 (default /tmp/paracues-egemaps).
# Needs espeak-ng and sox. Deterministic for a given espeak-ng version (golden values: espeak-ng 1.51).
set -euo pipefail
out="${1:-/tmp/paracues-egemaps}"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$out"
grep -v '^#' "$here/egemaps_corpus.txt" | while IFS='|' read -r name voice rate pitch text; do
  [ -z "$name" ] && continue
  espeak-ng -v "$voice" -s "$rate" -p "$pitch" -w "$out/$name.raw.wav" "$text"
  sox -D "$out/$name.raw.wav" -r 16000 -b 16 "$out/${name}_16k.wav"
  sox -D "$out/$name.raw.wav" -r 8000 -b 16 "$out/${name}_8k.wav"
  sox -D "$out/${name}_8k.wav" -r 16000 -b 16 "$out/${name}_8k_up16k.wav"
  rm "$out/$name.raw.wav"
done
echo "$out"
