# Shanzhi (善治) — the two commands a newcomer needs:
#   make demo   run the demo on this machine (embedded SQLite, seeded Qixia data)
#   make test   run the whole test suite (SQLite; PostgreSQL too when
#               SHANZHI_TEST_POSTGRES_URL is set)

GO        ?= go
BIN       := bin/shanzhi
VERSION   := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X main.version=$(VERSION)
DEMO_DIR  ?= demo-data
DEMO_ADDR ?= 127.0.0.1:8080
# RACE runs the tests under the race detector; CI keeps it for the SQLite
# pass and drops it (RACE=) for the PostgreSQL pass, where it would find
# the same races in the same Go code at twice the time.
RACE      ?= -race

.PHONY: build demo test vet bench clean

build:
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/shanzhi

demo: build
	./$(BIN) demo --dir $(DEMO_DIR) --addr $(DEMO_ADDR)

test:
	$(GO) test $(RACE) -count=1 -timeout 30m ./...

vet:
	$(GO) vet ./...

bench:
	$(GO) test -run '^$$' -bench . -benchtime 2s ./...

clean:
	rm -rf bin $(DEMO_DIR)
