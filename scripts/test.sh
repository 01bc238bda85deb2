#!/usr/bin/env bash
# Runs every test: unit tests, the repository tests on H2GIS and on PostGIS, the HTTP API tests
# and the headless-Chromium page tests. Installs what is missing when it can (Debian packages
# postgresql-15-postgis-3, chromium, chromium-driver, gdal-bin, fonts-noto-cjk), creates a throwaway PostGIS
# database on the local PostgreSQL (127.0.0.1:5432) and drops it afterwards.
#
# With CI=true or CARECIRCLE_REQUIRE_POSTGIS=1 a missing PostGIS, browser or GDAL is an error;
# otherwise the tests that need them are skipped with a message.
set -euo pipefail
cd "$(dirname "$0")/.."

require=0
if [ "${CI:-}" = "true" ] || [ "${CARECIRCLE_REQUIRE_POSTGIS:-}" = "1" ]; then require=1; fi
fail() { echo "scripts/test.sh: $*" >&2; exit 1; }
warn() { echo "scripts/test.sh: $*" >&2; }

PGHOST_ADDR=${CARECIRCLE_TEST_PG_HOST:-127.0.0.1}
PGPORT_NUM=${CARECIRCLE_TEST_PG_PORT:-5432}
PGUSER_NAME=${CARECIRCLE_TEST_PG_USER:-postgres}

# 1. System packages the tests use.
missing=()
ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 || missing+=(postgresql-15-postgis-3)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v ogrinfo >/dev/null 2>&1 || missing+=(gdal-bin)
# Chinese text in the page tests' screenshots (without it Chromium draws boxes); not a requirement
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${missing[*]} ..."
    apt-get update -qq >/dev/null 2>&1 || warn "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
      || warn "could not install ${missing[*]}"
  else
    warn "missing ${missing[*]} and not root: install them with apt-get"
  fi
fi

# 2. PostgreSQL with PostGIS: a throwaway database for this run.
if ! pg_isready -q -h "$PGHOST_ADDR" -p "$PGPORT_NUM" 2>/dev/null && command -v pg_ctlcluster >/dev/null 2>&1; then
  for cluster in /etc/postgresql/*/main; do
    [ -d "$cluster" ] && pg_ctlcluster --skip-systemctl-redirect "$(basename "$(dirname "$cluster")")" main start >/dev/null 2>&1 || true
  done
fi
db="carecircle_test_$$"
postgis_ok=0
if psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" -d postgres -qAt -c "CREATE DATABASE $db" >/dev/null 2>&1; then
  trap 'psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" -d postgres -qAt -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
  if psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" -d "$db" -qAt -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null 2>&1; then
    postgis_ok=1
    export CARECIRCLE_TEST_PG_URL="jdbc:postgresql://$PGHOST_ADDR:$PGPORT_NUM/$db"
    export CARECIRCLE_TEST_PG_USER="$PGUSER_NAME"
    echo "PostGIS test database: $CARECIRCLE_TEST_PG_URL ($(psql -h "$PGHOST_ADDR" -p "$PGPORT_NUM" -U "$PGUSER_NAME" -d "$db" -qAt -c 'SELECT postgis_lib_version()'))"
  else
    warn "PostgreSQL is running but the postgis extension cannot be created (package postgresql-15-postgis-3)"
  fi
else
  warn "no PostgreSQL accepting connections as $PGUSER_NAME on $PGHOST_ADDR:$PGPORT_NUM"
fi

browser_ok=0
command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && browser_ok=1
gdal_ok=0
command -v ogrinfo >/dev/null 2>&1 && gdal_ok=1

if [ "$require" = 1 ]; then
  [ "$postgis_ok" = 1 ] || fail "PostGIS is required (CI=true or CARECIRCLE_REQUIRE_POSTGIS=1) but not available; see the messages above"
  [ "$browser_ok" = 1 ] || fail "Chromium and chromedriver are required but missing (apt-get install chromium chromium-driver)"
  [ "$gdal_ok" = 1 ] || fail "GDAL's ogrinfo is required but missing (apt-get install gdal-bin)"
  export CARECIRCLE_REQUIRE_POSTGIS=1 CARECIRCLE_REQUIRE_BROWSER=1
fi

[ -d ../shared/geodata ] || fail "../shared/geodata is missing: the tests read real data from there"

# 3. Every test: unit and API tests (surefire), then the packaged jar and the tests that run it
#    in a child process (failsafe, *IT: crash safety).
mvn -B -ntp clean verify "$@"
