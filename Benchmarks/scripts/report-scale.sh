#!/bin/sh
# report: render the reports of a 1000-run x 100-benchmark history.
# decode: only read and list the same history (what decoding alone costs).
# The history is generated on first use (the warm-up iteration) and reused afterwards.
set -e
here="$(cd "$(dirname "$0")" && pwd)"
benchboard="$here/../../.build/release/benchboard"
history="${TMPDIR:-/tmp}/benchboard-scale/history"
if [ ! -f "$history/.complete" ]; then
    rm -rf "$history"
    python3 "$here/make_history.py" "$history" 1000 100 7 >/dev/null
    touch "$history/.complete"
fi
case "$1" in
    report) exec "$benchboard" report --history "$history" --output "${TMPDIR:-/tmp}/benchboard-scale/output" >/dev/null ;;
    decode) exec "$benchboard" runs --history "$history" >/dev/null ;;
    *) echo "usage: report-scale.sh report|decode" >&2; exit 2 ;;
esac
