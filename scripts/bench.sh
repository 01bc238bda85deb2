#!/usr/bin/env bash
# Benchmarks (not tests): print figures and ratios against a named baseline measured in the same run.
# Uses the real data in ../shared/geodata. Each benchmark runs in a fresh JVM so that its memory
# figures are its own.
set -euo pipefail
cd "$(dirname "$0")/.."
geodata=../shared/geodata
[ -d "$geodata" ] || { echo "bench.sh: $geodata is missing" >&2; exit 1; }

mvn -B -q -ntp -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt
cp="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
run() { java -Xmx3g -cp "$cp" "$@"; }

echo "== Road network import and search: Heidelberg (car, 15 minutes)"
run org.carecircle.bench.NetworkBench "$geodata/heidelberg/heidelberg.osm.pbf" 8.6934 49.4093
echo
echo "== Coverage zones: Heidelberg, car, 15 minutes; baseline = GraphHopper's isochrone pipeline"
run org.carecircle.bench.IsochroneBench "$geodata/heidelberg/heidelberg.osm.pbf" 8.64 49.38 8.73 49.42
echo
echo "== Accessibility: Porto Alegre (141 facilities; baseline = one single-source search), Heidelberg 50 m surface"
run org.carecircle.bench.AccessibilityBench "$geodata"
echo
echo "== Siting: OR-Library pmed1-pmed20; baseline = the proven optima (pmedopt.txt) and the exact solver"
run org.carecircle.bench.PMedianBench "$geodata/benchmarks/orlib-pmedian" 60
echo
echo "== Siting on a network: Porto Alegre, drive, candidates every 500 m, 117 facility cells fixed, p = 18; baseline = the exact solver"
run org.carecircle.bench.NetworkSitingBench "$geodata" 120
echo
echo "== Siting at city scale: Heidelberg, 1,000,000 synthetic cells (~10 M people), ~5,000 grid candidates, MCLP p = 18, 15 minutes' drive; baseline = cells merged onto squares and the full matrix (the previous path)"
run org.carecircle.bench.NetworkSitingScaleBench "$geodata/heidelberg/heidelberg.osm.pbf" 1000000
echo
echo "== Embedded store: bounding-box queries on 1,000,000 population cells without R-tree; baseline = the same layer in a store with H2's R-tree (schema V7)"
run org.carecircle.bench.EmbeddedStoreBench 1000000
