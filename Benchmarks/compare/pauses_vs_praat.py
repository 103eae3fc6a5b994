#!/usr/bin/env python3
"""Silent-pause F1: paracues vs Praat ("To TextGrid (silences)") on the same files, exact truth.

Local comparison only (not a test; needs praat-parselmouth, numpy, espeak-ng and a paracues binary).

Material (deterministic, seeded): espeak-ng utterances (English voices en-us, en+f3, en-gb-x-rp+m3,
en+f4 and Mandarin cmn-latn-pinyin; 130-300 wpm), each trimmed to its first and last sample above
0.1 % of its peak, concatenated with silent gaps: pauses of 0.25-1.5 s and short gaps of 50-150 ms
(not pauses), 0.5 s of silence before and after. Truth: every stretch of at least 200 ms between
two samples above 0.1 % of the peak (the inserted pauses and espeak-ng's own, e.g. at commas). Conditions:
clean; white noise at 20 and 10 dB SNR (relative to the active speech power); a background talker
(other voice, other sentences, continuous) 20 dB and 30 dB below. Also the shipped
TestAudio/speech/{en,cmn}_pauses.wav and en_pauses_8k.wav with their *.truth.json (hand-checked truth).

paracues: `paracues analyze FILE` (`pauses`, default 200 ms minimum). Praat: "To TextGrid (silences)"
with its defaults (pitch floor 100 Hz, time step 0 = auto, silence threshold -25 dB, minimum sounding
interval 0.1 s) except the minimum silent interval, 0.2 s to match; also with a -35 dB threshold,
and an "oracle" row: the best of -10 ... -40 dB chosen per condition WITH the truth (Praat's threshold
is relative to the file's loudest frame and does not track noise; the row is an upper bound for Praat).
Intervals touching the file's start or end are leading/trailing silence, not pauses, for both.
Scoring as the project's IntervalScore: a detection matches an unused true pause with
intersection-over-union >= 0.5 (greedy, best IoU); P, R, F1 pooled over files; mean absolute
boundary error of matched pauses (start and end, ms). "FP at short gap": false pauses that overlap
one of the inserted 50-150 ms gaps (the gap joined to a weak utterance edge), to explain errors.

Usage: python3 Benchmarks/compare/pauses_vs_praat.py [--paracues PATH] [--files N] [--keep DIR]
"""
import argparse, json, os, subprocess, sys, tempfile
import numpy as np
import parselmouth
from parselmouth.praat import call

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ENGLISH = [
    "The weather was pleasant enough for a walk along the river this morning.",
    "We moved the meeting to Thursday so that everyone could join the call.",
    "Please send me the figures from last quarter when you have a moment.",
    "My sister bought a new bicycle and rides it to work every day.",
    "The library opens at nine and closes early on Saturdays.",
    "Could you tell me where the nearest station is from here?",
    "They painted the kitchen yellow and replaced the old cupboards.",
    "After lunch we walked through the market and bought some fruit.",
    "I think so.", "Yes, of course.", "Well, maybe tomorrow.", "Hold on a second.",
]
MANDARIN = ["我们明天早上去公园散步", "请把文件发给我", "今天天气很好", "你吃饭了吗", "我觉得没问题",
            "火车四点半出发", "这个周末我们去看电影吧", "谢谢你的帮助"]
VOICES = ["en-us", "en+f3", "en-gb-x-rp+m3", "en+f4", "cmn-latn-pinyin"]
RATE = 16000


def speak(text, voice, wpm, path):
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(wpm), "-w", path, text], check=True,
                   stderr=subprocess.DEVNULL)
    snd = parselmouth.Sound(path).resample(RATE)
    x = snd.values[0]
    loud = np.flatnonzero(np.abs(x) > 0.001 * np.max(np.abs(x)))
    return x[loud[0]:loud[-1] + 1]


