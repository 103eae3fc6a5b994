#!/usr/bin/env python3
"""Computes openSMILE eGeMAPSv02 functionals for the parity corpus and writes the golden JSON fixture.

Usage: Benchmarks/compare/make_egemaps_corpus.sh /tmp/paracues-egemaps
       python3 Benchmarks/compare/opensmile_golden.py /tmp/paracues-egemaps \
           Tests/ParacuesTests/Fixtures/egemaps/opensmile_golden.json
openSMILE runs on NAME_16k.wav and on the native-rate NAME_8k.wav (paracues reads NAME_8k_up16k.wav with
source bandwidth 4000 Hz). Local comparison only: needs `pip install opensmile` (2.6.0 used).
"""
import json, sys, os
import opensmile

corpus, target = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
smile = opensmile.Smile(feature_set=opensmile.FeatureSet.eGeMAPSv02)
names = [l.split('|')[0] for l in open(os.path.join(here, 'egemaps_corpus.txt')) if l.strip() and not l.startswith('#')]
files = {}
for name in names:
    for rate in ('16k', '8k'):
        frame = smile.process_file(os.path.join(corpus, f'{name}_{rate}.wav'))
        files[f'{name}_{rate}'] = [float('%.6g' % float(frame[c].iloc[0])) for c in frame.columns]
json.dump({
    'command': 'Benchmarks/compare/make_egemaps_corpus.sh DIR && python3 Benchmarks/compare/opensmile_golden.py DIR OUT',
    'opensmile': opensmile.__version__, 'feature_set': 'eGeMAPSv02', 'espeak_ng': '1.51',
    'features': list(smile.feature_names), 'files': files}, open(target, 'w'), separators=(',', ':'))
print(len(files), 'files')
