#!/usr/bin/env bash
# BackupFleet build entry point.
#   ./build.sh demo   server + local PostgreSQL + simulated agents on http://127.0.0.1:5080
#   ./build.sh test   the whole test suite; ends with "N passed, N failed"
#   ./build.sh build  compile only
#   ./build.sh publish  the Windows agent only (artifacts/agent/win-x64/BackupFleet.Agent.exe, served by the server)
#   ./build.sh bench [--agents 1000,2500 --runs 200000 …]  the fleet benchmark; results in bench/results/ (bench/results/README.md)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD

PG_ROLE=backupfleet
PG_PASSWORD=backupfleet
PG_CONN="Host=127.0.0.1;Port=5432;Username=$PG_ROLE;Password=$PG_PASSWORD"
STARTED_PG=""

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = 0 ] || die "need root to install: ${missing[*]} (or install them yourself)"
  log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# A local PostgreSQL from Debian's package, with a login role that may create databases.
ensure_postgres() {
  apt_install postgresql
  local version
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
    log "creating PostgreSQL $version cluster"
    pg_createcluster "$version" main >/dev/null
  fi
  if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
    log "starting PostgreSQL $version"
    pg_ctlcluster "$version" main start
    STARTED_PG=$version
  fi
  for _ in $(seq 1 30); do
    su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname='$PG_ROLE'\"" | grep -q 1 ||
    su postgres -c "psql -qc \"create role $PG_ROLE login createdb password '$PG_PASSWORD'\"" >/dev/null
}

ensure_database() {
  su postgres -c "psql -qtAc \"select 1 from pg_database where datname='$1'\"" | grep -q 1 ||
    su postgres -c "createdb -O $PG_ROLE $1"
}

build() {
  log "building ($1)"
  dotnet build BackupFleet.sln -c "$1" -nologo -v quiet -clp:ErrorsOnly
}

# The agent for Windows hosts, one self-contained exe that the server serves at /agent/download/win-x64.
# Its own artifacts path keeps the win-x64 restore out of the projects' obj/, so the next plain build stays incremental.
publish_agent() {
  log "publishing the agent for win-x64"
  local started=$SECONDS
  dotnet publish agent/BackupFleet.Agent -c Release -r win-x64 --self-contained -p:PublishSingleFile=true \
    -p:EnableCompressionInSingleFile=true -p:DebugType=embedded \
    --artifacts-path "$ROOT/artifacts/build-win-x64" -o "$ROOT/artifacts/agent/win-x64" -nologo -v quiet -clp:ErrorsOnly ||
    die "the win-x64 publish of the agent failed"
  log "published artifacts/agent/win-x64/BackupFleet.Agent.exe in $((SECONDS - started)) s"
}

cmd_test() {
  ensure_postgres
  apt_install chromium   # the browser tests drive Debian's Chromium through Playwright
  apt_install python3-aiosmtpd   # the notification tests' real SMTP server (run by /usr/bin/python3)
  apt_install redis-server caddy # the scale-out tests' Redis and sticky proxy (deploy/Caddyfile), started by the tests themselves
  build Release
  publish_agent
  local results="$ROOT/.test-results"
  rm -rf "$results"
  log "running tests"
  set +e
  BACKUPFLEET_TEST_PG="$PG_CONN" BACKUPFLEET_SCREENSHOTS="$results/screenshots" BACKUPFLEET_FAULTS="$results/faults.tsv" dotnet test BackupFleet.sln -c Release --no-build -nologo \
    --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
  local rc=$?
  set -e
  [ -n "$STARTED_PG" ] && pg_ctlcluster "$STARTED_PG" main stop || true
  echo "browser screenshots: $results/screenshots"
  python3 - "$results" "$rc" <<'PY'
import glob, os, sys, xml.etree.ElementTree as ET
faults = os.path.join(sys.argv[1], "faults.tsv")
if os.path.exists(faults):
    rows = sorted((line.rstrip("\n").split("\t") + ["", ""])[:3] for line in open(faults, encoding="utf-8") if "\t" in line)
    width = max(len(r[0]) for r in rows)
    told = max(len("notification"), *(len(r[2]) for r in rows))
    print("fault suite:")
    print(f"  {'fault'.ljust(width)}  {'notification'.ljust(told)}  run")
    for fault, run, notification in rows:
        print(f"  {fault.ljust(width)}  {notification.ljust(told)}  {run}")
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed")); failed += int(c.get("failed")) + int(c.get("error")) + int(c.get("timeout")) + int(c.get("aborted"))
    skipped += int(c.get("notExecuted"))
rc = int(sys.argv[2])
if rc != 0 and failed == 0:
    failed = 1  # the run itself broke (build or host crash): never report green
line = f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else "")
print(line)
sys.exit(1 if failed else 0)
PY
}

cmd_demo() { exec "$ROOT/scripts/demo.sh"; }

# The fleet benchmark: the real server against thousands of simulated agents in one process, each figure beside its baseline.
cmd_bench() {
  ensure_postgres
  apt_install chromium   # the dashboard figure watches a run page in Debian's Chromium
  build Release
  # Each agent is an open socket in the bench and one in the server: as many open files as this machine allows.
  ulimit -n "$(ulimit -Hn)"
  log "running the bench"
  local rc=0
  BACKUPFLEET_BENCH_PG="$PG_CONN" dotnet bench/BackupFleet.Bench/bin/Release/net10.0/BackupFleet.Bench.dll --root "$ROOT" "$@" || rc=$?
  [ -n "$STARTED_PG" ] && pg_ctlcluster "$STARTED_PG" main stop || true
  return $rc
}

case "${1:-}" in
  test) cmd_test ;;
  demo) ensure_postgres; ensure_database backupfleet; build Release; export PG_CONN STARTED_PG; cmd_demo ;;
  build) build Release ;;
  publish) publish_agent ;;
  bench) shift; cmd_bench "$@" ;;
  *) echo "usage: ./build.sh demo | test | build | publish | bench [options]" >&2; exit 2 ;;
esac
