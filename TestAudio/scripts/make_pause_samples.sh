#!/usr/bin/env bash
# Regenerates TestAudio/speech/{en,cmn}_pauses*.wav and their truth files (*.truth.json).
# Each sample is espeak-ng sentences, trimmed of espeak's own silence (sox, -50 dB), joined with
# silences of known length. The truth gives every speech interval and every pause exactly.
# Deterministic for a given espeak-ng version (1.51 on Debian 12). Mandarin uses the
# cmn-latn-pinyin voice: the plain cmn voice of 1.51 spells most Hanzi as English letters.
set -euo pipefail
cd "$(dirname "$0")/../speech"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

make() { # name voice rate leading trailing "gap1 gap2 ..." syllables sentences...
  local name=$1 voice=$2 wpm=$3 lead=$4 trail=$5 gaps=($6) syllables=$7; shift 7
  local parts=() t=$lead i=0 speech="" pauses=""
  sox -D -n -r 16000 -b 16 -c 1 "$tmp/lead.wav" trim 0 "$lead"
  parts+=("$tmp/lead.wav")
  for s in "$@"; do
    espeak-ng -v "$voice" -s "$wpm" -w "$tmp/raw$i.wav" "$s"
    sox -D "$tmp/raw$i.wav" -r 16000 -b 16 -c 1 "$tmp/s$i.wav" silence 1 0.005 -50d reverse silence 1 0.005 -50d reverse
    local d; d=$(soxi -D "$tmp/s$i.wav")
    parts+=("$tmp/s$i.wav")
    speech+="{\"start_s\":$t,\"end_s\":$(echo "$t + $d" | bc -l)},"
    t=$(echo "$t + $d" | bc -l)
    if [ $i -lt ${#gaps[@]} ]; then
      sox -D -n -r 16000 -b 16 -c 1 "$tmp/g$i.wav" trim 0 "${gaps[$i]}"
      parts+=("$tmp/g$i.wav")
      pauses+="{\"start_s\":$t,\"end_s\":$(echo "$t + ${gaps[$i]}" | bc -l)},"
      t=$(echo "$t + ${gaps[$i]}" | bc -l)
    fi
    i=$((i + 1))
  done
  sox -D -n -r 16000 -b 16 -c 1 "$tmp/trail.wav" trim 0 "$trail"
  parts+=("$tmp/trail.wav")
  sox -D "${parts[@]}" "$name.wav"
  printf '{"file":"%s.wav","syllables":%s,"leading_silence_s":%s,"trailing_silence_s":%s,"speech":[%s],"pauses":[%s]}\n' \
    "$name" "$syllables" "$lead" "$trail" "${speech%,}" "${pauses%,}" > "$name.truth.json"
}

# Syllables counted from the text (English by hand; Mandarin one per Hanzi).
make en_pauses en 170 0.30 0.40 "0.50 0.80 0.25" 51 \
  "The quick brown fox jumps over the lazy dog" \
  "Please call Stella and ask her to bring these things with her from the store" \
  "Six spoons of fresh snow peas" \
  "We also need a small plastic snake and a big toy frog for the kids"
make cmn_pauses cmn-latn-pinyin 160 0.25 0.35 "0.60 0.30" 34 \
  "今天天气很好我们去公园散步吧" \
  "我想喝一杯热茶" \
  "明天早上八点在学校门口见面"
# Telephone version: 8 kHz, 300-3400 Hz band, 8-bit mu-law would lose too much for tests: 16-bit.
sox -D en_pauses.wav -r 8000 en_pauses_8k.wav sinc 300-3400
cp en_pauses.truth.json en_pauses_8k.truth.json
sed -i 's/en_pauses.wav/en_pauses_8k.wav/' en_pauses_8k.truth.json
