#!/usr/bin/env python3
"""Markdown table from scripts/bench-vs-peer.sh output: median over rounds of each side, and the ratio.

Every pair the script measures lands in one table: the peer's model names map to bidizoo's
(smallcnn_jt is inversion-smallcnn); a side or mode that was not measured (the peer has no inference
mode for smallcnn_jt) shows as a dash. bidizoo rows are split by "setting": omp-env (./bidizoo, which
sets OMP_NUM_THREADS), nd4j-defaults (no thread setting at all, as in an application that embeds the
layers and makes the README's one call, NativeTeam.narrow(), around its training loop and infers into an
output workspace), nd4j-defaults-readme (that application started with the README's JVM and environment
settings too), nd4j-defaults-plain (the same application with plain fit/output calls), threads-call (bench
--threads, i.e. NativeThreads.set); each stands beside the peer's figures at the same thread count.
"""
import json
import statistics
import sys
from collections import defaultdict

# peer model name -> bidizoo model name; names not listed map by replacing "_" with "-"
NAMES = {"smallcnn_jt": "inversion-smallcnn"}


def bidizoo_name(peer_model):
    return NAMES.get(peer_model, peer_model.replace("_", "-"))


def median(values):
    return statistics.median(values) if values else None


def fmt(v, spec):
    return "–" if v is None else format(v, spec)


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def read(lines):
    """bidizoo: (model, threads, setting) -> mode -> values; peer: (model, threads) -> mode -> values."""
    ours = defaultdict(lambda: defaultdict(list))
    peer = defaultdict(lambda: defaultdict(list))
    for line in lines:
        line = line.strip()
        if not line:
            continue
        d = json.loads(line)
        if d["impl"] == "bidizoo":
            # lines from before the setting field were all run by ./bidizoo (OMP_NUM_THREADS set)
            o = ours[(d["model"], d["threads"], d.get("setting", "omp-env"))]
            o["train"].append(d["train_samples_per_s"])
            o["infer"].append(d["infer_samples_per_s"])
            o["rss"].append(d["peak_rss_mb"])
        else:
            peer[(bidizoo_name(d["model"]), d["threads"])][d["mode"]].append(d["samples_per_s"]["median"])
    return ours, peer


def table(ours, peer):
    out = ["| model | threads | setting | bidizoo train | peer train | ratio | bidizoo infer | peer infer | ratio"
           " | bidizoo peak RSS MB |",
           "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for key in sorted(ours):
        o, p = ours[key], peer.get(key[:2], {})
        ot, oi, rss = median(o["train"]), median(o["infer"]), median(o["rss"])
        pt, pi = median(p.get("train", [])), median(p.get("infer", []))
        out.append(f"| {key[0]} | {key[1]} | {key[2]} | {fmt(ot, ',.0f')} | {fmt(pt, ',.0f')} | "
                   f"{fmt(ratio(ot, pt), '.2f')} | {fmt(oi, ',.0f')} | {fmt(pi, ',.0f')} | "
                   f"{fmt(ratio(oi, pi), '.2f')} | {fmt(rss, ',.0f')} |")
    return "\n".join(out)


def rows(ours, peer):
    """The table's rows as records (the results page's JSON): medians over rounds, None where not measured."""
    out = []
    for key in sorted(ours):
        o, p = ours[key], peer.get(key[:2], {})
        rnd = lambda v: None if v is None else round(v)
        out.append({"model": key[0], "threads": key[1], "setting": key[2],
                    "train": rnd(median(o["train"])), "peer_train": rnd(median(p.get("train", []))),
                    "infer": rnd(median(o["infer"])), "peer_infer": rnd(median(p.get("infer", []))),
                    "peak_rss_mb": rnd(median(o["rss"])), "rounds": len(o["train"])})
    return out


def main(args):
    as_json = "--json" in args
    paths = [a for a in args if a != "--json"]
    with open(paths[0] if paths else "runs/bench-vs-peer.jsonl") as f:
        ours, peer = read(f)
    print(json.dumps({"results": rows(ours, peer)}, indent=1) if as_json else table(ours, peer))


if __name__ == "__main__":
    # scripts/bench-table.py [FILE] [--json]: a markdown table, or the rows as JSON for docs/results/data
    main(sys.argv[1:])
