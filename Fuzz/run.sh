#!/bin/sh
# Builds and runs one libFuzzer harness.
#   Fuzz/run.sh HARNESS [SECONDS] [extra libFuzzer flags…]
#   HARNESS: decoder | streaming | relay | relay-events | relay-parsing       SECONDS: default 60
#   relay-events: RelayFuzz with 2-sample appends and inputs of at most 256 bytes (a few events
#   each), its own corpus: the event handling at ~10× the executions of `relay`, whose longer
#   inputs with real audio exercise annotation and injection. relay-parsing: RelayFuzz's event
#   parsing target alone (RELAY_FUZZ_TARGET=parsing: any bytes as one event's text).
# Corpus: Fuzz/corpus/HARNESS (grown by the run; seeded from Tests/ParacuesTests/Fixtures/fuzz-regressions
# and TestAudio). Crashes are written to Fuzz/artifacts/HARNESS/.
# Environment: JOBS (libFuzzer -fork=JOBS: that many worker processes; unset: one process, no fork),
# NICE (default 10), SKIP_BUILD=1. Extra flags go to libFuzzer, e.g. -runs=10000000 to stop after 10 M executions.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
harness=${1:?usage: Fuzz/run.sh decoder|streaming|relay|relay-events|relay-parsing [SECONDS]}
seconds=${2:-60}
[ $# -ge 2 ] && shift 2 || shift $#
# max_len: the largest input libFuzzer makes (a later -max_len=N on the command line wins).
case $harness in
    decoder) product=DecoderFuzz max_len=4096 ;;
    streaming) product=StreamingFuzz max_len=1024 ;;
    relay) product=RelayFuzz max_len=4096 ;;
    relay-events) product=RelayFuzz max_len=256; export RELAY_FUZZ_APPEND_SAMPLES=2 ;;
    relay-parsing) product=RelayFuzz max_len=4096; export RELAY_FUZZ_TARGET=parsing ;;
    *) echo "unknown harness $harness (decoder | streaming | relay | relay-events | relay-parsing)" >&2; exit 2 ;;
esac
cd "$here"
# Coverage: edges only by default (Fuzz/.build-edge). libFuzzer's default adds trace-cmp (every
# comparison reported to the fuzzer), which doubles the cost of an execution of the numeric engine
# (measured: StreamingFuzz 3.0 → 6.5 ms of CPU per execution) for little gain here: the harnesses
# generate the structure (events, headers, specials) themselves. TRACE_CMP=1 builds with it
# (Fuzz/.build).
if [ "${TRACE_CMP:-0}" = 1 ]; then
    scratch=.build coverage=
else
    scratch=.build-edge coverage="-Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table"
fi
if [ "${SKIP_BUILD:-0}" != 1 ]; then
    # SwiftPM caches the path dependency's file list in the build description: drop it so files
    # added to the main package since the last fuzz build are seen.
    rm -f "$scratch/release.yaml" "$scratch"/*/release/description.json
    # -enable-testing: RelayFuzz reads the relay session's internal queues (@testable) to check
    # they stay bounded. The same flags for every harness, so switching harness does not rebuild.
    # shellcheck disable=SC2086
    nice -n "${NICE:-10}" swift build -c release --scratch-path "$scratch" --product "$product" \
        -Xswiftc -sanitize=fuzzer,address $coverage -Xswiftc -parse-as-library -Xswiftc -enable-testing
fi
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)/$product
corpus=$here/corpus/$harness
artifacts=$here/artifacts/$harness
mkdir -p "$corpus" "$artifacts"
seeds=$here/../Tests/ParacuesTests/Fixtures/fuzz-regressions
if [ "$harness" = decoder ] && [ -z "$(ls -A "$corpus")" ]; then
    # Seed with small valid files of several formats (libFuzzer mutates from there).
    for f in "$seeds"/decoder-*; do [ -f "$f" ] && cp "$f" "$corpus/"; done
    if command -v sox >/dev/null; then
        sox -n -r 8000 -c 1 -b 16 "$corpus/seed-s16.wav" synth 0.05 sine 200 2>/dev/null || true
        sox -n -r 16000 -c 2 -e float -b 32 "$corpus/seed-f32.wav" synth 0.04 sine 150 2>/dev/null || true
        sox -n -r 11025 -c 1 -b 8 "$corpus/seed-u8.aiff" synth 0.05 sine 300 2>/dev/null || true
        sox -n -r 16000 -c 1 "$corpus/seed.flac" synth 0.05 sine 220 2>/dev/null || true
        sox -n -r 8000 -c 1 -e u-law "$corpus/seed-ulaw.wav" synth 0.05 sine 180 2>/dev/null || true
        sox -n -r 8000 -c 1 -e ima-adpcm "$corpus/seed-ima.wav" synth 0.05 sine 180 2>/dev/null || true
    fi
fi
if [ "$harness" = relay-parsing ] && [ -z "$(ls -A "$corpus")" ]; then
    # Seed with one event of each shape the relay reads (libFuzzer mutates from there).
    i=0
    for e in '{"type":"input_audio_buffer.append","audio":"AAABAAIA"}' \
        '{"type":"response.audio.delta","delta":"AAAA","item_id":"i1","event_id":"e1"}' \
        '{"type":"session.update","session":{"turn_detection":{"type":"server_vad","create_response":true},"input_audio_format":"pcm16"}}' \
        '{"type":"session.update","session":{"type":"realtime","audio":{"input":{"format":{"type":"audio/pcm","rate":24000},"turn_detection":null}}}}' \
        '{"type":"session.created","event_id":"e2","session":{"id":"s","turn_detection":{"type":"semantic_vad"}}}' \
        '{"type":"error","event_id":"e3","error":{"type":"invalid_request_error","event_id":"pqevt_x_1"}}' \
        '{"type":"conversation.item.created","item":{"id":"pqcue_x_1","role":"system","content":[{"type":"input_text","text":"t"}]}}'; do
        i=$((i + 1)); printf '%s' "$e" > "$corpus/seed-$i.json"
    done
fi
if [ "$harness" = streaming ] || [ "$harness" = relay ] || [ "$harness" = relay-events ]; then
    for f in "$seeds"/"${harness%-events}"-*; do [ -f "$f" ] && cp "$f" "$corpus/"; done
fi
export SWIFT_BACKTRACE=enable=no  # the Swift crash handler confuses ASan; libFuzzer prints the stack
exec nice -n "${NICE:-10}" "$bin" "$corpus" -max_total_time="$seconds" -max_len="$max_len" -timeout=20 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 ${JOBS:+-fork=$JOBS} "$@"
