"""End-to-end test of `paracues relay` with the official openai Python SDK.

Spoken audio (espeak-ng, resampled by sox to 24 kHz mono PCM16) is streamed by the SDK through the
relay to a fake upstream (fake_upstream.py) on 127.0.0.1, once per dialect: stepfun (beta protocol,
SDK `client.beta.realtime`) and openai (GA, SDK `client.realtime`). Checks:
- the relay's annotation item reaches the upstream after the user's committed item and before the
  response.create the relay sends (own-responses policy), and the SDK never sees relay items;
- the annotations reflect the audio: a fast turn (espeak -s 290) reads faster than a slow one
  (-s 110), a high voice (-p 85) reads higher than a low one (-p 15), and the two turns without a
  laugh never mention laughter (a third turn has a sox-made laugh; whether it is found is printed,
  not checked: the detector finds that laugh in about half of sox's random noise draws).
Also `paracues stream`: live output while stdin is open, and the fast turn reads faster.
Usage: relay_e2e.py PATH_TO_PARACUES_BINARY. Prints "N passed, N failed"; exit 1 on any failure.
"""
import asyncio
import os
import re
import subprocess
import sys
import tempfile

import fake_upstream

SENTENCE = "The quick brown fox jumps over the lazy dog near the river bank today."
TIMEOUT = 60


def speak(rate, pitch):
    """espeak-ng speech → 24 kHz mono PCM16 bytes, with 0.3 s silence before and 1.0 s after."""
    with tempfile.TemporaryDirectory() as tmp:
        wav = os.path.join(tmp, "s.wav")
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", str(rate), "-p", str(pitch), "-w", wav, SENTENCE],
                       check=True, timeout=30)
        raw = subprocess.run(["sox", wav, "-t", "raw", "-r", "24000", "-c", "1", "-b", "16", "-e", "signed-integer",
                              "-L", "-", "pad", "0.3", "1.0"], check=True, capture_output=True, timeout=30).stdout
    return raw


def laugh_turn():
    """Speech, a 1.0 s laugh, speech → 24 kHz mono PCM16 bytes (0.3 s silence before, 1.0 s after).

    The laugh is not from our own generator: sox alternates 80 ms of pink-noise breath with 90 ms of a
    voiced sawtooth-plus-noise "ha" (260 Hz falling to 220 Hz), six times."""
    with tempfile.TemporaryDirectory() as tmp:
        def path(name):
            return os.path.join(tmp, name)
        def sox(*args):
            subprocess.run(["sox", *args], check=True, timeout=30, capture_output=True)
        parts = []
        for i in range(6):
            sox("-n", "-r", "24000", "-c", "1", "-b", "16", path(f"h{i}.wav"), "synth", "0.08", "pinknoise",
                "fade", "t", "0.01", "0.08", "0.04", "vol", "0.15")
            sox("-n", "-r", "24000", "-c", "1", "-b", "16", path(f"v{i}.wav"), "synth", "0.09", "sawtooth",
                str(260 - 8 * i), "synth", "0.09", "pinknoise", "mix", "fade", "t", "0.01", "0.09", "0.05", "vol", "0.5")
            parts += [path(f"h{i}.wav"), path(f"v{i}.wav")]
        sox(*parts, path("laugh.wav"))
        for name, text in (("a.wav", "well that was not what I expected"), ("b.wav", "at all, really")):
            subprocess.run(["espeak-ng", "-v", "en-us", "-w", path("raw_" + name), text], check=True, timeout=30)
            sox(path("raw_" + name), "-r", "24000", "-c", "1", "-b", "16", path(name))
        sox(path("a.wav"), path("laugh.wav"), path("b.wav"), path("turn.wav"))
        return subprocess.run(["sox", path("turn.wav"), "-t", "raw", "-r", "24000", "-c", "1", "-b", "16",
                               "-e", "signed-integer", "-L", "-", "pad", "0.3", "1.0"],
                              check=True, capture_output=True, timeout=30).stdout


