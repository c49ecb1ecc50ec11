#!/usr/bin/env bash
# A bounded soak test against a Carebank running on this machine (loopback only). It stops by itself.
#
#   deploy/soak/soak.sh [SECONDS=60] [CLIENTS=4] [BASE=http://localhost:8080]
#
# Each client loops: schedule a visit for its own worker, check in, check out, read it back; every command carries
# an Idempotency-Key. At the end it prints requests, errors (5xx and transport failures) and the request rate, and
# exits non-zero if any request failed.
set -euo pipefail
SECONDS_TO_RUN=${1:-60}
CLIENTS=${2:-4}
BASE=${3:-http://localhost:8080}
case "$BASE" in
  http://localhost:*|http://127.0.0.1:*) ;;
  *) echo "soak.sh only runs against loopback (got $BASE)" >&2; exit 2 ;;
esac
API="$BASE/api/v1"
AUTH="council:council"
RUN=$(date +%s)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

call() { # method path body key -> prints HTTP status
  curl -s -o /dev/null -w '%{http_code}' -u "$AUTH" -X "$1" "$API$2" -H 'Content-Type: application/json' \
    ${4:+-H "Idempotency-Key: $4"} ${3:+-d "$3"} || echo 000
}

provider="soak-$RUN"
call POST /providers "{\"providerId\":\"$provider\",\"name\":\"Soak $RUN\",\"zones\":[\"soak\"],\"cqc\":{\"overall\":\"GOOD\",\"safe\":\"GOOD\",\"effective\":\"GOOD\",\"caring\":\"GOOD\",\"responsive\":\"GOOD\",\"wellLed\":\"GOOD\",\"inspectedOn\":\"2026-01-01\"}}" >/dev/null
call POST /packages "{\"packageId\":\"$provider-pkg\",\"clientRef\":\"C-$provider\",\"zone\":\"soak\",\"weeklyMinutes\":600,\"hourlyRatePence\":2400,\"timeBanking\":true,\"startsOn\":\"2026-01-01\"}" >/dev/null
call POST "/packages/$provider-pkg/offers" "{\"providerId\":\"$provider\"}" >/dev/null
call POST "/packages/$provider-pkg/acceptance" "{\"providerId\":\"$provider\"}" >/dev/null

client() {
  local c=$1 n=0 worker="$provider-w$1" stop=$(( $(date +%s) + SECONDS_TO_RUN ))
  call POST "/providers/$provider/workers" "{\"workerId\":\"$worker\",\"contractType\":\"ZERO_HOURS\",\"travelMode\":\"CAR\",\"hourlyPayPence\":1300}" >/dev/null
  while [ "$(date +%s)" -lt "$stop" ]; do
    n=$((n + 1))
    local visit="$worker-v$n" start
    start=$(date -u -d "-$((n * 2)) hours" +%Y-%m-%dT%H:%M:00Z)
    for status in \
      "$(call PUT "/visits/$visit" "{\"packageId\":\"$provider-pkg\",\"workerId\":\"$worker\",\"plannedStart\":\"$start\",\"plannedMinutes\":60}" "s-$visit")" \
      "$(call POST "/visits/$visit/check-in" "{\"at\":\"$start\",\"method\":\"APP_GPS\"}" "i-$visit")" \
      "$(call POST "/visits/$visit/check-out" "{\"at\":\"$(date -u -d "$start + 55 minutes" +%Y-%m-%dT%H:%M:00Z)\",\"method\":\"APP_GPS\",\"endedEarlyAtClientRequest\":false}" "o-$visit")" \
      "$(call GET "/visits/$visit")"; do
      echo "$status" >> "$WORK/client-$c"
    done
  done
}

echo "soak: $CLIENTS clients for $SECONDS_TO_RUN s against $BASE (provider $provider)"
for c in $(seq 1 "$CLIENTS"); do client "$c" & done
wait
total=$(cat "$WORK"/client-* | wc -l)
failed=$(cat "$WORK"/client-* | grep -cE '^(5..|000)$' || true)
echo "requests: $total  failed (5xx or no answer): $failed  rate: $((total / SECONDS_TO_RUN))/s"
cat "$WORK"/client-* | sort | uniq -c | sed 's/^/  status /'
[ "$failed" -eq 0 ]
