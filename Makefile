# budgetc — build, run the example, test.
# `make example` and `make test` install the Debian packages they need when missing.

SWIFT ?= swift
BUDGETC = .build/debug/budgetc
EXAMPLE = workbooks/hanyin-2024/budget.bud

.PHONY: all build example test release install clean deps test-deps

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

release: deps
	$(SWIFT) build -c release

PREFIX ?= /usr/local
install: release
	install -d $(PREFIX)/bin $(PREFIX)/share/budgetc
	install -m 755 .build/release/budgetc $(PREFIX)/bin/budgetc
	cp -R templates $(PREFIX)/share/budgetc/

clean:
	rm -rf .build
