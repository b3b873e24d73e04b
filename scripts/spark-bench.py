#!/usr/bin/env python3
"""What Spark costs on this machine: plain `train` against DL4J's parameter averaging on local[1] and local[2].

usage: scripts/spark-bench.py [--model lmser-dense] [--rounds 20] [--repeats 2] [--frequencies 1,10,100]
                              [--sharing [--sharing-rounds 2]] [--out runs/spark-bench.json]
For each repeat: one plain run of `./bidizoo train MODEL` (one thread, the local loop) and, for W = 1 and 2 workers
on local[W] and each averaging frequency F, a run of W*F*ROUNDS minibatches (ROUNDS averaging rounds), all batch 50
on real MNIST; --sharing adds gradient sharing on local[2] at the largest F (--sharing-rounds jobs). Only the seconds inside training count
(each command's "train_seconds": JVM start and data loading excluded). The JSON has every run and, per (W, F), the
medians and the Spark overhead per round: (seconds - minibatches / W * t) / rounds, with t the plain run's seconds
per minibatch, and per W a least-squares fit of seconds = rounds * O + minibatches / W * t_w (O: Spark's cost per
round; t_w: one minibatch on a worker). --al MODEL adds an Associated Learning model trained three ways on --al-minibatches: plain, parameter
averaging on local[2] (every --al-frequency) and its blocks pipelined across Spark tasks (--al-pipeline, chunks of
--al-frequency), with time and test accuracy. Run it on a quiet machine (nothing else running): it is a measurement.
"""
import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def train(model, extra):
    with tempfile.TemporaryDirectory() as out:
        cmd = ["./bidizoo", "train", model, "--out", out, "--json", *extra]
        p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        if p.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed:\n{p.stderr[-3000:]}")
        d = json.loads(p.stdout)
        return {"command": " ".join(cmd[:3] + extra), "train_seconds": d["train_seconds"],
                "iterations": d["iterations"], "recon_mse": d.get("recon_mse"),
                "test_accuracy": d.get("test_accuracy"), "spark": d.get("spark")}


