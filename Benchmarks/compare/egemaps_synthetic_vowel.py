#!/usr/bin/env python3
"""openSMILE eGeMAPSv02 internals on the synthetic harmonic vowel of SpectralFrameTests.harmonicVowel().

120 Hz harmonics 1-59 shaped by resonances (700, 80), (1220, 90), (2600, 120) Hz, 1 s at 16 kHz, written as
float WAV; openSMILE's formant (cFormantLpc), harmonics (cHarmonics), loudness and pitch levels are
dumped through a copy of its eGeMAPSv02 configuration whose LLD output reads those levels, and their
medians over frames printed (the expected values in the test). Local only: needs `pip install opensmile`.
Usage: python3 Benchmarks/compare/egemaps_synthetic_vowel.py [WORKDIR]
"""
import os, shutil, sys
import numpy as np, soundfile as sf, opensmile

work = sys.argv[1] if len(sys.argv) > 1 else '/tmp/paracues-egemaps-vowel'
os.makedirs(work, exist_ok=True)
fs = 16000
n = np.arange(fs)
def gain(f):
    g = 1.0
    for c, b in [(700, 80), (1220, 90), (2600, 120)]:
        g /= np.sqrt((1 - (f / c) ** 2) ** 2 + (f * b / c ** 2) ** 2)
    return g
amps = np.array([gain(120 * h) for h in range(1, 60)])
x = sum(0.3 * a / amps.sum() * np.sin(2 * np.pi * 120 * h * n / fs) for h, a in zip(range(1, 60), amps))
wav = os.path.join(work, 'vowel.wav')
sf.write(wav, x.astype(np.float32), fs, subtype='FLOAT')
conf = os.path.join(os.path.dirname(opensmile.__file__), 'core', 'config')
dst = os.path.join(work, 'config')
shutil.rmtree(dst, ignore_errors=True)
shutil.copytree(conf, dst)
main = os.path.join(dst, 'egemaps', 'v02', 'eGeMAPSv02.conf')
src = open(main).read().replace('reader.dmLevel = egemapsv02_lldsetE_smo;egemapsv02_lldsetF_smo',
    'reader.dmLevel = gemapsv01b_formants;gemapsv01b_harmonics;gemapsv01b_loudness;gemapsv01b_logPitch')
custom = os.path.join(dst, 'egemaps', 'v02', 'internals.conf')
open(custom, 'w').write(src)
frame = opensmile.Smile(feature_set=custom, feature_level='lld').process_file(wav).iloc[10:-10]
for c in frame.columns:
    v = frame[c].values
    v = v[v != 0]
    if len(v):
        print(f'{c:45s} median {np.median(v):10.4f}  p10 {np.percentile(v, 10):10.4f}  p90 {np.percentile(v, 90):10.4f}')
