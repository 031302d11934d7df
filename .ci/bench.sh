#!/usr/bin/env bash
# .ci/bench.sh runs every benchmark once (-benchtime=1x) so that none of
# them rots: a benchmark that fails, or no longer builds, fails CI. It
# measures nothing worth reading; scripts/bench.sh does (see
# docs/PERFORMANCE.md). The 10,000-code synthetic spec is generated once
# here (a few seconds); vetting its package is the opt-in test
# TestSyntheticSpecCompiles (ERRGEN_LARGE=1), which this script does not run.
set -euo pipefail
cd "$(dirname "$0")/.."
go test -run '^$' -bench . -benchtime=1x ./internal/bench ./internal/generate ./internal/runtime/...
GOEXPERIMENT=jsonv2 go test -run JSONv2 -bench . -benchtime=1x ./internal/bench