def cost_fit(runs, t):
    """Least squares of seconds = rounds * O + minibatches / W * t_w over the averaging runs of each W: O is Spark's
    cost per averaging round, t_w the cost of one minibatch on a worker (beside the plain loop's t)."""
    out = []
    for w in sorted({r["workers"] for r in runs if r["kind"] == "averaging"}):
        pts = [(r["iterations"] // (w * r["frequency"]), r["iterations"] / w, r["train_seconds"])
               for r in runs if r["kind"] == "averaging" and r["workers"] == w]
        sxx = sum(a * a for a, b, y in pts)
        sxy = sum(a * b for a, b, y in pts)
        syy = sum(b * b for a, b, y in pts)
        sxz = sum(a * y for a, b, y in pts)
        syz = sum(b * y for a, b, y in pts)
        det = sxx * syy - sxy * sxy
        o = (sxz * syy - syz * sxy) / det
        tw = (sxx * syz - sxy * sxz) / det
        out.append({"workers": w, "round_overhead_s": o, "worker_seconds_per_minibatch": tw, "worker_ms_per_minibatch": tw * 1000,
                    "plain_seconds_per_minibatch": t, "worker_vs_plain": tw / t})
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="lmser-dense")
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--frequencies", default="1,10,100")
    ap.add_argument("--plain-iterations", type=int, default=2000)
    ap.add_argument("--sharing", action="store_true")
    ap.add_argument("--sharing-rounds", type=int, default=2)
    ap.add_argument("--al", help="also an Associated Learning model: plain, averaging and --al-pipeline on local[2]")
    ap.add_argument("--al-minibatches", type=int, default=200)
    ap.add_argument("--al-frequency", type=int, default=50,
                    help="averaging frequency, and the pipeline's chunk, of the --al runs")
    ap.add_argument("--out", default="runs/spark-bench.json")
    ap.add_argument("--refit", metavar="FILE", help="only recompute the cost fit of a finished run's JSON, in place")
    a = ap.parse_args()
    if a.refit:
        doc = json.loads(Path(a.refit).read_text())
        t = next(r["seconds_per_minibatch"] for r in doc["results"] if r["kind"] == "plain")
        doc["cost"] = cost_fit(doc["runs"], t)
        Path(a.refit).write_text(json.dumps(doc, indent=2) + "\n")
        for r in doc["cost"]:
            print(json.dumps(r))
        return
    freqs = [int(f) for f in a.frequencies.split(",")]
    runs = []
    for rep in range(1, a.repeats + 1):
        print(f"repeat {rep}: plain train, {a.plain_iterations} minibatches", file=sys.stderr)
        r = train(a.model, ["--iterations", str(a.plain_iterations)])
        runs.append({"repeat": rep, "kind": "plain", "workers": 0, "frequency": 0, **r})
        for w in (1, 2):
            for f in freqs:
                n = w * f * a.rounds
                print(f"repeat {rep}: local[{w}], {w} worker(s), averaging every {f}: {n} minibatches", file=sys.stderr)
                r = train(a.model, ["--spark", f"local[{w}]", "--workers", str(w), "--averaging-frequency", str(f),
                                    "--iterations", str(n)])
                runs.append({"repeat": rep, "kind": "averaging", "workers": w, "frequency": f, **r})
        if a.sharing:
            f = max(freqs)
            n = 2 * f * a.sharing_rounds
            print(f"repeat {rep}: local[2], gradient sharing, {f} per worker per job: {n} minibatches", file=sys.stderr)
            r = train(a.model, ["--spark", "local[2]", "--workers", "2", "--averaging-frequency", str(f),
                                "--gradient-sharing", "--iterations", str(n)])
            runs.append({"repeat": rep, "kind": "sharing", "workers": 2, "frequency": f, **r})

    al_runs = []
    if a.al:
        n, f = a.al_minibatches, a.al_frequency
        for kind, extra in (("al-plain", []),
                            ("al-averaging", ["--spark", "local[2]", "--workers", "2", "--averaging-frequency", str(f)]),
                            ("al-pipeline", ["--spark", "local[2]", "--al-pipeline", "--chunk", str(f)])):
            print(f"{a.al}: {kind}, {n} minibatches", file=sys.stderr)
            r = train(a.al, ["--iterations", str(n), *extra])
            al_runs.append({"kind": kind, "model": a.al, "frequency": 0 if kind == "al-plain" else f,
                            "minibatches": n, "seconds": r["train_seconds"],
                            "samples_per_s": n * 50 / r["train_seconds"], "test_accuracy": r["test_accuracy"],
                            "command": r["command"], "spark": r["spark"]})
        for r in al_runs:
            r["vs_plain"] = r["samples_per_s"] / al_runs[0]["samples_per_s"]

    plain = [r["train_seconds"] / r["iterations"] for r in runs if r["kind"] == "plain"]
    t = statistics.median(plain)
    batch = 50
    results = [{"kind": "plain", "workers": 0, "frequency": 0, "seconds_per_minibatch": t,
                "samples_per_s": batch / t}]
    for kind, w, f in sorted({(r["kind"], r["workers"], r["frequency"]) for r in runs if r["kind"] != "plain"}):
        sel = [r for r in runs if (r["kind"], r["workers"], r["frequency"]) == (kind, w, f)]
        secs = statistics.median(r["train_seconds"] for r in sel)
        n = sel[0]["iterations"]
        rounds = n // (w * f)
        results.append({"kind": kind, "workers": w, "frequency": f, "minibatches": n, "rounds": rounds,
                        "seconds": secs, "samples_per_s": n * batch / secs,
                        "vs_plain": (n * batch / secs) / (batch / t),
                        "overhead_per_round_s": (secs - n / w * t) / rounds,
                        "recon_mse": statistics.median(r["recon_mse"] for r in sel)})
    fits = cost_fit(runs, t)
    doc = {"experiment": "spark-bench", "model": a.model, "batch": batch, "rounds": a.rounds, "repeats": a.repeats,
           "date": time.strftime("%Y-%m-%d"), "command": "scripts/spark-bench.py " + " ".join(sys.argv[1:]),
           "results": results, "cost": fits, "al": al_runs, "runs": runs}
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(doc, indent=2) + "\n")
    for r in results + al_runs:
        print(json.dumps({k: v for k, v in r.items() if k not in ("command", "spark")}))


if __name__ == "__main__":
    main()