async def start_relay(binary, upstream_port, dialect):
    env = dict(os.environ, STEPFUN_API_KEY="test-key", OPENAI_API_KEY="test-key")
    process = await asyncio.create_subprocess_exec(
        binary, "relay", "--listen", "127.0.0.1:0", "--dialect", dialect,
        "--upstream", f"ws://127.0.0.1:{upstream_port}/v1/realtime", "--connect-timeout", "5",
        env=env, stderr=asyncio.subprocess.PIPE)
    line = await asyncio.wait_for(process.stderr.readline(), timeout=30)
    match = re.search(rb"ws://127\.0\.0\.1:(\d+)/v1", line)
    if not match:
        process.kill()
        raise RuntimeError(f"relay did not start: {line!r}")
    return process, int(match.group(1))


async def run_session(port, dialect, turns):
    """Streams each turn's audio in 20 ms chunks through the SDK; waits for a response per turn."""
    import base64
    from openai import AsyncOpenAI

    client = AsyncOpenAI(api_key="sk-client-key", websocket_base_url=f"ws://127.0.0.1:{port}/v1")
    realtime = client.realtime if dialect == "openai" else client.beta.realtime
    seen = []
    async with realtime.connect(model="stepaudio-2.5-realtime") as connection:
        detection = {"type": "server_vad", "create_response": True, "silence_duration_ms": 500}
        if dialect == "openai":
            await connection.session.update(session={"type": "realtime", "instructions": "Be helpful.",
                                                     "audio": {"input": {"turn_detection": detection}}})
        else:
            await connection.session.update(session={"instructions": "Be helpful.", "turn_detection": detection,
                                                     "input_audio_format": "pcm16"})
        for audio in turns:
            for offset in range(0, len(audio), 960):
                await connection.input_audio_buffer.append(audio=base64.b64encode(audio[offset:offset + 960]).decode())
            while True:
                event = await asyncio.wait_for(connection.recv(), timeout=TIMEOUT)
                seen.append(event)
                if event.type == "response.done":
                    break
    return seen


def annotation_texts(fake):
    texts = []
    for _, event in fake.received:
        if event.get("type") == "conversation.item.create":
            content = event["item"]["content"][0]["text"]
            texts.append(content)
    return texts


async def check_dialect(binary, dialect, results):
    fake, server, upstream_port = await fake_upstream.start(dialect)
    relay, port = await start_relay(binary, upstream_port, dialect)
    try:
        slow_low = speak(110, 15)
        fast_high = speak(290, 85)
        seen = await asyncio.wait_for(run_session(port, dialect, [slow_low, fast_high, laugh_turn()]),
                                      timeout=TIMEOUT * 3)
    finally:
        relay.terminate()
        await relay.wait()
        server.close()

    def check(name, condition, detail=""):
        results.append((f"{dialect}: {name}", condition, detail))

    order = [(seq, event.get("type"), event.get("previous_item_id")) for seq, event in fake.received
             if event.get("type") in ("conversation.item.create", "response.create")]
    commits = [seq for seq, event in fake.sent if event.get("type") == "input_audio_buffer.committed"]
    check("three turns committed", len(commits) == 3, str(commits))
    pairs = [(order[i], order[i + 1]) for i in range(0, len(order) - 1, 2)]
    ok = len(pairs) == 3 and all(
        a[1] == "conversation.item.create" and b[1] == "response.create" and a[0] > c and a[2] == f"item_user_{n + 1}"
        for n, ((a, b), c) in enumerate(zip(pairs, commits)))
    check("annotation after the user's item, before response.create", ok, str(order))
    updates = [event for _, event in fake.received if event.get("type") == "session.update"]
    detections = [fake._detection(event.get("session") or {}) for event in updates]
    check("upstream told create_response=false",
          any(d and d.get("create_response") is False for d in detections), str(detections))
    responses = [seq for seq, event in fake.sent if event.get("type") == "response.created"]
    check("one response per turn", len(responses) == 3, str(responses))
    leaked = [e.type for e in seen if "pqcue_" in e.model_dump_json() or "pqevt_" in e.model_dump_json()]
    check("SDK never sees relay items", not leaked, str(leaked))
    check("SDK saw committed and response.done",
          {"input_audio_buffer.committed", "response.done"} <= {e.type for e in seen})

    texts = annotation_texts(fake)
    print(f"[{dialect}] annotations:", *texts, sep="\n  ")
    rates = [float(m.group(1)) for t in texts[:2] for m in [re.search(r"rate ([\d.]+) syl/s", t)] if m]
    pitches = [float(m.group(1)) for t in texts[:2] for m in [re.search(r"pitch (\d+) Hz", t)] if m]
    check("fast turn reads faster than the slow one", len(rates) == 2 and rates[1] > 1.5 * rates[0], str(rates))
    check("high voice reads higher than the low one", len(pitches) == 2 and pitches[1] > 1.2 * pitches[0],
          str(pitches))
    check("second turn compared with the baseline", len(texts) == 3 and "vs baseline" in texts[1], texts[1:2])
    check("no laughter reported in the two turns without one",
          len(texts) == 3 and not any("laughter" in t for t in texts[:2]), texts)
    # Not a check: the detector finds this sox-made laugh in only about half of the random noise
    # draws (5 of 10 measured, docs/relay.md), so asserting it would make CI a coin toss.
    print(f"[{dialect}] laugh turn mentions laughter: {len(texts) == 3 and 'laughter at' in texts[2]}")


