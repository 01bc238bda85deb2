#!/usr/bin/env bash
# Writes a backup of the whole CareCircle store into one file, without starting the web server:
#   scripts/backup.sh pilot.zip                      # the embedded H2GIS store in ./data (stop CareCircle first)
#   CARECIRCLE_DB_URL=jdbc:postgresql://db:5432/carecircle scripts/backup.sh prod.zip
# Extra arguments go to CareCircle, e.g. --carecircle.backup.include-networks=false.
# Exits 0 when the backup is written, 1 (with the reason) when not.
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: scripts/backup.sh <backup file.zip> [--setting=value ...]" >&2
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
exec java -jar "$jar" --carecircle.backup.command=backup "--carecircle.backup.file=$file" "$@"
