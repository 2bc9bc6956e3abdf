#!/usr/bin/env python3
"""Statistics and report counting for the benchmark scripts (standard library only).

Subcommands:
    steady FILE FROM[-TO] [LABEL]  median of "LABEL <index> <ms> ms" lines with index >= FROM
                              (and <= TO)
  value FILE KEY              the number after KEY on the first line that starts with KEY
  pairs NAME UNIT FILE        one Markdown row from "without with" pairs (one pair per line)
  report DIR                  what the agent's report folder(s) under DIR hold, as key=value
  many NAME EPOCHS FILE       one Markdown row of the many-epochs table from its per-pair records
"""
import csv
import json
import os
import re
import statistics
import sys

UNITS = {  # name: (factor from the raw value, digits, suffix)
    "ms": (1.0, 1, " ms"),
    "s": (1e-3, 2, " s"),  # raw values in milliseconds
    "MB": (1e-6, 1, " MB"),  # raw values in bytes
}


def fmt(value, unit):
    factor, digits, suffix = UNITS[unit]
    return f"{value * factor:.{digits}f}{suffix}"


def spread(values, unit):
    """median [IQR q1–q3] (min–max)"""
    values = sorted(values)
    med = statistics.median(values)
    if len(values) >= 2:
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    else:
        q1 = q3 = med
    factor, digits, suffix = UNITS[unit]
    f = lambda v: f"{v * factor:.{digits}f}"
    return (
        f"{f(med)}{suffix} [IQR {f(q1)}–{f(q3)}] ({f(values[0])}–{f(values[-1])})"
    )


def steady(path, epochs, label="epoch"):
    """Median of the epochs with index >= FROM, or in FROM-TO (both included)."""
    first, _, last = str(epochs).partition("-")
    first, last = int(first), int(last) if last else None
    pattern = re.compile(rf"^{re.escape(label)} (\d+) ([0-9.]+) ms$")
    values = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = pattern.match(line.strip())
            if m and int(m.group(1)) >= first and (last is None or int(m.group(1)) <= last):
                values.append(float(m.group(2)))
    if not values:
        sys.exit(f"{path}: no '{label} <index> <ms> ms' lines with index in {epochs}")
    return statistics.median(values)


def value(path, key):
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith(key + " "):
                return float(line.split()[1])
    sys.exit(f"{path}: no line starting with '{key} '")


def read_rows(path):
    with open(path, encoding="utf-8") as f:
        return [line.split() for line in f if line.strip()]


def pairs(name, unit, path):
    rows = [(float(a), float(b)) for a, b in read_rows(path)]
    without = [a for a, _ in rows]
    with_ = [b for _, b in rows]
    ratios = sorted(b / a for a, b in rows)
    diffs = [b - a for a, b in rows]
    return (
        f"| {name} | {len(rows)} | {spread(without, unit)} | {spread(with_, unit)} | "
        f"×{statistics.median(ratios):.3f} ({ratios[0]:.3f}–{ratios[-1]:.3f}) | "
        f"{'+' if statistics.median(diffs) >= 0 else ''}{fmt(statistics.median(diffs), unit)} |"
    )


def report(directory):
    """Counts epochs in every report.json and epochs.csv under directory (one folder per JVM)."""
    json_epochs = csv_rows = 0
    statuses = []
    in_order = True
    folders = 0
    for root, _, files in os.walk(directory):
        if "report.json" in files:
            folders += 1
            with open(os.path.join(root, "report.json"), encoding="utf-8") as f:
                doc = json.load(f)
            for run in doc.get("runs", []):
                epochs = run.get("epochs", [])
                json_epochs += len(epochs)
                statuses.append(str(run.get("status")))
                if [e.get("index") for e in epochs] != list(range(len(epochs))):
                    in_order = False
        if "epochs.csv" in files:
            with open(os.path.join(root, "epochs.csv"), encoding="utf-8", newline="") as f:
                csv_rows += max(0, sum(1 for _ in csv.reader(f)) - 1)  # minus the header
    status = "+".join(statuses) if statuses else "none"
    return (
        f"folders={folders} json_epochs={json_epochs} csv_rows={csv_rows} "
        f"status={status} in_order={str(in_order).lower()}"
    )


def many(name, epochs, path):
    """Per-pair records: training_without training_with exit_without exit_with heap_without
    heap_with wall_without wall_with, then the report's key=value fields."""
    records = read_rows(path)
    num = [[float(x) for x in r[:8]] for r in records]
    fields = [dict(kv.split("=", 1) for kv in r[8:]) for r in records]
    col = lambda i: [r[i] for r in num]
    ratios = sorted(r[1] / r[0] for r in num)
    retained = [r[5] - r[4] for r in num]
    found = lambda key: ", ".join(f[key] for f in fields)
    return (
        f"| {name} | {len(records)} | {spread(col(0), 's')} | {spread(col(1), 's')} | "
        f"×{statistics.median(ratios):.3f} ({ratios[0]:.3f}–{ratios[-1]:.3f}) | "
        f"{spread(col(2), 's')} | {spread(col(3), 's')} | "
        f"{spread(retained, 'MB')} | {spread(col(6), 's')} | {spread(col(7), 's')} | "
        f"{found('json_epochs')} of {epochs} | {found('csv_rows')} of {epochs} | "
        f"{found('status')} | {found('in_order')} |"
    )


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd == "steady":
                print(f"{steady(args[0], args[1], *args[2:3]):.3f}")
    elif cmd == "value":
        print(f"{value(args[0], args[1]):.3f}")
    elif cmd == "pairs":
        print(pairs(*args))
    elif cmd == "report":
        print(report(args[0]))
    elif cmd == "many":
        print(many(args[0], args[1], args[2]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
