#!/usr/bin/env bash
# Starts CareCircle on the embedded H2GIS store (./data/carecircle.mv.db) at http://localhost:8080.
# Builds the jar first when it is missing or older than the sources. Extra arguments go to the
# application, e.g. scripts/run.sh --server.port=9090 or --spring.profiles.active=postgis.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=target/carecircle.jar
if [ ! -f "$jar" ] || [ -n "$(find pom.xml src frontend geodata -newer "$jar" -type f -print -quit)" ]; then
  echo "Building CareCircle (first start or sources changed)..."
  mvn -B -q -ntp -DskipTests clean package
fi
mkdir -p data
echo "CareCircle starting at http://localhost:${SERVER_PORT:-8080}  (Ctrl+C stops it)"
exec java -jar "$jar" "$@"
