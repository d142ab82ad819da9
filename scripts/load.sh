#!/usr/bin/env bash
# Load test: four waves of synthetic survey data, a local axdash server on
# loopback, and wrk against the figure API and the pages. Prints p50/p99
# latency and requests/s per URL, and the dashboard's server time cold (the
# first view of a filter, built from the rollups) and warm (cached).
#
#   scripts/load.sh                      # 4 × 100,000 rows on SQLite, 10 s per URL
#   ROWS=20000 DURATION=5 scripts/load.sh
#   DATA_DIR=/tmp/axload scripts/load.sh # keep and reuse the SQLite data between runs
#   MODE=random scripts/load.sh          # only the random-filter mix and its two references
#   FIGURES='^(adoption|cost)-' MODE=random scripts/load.sh  # the mix over some figures only
#   PIN=0 scripts/load.sh                # let wrk and the server share every core
#
# MODE picks what wrk measures: "urls" the fixed list of URLs below, "random"
# the figure API under random filter combinations (RANDOM_URLS of them, drawn
# from every figure × wave × a random subset of 시도, industry and size band,
# each request picking one at random) next to one figure URL and Echo's
# static-JSON ceiling (scripts/loadceiling: a bare Echo route serving that
# figure's bytes) measured in the same run; "all" (the default) both.
#
# PIN: with two or more cores and taskset (util-linux), wrk runs on the last
# core and the servers on the others (the default, PIN=1), as when clients
# are other machines: on a shared core the kernel's time slices between wrk
# and a busy server, not the server, set the tail (p99 ~60 ms at 2 cores
# shared, where the handler's own p99 is 0.2 ms). PIN=0 shares every core.
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
MODE=${MODE:-all}
RANDOM_URLS=${RANDOM_URLS:-100000}
FIGURES=${FIGURES:-}        # a grep -E pattern: the random mix keeps only the figure ids it matches
SERVER_BIN=${SERVER_BIN:-}  # a prebuilt axdash to measure instead of building this tree
PORT=${PORT:-18090}
PIN=${PIN:-1}
ADDR=127.0.0.1:$PORT
if ((DURATION > 60)); then DURATION=60; fi

command -v wrk >/dev/null || { echo "load.sh: wrk not found (apt-get install wrk)" >&2; exit 2; }

