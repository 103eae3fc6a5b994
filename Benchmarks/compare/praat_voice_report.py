#!/usr/bin/env python3
"""Praat's voice report (via praat-parselmouth) on the committed vowels and speech: golden values for
`VoiceQualityPraatTests`.

For each WAV: Sound -> To Pitch (cc) (time step auto, floor 75 Hz, ceiling 600 Hz) -> To PointProcess (cc),
then Praat's "Voice report" with its standard arguments (shortest period 0.0001 s, longest 0.02 s,
maximum period factor 1.3, maximum amplitude factor 1.6, silence threshold 0.03, voicing threshold
0.45), as in Praat's manual (Voice 2. Jitter, Voice 3. Shimmer). Writes JSON: file -> jitter local (%),
jitter local absolute (s), RAP, PPQ5 (%), shimmer local (%), local dB, APQ3, APQ5, APQ11 (%), mean HNR (dB).

Usage: python3 Benchmarks/compare/praat_voice_report.py OUT.json WAV...
(pip install praat-parselmouth; local only — the test reads the committed JSON.)
"""
import json
import os
import re
import sys

import parselmouth
from parselmouth.praat import call

FIELDS = {
    "jitter_local_pct": r"Jitter \(local\): +([\d.]+)%",
    "jitter_local_abs_s": r"Jitter \(local, absolute\): +([\d.E-]+) seconds",
    "jitter_rap_pct": r"Jitter \(rap\): +([\d.]+)%",
    "jitter_ppq5_pct": r"Jitter \(ppq5\): +([\d.]+)%",
    "shimmer_local_pct": r"Shimmer \(local\): +([\d.]+)%",
    "shimmer_local_db": r"Shimmer \(local, dB\): +([\d.]+) dB",
    "shimmer_apq3_pct": r"Shimmer \(apq3\): +([\d.]+)%",
    "shimmer_apq5_pct": r"Shimmer \(apq5\): +([\d.]+)%",
    "shimmer_apq11_pct": r"Shimmer \(apq11\): +([\d.]+)%",
    "hnr_db": r"Mean harmonics-to-noise ratio: +([-\d.]+) dB",
}


def report(path):
    snd = parselmouth.Sound(path)
    pitch = call(snd, "To Pitch (cc)", 0, 75, 15, "no", 0.03, 0.45, 0.01, 0.35, 0.14, 600)
    points = call([snd, pitch], "To PointProcess (cc)")
    text = call([snd, pitch, points], "Voice report", 0, 0, 75, 600, 1.3, 1.6, 0.03, 0.45)
    values = {}
    for key, pattern in FIELDS.items():
        m = re.search(pattern, text)
        values[key] = float(m.group(1)) if m else None
    return values


def main():
    out, files = sys.argv[1], sys.argv[2:]
    golden = {"command": "python3 Benchmarks/compare/praat_voice_report.py " + " ".join(sys.argv[1:]),
              "praat_parselmouth": parselmouth.__version__, "files": {}}
    for f in files:
        golden["files"][os.path.relpath(f)] = report(f)
    with open(out, "w") as fh:
        json.dump(golden, fh, indent=1, sort_keys=True)
        fh.write("\n")


if __name__ == "__main__":
    main()
