# streamc's developer entry points. `make demo` and `make test` are the two
# commands a fresh machine with Go and make needs.

GO       ?= go
BIN      ?= bin
# Packages that link the runtime get the race detector in `make test`.
RACE_PKGS = ./runtime/... ./internal/runtime/...
FUZZTIME ?= 10s
# Codec benchmarks repeat; the ratio uses the median run.
BENCHCOUNT ?= 7
# End-to-end benchmarks run whole programs over a broker: fewer repeats.
E2ECOUNT ?= 3

.PHONY: all generate check-generated vet fmt-check test test-unit test-interop conformance build bench fuzz-smoke demo golden-update clean

all: test

generate:
	$(GO) generate ./...

# Committed generated code is never stale: regenerate and compare with git.
check-generated: generate
	@git diff --exit-code -- . || (echo "generated code is stale: run 'make generate' and commit"; exit 1)
	@test -z "$$(git status --porcelain --untracked-files=all -- generated examples)" || \
		(git status --porcelain --untracked-files=all -- generated examples; echo "untracked generated files: run 'make generate' and commit"; exit 1)

vet:
	$(GO) vet ./...

fmt-check:
	@out="$$(gofmt -l $$(git ls-files '*.go') 2>&1)"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

test-unit:
	$(GO) test -race $(RACE_PKGS)
	$(GO) test $$($(GO) list ./... | grep -v '/runtime/')

# The Avro conformance suites again, verbosely, so their "N passed, M
# failed" lines show (go test hides a passing package's output).
# STREAMC_AVRO_VECTORS / STREAMC_CONFLUENT_VECTORS name other vector files.
conformance:
	@out="$$($(GO) test -count=1 -v -run '^(TestConformance|TestConfluentConformance|TestGeneratedDecoders)$$' ./internal/runtime/avroresolve ./internal/runtime/confluent ./gen/avroconf 2>&1)"; status=$$?; \
		echo "$$out" | grep -E 'passed, [0-9]+ failed|^(ok|FAIL|--- FAIL)' | sort -u; exit $$status

test: vet fmt-check check-generated test-unit conformance

# Tests against other implementations installed as system packages (kcat,
# librdkafka's CLI): not in `make test`, which needs only Go; .ci/run
# installs them and runs this too.
test-interop:
	@command -v kcat >/dev/null || { echo "test-interop needs kcat (Debian: apt-get install -y kcat)"; exit 1; }
	$(GO) test -count=1 -tags interop -run Kcat ./internal/devtools/broker

# Static, reproducible executables: bin/streamc and one per generated
# program, named after its directory under generated/cmd. The list is read
# when make starts, so `make generate build` sees programs of the previous
# generation: run `make generate` first after changing pipelines.yaml.
CMDS = $(sort $(patsubst %/,%,$(dir $(wildcard generated/cmd/*/main.go))))

build:
	@mkdir -p $(BIN)
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-s -w -buildid=" -o $(BIN)/ ./gen/cmd/streamc $(addprefix ./,$(CMDS))

# Benchmarks print each result as a ratio to its baseline from the same run.
bench:
	@mkdir -p $(BIN)
	$(GO) test -run '^$$' -bench . -benchmem -count $(BENCHCOUNT) ./templates/... > $(BIN)/bench.txt
	$(GO) test -run '^$$' -bench . -benchmem -count 1 ./runtime/... >> $(BIN)/bench.txt
	$(GO) test -run '^$$' -bench . -benchtime 1x -count $(E2ECOUNT) -timeout 30m ./gen/e2e >> $(BIN)/bench.txt
	$(GO) run ./internal/devtools/cmd/benchratio < $(BIN)/bench.txt
	@echo "end-to-end measurements (per run; all in $(BIN)/bench.txt):"
	@grep -h '^BenchmarkInvoices' $(BIN)/bench.txt

# Each fuzz target of each package runs for FUZZTIME (go test -fuzz takes
# one target at a time). A failure does not stop the others: its log is
# shown, and a summary line per target ends the output (FAIL lines name the
# failing input go test wrote); the status is non-zero if any failed. Logs
# stay in $(FUZZLOGS). Targets are the Fuzz functions of each package's test
# files, as go list names them (no test binary is built to list them).
FUZZLOGS ?= $(BIN)/fuzz
fuzz-smoke:
	@set -e; mkdir -p $(FUZZLOGS); rm -f $(FUZZLOGS)/*.log $(FUZZLOGS)/summary; touch $(FUZZLOGS)/summary; \
	$(GO) list -f '{{.ImportPath}} {{.Dir}}{{range .TestGoFiles}} {{.}}{{end}}{{range .XTestGoFiles}} {{.}}{{end}}' ./... > $(FUZZLOGS)/packages; \
	while read -r pkg dir files; do \
		[ -n "$$files" ] || continue; \
		for t in $$(cd "$$dir" && sed -n 's/^func \(Fuzz[A-Za-z0-9_]*\)(.*\*testing\.F).*/\1/p' $$files | sort -u); do \
			echo "$$pkg $$dir $$t"; \
		done; \
	done < $(FUZZLOGS)/packages > $(FUZZLOGS)/targets; \
	total=0; failed=0; \
	while read -r pkg dir t; do \
		total=$$((total+1)); log=$(FUZZLOGS)/$$total-$$t.log; \
		echo "fuzz $$pkg $$t"; \
		if $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 2s $$pkg > $$log 2>&1 < /dev/null; then \
			echo "ok    $$pkg $$t" >> $(FUZZLOGS)/summary; \
		else \
			failed=$$((failed+1)); tail -n 40 $$log; \
			input=$$(sed -n 's/.*Failing input written to \(.*\)$$/\1/p' $$log | head -n 1); \
			rel=$${dir#$(CURDIR)/}; \
			echo "FAIL  $$pkg $$t$${input:+ input $$rel/$$input} (log $$log)" >> $(FUZZLOGS)/summary; \
		fi; \
	done < $(FUZZLOGS)/targets; \
	echo; echo "fuzz-smoke: $$total targets, $$failed failed (FUZZTIME=$(FUZZTIME))"; \
	cat $(FUZZLOGS)/summary; \
	[ $$failed -eq 0 ] && [ $$total -gt 0 ]

# The invoices app end to end: `streamc dev` as the broker, the fixture
# invoices produced, bin/invoices run once (available-now) in
# $(DEMO_OUTPUT), outputs shown. $(DEMO_OUTPUT) keeps the file sink's output
# and the checkpoints until the next demo clears it.
DEMO_OUTPUT ?= demo-output
demo: build
	$(GO) run ./internal/devtools/cmd/demo -bin $(BIN) -output $(DEMO_OUTPUT)

golden-update:
	STREAMC_GOLDEN_UPDATE=1 $(GO) test ./gen/... ./templates/...

clean:
	rm -rf $(BIN)