# on_server and on_client prefix a command to run it on the server's or
# wrk's cores (taskset execs it: $! stays the server's pid).
# The cores are those this shell may use (a cpuset may allow, say, 2-3).
server_cores="" client_cores="" on_server=() on_client=()
if [[ $PIN == 1 ]] && command -v taskset >/dev/null; then
	mapfile -t allowed < <(taskset -pc $$ | sed 's/.*: //' | tr ',' '\n' |
		awk -F- '{ for (c = $1; c <= ($2 == "" ? $1 : $2); c++) print c }')
	if ((${#allowed[@]} >= 2)); then
		client_cores=${allowed[-1]}
		server_cores=$(IFS=,; echo "${allowed[*]:0:${#allowed[@]}-1}")
		on_server=(taskset -c "$server_cores") on_client=(taskset -c "$client_cores")
	fi
fi
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/axdash-load.XXXXXX)
server_pid=""
ceiling_pid=""
cleanup() {
	if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
	if [[ -n $ceiling_pid ]]; then kill "$ceiling_pid" 2>/dev/null || true; wait "$ceiling_pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

if [[ -n $SERVER_BIN ]]; then
	cp "$SERVER_BIN" "$work/axdash"
else
	echo "building axdash…"
	CGO_ENABLED=0 go build -o "$work/axdash" ./app
fi

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

"${on_server[@]}" "$work/axdash" serve --addr "$ADDR" >"$work/serve.log" 2>&1 &
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

# measure URL [wrk args…] prints one wrk line for URL (a path, or a URL
# list with the random script).
measure() {
	local label=$1
	shift
	printf '%-46s ' "$label"
	"${on_client[@]}" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 2s "$@" | tail -n 1
}

if [[ $MODE == urls || $MODE == all ]]; then
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
		measure "$u" -s "$work/report.lua" "http://$ADDR$u"
	done
fi

if [[ $MODE == random || $MODE == all ]]; then
	# The codes each filter takes, read from the figures themselves: a row's
	# first value is its group's code (the rows end with "]]", before the
	# status column or the notes).
	codes() {
		curl -fsS "http://$ADDR/api/v1/figures/$1" | sed 's/.*"rows":\(\[\[.*\]\]\),"\(status\|notes\)".*/\1/' |
			grep -o '\["[^"]*"' | tr -d '["'
	}
	curl -fsS "http://$ADDR/api/v1/figures" | grep -o '"id":"[^"]*"' | cut -d'"' -f4 | grep -E "${FIGURES:-.}" >"$work/figures.txt"
	# A wave's name follows its id (its source files have names too).
	curl -fsS "http://$ADDR/api/v1/waves" | grep -o '"id":[0-9]*,"name":"[^"]*"' | cut -d'"' -f6 >"$work/waves.txt"
	codes adoption-by-region >"$work/regions.txt"
	codes adoption-by-industry >"$work/industries.txt"
	codes adoption-by-size >"$work/sizes.txt"
	# Each URL: a figure, a wave or none (the newest), and each filter
	# present half the time with a random code.
	awk -v n="$RANDOM_URLS" -v seed="${SEED:-15}" '
		FILENAME ~ /figures/ { fig[nf++] = $0; next }
		FILENAME ~ /waves/ { wave[nw++] = $0; next }
		FILENAME ~ /regions/ { reg[nr++] = $0; next }
		FILENAME ~ /industries/ { ind[ni++] = $0; next }
		FILENAME ~ /sizes/ { gsub(/\+/, "%2B"); siz[ns++] = $0; next }
		END {
			srand(seed)
			for (i = 0; i < n; i++) {
				q = ""
				w = int(rand() * (nw + 1)); if (w < nw) q = q "&wave=" wave[w]
				if (rand() < 0.5) q = q "&region=" reg[int(rand() * nr)]
				if (rand() < 0.5) q = q "&industry=" ind[int(rand() * ni)]
				if (rand() < 0.5) q = q "&size=" siz[int(rand() * ns)]
				print "/api/v1/figures/" fig[int(rand() * nf)] (q == "" ? "" : "?" substr(q, 2))
			}
		}' "$work/figures.txt" "$work/waves.txt" "$work/regions.txt" "$work/industries.txt" "$work/sizes.txt" >"$work/random.txt"
	cat "$work/report.lua" - >"$work/random.lua" <<'LUA'
local urls, seeds = {}, 0
setup = function(thread) seeds = seeds + 1; thread:set("seed", seeds) end
init = function(args)
  for line in io.lines(args[1]) do urls[#urls + 1] = line end
  math.randomseed(seed)
end
request = function() return wrk.format("GET", urls[math.random(#urls)]) end
LUA
	printf 'random mix: %s URLs over %s figures, %s waves, %s 시도, %s industries, %s size bands\n' "$(wc -l <"$work/random.txt")" \
		"$(wc -l <"$work/figures.txt")" "$(wc -l <"$work/waves.txt")" "$(wc -l <"$work/regions.txt")" \
		"$(wc -l <"$work/industries.txt")" "$(wc -l <"$work/sizes.txt")"
	echo "wrk: $CONNECTIONS connections, ${DURATION}s each; load average $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "cores: ${server_cores:-all} for the servers, ${client_cores:-all} for wrk"
	one="/api/v1/figures/adoption-by-region"
	curl -fsS -o "$work/one.json" "http://$ADDR$one"
	CGO_ENABLED=0 go build -o "$work/loadceiling" ./scripts/loadceiling
	ceiling=127.0.0.1:$((PORT + 1))
	"${on_server[@]}" "$work/loadceiling" -addr "$ceiling" -body "$work/one.json" &
	ceiling_pid=$!
	for _ in $(seq 1 50); do curl -fsS -o /dev/null "http://$ceiling/" 2>/dev/null && break; sleep 0.1; done
	measure "static JSON ceiling (bare Echo, same bytes)" -s "$work/report.lua" "http://$ceiling/"
	measure "one figure ($one)" -s "$work/report.lua" "http://$ADDR$one"
	measure "random filters × all figures" -s "$work/random.lua" "http://$ADDR" -- "$work/random.txt"
fi

# The server's peak resident memory over the whole run.
printf 'server peak RSS: %s\n' "$(awk '/VmHWM/ {print $2, $3}' "/proc/$server_pid/status")"
