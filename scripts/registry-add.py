#!/usr/bin/env python3
"""Adds exported weights to the shipped pretrained registry.

usage: scripts/registry-add.py [--only MODEL[,MODEL...]] RESULT_JSON...
  each RESULT_JSON the --json output of `bidizoo train ... --export DIR` (its "export") or of
  `bidizoo reproduce al ... --export DIR` (the "export" of each result), saved inside DIR beside the
  weights; --only keeps the exports of those zoo models (e.g. al-cnn-bp: the others are too large to ship)
Copies each weights file into the zoo's resources, appends its entry to registry.json (shipped, DEFAULT
unless that model, variant and dataset already has one) and normalises the recorded command to
`--export DIR`. Run `mvn -B verify` afterwards: PretrainedRegistryTest recomputes every shipped entry.
"""
import json
import re
import shutil
import sys
from pathlib import Path

RES = Path(__file__).resolve().parent.parent / "zoo/src/main/resources/org/bidizoo/zoo/pretrained"


def exports(result):
    if "export" in result:
        return [result["export"]]
    return [r["export"] for r in result.get("results", []) if "export" in r]


def main(paths, only=None):
    reg_file = RES / "registry.json"
    reg = json.loads(reg_file.read_text())
    ids = {(w["model"], w["variant"], w["version"]) for w in reg["weights"]}
    defaults = {(w["model"], w["variant"], w["dataset"]) for w in reg["weights"] if w.get("default")}
    for p in map(Path, paths):
        found = exports(json.loads(p.read_text()))
        if not found:
            sys.exit(f"{p}: no export in it (was it run with --export?)")
        for e in found:
            if only is None or e["model"] in only:
                add(p, dict(e), reg, ids, defaults)
    reg_file.write_text(json.dumps(reg, indent=2, ensure_ascii=False) + "\n")


def add(p, e, reg, ids, defaults):
    key = (e["model"], e["variant"], e["version"])
    if key in ids:
        sys.exit(f"{p}: {key} is already in the registry")
    src = p.parent / e["file"]
    if not src.is_file():
        sys.exit(f"{p}: weights file {src} is missing")
    cmd = re.sub(r" --out \S+", "", e["command"])
    cmd = re.sub(r" --export \S+", " --export DIR", cmd).replace(" --json", "")
    e["command"] = cmd
    e["train_seconds"] = round(e["train_seconds"], 1)
    e["shipped"] = True
    e["default"] = (e["model"], e["variant"], e["dataset"]) not in defaults
    defaults.add((e["model"], e["variant"], e["dataset"]))
    shutil.copyfile(src, RES / e["file"])
    reg["weights"].append(e)
    ids.add(key)
    print(f"added {e['model']}{'-' + e['variant'] if e['variant'] else ''}/{e['version']} ({e['size']} bytes)")


if __name__ == "__main__":
    args = sys.argv[1:]
    keep = None
    if args[:1] == ["--only"]:
        if len(args) < 2:
            sys.exit(__doc__)
        keep = set(args[1].split(","))
        args = args[2:]
    if not args:
        sys.exit(__doc__)
    main(args, keep)
