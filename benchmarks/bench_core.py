"""Speed and memory of the library against the plain TF-IDF baseline, side by side in one run.

    python benchmarks/bench_core.py [--n 50000]

Measures, for taskqual and for a scikit-learn TF-IDF (word + char n-grams) + logistic regression
pipeline trained on the same data: cold load time (fresh process: import + load the model),
single-text latency p50/p99 (one text per call, each text seen for the first time), batch throughput
on one core over --n distinct texts, and peak RSS of a process that loads the model and scores the
batch. The texts are not drawn from data/ (see realistic_texts). Each measurement runs in its own
subprocess pinned to one thread; the figures print as a table with taskqual/baseline ratios.
Targets (issue 13): p99 <= 1 ms, >= 15,000 tasks/s and >= 2 x baseline, load <= 2 s, RSS <= 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_COMPANIES = [
    "ООО «Вектор»",
    "Техснаб",
    "ИП Морозов",
    "АО «Уралэнерго»",
    "Северсталь-Трейд",
    "ТД Альянс",
    "ГБУЗ ГКБ №12",
    "СтройМонтаж",
    "Лента",
    "Nordic Soft",
    "Агрокомплекс",
    "ТОО «Береке»",
]
_TAILS = [
    "",
    "",
    "",
    " до пятницы",
    " завтра",
    " до 15.03",
    " в пн 10:00",
    " срочно",
    " #{n}",
    " (сделка {n})",
    ", тел. +7 912 {n}",
    " !!!",
    " 🔥",
]


def realistic_texts(n: int, seed: int = 7) -> list[str]:
    """n distinct texts shaped like a CRM backlog and drawn from nothing the model was trained on.

    The outside-voice validation set (training/validation/, never trained on) gives the phrasing;
    clauses of two different texts are joined, companies and tails added, so almost every text and
    many word forms are new to the process when scored, as in production (cold morphology caches).
    """
    from training.data import load_validation

    base = [r.text for r in load_validation()]
    rng = random.Random(seed)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        a, b = rng.choice(base), rng.choice(base)
        t = a if rng.random() < 0.4 else f"{a.split(',')[0]}, {b.split(',')[-1].strip()}"
        if rng.random() < 0.3:
            t = f"{rng.choice(_COMPANIES)} — {t}"
        t += rng.choice(_TAILS).format(n=rng.randint(100, 99999))
        if t not in seen:
            seen.add(t)
            out.append(t)
    return out


WORKER = r"""
import json, os, resource, sys, time
t0 = time.perf_counter()
kind, texts_path, model_path = sys.argv[1], sys.argv[2], sys.argv[3]
texts = json.load(open(texts_path, encoding="utf-8"))
if kind == "taskqual":
    import taskqual
    model = taskqual.default_model()
    one = lambda t: model.classify(t)
    many = lambda ts: model.classify_many(ts)
else:
    import joblib
    pipe = joblib.load(model_path)
    one = lambda t: pipe.predict_proba([t])
    many = lambda ts: pipe.predict_proba(ts)
load_s = time.perf_counter() - t0
for t in texts[:200]:
    one(t)
single = texts[200:5200]
lat = []
for t in single:
    s = time.perf_counter_ns(); one(t); lat.append(time.perf_counter_ns() - s)
lat.sort()
batch = texts[5200:]
s = time.perf_counter(); many(batch); batch_s = time.perf_counter() - s
def peak_rss_mb():
    # VmHWM is this process's own high-water mark; ru_maxrss would start from the parent's at fork.
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"load_s": load_s, "p50_ms": lat[len(lat)//2]/1e6, "p99_ms": lat[int(len(lat)*0.99)]/1e6,
                  "batch_n": len(batch), "tasks_per_s": len(batch)/batch_s,
                  "peak_rss_mb": peak_rss_mb()}))
"""


def run_worker(kind: str, texts_path: str, model_path: str) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-c", WORKER, kind, texts_path, model_path]
    if sys.platform.startswith("linux"):
        cmd = ["taskset", "-c", "0", *cmd]  # one core
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    if out.returncode:
        raise RuntimeError(f"{kind} worker failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=50_000, help="batch size (texts scored in one call)")
    args = ap.parse_args()

    import joblib

    from training.baselines import tfidf_lr
    from training.data import load_training

    texts = realistic_texts(args.n + 5200)
    train = load_training(with_generated=False)
    with tempfile.TemporaryDirectory() as tmp:
        texts_path = os.path.join(tmp, "texts.json")
        Path(texts_path).write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        base_path = os.path.join(tmp, "baseline.joblib")
        joblib.dump(tfidf_lr().fit([r.text for r in train], [r.label for r in train]), base_path)
        results = {}
        for kind in ("taskqual", "baseline"):
            print(f"measuring {kind}…", file=sys.stderr)
            results[kind] = run_worker(kind, texts_path, base_path)

    q, b = results["taskqual"], results["baseline"]
    rows = [
        ("cold load, s", "load_s", "≤ 2"),
        ("single text p50, ms", "p50_ms", ""),
        ("single text p99, ms", "p99_ms", "≤ 1"),
        ("batch, tasks/s (1 core)", "tasks_per_s", "≥ 15,000"),
        ("peak RSS, MB", "peak_rss_mb", "≤ 300"),
    ]
    print(f"{q['batch_n']} distinct realistic texts in the batch, one core, one thread")
    print(f"{'measure':<26}{'taskqual':>12}{'tf-idf+LR':>12}{'ratio':>8}  target")
    for name, key, target in rows:
        print(f"{name:<26}{q[key]:>12.3f}{b[key]:>12.3f}{q[key] / b[key]:>8.2f}  {target}")
    print(f"throughput ratio taskqual / baseline = {q['tasks_per_s'] / b['tasks_per_s']:.2f} (target ≥ 2)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
