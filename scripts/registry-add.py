#!/usr/bin/env python3
"""Adds exported weights to the shipped pretrained registry.

usage: scripts/registry-add.py RESULT_JSON...   (each the --json output of `bidizoo train ... --export DIR`,
                                                 the weights file beside it in DIR)
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


def main(paths):
    reg_file = RES / "registry.json"
    reg = json.loads(reg_file.read_text())
    ids = {(w["model"], w["variant"], w["version"]) for w in reg["weights"]}
    defaults = {(w["model"], w["variant"], w["dataset"]) for w in reg["weights"] if w.get("default")}
    for p in map(Path, paths):
        result = json.loads(p.read_text())
        e = dict(result["export"])
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
    reg_file.write_text(json.dumps(reg, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
