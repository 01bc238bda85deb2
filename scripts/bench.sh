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

# scripts/bench.sh scale [SIZES]: the metropolitan-scale benchmarks only. SIZES are routing graph
# node counts in millions, comma-separated (default 0.1,0.5,1,2). Per size: the fixture is generated
# into target/scale/<size>/ (kept and reused), then the real application runs in a fresh JVM with
# the heap that scripts/run.sh gives it (no -Xmx: the JVM's default, a quarter of the memory) and is
# measured through its HTTP API (ScaleBench). Figures go to target/scale/results.tsv (one line per
# figure, tagged size@run) and the table with growth exponents and misses is printed at the end.
# With CARECIRCLE_TEST_PG_URL (and CARECIRCLE_TEST_PG_USER) set, the raster import is also measured
# on that PostGIS database. SCALE_SOURCE picks the OSM extract to tile (default Porto Alegre).
if [ "${1:-}" = scale ]; then
  sizes="${2:-0.1,0.5,1,2}"
  source_osm="${SCALE_SOURCE:-$geodata/porto-alegre/poa_osm.pbf}"
  run_id="$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p target/scale
  echo "== Scale benchmarks, run $run_id, sizes $sizes M nodes, source $(basename "$source_osm")"
  for size in ${sizes//,/ }; do
    nodes="$(awk -v s="$size" 'BEGIN { printf "%d", s * 1000000 }')"
    folder="target/scale/$size"
    if [ -f "$folder/fixture.json" ] && grep -q "\"targetNodes\" : $nodes," "$folder/fixture.json"; then
      echo "-- $size M: fixture reused from $folder"
    else
      echo "-- $size M: generating the fixture into $folder"
      rm -rf "$folder"
      run org.carecircle.bench.scale.MetroFixtureGenerator "$source_osm" "$nodes" "$folder" \
        || { echo "-- $size M: fixture generation failed"; continue; }
    fi
    echo "-- $size M: measuring (fresh JVM, default heap as scripts/run.sh)"
    log="target/scale/$size-$run_id.log"
    status=0
    timeout "${SCALE_TIMEOUT_SECONDS:-5400}" java -cp "$cp" org.carecircle.bench.scale.ScaleBench "$folder" \
        "$size@$run_id" target/scale/results.tsv >"$log" 2>&1 || status=$?
    grep "^$size@$run_id" "$log" || true
    [ "$status" -eq 0 ] || echo "-- $size M: the bench JVM ended with status $status (124: timed out); log: $log"
  done
  echo
  java -cp "$cp" org.carecircle.bench.scale.ScaleReport target/scale/results.tsv "$run_id"
  exit 0
fi

# scripts/bench.sh scale-page [SIZE]: a planner sets up the metropolitan fixture of SIZE million
# nodes (default 1) through the map page alone, in headless Chromium, and uses every panel
# (ScalePageRun). Step times go to target/scale/results.tsv as page_*, screenshots to
# target/scale/page/. Ends with status 1 when a panel failed.
if [ "${1:-}" = scale-page ]; then
  size="${2:-1}"
  nodes="$(awk -v s="$size" 'BEGIN { printf "%d", s * 1000000 }')"
  folder="target/scale/$size"
  mkdir -p target/scale/page
  if ! { [ -f "$folder/fixture.json" ] && grep -q "\"targetNodes\" : $nodes," "$folder/fixture.json"; }; then
    rm -rf "$folder"
    run org.carecircle.bench.scale.MetroFixtureGenerator "${SCALE_SOURCE:-$geodata/porto-alegre/poa_osm.pbf}" \
      "$nodes" "$folder"
  fi
  run_id="$(date -u +%Y%m%dT%H%M%SZ)"
  echo "== The page at $size M nodes, run $run_id (fresh JVM, default heap as scripts/run.sh)"
  java -cp "$cp" org.carecircle.bench.scale.ScalePageRun "$folder" "$size@$run_id" target/scale/results.tsv \
    target/scale/page
  exit $?
fi

echo "== Road network import and search: Heidelberg (car, 15 minutes)"
run org.carecircle.bench.NetworkBench "$geodata/heidelberg/heidelberg.osm.pbf" 8.6934 49.4093
echo
echo "== Coverage zones: Heidelberg, car, 15 minutes; baseline = GraphHopper's isochrone pipeline"
run org.carecircle.bench.IsochroneBench "$geodata/heidelberg/heidelberg.osm.pbf" 8.64 49.38 8.73 49.42
echo
echo "== One coverage zone against network size: Heidelberg padded with far-away copies of itself up to 2 million nodes; baseline = the whole-array build of the same search"
java -Xmx6g -cp "$cp" org.carecircle.bench.ZoneScaleBench "$geodata/heidelberg/heidelberg.osm.pbf" 8.64 49.38 8.73 49.42
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
echo "== Embedded store: bounding-box queries and ten districts' sums on 1,000,000 population cells (grid key, V13); baselines = a store with H2's R-tree (schema V7) and the V8-V12 scan"
run org.carecircle.bench.EmbeddedStoreBench 1000000
echo
echo "== Population raster import, 1,000,000 cells (generated GeoTIFF), H2GIS and, with CARECIRCLE_TEST_PG_URL, PostGIS; target 30 s"
run org.carecircle.bench.PopulationRasterImportBench 1000
