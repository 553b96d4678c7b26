# budgetc — build, run the example, test.
# `make example` and `make test` install the Debian packages they need when missing.

SWIFT ?= swift
BUDGETC = .build/debug/budgetc
EXAMPLE = workbooks/hanyin-2024/budget.bud

.PHONY: all build example test release install clean deps test-deps fuzz test-asan bench mutate

all: build

deps:
	@scripts/install-deps.sh

test-deps:
	@scripts/install-deps.sh --test

build: deps
	$(SWIFT) build

# Compiles the reference example (汉阴县医疗保障局 2024) to workbooks/hanyin-2024/budget.xlsx.
example: build
	$(BUDGETC) compile $(EXAMPLE)

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# The release binary links the Swift runtime and Foundation statically: it runs on a machine without the Swift
# toolchain (only libxlsxwriter is needed) and starts faster (no dynamic symbol look-ups; docs/performance.md).
RELEASE_FLAGS ?= --static-swift-stdlib
release: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS)

PREFIX ?= /usr/local
install: release
	install -d $(PREFIX)/bin $(PREFIX)/share/budgetc
	install -m 755 .build/release/budgetc $(PREFIX)/bin/budgetc
	cp -R templates $(PREFIX)/share/budgetc/

clean:
	rm -rf .build

# Fuzzing (issue: hardening). Runs libFuzzer for FUZZ_SECONDS over fuzz/corpus.
FUZZ_SECONDS ?= 600
fuzz: deps
	$(SWIFT) build --package-path fuzz -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library --product BudgetFuzz
	mkdir -p fuzz/regressions
	fuzz/.build/release/BudgetFuzz fuzz/corpus -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=20 -rss_limit_mb=4096 -artifact_prefix=fuzz/regressions/ -print_final_stats=1

# The test suite under AddressSanitizer (slow; not part of `make test`). Leak detection is off:
# LeakSanitizer reports allocations of Foundation's Data(contentsOf:) in the test harness (see
# docs/performance.md, "Sanitizers"); memory errors still fail the run.
test-asan: test-deps
	$(SWIFT) build --build-tests --scratch-path .build-asan -Xswiftc -sanitize=address
	ASAN_OPTIONS=detect_leaks=0 $(SWIFT) test --skip-build --scratch-path .build-asan

# Benchmark (not part of the test suite): synthetic departments of 1k, 10k, 100k and 1M lines, check and
# compile against the libxlsxwriter floor in one run (ratios, stage growth, peak memory), instructions counted
# by callgrind at 10k lines and on the reference example, and issue 15's targets met or missed. The report is
# printed and written into docs/performance.md's bench block (BENCH_RECORD= to only print it).
BENCH_RUNS ?= 5
BENCH_BIG_RUNS ?= 1
BENCH_SIZES ?= 1000,10000,100000,1000000
BENCH_CALLGRIND_SIZE ?= 10000
# The run's report (machine, measurements, targets met or missed) also replaces the bench block of this file.
BENCH_RECORD ?= docs/performance.md
bench: deps
	$(SWIFT) build -c release $(RELEASE_FLAGS)
	cc -O2 bench/floor.c -o .build/release/budgetc-floor $$(pkg-config --cflags --libs xlsxwriter)
	python3 bench/bench.py .build/release/budgetc .build/release/budgetc-floor --runs $(BENCH_RUNS) --big-runs $(BENCH_BIG_RUNS) \
		--sizes $(BENCH_SIZES) --callgrind-size $(BENCH_CALLGRIND_SIZE) --example $(EXAMPLE) \
		$(if $(BENCH_RECORD),--record $(BENCH_RECORD))

# Mutation testing (not part of `make test`: about an hour). Applies each mutation in scripts/mutate.py
# one at a time, runs the suite, prints the score and the survivors, and records them in docs/testing.md.
mutate: test-deps
	python3 scripts/mutate.py --record
