#!/usr/bin/env bash
# Load test: four waves of synthetic survey data, a local axdash server on
# loopback, and wrk against the figure API and the pages. Prints p50/p99
# latency and requests/s per URL, and the dashboard's server time cold (the
# first view of a filter, built from the rollups) and warm (cached).
#
#   scripts/load.sh                      # 4 × 100,000 rows on SQLite, 10 s per URL
#   ROWS=20000 DURATION=5 scripts/load.sh
#   DATA_DIR=/tmp/axload scripts/load.sh # keep and reuse the SQLite data between runs
#
# PostgreSQL: set AXDASH_DATABASE_URL. An empty database gets WAVES waves
# imported; REUSE=1 serves what the database already holds, for example the
# 1,000,000-response fixture that BenchmarkScale (app/web) keeps in its own
# schema:
#   AXDASH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/axload scripts/load.sh
#   AXDASH_DATABASE_URL='postgres://postgres@127.0.0.1:5432/axdash_test?search_path=scale_w10_r100000' \
#     REUSE=1 scripts/load.sh
#
# Needs wrk (Debian: apt-get install wrk). Only ever talks to 127.0.0.1.
set -euo pipefail

ROWS=${ROWS:-100000}
WAVES=${WAVES:-4}
DURATION=${DURATION:-10}   # seconds per URL; capped below
CONNECTIONS=${CONNECTIONS:-50}
PORT=${PORT:-18090}
ADDR=127.0.0.1:$PORT
if ((DURATION > 60)); then DURATION=60; fi

command -v wrk >/dev/null || { echo "load.sh: wrk not found (apt-get install wrk)" >&2; exit 2; }
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/axdash-load.XXXXXX)
server_pid=""
cleanup() {
	if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

echo "building axdash…"
CGO_ENABLED=0 go build -o "$work/axdash" ./app

export AXDASH_DATA_DIR=${DATA_DIR:-$work/data}
export AXDASH_ADDR=$ADDR
mkdir -p "$AXDASH_DATA_DIR"
if [[ -z ${AXDASH_DATABASE_URL:-} && -s $AXDASH_DATA_DIR/axdash.db ]]; then
	echo "reusing $AXDASH_DATA_DIR/axdash.db"
elif [[ -n ${AXDASH_DATABASE_URL:-} && ${REUSE:-0} == 1 ]]; then
	echo "reusing the PostgreSQL database as it is"
else
	for ((w = 1; w <= WAVES; w++)); do
		wave="$((2022 + w))-H1"
		"$work/axdash" demo-workbook --rows "$ROWS" --seed 42 --year "$((2022 + w))" --out "$work/$wave.xlsx" >/dev/null
		start=$(date +%s%N)
		"$work/axdash" import "$work/$wave.xlsx" --wave "$wave" >/dev/null 2>"$work/import.log" ||
			{ cat "$work/import.log" >&2; exit 1; }
		printf 'imported %s: %s rows in %s ms\n' "$wave" "$ROWS" "$((($(date +%s%N) - start) / 1000000))"
		rm -f "$work/$wave.xlsx"
	done
fi

"$work/axdash" serve --addr "$ADDR" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do
	curl -fsS "http://$ADDR/readyz" >/dev/null 2>&1 && break
	sleep 0.2
done
curl -fsS "http://$ADDR/readyz" || { cat "$work/serve.log" >&2; exit 1; }
echo

# The first read of each wave builds its rollups if a commit did not.
printf 'waves ready in %.2f s\n' "$(curl -fsS -o /dev/null -w '%{time_total}' "http://$ADDR/api/v1/waves")"

# Server time of the dashboard: a filter never seen (cold: built from the
# rollups), then the same again (warm: from the cache).
for label in cold warm; do
	printf 'dashboard %s: %.1f ms\n' "$label" \
		"$(curl -fsS -o /dev/null -w '%{time_starttransfer}' "http://$ADDR/?size=50-99&industry=C" | awk '{print $1 * 1000}')"
done

cat >"$work/report.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("p50 %7.2f ms  p99 %7.2f ms  %8.0f req/s  non-2xx %d  errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), e.status, e.connect + e.read + e.write + e.timeout))
end
EOF

urls=(
	"/api/v1/figures/adoption-by-region"
	"/api/v1/figures/cost-by-industry?region=41"
	"/api/v1/figures/adoption-trend?industry=C"
	"/api/v1/figures/exemplar-firms?size=10-49"
	"/api/v1/figures/barriers?region=41&industry=C&size=10-49"
	"/"
	"/regions/26"
)
echo "wrk: $CONNECTIONS connections, ${DURATION}s per URL"
for u in "${urls[@]}"; do
	curl -fsS -o /dev/null "http://$ADDR$u"
	printf '%-46s ' "$u"
	wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 2s -s "$work/report.lua" "http://$ADDR$u" | tail -n 1
done

# The server's peak resident memory over the whole run.
printf 'server peak RSS: %s\n' "$(awk '/VmHWM/ {print $2, $3}' "/proc/$server_pid/status")"