def build(seed, work):
    """One file's samples (clean), its true pauses and its inserted short gaps [(start, end)] in s."""
    rng = np.random.default_rng(seed)
    voice = VOICES[seed % len(VOICES)]
    texts = MANDARIN if voice.startswith("cmn") else ENGLISH
    parts, short, t = [np.zeros(int(0.5 * RATE))], [], 0.5 * RATE
    for k in range(8):
        u = speak(texts[rng.integers(len(texts))], voice, int(rng.integers(130, 301)), os.path.join(work, "u.wav"))
        parts.append(u / np.max(np.abs(u)) * 0.3)
        t += len(u)
        if k < 7:
            gap = rng.uniform(0.25, 1.5) if rng.uniform() < 0.6 else rng.uniform(0.05, 0.15)
            parts.append(np.zeros(int(round(gap * RATE))))
            if gap < 0.2:
                short.append((t / RATE, (t + len(parts[-1])) / RATE))
            t += len(parts[-1])
    parts.append(np.zeros(int(0.5 * RATE)))
    x = np.concatenate(parts)
    # Truth: every stretch of at least 200 ms between two samples above 0.1 % of the peak (the
    # inserted gaps, and espeak-ng's own pauses inside an utterance, e.g. at commas).
    loud = np.flatnonzero(np.abs(x) > 0.001 * 0.3)
    gaps = np.flatnonzero(np.diff(loud) >= 0.2 * RATE)
    truth = [((loud[g] + 1) / RATE, loud[g + 1] / RATE) for g in gaps]
    return x, truth, short


def active_power(x):
    frames = np.array([np.mean(x[i:i + 160] ** 2) for i in range(0, len(x) - 160, 160)])
    return np.mean(frames[frames > np.max(frames) * 1e-4])


def background_talker(n, seed, work):
    """A continuous other talker (other voice and sentences), n samples."""
    rng = np.random.default_rng(1000 + seed)
    out = []
    while sum(len(p) for p in out) < n:
        out.append(speak(ENGLISH[rng.integers(len(ENGLISH))], "en-us+m7", 170, os.path.join(work, "b.wav")))
        out.append(np.zeros(int(0.08 * RATE)))
    return np.concatenate(out)[:n]


def paracues_pauses(binary, path):
    r = json.loads(subprocess.run([binary, "analyze", path], check=True, capture_output=True, text=True).stdout)
    return [(p["start_s"], p["end_s"]) for p in r["pauses"]]


def praat_pauses(path, threshold_db):
    snd = parselmouth.Sound(path)
    tg = call(snd, "To TextGrid (silences)", 100, 0, threshold_db, 0.2, 0.1, "silent", "sounding")
    out = []
    for i in range(1, call(tg, "Get number of intervals", 1) + 1):
        if call(tg, "Get label of interval", 1, i) != "silent":
            continue
        a, b = call(tg, "Get start time of interval", 1, i), call(tg, "Get end time of interval", 1, i)
        if a > 1e-6 and b < snd.xmax - 1e-6:
            out.append((a, b))
    return out


def score(detected, truth):
    used, tp, errors, unmatched = [False] * len(truth), 0, [], []
    for d in detected:
        best, best_iou = -1, 0.0
        for i, t in enumerate(truth):
            if used[i]:
                continue
            inter = max(0.0, min(d[1], t[1]) - max(d[0], t[0]))
            union = max(d[1], t[1]) - min(d[0], t[0])
            iou = inter / union if union > 0 else 0.0
            if iou >= 0.5 and iou >= best_iou:
                best, best_iou = i, iou
        if best >= 0:
            used[best] = True
            tp += 1
            errors += [abs(d[0] - truth[best][0]), abs(d[1] - truth[best][1])]
        else:
            unmatched.append(d)
    return np.array([tp, len(detected) - tp, len(truth) - tp]), errors, unmatched


ORACLE_THRESHOLDS = [-10, -15, -20, -25, -30, -35, -40]


def overlapping(intervals, others):
    return sum(1 for a, b in intervals if any(min(b, d) - max(a, c) > 0 for c, d in others))


