"""Side-by-side throughput: openSMILE eGeMAPSv02, Praat pitch (ac) and paracues, same audio, one core.

Usage: side_by_side.py PARACUES_BINARY FILE SECONDS  (normally via side_by_side.sh, which pins to one core)
Throughput = seconds of audio / CPU seconds (user + system) of the process doing the work.
"""
import json, os, resource, subprocess, sys, tempfile, time

import numpy as np
import soundfile  # installed with opensmile (audiofile depends on it)

binary, path, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])

audio, rate = soundfile.read(path, dtype="float32", always_2d=True)
mono = audio.mean(axis=1)
reps = int(np.ceil(seconds * rate / len(mono)))
looped = np.tile(mono, reps)[: int(seconds * rate)]
tmp = tempfile.NamedTemporaryFile(suffix=".wav", delete=False).name
soundfile.write(tmp, looped, rate, subtype="PCM_16")
duration = len(looped) / rate


def cpu_self():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def best_of(n, fn):
    return min(fn() for _ in range(n))


def run_opensmile():
    import opensmile
    smile = opensmile.Smile(feature_set=opensmile.FeatureSet.eGeMAPSv02,
                            feature_level=opensmile.FeatureLevel.Functionals)
    def once():
        t = cpu_self(); smile.process_file(tmp); return cpu_self() - t
    return best_of(3, once)


def run_praat():
    import parselmouth
    snd = parselmouth.Sound(tmp)
    def once():
        t = cpu_self(); snd.to_pitch_ac(); return cpu_self() - t
    return best_of(3, once)


def run_paracues(args):
    def once():
        t = cpu_children()
        subprocess.run([binary, "analyze", tmp, *args], check=True, stdout=subprocess.DEVNULL)
        return cpu_children() - t
    return best_of(3, once)


rows = [("openSMILE eGeMAPSv02 (functionals)", run_opensmile()),
        ("Praat To Pitch (ac), defaults", run_praat()),
        ("paracues analyze (process: decode → report)", run_paracues([]))]
try:
    rows.append(("paracues analyze --features egemaps", run_paracues(["--features", "egemaps"])))
except subprocess.CalledProcessError:
    pass

bench = json.loads(subprocess.run([binary, "bench", tmp, "--seconds", str(seconds), "--format", "json"],
                                  check=True, capture_output=True, text=True).stdout)
stages = {s["name"]: s for s in bench["results"][0]["stages"]}

print(f"audio: {path} looped to {duration:.1f} s at {rate} Hz; one core ({bench['machine']})")
print(f"{'tool':52s} {'CPU s':>8s} {'x realtime':>11s}")
for name, cpu in rows:
    print(f"{name:52s} {cpu:8.3f} {duration / cpu:11.0f}")
for key in ("engine (all features and detectors)", "total"):
    s = stages.get(key)
    if s:
        print(f"{'paracues bench: ' + key:52s} {s['cpu_s']:8.3f} {s['x_realtime']:11.0f}")
smile_x = duration / rows[0][1]
praat_x = duration / rows[1][1]
proc_x = duration / rows[2][1]
print()
print(f"paracues analyze (whole process) vs openSMILE eGeMAPSv02: {proc_x / smile_x:6.1f}×")
print(f"paracues analyze (whole process) vs Praat pitch:         {proc_x / praat_x:6.1f}×")
if "total" in stages:
    print(f"paracues pipeline (in-process)   vs openSMILE eGeMAPSv02: {stages['total']['x_realtime'] / smile_x:6.1f}×")
    print(f"paracues pipeline (in-process)   vs Praat pitch:         {stages['total']['x_realtime'] / praat_x:6.1f}×")
os.unlink(tmp)
