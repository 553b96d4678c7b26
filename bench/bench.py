#!/usr/bin/env python3
"""`make bench`: times `budgetc check` and `budgetc compile` on synthetic departments of 1k, 10k
and 100k lines against the physical floor (bench/floor.c: the same cells written with
libxlsxwriter alone), over several runs, with peak memory. Prints a Markdown table.

    bench.py BUDGETC FLOOR [--runs 5] [--sizes 1000,10000,100000]
"""
import argparse
import os
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("budgetc")
    parser.add_argument("floor")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for size in sizes:
            budget = os.path.join(work, f"b{size}.bud")
            with open(budget, "w", encoding="utf-8") as f:
                f.write(generate.generate(size, 1))
            text_lines = sum(1 for _ in open(budget, encoding="utf-8"))
            out = os.path.join(work, f"b{size}.xlsx")
            cells = os.path.join(work, f"b{size}.cells")
            subprocess.run([args.budgetc, "compile", budget, "-o", out, "--dump-cells", cells], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            check = measure([args.budgetc, "check", budget], args.runs)
            compile_ = measure([args.budgetc, "compile", budget, "-o", out], args.runs)
            floor = measure([args.floor, cells, os.path.join(work, "floor.xlsx")], args.runs)
            rows.append((size, text_lines, check, compile_, floor))
            print(f"… {size} lines done", file=sys.stderr)

    print(f"Runs per measurement: {args.runs}. Times in seconds: median (min–max); memory: peak RSS in MiB.\n")
    print("| budget lines | text lines | check | check lines/s | compile | floor (libxlsxwriter) | compile / floor | peak MiB check / compile / floor |")
    print("| ---: | ---: | --- | ---: | --- | --- | ---: | --- |")
    for size, text_lines, check, compile_, floor in rows:
        fmt = lambda m: f"{m[0]:.3f} ({m[1]:.3f}–{m[2]:.3f})"
        print(f"| {size:,} | {text_lines:,} | {fmt(check)} | {size / check[0]:,.0f} | {fmt(compile_)} | {fmt(floor)} | "
              f"{compile_[0] / floor[0]:.2f}× | {check[3]:.0f} / {compile_[3]:.0f} / {floor[3]:.0f} |")
    if len(rows) >= 2:
        (s1, _, c1, k1, _), (s2, _, c2, k2, _) = rows[-2], rows[-1]
        print(f"\nSlope between {s1:,} and {s2:,} lines: check {(c2[0] - c1[0]) / (s2 - s1) * 1e6:.1f} µs/line, "
              f"compile {(k2[0] - k1[0]) / (s2 - s1) * 1e6:.1f} µs/line; memory {(k2[3] - k1[3]) / (s2 - s1) * 1024:.1f} KiB/line.")
        print(f"Growth ×{s2 // s1} in size gives ×{c2[0] / c1[0]:.1f} check time, ×{k2[0] / k1[0]:.1f} compile time, "
              f"×{k2[3] / max(k1[3], 1):.1f} compile memory.")


if __name__ == "__main__":
    main()
