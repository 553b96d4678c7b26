#!/usr/bin/env python3
"""`make bench`: measures `budgetc check` and `budgetc compile` against the physical floor
(bench/floor.c: the same cells written with libxlsxwriter alone), all in one run, as ratios.

- Wall time and peak memory on synthetic departments (bench/generate.py) of several sizes
  (default 1k, 10k, 100k and 1M lines), median of several runs (fewer at 1M);
- per-stage times (`--timings`) at the two largest sizes, to show how each stage grows;
- instructions counted by callgrind (valgrind) on one size and on the reference example: the
  count is repeatable even when other builds share the machine, unlike wall time.

    bench.py BUDGETC FLOOR [--runs 5] [--big-runs 1] [--sizes 1000,10000,100000,1000000]
             [--callgrind-size 10000] [--example workbooks/hanyin-2024/budget.bud]

Prints Markdown for docs/performance.md.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate  # noqa: E402


def run(command):
    """Wall time (s) and peak resident memory (MiB) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(command)} exited {code}")
    return elapsed, usage.ru_maxrss / 1024


def measure(command, runs):
    results = [run(command) for _ in range(runs)]
    times = [t for t, _ in results]
    return statistics.median(times), min(times), max(times), max(m for _, m in results)


def stage_times(command):
    """Per-stage milliseconds from `--timings` (stderr), rules summed into one stage."""
    output = subprocess.run(command + ["--timings"], capture_output=True, text=True).stderr
    stages = {}
    for line in output.splitlines():
        match = re.match(r"^(\S+)\s+([0-9.]+) ms$", line.strip())
        if match and not line.startswith("  "):
            stages[match.group(1)] = stages.get(match.group(1), 0.0) + float(match.group(2))
    return stages


