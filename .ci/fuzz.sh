#!/usr/bin/env bash
# .ci/fuzz.sh runs every fuzz target of the module (or of the packages given
# as arguments) for a short time each, one target per go test invocation:
#
#	bash .ci/fuzz.sh                              # every target, 10s each
#	FUZZTIME=10m bash .ci/fuzz.sh ./generated/... # longer, some packages
#
# FUZZTIME is passed to -fuzztime (a duration, or a count such as 5000x).
# FUZZFLAGS adds go test flags, e.g. FUZZFLAGS='-parallel 1'. FUZZJOBS runs
# that many targets at once (default 1); their output is then printed as
# each finishes. The targets' seed corpora run in every plain `go test`; a
# failing input is written to the package's testdata/fuzz/<Target>/ (commit
# it with the fix). See docs/FUZZING.md.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-10s}
jobs=${FUZZJOBS:-1}
read -r -a flags <<<"${FUZZFLAGS:-}"
if (($# == 0)); then
	set -- ./...
fi

# go test -list prints each package's fuzz targets, then "ok <package> ...".
targets=()
names=()
while read -r first second _; do
	case $first in
	Fuzz*) names+=("$first") ;;
	ok)
		for name in "${names[@]}"; do
			targets+=("$second $name")
		done
		names=()
		;;
	esac
done < <(go test -list '^Fuzz' "$@")
if ((${#targets[@]} == 0)); then
	echo "fuzz.sh: no fuzz targets in $*" >&2
	exit 1
fi

# fuzz runs one target and prints its output. Go 1.26's fuzz coordinator
# can fail a target with a bare "context deadline exceeded" when -fuzztime
# runs out while a worker is busy (golang/go#75804, fixed in Go 1.27): no
# failing input is written, and nothing was found. Such a run is run once
# more, and if the second run ends the same way too (CI saw that on
# FuzzDifferential, 2026-12-01) the target counts as passed: it fuzzed for
# its time twice and found nothing. Any other failure fails.
fuzz() {
	local pkg=$1 name=$2 out status attempt
	for attempt in 1 2; do
		status=0
		out=$(go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" "${flags[@]}" "$pkg" 2>&1) || status=$?
		printf '==> %s in %s (%s)\n%s\n' "$name" "$pkg" "$fuzztime" "$out"
		if ((status == 0)) || ! deadline_race "$out"; then
			return "$status"
		fi
		if ((attempt == 2)); then
			echo "fuzz.sh: $name stopped at the -fuzztime deadline twice with no failing input (golang/go#75804); counted as passed"
			return 0
		fi
		echo "fuzz.sh: $name stopped at the -fuzztime deadline with no failing input (golang/go#75804); once more"
	done
}

# deadline_race reports whether go test's output is only golang/go#75804.
deadline_race() {
	grep -q 'context deadline exceeded' <<<"$1" && ! grep -q -e 'Failing input written' -e 'panic:' -e 'test timed out' <<<"$1"
}

pids=()
failed=0
for t in "${targets[@]}"; do
	read -r pkg name <<<"$t"
	if ((jobs == 1)); then
		fuzz "$pkg" "$name" || failed=$((failed + 1))
		continue
	fi
	while (($(jobs -rp | wc -l) >= jobs)); do
		wait -n || true
	done
	fuzz "$pkg" "$name" &
	pids+=($!)
done
for pid in "${pids[@]}"; do
	wait "$pid" || failed=$((failed + 1))
done
if ((failed > 0)); then
	echo "fuzz.sh: $failed of ${#targets[@]} fuzz targets failed" >&2
	exit 1
fi
echo "==> ${#targets[@]} fuzz targets ran for $fuzztime each"
