#!/usr/bin/env python3
"""Parity table of paracues' eGeMAPSv02 functionals against openSMILE's golden values.

Usage: python3 Benchmarks/compare/egemaps_parity.py GOLDEN.json OURS.csv [--markdown]
GOLDEN.json: Tests/ParacuesTests/Fixtures/egemaps/opensmile_golden.json (opensmile_golden.py).
OURS.csv: `paracues analyze --features egemaps --format csv` over the corpus files (one row per file;
the file column's base name without extension must match the golden file keys, e.g. us_m_slow_16k).
Prints per feature: Pearson r, Spearman rho, median relative difference |ours - os| / |os|, number of
files where both are defined, and openSMILE's own agreement between the 16 kHz and 8 kHz renderings of
each utterance (Pearson r); then the count at r >= 0.9. Needs numpy only (no openSMILE).
"""
import csv, json, os, sys
import numpy as np


def ranks(v):
    order = np.argsort(v, kind='mergesort')
    r = np.empty(len(v))
    i = 0
    while i < len(v):
        j = i
        while j + 1 < len(v) and v[order[j + 1]] == v[order[i]]:
            j += 1
        r[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return r


def pearson(a, b):
    if len(a) < 3 or np.std(a) == 0 or np.std(b) == 0:
        return None
    return float(np.corrcoef(a, b)[0, 1])


def voiced_only(feat):
    """Features openSMILE computes over voiced frames only (0 when there are none)."""
    unvoiced = ('loudness', 'spectralFlux_sma3', 'mfcc1_sma3', 'mfcc2_sma3', 'mfcc3_sma3', 'mfcc4_sma3',
                'equivalentSoundLevel', 'UV_sma3nz', 'UV0-500', 'UV500-1500', 'MeanUnvoiced', 'StddevUnvoiced')
    return not any(u in feat for u in unvoiced)


def main():
    golden = json.load(open(sys.argv[1]))
    ours = {}
    with open(sys.argv[2]) as f:
        for row in csv.DictReader(f):
            name = os.path.splitext(os.path.basename(row['file']))[0]
            ours[name] = {k: (float(v) if v not in ('', None) else None) for k, v in row.items() if k != 'file'}
    md = '--markdown' in sys.argv
    rows = []
    f0 = golden['features'].index('F0semitoneFrom27.5Hz_sma3nz_amean')
    for i, feat in enumerate(golden['features']):
        a, b, rel = [], [], []
        for file, values in golden['files'].items():
            mine = ours.get(file, {}).get(feat)
            if mine is None:
                continue
            # openSMILE writes 0 for every voiced-frame feature when it finds no voiced frame (us_whisper
            # at 8 kHz): "undefined", not a measurement; such files are left out of those features.
            if values[f0] == 0 and voiced_only(feat):
                continue
            a.append(values[i]); b.append(mine)
            rel.append(abs(mine - values[i]) / max(abs(values[i]), 1e-9))
        a, b = np.array(a), np.array(b)
        r = pearson(a, b)
        rho = pearson(ranks(a), ranks(b)) if len(a) >= 3 else None
        med = float(np.median(rel)) if rel else None
        # openSMILE against itself: the same utterance at 16 kHz and at 8 kHz (us_whisper left out: no voicing
        # at 8 kHz). A feature openSMILE cannot reproduce across rates is a ceiling for any other extractor.
        names = sorted({f.rsplit('_', 1)[0] for f in golden['files']} - {'us_whisper'})
        own = pearson(np.array([golden['files'][n + '_16k'][i] for n in names]),
                      np.array([golden['files'][n + '_8k'][i] for n in names]))
        rows.append((feat, r, rho, med, len(a), own))
    fmt = lambda v, p=3: '–' if v is None else f'{v:.{p}f}'
    if md:
        print('| feature | Pearson r | Spearman ρ | median rel. diff | files | openSMILE 16↔8 kHz r |\n|---|---|---|---|---|---|')
        for feat, r, rho, med, n, own in rows:
            print(f'| {feat} | {fmt(r)} | {fmt(rho)} | {fmt(med, 2)} | {n} | {fmt(own)} |')
    else:
        for feat, r, rho, med, n, own in rows:
            print(f'{feat:45s} r={fmt(r):>6s} rho={fmt(rho):>6s} med={fmt(med, 2):>5s} n={n} os16v8={fmt(own):>6s}')
    good = sum(1 for row in rows if row[1] is not None and row[1] >= 0.9)
    print(f'\n{good} of {len(rows)} features with Pearson r >= 0.9 ({len(ours)} files)')


if __name__ == '__main__':
    main()