def instructions(command):
    """Instructions executed by the whole process (callgrind), or None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    with tempfile.TemporaryDirectory() as work:
        result = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={work}/cg.out"] + command,
                                capture_output=True, text=True)
    match = re.search(r"Collected : (\d+)", result.stderr)
    return int(match.group(1)) if match else None


def cells_for(budgetc, budget, work, name):
    out = os.path.join(work, f"{name}.xlsx")
    cells = os.path.join(work, f"{name}.cells")
    subprocess.run([budgetc, "compile", budget, "-o", out, "--force", "--dump-cells", cells], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return out, cells


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("budgetc")
    parser.add_argument("floor")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--big-runs", type=int, default=1, help="runs at sizes of 1M lines and more")
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--callgrind-size", type=int, default=10000, help="0: no instruction counts")
    parser.add_argument("--example", default="workbooks/hanyin-2024/budget.bud")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    stages = {}
    counts = []
    with tempfile.TemporaryDirectory() as work:
        # The example first: a child forked after generating 1M lines reports that much peak memory.
        example = None
        if args.example and os.path.exists(args.example):
            try:
                out, cells = cells_for(args.budgetc, args.example, work, "example")
            except subprocess.CalledProcessError:
                print(f"budgetc does not compile {args.example}: no example measurements", file=sys.stderr)
                args.example = None
        if args.example and os.path.exists(args.example):
            example = (measure([args.budgetc, "check", args.example], max(args.runs, 20)),
                       measure([args.budgetc, "compile", args.example, "-o", out, "--force"], max(args.runs, 20)),
                       measure([args.floor, cells, os.path.join(work, "floor.xlsx")], max(args.runs, 20)))
            if args.callgrind_size:
                counts.append(("reference example", None,
                               instructions([args.budgetc, "check", args.example]),
                               instructions([args.budgetc, "compile", args.example, "-o", out, "--force"]),
                               instructions([args.floor, cells, os.path.join(work, "floor.xlsx")])))

        for size in sizes:
            budget = os.path.join(work, f"b{size}.bud")
            with open(budget, "w", encoding="utf-8") as f:
                f.write(generate.generate(size, 1))
            text_lines = sum(1 for _ in open(budget, encoding="utf-8"))
            out, cells = cells_for(args.budgetc, budget, work, f"b{size}")
            runs = args.big_runs if size >= 1_000_000 else args.runs
            check = measure([args.budgetc, "check", budget], runs)
            compile_ = measure([args.budgetc, "compile", budget, "-o", out, "--force"], runs)
            floor = measure([args.floor, cells, os.path.join(work, "floor.xlsx")], runs)
            rows.append((size, text_lines, check, compile_, floor))
            if size in sizes[-2:]:
                stages[size] = stage_times([args.budgetc, "compile", budget, "-o", out, "--force"])
            if size == args.callgrind_size:
                counts.append((f"synthetic {size:,} lines", size,
                               instructions([args.budgetc, "check", budget]),
                               instructions([args.budgetc, "compile", budget, "-o", out, "--force"]),
                               instructions([args.floor, cells, os.path.join(work, "floor.xlsx")])))
            print(f"… {size} lines: check {check[0]:.3f} s {check[3]:.0f} MiB, compile {compile_[0]:.3f} s {compile_[3]:.0f} MiB, "
                  f"floor {floor[0]:.3f} s {floor[3]:.0f} MiB", file=sys.stderr)
    fmt = lambda m: f"{m[0]:.3f} ({m[1]:.3f}–{m[2]:.3f})"
    print(f"Runs per measurement: {args.runs} ({args.big_runs} at 1M lines). Times in seconds: median (min–max); "
          "memory: peak RSS in MiB.\n")
    print("| budget lines | text lines | check | check lines/s | check / floor | compile | floor (libxlsxwriter) | compile / floor | peak MiB check / compile / floor |")
    print("| ---: | ---: | --- | ---: | ---: | --- | --- | ---: | --- |")
    for size, text_lines, check, compile_, floor in rows:
        print(f"| {size:,} | {text_lines:,} | {fmt(check)} | {size / check[0]:,.0f} | {check[0] / floor[0]:.2f}× | {fmt(compile_)} | "
              f"{fmt(floor)} | {compile_[0] / floor[0]:.2f}× | {check[3]:.0f} / {compile_[3]:.0f} / {floor[3]:.0f} |")
    if len(rows) >= 2:
        (s1, _, c1, k1, f1), (s2, _, c2, k2, f2) = rows[-2], rows[-1]
        print(f"\nGrowth ×{s2 // s1} in size ({s1:,} → {s2:,} lines): check ×{c2[0] / c1[0]:.1f}, compile ×{k2[0] / k1[0]:.1f}, "
              f"floor ×{f2[0] / f1[0]:.1f} in time; compile memory ×{k2[3] / max(k1[3], 1):.1f} "
              f"({(k2[3] - k1[3]) / (s2 - s1) * 1024:.2f} KiB per line; floor {(f2[3] - f1[3]) / (s2 - s1) * 1024:.2f}); "
              f"compile peak / floor peak at {s2:,}: {k2[3] / max(f2[3], 1):.2f}×.")
    if len(stages) == 2:
        (s1, a), (s2, b) = sorted(stages.items())
        print(f"\nStages of `compile --timings` (ms) and their growth from {s1:,} to {s2:,} lines:\n")
        print(f"| stage | {s1:,} | {s2:,} | growth |")
        print("| --- | ---: | ---: | ---: |")
        for stage in a:
            if stage in b:
                growth = f"×{b[stage] / a[stage]:.1f}" if a[stage] >= 1 else "–"
                print(f"| {stage} | {a[stage]:,.0f} | {b[stage]:,.0f} | {growth} |")
    if example:
        check, compile_, floor = example
        print(f"\nReference example ({args.example}), whole process, median of {max(args.runs, 20)} runs: check {check[0] * 1000:.1f} ms "
              f"(min {check[1] * 1000:.1f}), compile {compile_[0] * 1000:.1f} ms (min {compile_[1] * 1000:.1f}), "
              f"floor {floor[0] * 1000:.1f} ms (min {floor[1] * 1000:.1f}); peak {check[3]:.0f} / {compile_[3]:.0f} / {floor[3]:.0f} MiB.")
    if counts and all(c[2] for c in counts):
        print("\nInstructions (callgrind, whole process):\n")
        print("| input | check | per line | check / floor | compile | floor | compile / floor |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, size, check, compile_, floor in counts:
            per_line = f"{check / size:,.0f}" if size else "–"
            print(f"| {name} | {check / 1e6:,.1f} M | {per_line} | {check / floor:.2f}× | {compile_ / 1e6:,.1f} M | "
                  f"{floor / 1e6:,.1f} M | {compile_ / floor:.2f}× |")


if __name__ == "__main__":
    main()
