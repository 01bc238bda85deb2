#!/usr/bin/env bash
# Restores a backup file into an EMPTY CareCircle store, without starting the web server. The store
# is created and migrated first if needed; a store that holds data is refused and left unchanged.
# Moving a pilot (H2GIS) to production (PostGIS):
#   scripts/backup.sh pilot.zip                                   # on the pilot, CareCircle stopped
#   createdb carecircle
#   CARECIRCLE_DB_URL=jdbc:postgresql://db:5432/carecircle scripts/restore.sh pilot.zip \
#       --carecircle.network.directory=/srv/carecircle/networks
# Exits 0 when restored, 1 (with the reason) when not.
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: scripts/restore.sh <backup file.zip> [--setting=value ...]" >&2
  exit 1
fi
file=$1
shift
cd "$(dirname "$0")/.."
jar=target/carecircle.jar
if [ ! -f "$jar" ]; then
  echo "Building CareCircle..."
  mvn -B -q -ntp -DskipTests package
fi
case "$file" in /*) ;; *) file="$OLDPWD/$file" ;; esac
mkdir -p data
exec java -jar "$jar" --carecircle.backup.command=restore "--carecircle.backup.file=$file" "$@"
