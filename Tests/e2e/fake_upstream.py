"""A fake realtime API (beta/StepFun or GA/OpenAI protocol) on loopback for the relay e2e test.

It requires `Authorization: Bearer test-key`, sends `session.created` with server VAD, runs an energy
VAD on the appended PCM16 audio (20 ms chunks above -40 dBFS are speech; 500 ms of silence ends a
turn), then emits speech_started / speech_stopped / committed and the user item acknowledgement, and
a response when the session's create_response is true. It acknowledges conversation.item.create,
answers response.create, and records every event it receives (in order) for the test to inspect.
"""
import asyncio
import base64
import json
import struct

from websockets.asyncio.server import serve


class FakeUpstream:
    def __init__(self, dialect):
        self.dialect = dialect
        self.received = []   # (seq, event dict) received from the relay
        self.sent = []       # (seq, event dict) sent to the relay
        self.seq = 0
        self.auth_ok = None

    def _session(self, detection):
        if self.dialect == "openai":
            return {"type": "realtime", "audio": {"input": {
                "format": {"type": "audio/pcm", "rate": 24000}, "turn_detection": detection}}}
        return {"input_audio_format": "pcm16", "turn_detection": detection}

    def _detection(self, session):
        if self.dialect == "openai":
            return ((session.get("audio") or {}).get("input") or {}).get("turn_detection")
        return session.get("turn_detection")

    async def handler(self, ws):
        self.auth_ok = ws.request.headers.get("Authorization") == "Bearer test-key"
        if not self.auth_ok:
            await ws.close(1008, "unauthorized")
            return
        session = self._session({"type": "server_vad", "create_response": True, "silence_duration_ms": 500})
        pending = []
        samples = 0
        speech_start = None
        last_speech_end = 0
        turns = 0
        count = 0

        async def send(event):
            self.seq += 1
            self.sent.append((self.seq, event))
            await ws.send(json.dumps(event))

        async def ack(item):
            if self.dialect == "openai":
                await send({"type": "conversation.item.added", "item": item})
                await send({"type": "conversation.item.done", "item": item})
            else:
                await send({"type": "conversation.item.created", "item": item})

        async def respond():
            nonlocal count
            count += 1
            rid = f"resp_{count}"
            await send({"type": "response.created", "response": {"id": rid}})
            delta = "response.output_audio.delta" if self.dialect == "openai" else "response.audio.delta"
            await send({"type": delta, "response_id": rid, "item_id": f"item_a_{count}", "output_index": 0,
                        "content_index": 0, "delta": "AAAA"})
            await send({"type": "response.done", "response": {"id": rid, "status": "completed", "output": []}})

        await send({"type": "session.created", "event_id": "ev_0", "session": session})
        async for message in ws:
            try:
                event = json.loads(message)
            except ValueError:
                await send({"type": "error", "error": {"type": "invalid_request_error", "code": "invalid_json",
                                                        "message": "bad json"}})
                continue
            self.seq += 1
            self.received.append((self.seq, event))
            kind = event.get("type")
            if kind == "session.update":
                session.update(event.get("session") or {})
                await send({"type": "session.updated", "session": session})
            elif kind == "input_audio_buffer.append":
                raw = base64.b64decode(event["audio"])
                pending.extend(struct.unpack("<%dh" % (len(raw) // 2), raw[: len(raw) // 2 * 2]))
                while len(pending) >= 480:
                    chunk, pending[:] = pending[:480], pending[480:]
                    rms = (sum(x * x for x in chunk) / 480) ** 0.5 / 32768
                    start_ms, end_ms = samples // 24, (samples + 480) // 24
                    samples += 480
                    if rms > 0.01:
                        if speech_start is None:
                            speech_start = start_ms
                        last_speech_end = end_ms
                    elif speech_start is not None and end_ms - last_speech_end >= 500:
                        turns += 1
                        item = f"item_user_{turns}"
                        await send({"type": "input_audio_buffer.speech_started", "audio_start_ms": speech_start,
                                    "item_id": item})
                        await send({"type": "input_audio_buffer.speech_stopped", "audio_end_ms": last_speech_end,
                                    "item_id": item})
                        await send({"type": "input_audio_buffer.committed", "item_id": item,
                                    "previous_item_id": None})
                        await ack({"id": item, "type": "message", "role": "user", "content": []})
                        detection = self._detection(session) or {}
                        if detection.get("create_response", True):
                            await respond()
                        speech_start = None
            elif kind == "conversation.item.create":
                item = dict(event.get("item") or {})
                item.setdefault("id", f"item_fake_{self.seq}")
                await ack(item)
            elif kind == "conversation.item.delete":
                await send({"type": "conversation.item.deleted", "item_id": event.get("item_id")})
            elif kind == "response.create":
                await respond()


async def start(dialect):
    """Starts the fake on a free loopback port; returns (fake, server, port)."""
    fake = FakeUpstream(dialect)
    server = await serve(fake.handler, "127.0.0.1", 0, max_size=16 * 1024 * 1024)
    port = server.sockets[0].getsockname()[1]
    return fake, server, port
