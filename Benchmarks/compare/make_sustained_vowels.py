#!/usr/bin/env python3
"""Sustained vowels with set jitter, shimmer and noise, for the Praat voice-report comparison.

Writes TestAudio/vowels/*.wav (16 kHz, 16-bit, 1.2 s each) deterministically (fixed seeds): a
glottal flow pulse per period placed in continuous time (durations with Gaussian jitter, amplitudes
with Gaussian shimmer), differentiated (lip radiation), three formant resonators, and white noise
at a set level. The files are committed;
this script documents how they were made (numpy + scipy). truth.json holds each vowel's set f0 and
noise level and the realised source jitter/shimmer (local, from the generated periods/amplitudes;
the formant filter smooths amplitude changes, so the waveform's shimmer is lower).

Usage: python3 Benchmarks/compare/make_sustained_vowels.py [OUTDIR]
"""
import json
import os
import sys
import wave

import numpy as np
from scipy.signal import lfilter

RATE = 16000
SECONDS = 1.2
VOWELS = {"a": (730, 1090, 2440), "i": (270, 2290, 3010), "u": (300, 870, 2240)}
# name: (vowel, f0 Hz, jitter fraction, shimmer fraction, noise level relative to the voice's RMS in dB)
CASES = {
    "m100_clean":   ("a", 100, 0.002, 0.01, -40),
    "m110_jitter":  ("a", 110, 0.012, 0.02, -35),
    "m120_rough":   ("u", 120, 0.020, 0.08, -25),
    "m130_breathy": ("a", 130, 0.005, 0.03, -15),
    "f200_clean":   ("i", 200, 0.003, 0.015, -40),
    "f210_shimmer": ("a", 210, 0.004, 0.06, -35),
    "f230_noisy":   ("i", 230, 0.008, 0.04, -20),
    "f250_rough":   ("u", 250, 0.015, 0.10, -22),
    "c300_clean":   ("a", 300, 0.004, 0.02, -35),
    "m90_creaky":   ("a", 90, 0.030, 0.12, -28),
}


def glottal_flow(t):
    """Glottal flow over one period at phase t in [0, 1): open phase 60 % (sin²), then closed."""
    open_end = 0.6
    return np.where(t < open_end, np.sin(np.pi * t / open_end) ** 2, 0.0)


def resonator(x, f, bw):
    r = np.exp(-np.pi * bw / RATE)
    a = [1, -2 * r * np.cos(2 * np.pi * f / RATE), r * r]
    return lfilter([1 - r], a, x)


def render(vowel, f0, jitter, shimmer, noise_db, seed):
    rng = np.random.default_rng(seed)
    total = int(SECONDS * RATE)
    flow = np.zeros(total)
    # Period boundaries in continuous time (no rounding to samples: at 300 Hz, rounding each period
    # to 53 or 54 samples makes a 3-period pattern that reads as a 100 Hz or 150 Hz periodicity).
    start = 0.0
    periods, amps = [], []
    while start < SECONDS:
        period = (1 / f0) * (1 + jitter * rng.standard_normal())
        amp = 1 + shimmer * rng.standard_normal()
        periods.append(period)
        amps.append(amp)
        first = int(np.ceil(start * RATE))
        last = min(total, int(np.ceil((start + period) * RATE)))
        n = np.arange(first, last)
        flow[first:last] = amp * glottal_flow((n / RATE - start) / period)
        start += period
    x = np.diff(np.concatenate([[0.0], flow]))  # flow derivative (lip radiation)
    for f, bw in zip(VOWELS[vowel], (80, 100, 120)):
        x = resonator(x, f, bw)
    x /= np.sqrt(np.mean(x ** 2))
    x += 10 ** (noise_db / 20) * rng.standard_normal(total)
    ramp = int(0.02 * RATE)
    x[:ramp] *= np.linspace(0, 1, ramp)
    x[-ramp:] *= np.linspace(1, 0, ramp)
    p, a = np.array(periods[2:-2]), np.array(amps[2:-2])  # away from the ramps
    truth = {"f0_hz": f0, "source_jitter_local_pct": 100 * np.mean(np.abs(np.diff(p))) / np.mean(p),
             "source_shimmer_local_pct": 100 * np.mean(np.abs(np.diff(a))) / np.mean(a), "noise_db": noise_db}
    return 0.3 * x / np.max(np.abs(x)), truth


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "../../TestAudio/vowels")
    os.makedirs(out, exist_ok=True)
    truths = {}
    for k, (name, case) in enumerate(sorted(CASES.items())):
        y, truths[name + ".wav"] = render(*case, seed=1000 + k)
        pcm = np.clip(np.round(y * 32767), -32768, 32767).astype("<i2")
        with wave.open(os.path.join(out, name + ".wav"), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(RATE)
            w.writeframes(pcm.tobytes())
    with open(os.path.join(out, "truth.json"), "w") as fh:
        json.dump(truths, fh, indent=1, sort_keys=True)
        fh.write("\n")
    print(f"{len(CASES)} vowels in {out}")


if __name__ == "__main__":
    main()
