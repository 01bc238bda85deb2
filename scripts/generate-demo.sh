#!/usr/bin/env bash
# Regenerates the synthetic demo dataset geodata/demo/facilities.geojson.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests compile
cp=$(mvn -B -q -ntp dependency:build-classpath -Dmdep.outputFile=/dev/stdout)
java -cp "target/classes:$cp" org.carecircle.demo.DemoDatasetGenerator geodata/demo/facilities.geojson
