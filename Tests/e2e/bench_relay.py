"""Benchmark (not a test) of `paracues relay`: forwarding latency per event and CPU per session.

Runs N concurrent sessions on 127.0.0.1, each streaming 24 kHz PCM16 in 20 ms
`input_audio_buffer.append` events at real-time pace for D seconds, through the relay to a
minimal upstream that timestamps arrivals and sends one `response.audio.delta` back per 5 appends
(timestamped, measured at the client). The relay runs with its annotator on every session.
Every 3 s of audio the upstream ends a turn (speech_stopped, committed, the user item created) and
times the relay's annotation item (`conversation.item.create`) from the moment it sent speech_stopped:
the injection delay after the end of speech as the upstream sees it (relay analysis + both hops).
Reports p50/p99 one-way latency client→upstream and upstream→client (same clock, same machine),
the injection delay, the relay's CPU time per second of audio per session, and the sessions one core
could carry.

Usage: bench_relay.py PARACUES_BINARY [--sessions 1,4,16] [--seconds 10] [--pin]
--pin runs the relay on core 0 and this harness on core 1 (taskset), so the relay's CPU time is
"per core" as the target means it and the harness does not compete with it.
"""
import argparse
import asyncio
import base64
import json
import math
import os
import re
import time

from websockets.asyncio.client import connect
from websockets.asyncio.server import serve

CHUNK = 480  # 20 ms at 24 kHz
TURN_APPENDS = 150  # the upstream ends a turn every 3 s of audio


import functools


@functools.lru_cache(maxsize=None)
def chunk_audio(index):
    """20 ms of a 150 Hz tone with a 4 Hz on/off envelope (speech-like activity), PCM16 LE."""
    out = bytearray()
    for i in range(CHUNK):
        n = index * CHUNK + i
        gate = 1.0 if (n // 6000) % 2 == 0 else 0.0
        v = int(8000 * gate * math.sin(2 * math.pi * 150 * n / 24000))
        out += int(v).to_bytes(2, "little", signed=True)
    return base64.b64encode(bytes(out)).decode()


async def upstream_handler(ws, up_latencies, inject_latencies):
    await ws.send(json.dumps({"type": "session.created", "session": {"input_audio_format": "pcm16",
                                                                      "turn_detection": None}}))
    count = 0
    stopped = {}  # user item id → time speech_stopped was sent
    async for message in ws:
        now = time.perf_counter()
        event = json.loads(message)
        if event.get("type") == "input_audio_buffer.append":
            up_latencies.append(now - event["t"])
            count += 1
            if count % 5 == 0:
                await ws.send(json.dumps({"type": "response.audio.delta", "delta": "AAAA", "t": time.perf_counter()}))
            if count % TURN_APPENDS == 0:
                item = f"item_user_{count // TURN_APPENDS}"
                stopped[item] = time.perf_counter()
                await ws.send(json.dumps({"type": "input_audio_buffer.speech_stopped", "audio_end_ms": count * 20,
                                          "item_id": item}))
                await ws.send(json.dumps({"type": "input_audio_buffer.committed", "item_id": item}))
                await ws.send(json.dumps({"type": "conversation.item.created",
                                          "item": {"id": item, "type": "message", "role": "user"}}))
        elif event.get("type") == "conversation.item.create" and event.get("previous_item_id") in stopped:
            inject_latencies.append(now - stopped.pop(event["previous_item_id"]))


async def session(port, seconds, down_latencies):
    async with connect(f"ws://127.0.0.1:{port}/v1/realtime?model=m", max_size=2 ** 24) as ws:
        await ws.recv()  # session.created

        async def reader():
            async for message in ws:
                now = time.perf_counter()
                event = json.loads(message)
                if event.get("type") == "response.audio.delta":
                    down_latencies.append(now - event["t"])

        task = asyncio.create_task(reader())
        start = time.perf_counter()
        for i in range(int(seconds * 50)):
            await ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": chunk_audio(i % 50 * 7),
                                      "t": time.perf_counter()}))
            delay = start + (i + 1) * 0.02 - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
        await asyncio.sleep(0.3)
        task.cancel()


def cpu_seconds(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * (len(values) - 1) + 0.5))] * 1000 if values else float("nan")


async def run(binary, sessions, seconds, direct=False, pin=False):
    up, down, inject = [], [], []
    server = await serve(lambda ws: upstream_handler(ws, up, inject), "127.0.0.1", 0, max_size=2 ** 24)
    upstream_port = server.sockets[0].getsockname()[1]
    prefix = ["taskset", "-c", "0"] if pin else []
    relay = await asyncio.create_subprocess_exec(
        *prefix, binary, "relay", "--listen", "127.0.0.1:0", "--api-key", "bench",
        "--upstream", f"ws://127.0.0.1:{upstream_port}/v1/realtime", stderr=asyncio.subprocess.PIPE)
    line = await asyncio.wait_for(relay.stderr.readline(), 30)
    port = upstream_port if direct else int(re.search(rb":(\d+)/v1", line).group(1))
    cpu0 = cpu_seconds(relay.pid)
    wall0 = time.perf_counter()
    await asyncio.wait_for(asyncio.gather(*(session(port, seconds, down) for _ in range(sessions))), seconds * 5 + 30)
    wall = time.perf_counter() - wall0
    cpu = cpu_seconds(relay.pid) - cpu0
    relay.terminate()
    await relay.wait()
    server.close()
    per_session = cpu / (sessions * seconds)  # relay CPU seconds per second of audio per session
    print(f"{'direct ' if direct else ''}sessions={sessions:3d}  c→u p50={pct(up, .5):6.2f} ms p99={pct(up, .99):6.2f} ms  "
          f"u→c p50={pct(down, .5):6.2f} ms p99={pct(down, .99):6.2f} ms  "
          f"inject after speech_stopped p50={pct(inject, .5):6.2f} ms p99={pct(inject, .99):6.2f} ms (n={len(inject)})  "
          f"relay cpu={cpu:.2f} s over {wall:.1f} s  per session={per_session * 100:.2f} % of a core  "
          f"→ ~{1 / per_session if per_session else float('inf'):.0f} sessions/core")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--sessions", default="1,4,16")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--direct", action="store_true", help="no relay: the client talks to the upstream (baseline of the harness)")
    parser.add_argument("--pin", action="store_true", help="relay on core 0, harness on core 1")
    args = parser.parse_args()
    if args.pin:
        os.sched_setaffinity(0, {1})
    for n in [int(x) for x in args.sessions.split(",")]:
        asyncio.run(run(args.binary, n, args.seconds, args.direct, args.pin))


if __name__ == "__main__":
    main()
