#!/usr/bin/env python3
"""Markdown table from scripts/bench-vs-peer.sh output: median over rounds of each side, and the ratio."""
import json
import statistics
import sys
from collections import defaultdict

NAMES = {"lmser_dense": "lmser-dense", "ae_dense": "ae-dense", "lmser_conv": "lmser-conv"}


def main(path):
    ours = defaultdict(lambda: defaultdict(list))
    peer = defaultdict(lambda: defaultdict(list))
    for line in open(path):
        d = json.loads(line)
        if d["impl"] == "bidizoo":
            key = (d["model"], d["threads"])
            ours[key]["train"].append(d["train_samples_per_s"])
            ours[key]["infer"].append(d["infer_samples_per_s"])
            ours[key]["rss"].append(d["peak_rss_mb"])
        else:
            key = (NAMES[d["model"]], d["threads"])
            peer[key][d["mode"]].append(d["samples_per_s"]["median"])
    print("| model | threads | bidizoo train | peer train | ratio | bidizoo infer | peer infer | ratio | bidizoo peak RSS MB |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for key in sorted(ours):
        o, p = ours[key], peer.get(key, {})
        ot, oi = statistics.median(o["train"]), statistics.median(o["infer"])
        pt = statistics.median(p["train"]) if p.get("train") else float("nan")
        pi = statistics.median(p["infer"]) if p.get("infer") else float("nan")
        print(f"| {key[0]} | {key[1]} | {ot:,.0f} | {pt:,.0f} | {ot / pt:.2f} | {oi:,.0f} | {pi:,.0f} | {oi / pi:.2f} "
              f"| {statistics.median(o['rss']):,.0f} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "runs/bench-vs-peer.jsonl")