def row(cond, name, counts, errors, at_short):
    tp, fp, fn = counts
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    e = f"{1000 * np.mean(errors):.0f}" if errors else "-"
    return f1, f"| {cond} | {name} | {p:.2f} | {r:.2f} | {f1:.2f} | {e} | {int(fp)} ({at_short}) |"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--paracues", default=os.path.join(REPO, ".build", "release", "paracues"))
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--keep", help="work folder to keep")
    args = ap.parse_args()
    work = args.keep or tempfile.mkdtemp(prefix="pausecmp")
    os.makedirs(work, exist_ok=True)
    import soundfile as sf
    tools = {"paracues": lambda p: paracues_pauses(args.paracues, p),
             "Praat -25 dB": lambda p: praat_pauses(p, -25),
             "Praat -35 dB": lambda p: praat_pauses(p, -35)}
    for thr in ORACLE_THRESHOLDS:
        tools[f"Praat {thr} dB (oracle)"] = lambda p, thr=thr: praat_pauses(p, thr)
    conditions = ["clean", "white 20 dB", "white 10 dB", "talker -20 dB", "talker -30 dB", "TestAudio/speech"]
    counts = {(c, t): np.zeros(3) for c in conditions for t in tools}
    errors = {(c, t): [] for c in conditions for t in tools}
    short_fp = {(c, t): 0 for c in conditions for t in tools}

    def run(cond, path, truth, short):
        for name, tool in tools.items():
            c, e, unmatched = score(tool(path), truth)
            counts[(cond, name)] += c
            errors[(cond, name)] += e
            short_fp[(cond, name)] += overlapping(unmatched, short)

    n_truth = 0
    for seed in range(args.files):
        x, truth, short = build(seed, work)
        n_truth += len(truth)
        power = active_power(x)
        rng = np.random.default_rng(seed)
        bg = background_talker(len(x), seed, work)
        versions = {
            "clean": x,
            "white 20 dB": x + rng.standard_normal(len(x)) * np.sqrt(power / 100),
            "white 10 dB": x + rng.standard_normal(len(x)) * np.sqrt(power / 10),
            "talker -20 dB": x + bg * np.sqrt(power / 100 / active_power(bg)),
            "talker -30 dB": x + bg * np.sqrt(power / 1000 / active_power(bg)),
        }
        for cond, y in versions.items():
            path = os.path.join(work, f"f{seed:02d}-{cond.replace(' ', '_')}.wav")
            sf.write(path, (y / max(1.0, np.max(np.abs(y)))).astype(np.float32), RATE, subtype="PCM_16")
            run(cond, path, truth, short)
    for stem in ["en_pauses", "cmn_pauses", "en_pauses_8k"]:
        speech = os.path.join(REPO, "TestAudio", "speech", stem)
        with open(speech + ".truth.json") as f:
            shipped = [(p["start_s"], p["end_s"]) for p in json.load(f)["pauses"]]
        run("TestAudio/speech", speech + ".wav", shipped, [])
    version = subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{args.files} files, {n_truth} true pauses (+ 3 shipped files, 8 pauses); {version}; "
          f"parselmouth {parselmouth.__version__} (Praat {parselmouth.PRAAT_VERSION})\n")
    print("| condition | tool | P | R | F1 | boundary error (ms, mean) | FP (at short gap) |")
    print("|---|---|---|---|---|---|---|")
    for cond in conditions:
        for name in ["paracues", "Praat -25 dB", "Praat -35 dB"]:
            print(row(cond, name, counts[(cond, name)], errors[(cond, name)], short_fp[(cond, name)])[1])
        oracle = [row(cond, name, counts[(cond, name)], errors[(cond, name)], short_fp[(cond, name)])
                  for name in tools if name.endswith("(oracle)")]
        print(max(oracle, key=lambda r: r[0])[1])
    print(f"\n(work folder: {work})")


if __name__ == "__main__":
    sys.exit(main())
