#!/usr/bin/env bash
# Started by ./build.sh demo after PostgreSQL is up and the solution is built (Release):
# runs the server on http://127.0.0.1:5080 and one SIMULATED agent per scenario in agent/scenarios/,
# enrolls and gives each a policy on the first run, and stops everything on Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
STATE="$ROOT/.demo"
URL=http://127.0.0.1:5080
SERVER_DLL="$ROOT/server/BackupFleet.Server/bin/Release/net10.0/BackupFleet.Server.dll"
AGENT_DLL="$ROOT/agent/BackupFleet.Agent/bin/Release/net10.0/BackupFleet.Agent.dll"
mkdir -p "$STATE/agents" "$STATE/logs"

# Secrets are made once and kept in .demo/, so a second run signs in the same way; env overrides them.
remember() { [ -s "$STATE/$1" ] || head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$STATE/$1"; cat "$STATE/$1"; }
API_KEY=${Bootstrap__ApiKey:-$(remember api-key)}
ADMIN_USER=${Bootstrap__AdminUser:-admin}
ADMIN_PASSWORD=${Bootstrap__AdminPassword:-$(remember admin-password)}

PIDS=()
stop_all() {
  trap - INT TERM EXIT
  echo; echo "Stopping the demo…"
  # Agents first, while the server still runs, so a backup cut short reaches it as Cancelled; then the server.
  local pid server=${PIDS[0]:-}
  for pid in "${PIDS[@]:1}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]:1}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  [ -n "${STARTED_PG:-}" ] && pg_ctlcluster "$STARTED_PG" main stop 2>/dev/null || true
  echo "Stopped. Data stays in PostgreSQL database 'backupfleet' and .demo/ for the next run."
  exit "${1:-0}"
}

if (exec 3<>/dev/tcp/127.0.0.1/5080) 2>/dev/null; then echo "Port 5080 is in use: stop the other server first." >&2; exit 1; fi

trap 'stop_all 0' INT TERM
trap 'stop_all 1' EXIT
echo "Starting the server on $URL (log: .demo/logs/server.log)"
ConnectionStrings__Fleet="$PG_CONN;Database=backupfleet" \
Bootstrap__ApiKey="$API_KEY" Bootstrap__AdminUser="$ADMIN_USER" Bootstrap__AdminPassword="$ADMIN_PASSWORD" \
ASPNETCORE_URLS=$URL ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$SERVER_DLL" --contentRoot "$ROOT/server/BackupFleet.Server" > "$STATE/logs/server.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 60); do curl -sf "$URL/healthz" >/dev/null && break; sleep 1; done
curl -sf "$URL/healthz" >/dev/null || { echo "The server did not come up; see .demo/logs/server.log" >&2; tail -20 "$STATE/logs/server.log" >&2; exit 1; }

api() { curl -sf -H "X-Api-Key: $API_KEY" -H 'Content-Type: application/json' "$@"; }
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

for scenario in "$ROOT"/agent/scenarios/*.json; do
  name=$(basename "$scenario" .json)
  dir="$STATE/agents/$name"
  # An agent enrolled against a database that has since been dropped must enroll again.
  if [ -s "$dir/agent.json" ] && ! api "$URL/api/v1/hosts/$(json "['hostId']" < "$dir/agent.json")" >/dev/null 2>&1; then
    rm -f "$dir/agent.json"
  fi
  if [ ! -s "$dir/agent.json" ]; then
    # A host the server already knows (its agent state was lost) needs a token for that host.
    computer=$(json "['inventory']['computerName']" < "$scenario")
    known=$(api "$URL/api/v1/hosts?search=$computer" | python3 -c "import json,sys; print(next((h['id'] for h in json.load(sys.stdin)['items'] if h['name']=='$computer'), ''))")
    body='{"validForHours":1}'; [ -n "$known" ] && body="{\"validForHours\":1,\"hostId\":\"$known\"}"
    token=$(api -X POST "$URL/api/v1/enrollment-tokens" -d "$body" | json "['token']")
    dotnet "$AGENT_DLL" enroll --server "$URL" --token "$token" --state-dir "$dir" --simulate "$scenario" >> "$STATE/logs/$name.log" 2>&1
  fi
  host_id=$(json "['hostId']" < "$dir/agent.json")
  if ! api "$URL/api/v1/hosts/$host_id/policy" >/dev/null 2>&1; then
    target=$(json "['inventory']['backupTarget']['Path']" < "$scenario")
    schedule="0 22 * * *"; [ "$name" = healthy-hyperv ] && schedule="*/15 * * * *"
    python3 - "$target" "$schedule" > "$STATE/policy.json" <<'PY'
import json, sys
print(json.dumps({"targetPath": sys.argv[1], "targetDriveLetter": "B:", "allCritical": True, "systemState": True,
                  "includeVolumes": ["C:"], "schedule": sys.argv[2], "timeZone": "Europe/Berlin",
                  "mountWaitSeconds": 60, "dismountWaitSeconds": 120, "startWindowMinutes": 240}))
PY
    api -X PUT "$URL/api/v1/hosts/$host_id/policy" --data @"$STATE/policy.json" >/dev/null
  fi
  dotnet "$AGENT_DLL" run --state-dir "$dir" --simulate "$scenario" >> "$STATE/logs/$name.log" 2>&1 &
  PIDS+=($!)
  echo "  simulated agent '$name' (host $host_id) started (log: .demo/logs/$name.log)"
done

cat <<TXT

BackupFleet demo is up (all hosts are SIMULATED agents playing agent/scenarios/*.json).
  Dashboard:  $URL            sign in as  $ADMIN_USER / $ADMIN_PASSWORD
  API:        $URL/scalar/v1   API key:    $API_KEY
  Try:        curl -H 'X-Api-Key: $API_KEY' $URL/api/v1/hosts
Press Ctrl-C to stop.
TXT
wait -n "${PIDS[@]}" || true
echo "A demo process ended unexpectedly; see .demo/logs/." >&2
exit 1