async def check_stream(binary, results):
    """`paracues stream` is live: a turn line arrives while stdin is still open, a frame line within
    0.5 s of audio, and the turn's syllable rate follows the espeak rate."""
    import json
    import time
    process = await asyncio.create_subprocess_exec(
        binary, "stream", "--raw", "s16le", "--rate", "24000", "--frames",
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    audio = speak(110, 50) + speak(290, 50) + bytes(48000)  # two turns, then 1 s of silence
    lines = []

    async def reader():
        while True:
            line = await process.stdout.readline()
            if not line:
                return
            lines.append((time.monotonic(), json.loads(line)))

    task = asyncio.create_task(reader())
    start = time.monotonic()
    for offset in range(0, len(audio), 960 * 5):  # 100 ms chunks at 4× real time
        process.stdin.write(audio[offset:offset + 960 * 5])
        await process.stdin.drain()
        await asyncio.sleep(0.025)
    stdin_closed = time.monotonic()
    turns_before_close = [obj for t, obj in lines if obj["type"] == "turn"]
    process.stdin.close()
    await asyncio.wait_for(task, TIMEOUT)
    await process.wait()
    first_frame = next((t for t, obj in lines if obj["type"] == "frame"), None)
    turns = [obj for _, obj in lines if obj["type"] == "turn"]
    rates = [t["features"]["articulation_rate_syl_s"] for t in turns]
    results.append(("stream: first frame within 0.5 s", first_frame is not None and first_frame - start < 0.5,
                    str(first_frame and first_frame - start)))
    results.append(("stream: a turn arrives before stdin closes", len(turns_before_close) >= 1,
                    f"{len(turns_before_close)} by {stdin_closed - start:.1f} s"))
    results.append(("stream: fast turn reads faster", len(rates) == 2 and rates[1] > 1.5 * rates[0], str(rates)))
    results.append(("stream: turns carry the cue classifier's verdict",
                    bool(turns) and all({"emotion", "arousal", "frustration"} <= set(t.get("cues") or {}) for t in turns),
                    str([t.get("cues") for t in turns])[:300]))
    results.append(("stream: ends with an end line", lines and lines[-1][1]["type"] == "end", ""))


async def main(binary):
    results = []
    try:
        await check_stream(binary, results)
    except Exception as error:
        results.append(("stream: ran", False, repr(error)))
    for dialect in ("stepfun", "openai"):
        try:
            await check_dialect(binary, dialect, results)
        except Exception as error:  # a crash is a failed check, reported with its reason
            results.append((f"{dialect}: session ran", False, repr(error)))
    failed = 0
    for name, ok, detail in results:
        print(("PASS " if ok else "FAIL ") + name + ("" if ok else f"  [{detail}]"))
        failed += 0 if ok else 1
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1])))
