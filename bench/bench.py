#!/usr/bin/env python3
"""`make bench`: measures `budgetc check` and `budgetc compile` against the physical floor
(bench/floor.c: the same cells written with libxlsxwriter alone), all in one run, as ratios.

- Wall time and peak memory on synthetic departments (bench/generate.py) of several sizes
  (default 1k, 10k, 100k and 1M lines), median of several runs (fewer at 1M);
- per-stage times (`--timings`) at the two largest sizes, to show how each stage grows;
- instructions counted by callgrind (valgrind) on one size and on the reference example: the
  count is repeatable even when other builds share the machine, unlike wall time.

    bench.py BUDGETC FLOOR [--runs 5] [--big-runs 1] [--sizes 1000,10000,100000,1000000]
             [--callgrind-size 10000] [--example workbooks/hanyin-2024/budget.bud] [--record docs/performance.md]

Prints Markdown: the machine, the measurements, and each target of issue 15 met or missed. With
--record, the same text also replaces the block between `<!-- bench:begin -->` and `<!-- bench:end -->`
of that file (written to a temporary file beside it, then renamed).
"""
import argparse
import io
import os
import platform
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


def machine(budgetc):
    """What the numbers were measured on: they mean little without it."""
    def read(path, pattern):
        try:
            with open(path, encoding="utf-8") as f:
                match = re.search(pattern, f.read(), re.M)
            return match.group(1).strip() if match else "?"
        except OSError:
            return "?"
    memory = read("/proc/meminfo", r"^MemTotal:\s+(\d+)")
    memory = f"{int(memory) / 1024 / 1024:.0f} GiB" if memory.isdigit() else "?"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE).stdout.strip() or "?"
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, cwd=HERE).stdout.strip()
    size = os.path.getsize(budgetc) / 1e6
    cpu = read("/proc/cpuinfo", r"^model name\s*:(.*)$")
    return (f"{cpu}, {os.cpu_count()} cores, {memory}; {platform.system()} {platform.release()}; "
            f"budgetc at {commit}{' (uncommitted changes)' if dirty else ''}, binary {size:.0f} MB; "
            f"load average {os.getloadavg()[0]:.1f} at the start")


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
    parser.add_argument("--record", help="also write the results into this Markdown file, between its bench markers")
    args = parser.parse_args()
    if args.record:
        with open(args.record, encoding="utf-8") as f:
            if BEGIN not in f.read():
                sys.exit(f"{args.record} has no {BEGIN} … {END} block to replace")
    measured_on = machine(args.budgetc)
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
    out = io.StringIO()

    def say(text=""):  # the report goes to stdout and, with --record, into the file
        print(text)
        out.write(text + "\n")

    fmt = lambda m: f"{m[0]:.3f} ({m[1]:.3f}–{m[2]:.3f})"
    say(f"Measured on: {measured_on}; load average {os.getloadavg()[0]:.1f} at the end. "
          "Wall times depend on the machine and its load; instruction counts (callgrind) do not.\n")
    say(f"Runs per measurement: {args.runs} ({args.big_runs} at 1M lines). Times in seconds: median (min–max); "
          "memory: peak RSS in MiB.\n")
    say("| budget lines | text lines | check | check lines/s | check / floor | compile | floor (libxlsxwriter) | compile / floor | peak MiB check / compile / floor |")
    say("| ---: | ---: | --- | ---: | ---: | --- | --- | ---: | --- |")
    for size, text_lines, check, compile_, floor in rows:
        say(f"| {size:,} | {text_lines:,} | {fmt(check)} | {size / check[0]:,.0f} | {check[0] / floor[0]:.2f}× | {fmt(compile_)} | "
              f"{fmt(floor)} | {compile_[0] / floor[0]:.2f}× | {check[3]:.0f} / {compile_[3]:.0f} / {floor[3]:.0f} |")
    if len(rows) >= 2:
        (s1, _, c1, k1, f1), (s2, _, c2, k2, f2) = rows[-2], rows[-1]
        say(f"\nGrowth ×{s2 // s1} in size ({s1:,} → {s2:,} lines): check ×{c2[0] / c1[0]:.1f}, compile ×{k2[0] / k1[0]:.1f}, "
              f"floor ×{f2[0] / f1[0]:.1f} in time; compile memory ×{k2[3] / max(k1[3], 1):.1f} "
              f"({(k2[3] - k1[3]) / (s2 - s1) * 1024:.2f} KiB per line; floor {(f2[3] - f1[3]) / (s2 - s1) * 1024:.2f}); "
              f"compile peak / floor peak at {s2:,}: {k2[3] / max(f2[3], 1):.2f}×.")
    if len(stages) == 2:
        (s1, a), (s2, b) = sorted(stages.items())
        say(f"\nStages of `compile --timings` (ms) and their growth from {s1:,} to {s2:,} lines:\n")
        say(f"| stage | {s1:,} | {s2:,} | growth |")
        say("| --- | ---: | ---: | ---: |")
        for stage in a:
            if stage in b:
                growth = f"×{b[stage] / a[stage]:.1f}" if a[stage] >= 1 else "–"
                say(f"| {stage} | {a[stage]:,.0f} | {b[stage]:,.0f} | {growth} |")
    if example:
        check, compile_, floor = example
        say(f"\nReference example ({args.example}), whole process, median of {max(args.runs, 20)} runs: check {check[0] * 1000:.1f} ms "
              f"(min {check[1] * 1000:.1f}), compile {compile_[0] * 1000:.1f} ms (min {compile_[1] * 1000:.1f}), "
              f"floor {floor[0] * 1000:.1f} ms (min {floor[1] * 1000:.1f}); peak {check[3]:.0f} / {compile_[3]:.0f} / {floor[3]:.0f} MiB.")
    if counts and all(c[2] for c in counts):
        say("\nInstructions (callgrind, whole process):\n")
        say("| input | check | per line | check / floor | compile | floor | compile / floor |")
        say("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, size, check, compile_, floor in counts:
            per_line = f"{check / size:,.0f}" if size else "–"
            say(f"| {name} | {check / 1e6:,.1f} M | {per_line} | {check / floor:.2f}× | {compile_ / 1e6:,.1f} M | "
                  f"{floor / 1e6:,.1f} M | {compile_ / floor:.2f}× |")
    targets(rows, stages, example, print)
    if args.record:
        record(args.record, out.getvalue())


BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def targets(rows, stages, example, say):
    """Issue 15's targets against this run: met or missed, with the measured value."""
    verdicts = []
    by_size = {size: (check, compile_, floor) for size, _, check, compile_, floor in rows}
    if 100_000 in by_size:
        check, compile_, floor = by_size[100_000]
        verdicts.append(("check ≥ 500k lines/s at 100k (≈ 0.15× the floor)", f"{100_000 / check[0]:,.0f} lines/s, {check[0] / floor[0]:.2f}× the floor",
                         100_000 / check[0] >= 500_000))
        verdicts.append(("compile ≤ 1.3× the floor at 100k", f"{compile_[0] / floor[0]:.2f}×", compile_[0] / floor[0] <= 1.3))
        verdicts.append(("compile peak memory ≤ 1.5× the floor's at 100k", f"{compile_[3] / floor[3]:.2f}×", compile_[3] / floor[3] <= 1.5))
    if len(stages) == 2 and min(stages) >= 100_000:  # the growth is from 100k lines up: smaller stages are start-up noise
        (s1, a), (s2, b) = sorted(stages.items())
        limit = 11 * (s2 / s1) / 10
        growth = {stage: b[stage] / a[stage] for stage in a if stage in b and a[stage] >= 1}
        worst = max(growth, key=growth.get) if growth else None
        if worst:
            verdicts.append((f"every stage grows ≤ ×{limit:.0f} from {s1:,} to {s2:,} lines",
                             f"largest: {worst} ×{growth[worst]:.1f}", growth[worst] <= limit))
    if example:
        check, compile_, _ = example
        verdicts.append(("reference example check ≤ 15 ms (median)", f"{check[0] * 1000:.1f} ms", check[0] <= 0.015))
        verdicts.append(("reference example compile ≤ 25 ms (median)", f"{compile_[0] * 1000:.1f} ms", compile_[0] <= 0.025))
    if verdicts:
        say("\nTargets (issue 15) in this run:\n")
        say("| target | measured | |")
        say("| --- | --- | --- |")
        for target, measured, met in verdicts:
            say(f"| {target} | {measured} | {'met' if met else '**missed**'} |")


def record(path, text):
    """Replaces the bench block of `path`; the file is written beside itself, then renamed."""
    with open(path, encoding="utf-8") as f:
        document = f.read()
    start, end = document.index(BEGIN) + len(BEGIN), document.index(END)
    updated = document[:start] + "\n" + text.strip() + "\n" + document[end:]
    fd, temporary = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=".bench-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(updated)
        os.chmod(temporary, os.stat(path).st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


if __name__ == "__main__":
    main()
