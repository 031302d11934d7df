#!/usr/bin/env bash
# .ci/fuzz.sh runs every fuzz target of the module (or of the packages given
# as arguments) for a short time each, one target per go test invocation:
#
#	bash .ci/fuzz.sh                              # every target, 10s each
#	FUZZTIME=10m bash .ci/fuzz.sh ./generated/... # longer, some packages
#
# FUZZTIME is passed to -fuzztime (a duration, or a count such as 5000x).
# FUZZFLAGS adds go test flags, e.g. FUZZFLAGS='-parallel 1'; FUZZJOBS=N runs
# N targets at once. The targets'
# seed corpora run in every plain `go test`; a failing input is written to
# the package's testdata/fuzz/<Target>/ (commit it with the fix). See
# docs/FUZZING.md.
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-10s}
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
# run_target fuzzes one "package target" pair, prefixing its output with the
# target so that concurrent runs stay readable.
run_target() {
	local pkg name
	read -r pkg name <<<"$1"
	echo "==> $name in $pkg ($fuzztime)"
	go test -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" "${flags[@]}" "$pkg" 2>&1 | sed "s/^/[$name] /"
}

# FUZZJOBS targets run at once (default 1).
jobs=${FUZZJOBS:-1}
failed=0
for t in "${targets[@]}"; do
	while (($(jobs -rp | wc -l) >= jobs)); do
		wait -n || failed=1
	done
	run_target "$t" &
done
while (($(jobs -rp | wc -l) > 0)); do
	wait -n || failed=1
done
if ((failed)); then
	echo "fuzz.sh: a fuzz target failed (see above)" >&2
	exit 1
fi
echo "==> ${#targets[@]} fuzz targets ran for $fuzztime each"
