#!/usr/bin/env python3
"""Frame-level comparison of the eGeMAPS F0/voicing with openSMILE eGeMAPSv02 (local only: needs opensmile).

openSMILE's pitch levels (SHS candidates, candVoicing, Viterbi F0final after the energy gate) are dumped
through a copy of its eGeMAPSv02 configuration whose LLD output reads them; paracues's per-frame
descriptors come from the parity test's dump (PARACUES_DUMP_DIR, 16 kHz files). paracues frame k
(centred k x 10 ms) is paired with openSMILE's 60 ms pitch frame k - 3 (starting at (k - 3) x 10 ms).
Usage:
  PARACUES_DUMP_DIR=/tmp/d swift test --filter EGeMAPSParityTests   # writes /tmp/d/<name>_16k.csv
  python3 Benchmarks/compare/egemaps_pitch_frames.py /tmp/paracues-egemaps-parity /tmp/d [--files]
Prints the V/UV agreement per file (with --files) and its median / mean / minimum over files.
"""
import csv, glob, os, shutil, sys, tempfile
import numpy as np, opensmile

corpus, dump = sys.argv[1], sys.argv[2]
conf = os.path.join(os.path.dirname(opensmile.__file__), 'core', 'config')
dst = os.path.join(tempfile.mkdtemp(), 'config')
shutil.copytree(conf, dst)
src = open(os.path.join(dst, 'egemaps', 'v02', 'eGeMAPSv02.conf')).read().replace(
    'reader.dmLevel = egemapsv02_lldsetE_smo;egemapsv02_lldsetF_smo',
    'reader.dmLevel = gemapsv01b_pitchShsG60;gemapsv01b_logPitch')
custom = os.path.join(dst, 'egemaps', 'v02', 'pitch_levels.conf')
open(custom, 'w').write(src)
smile = opensmile.Smile(feature_set=custom, feature_level='lld')
agreement, counts = [], np.zeros(2, int)
for path in sorted(glob.glob(os.path.join(dump, '*_16k.csv'))):
    name = os.path.basename(path)[:-4]
    levels = smile.process_file(os.path.join(corpus, name + '.wav')).reset_index(drop=True)
    theirs = levels['F0finalLog'].values
    theirs = theirs[:, -1] if theirs.ndim > 1 else theirs
    rows = list(csv.DictReader(open(path)))
    ours = np.array([float(r['f0Semitone']) if r['f0Semitone'] else 0.0 for r in rows])
    aligned = np.array([theirs[k - 3] if 0 <= k - 3 < len(theirs) else 0.0 for k in range(len(ours))])
    a = np.mean((ours > 0) == (aligned > 0))
    agreement.append(a)
    counts += [(ours > 0).sum(), (aligned > 0).sum()]
    both = (ours > 0) & (aligned > 0)
    if '--files' in sys.argv:
        print(f'{name:20s} agreement {a:.3f}  voiced ours {(ours > 0).sum():4d} openSMILE {(aligned > 0).sum():4d}'
              f'  median |dF0| {np.median(np.abs(ours[both] - aligned[both])) if both.any() else float("nan"):.3f} st')
print(f'V/UV agreement over {len(agreement)} files: median {np.median(agreement):.3f} mean {np.mean(agreement):.3f} '
      f'min {np.min(agreement):.3f}; voiced frames ours {counts[0]} openSMILE {counts[1]}')
