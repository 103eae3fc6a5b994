#!/usr/bin/env python3
"""Side-by-side raw pitch accuracy (RPA) and voicing decision error (VDE): paracues vs Praat.

Local comparison only (not a test; needs praat-parselmouth, numpy, scipy, espeak-ng).

1. Synthetic sets (the pitch test sweeps, exported by the Swift test PitchReportTests/export):
   both trackers scored against the generator's exact truth (frames within 20 ms of voicing
   boundaries unscored).
2. espeak-ng speech (several voices and pitches), clean / white noise 10 dB SNR / telephone band
   (8 kHz, 300-3400 Hz, back to 16 kHz) / babble at 10 dB SNR (four other espeak-ng talkers, other
   sentences, summed) / reverberation (exponentially decaying noise response, RT60 0.5 s, direct
   path kept): the reference is Praat on the CLEAN 16 kHz version; paracues and Praat on the degraded
   versions are scored against it.

RPA: among reference-voiced frames, share estimated voiced and within 50 cents.
VDE: share of scored frames whose voiced/unvoiced decision differs from the reference.

Usage: python3 Benchmarks/compare/pitch_vs_praat.py [--keep DIR]
"""
import argparse, os, subprocess, sys, tempfile
import numpy as np
import parselmouth
from scipy.signal import resample_poly, butter, sosfilt

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SENTENCES = [
    "The quick brown fox jumps over the lazy dog while the children watch from the window.",
    "Would you like to come over for dinner on Sunday, or are you busy this weekend?",
    "I never said she stole my money; maybe it was somebody else entirely.",
]
VOICES = [("m", "en", 50), ("m-low", "en+m3", 20), ("f", "en+f3", 50), ("f-high", "en+f4", 85),
          ("us", "en-us", 60)]


def praat_grid(x, n_frames, **kwargs):
    """Praat f0 on the 10 ms grid k*0.01 s (nearest Praat frame within 5 ms; else unvoiced)."""
    snd = parselmouth.Sound(x.astype(np.float64), sampling_frequency=16000)
    pitch = snd.to_pitch_ac(**kwargs)
    xs, f = pitch.xs(), pitch.selected_array["frequency"]
    out = np.zeros(n_frames)
    if len(xs) == 0:
        return out
    dt = xs[1] - xs[0] if len(xs) > 1 else 0.01
    for k in range(n_frames):
        i = int(round((k * 0.01 - xs[0]) / dt))
        if 0 <= i < len(xs) and abs(xs[i] - k * 0.01) <= 0.0051:
            out[k] = f[i]
    return out


def score(ref_f0, ref_code, est):
    """RPA and VDE; ref_code 1 voiced, 0 unvoiced, -1 unscored."""
    n = min(len(ref_code), len(est))
    ref_f0, ref_code, est = ref_f0[:n], ref_code[:n], est[:n]
    scored = ref_code >= 0
    voiced = ref_code == 1
    est_v = est > 0
    vde = np.mean(est_v[scored] != voiced[scored]) if scored.any() else 0.0
    ok = voiced & est_v
    cents = np.zeros(n)
    cents[ok] = 1200 * np.abs(np.log2(est[ok] / ref_f0[ok]))
    rpa = np.sum(ok & (cents <= 50)) / max(1, voiced.sum())
    return rpa, vde


def guard_codes(f0):
    """Reference codes from a reference track: voiced/unvoiced, with frames within 20 ms (2
    frames) of a voicing change unscored, as for the synthetic truth."""
    v = f0 > 0
    code = v.astype(int)
    change = np.flatnonzero(v[1:] != v[:-1])
    for c in change:
        code[max(0, c - 1):c + 3] = -1
    return code


def add_white_noise(x, snr_db, seed):
    frame = 160
    e = np.array([np.mean(x[i:i + frame] ** 2) for i in range(0, len(x) - frame, frame)])
    active = e > np.max(e) * 10 ** (-40 / 10)
    level = np.mean(e[active])
    noise = np.random.default_rng(seed).standard_normal(len(x)) * np.sqrt(level / 10 ** (snr_db / 10))
    return x + noise


def add_babble(x, snr_db, babble):
    """`babble` (a sum of other talkers, at least as long as x) scaled to `snr_db` below x's active level."""
    frame = 160
    e = np.array([np.mean(x[i:i + frame] ** 2) for i in range(0, len(x) - frame, frame)])
    level = np.mean(e[e > np.max(e) * 10 ** (-40 / 10)])
    b = babble[: len(x)]
    return x + b * np.sqrt(level / 10 ** (snr_db / 10) / np.mean(b ** 2))


def reverberate(x, rt60, seed):
    """Convolution with a direct path plus exponentially decaying white noise (RT60 `rt60` s),
    the late reverberation 3 dB below the direct path in energy."""
    n = int(rt60 * 16000)
    t = np.arange(n) / 16000
    tail = np.random.default_rng(seed).standard_normal(n) * np.exp(-6.908 * t / rt60)
    tail[:80] = 0  # 5 ms before the first reflection
    tail *= np.sqrt(0.5 / np.sum(tail ** 2))
    h = tail
    h[0] = 1.0
    y = np.convolve(x, h)[: len(x)]
    return y * (np.max(np.abs(x)) / np.max(np.abs(y)))


def telephone(x):
    y = resample_poly(x, 1, 2)
    sos = butter(4, [300, 3400], btype="bandpass", fs=8000, output="sos")
    y = sosfilt(sos, y)
    return resample_poly(y, 2, 1)[: len(x)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", help="work folder to keep")
    args = ap.parse_args()
    work = args.keep or tempfile.mkdtemp(prefix="pitchcmp")
    os.makedirs(work, exist_ok=True)
    espeak = {}
    # Babble: four other talkers (other sentences), summed.
    babble = np.zeros(16000 * 12)
    for bi, (voice, text) in enumerate([("en-us+m3", "In the evening the shops along the high street close one by one."),
                                        ("en+f2", "Nobody expected the results to arrive before the end of the month."),
                                        ("en-gb-x-rp", "Several trains were cancelled because of the storm last night."),
                                        ("en+f4", "She keeps her old letters in a box under the bed.")]):
        wav = os.path.join(work, f"babble-{bi}.wav")
        subprocess.run(["espeak-ng", "-v", voice, "-w", wav, text], check=True)
        b = parselmouth.Sound(wav).resample(16000).values[0]
        b = np.tile(b, int(np.ceil(len(babble) / len(b))))[: len(babble)]
        babble += np.roll(b, 4000 * bi) / np.sqrt(np.mean(b ** 2))
    for vi, (name, voice, pitch) in enumerate(VOICES):
        for si, text in enumerate(SENTENCES):
            wav = os.path.join(work, f"es-{name}-{si}.wav")
            subprocess.run(["espeak-ng", "-v", voice, "-p", str(pitch), "-w", wav, text], check=True)
            snd = parselmouth.Sound(wav).resample(16000)
            x = snd.values[0].astype(np.float64)
            x = 0.3 * x / np.max(np.abs(x))
            stem = f"es-{name}-{si}"
            espeak[stem] = x
            for cond, y in [("clean", x), ("white10", add_white_noise(x, 10, vi * 10 + si)),
                            ("tel", telephone(x)), ("babble10", add_babble(x, 10, babble)),
                            ("reverb", reverberate(x, 0.5, vi * 10 + si))]:
                y.astype(np.float32).tofile(os.path.join(work, f"{stem}.{cond}.f32"))
    env = dict(os.environ, PITCH_EXPORT_DIR=work)
    subprocess.run(["swift", "test", "--filter", "PitchReportTests/export"], cwd=REPO, env=env, check=True,
                   stdout=subprocess.DEVNULL)

    def ours(stem):
        return np.loadtxt(os.path.join(work, f"{stem}.paracues.txt"), ndmin=2)[:, 0]

    def load(stem):
        return np.fromfile(os.path.join(work, f"{stem}.f32"), dtype=np.float32).astype(np.float64)

    print("## Synthetic sets (truth = generator)\n")
    print("| case | paracues RPA | paracues VDE | Praat RPA | Praat VDE | Praat 50-800 RPA | Praat 50-800 VDE |")
    print("|---|---|---|---|---|---|---|")
    totals = np.zeros(6)
    names = sorted(f[4:-10] for f in os.listdir(work) if f.startswith("syn-") and f.endswith(".truth.txt"))
    for name in names:
        t = np.loadtxt(os.path.join(work, f"syn-{name}.truth.txt"), ndmin=2)
        code, f0 = t[:, 0].astype(int), t[:, 1]
        x = load(f"syn-{name}")
        row = score(f0, code, ours(f"syn-{name}")) + score(f0, code, praat_grid(x, len(code))) + \
            score(f0, code, praat_grid(x, len(code), time_step=0.01, pitch_floor=50, pitch_ceiling=800))
        totals += row
        print(f"| {name} | " + " | ".join(f"{100 * v:.1f}" for v in row) + " |")
    print("| **mean** | " + " | ".join(f"{100 * v / len(names):.1f}" for v in totals) + " |")

    for label, kwargs in [("to_pitch_ac() defaults", {}),
                          ("to_pitch_ac(time_step=0.01, pitch_floor=50, pitch_ceiling=800)",
                           dict(time_step=0.01, pitch_floor=50, pitch_ceiling=800))]:
        print(f"\n## espeak-ng speech (reference = Praat {label} on the clean version)\n")
        print("| condition | paracues RPA | paracues VDE | Praat RPA | Praat VDE |")
        print("|---|---|---|---|---|")
        for cond in ["clean", "white10", "tel", "babble10", "reverb"]:
            acc = []
            for stem, x in espeak.items():
                n = len(ours(f"{stem}.{cond}"))
                ref = praat_grid(x, n, **kwargs)
                code = guard_codes(ref)
                praat = score(ref, code, praat_grid(load(f"{stem}.{cond}"), n, **kwargs)) if cond != "clean" \
                    else (1.0, 0.0)
                acc.append(score(ref, code, ours(f"{stem}.{cond}")) + praat)
            m = np.mean(acc, axis=0)
            print(f"| {cond} | " + " | ".join(f"{100 * v:.1f}" for v in m) + " |")
        print("\nVDE split, % of scored frames: false voicing / missed voicing\n")
        print("| condition | paracues false | paracues missed | Praat false | Praat missed |")
        print("|---|---|---|---|---|")
        for cond in ["clean", "white10", "tel", "babble10", "reverb"]:
            counts = np.zeros(5)
            for stem, x in espeak.items():
                est = ours(f"{stem}.{cond}")
                n = len(est)
                ref = praat_grid(x, n, **kwargs)
                code = guard_codes(ref)
                other = praat_grid(load(f"{stem}.{cond}"), n, **kwargs)
                scored, voiced = code >= 0, code == 1
                counts += [np.sum(scored & ~voiced & (est > 0)), np.sum(voiced & (est == 0)),
                           np.sum(scored & ~voiced & (other > 0)), np.sum(voiced & (other == 0)), np.sum(scored)]
            print(f"| {cond} | " + " | ".join(f"{100 * v / counts[4]:.1f}" for v in counts[:4]) + " |")
    print(f"\n(work folder: {work})")


if __name__ == "__main__":
    sys.exit(main())
