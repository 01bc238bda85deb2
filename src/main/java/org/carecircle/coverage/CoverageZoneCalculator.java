package org.carecircle.coverage;

import org.carecircle.analysis.AnalysisOrigin;
import org.carecircle.coverage.isochrone.EdgeStart;
import org.carecircle.coverage.isochrone.GeodesicArea;
import org.carecircle.coverage.isochrone.IsochroneBuilder;
import org.carecircle.coverage.isochrone.IsochroneOptions;
import org.carecircle.coverage.isochrone.RadiusZoneBuilder;
import org.carecircle.coverage.isochrone.CoverageZone;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.carecircle.job.JobContext;
import org.carecircle.network.ModeNetwork;
import org.carecircle.network.SearchResult;
import org.carecircle.network.SearchSources;
import org.carecircle.network.SnappedPoint;
import org.carecircle.network.TravelTimeSearch;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Computes the zones of a {@link CoveragePlan}: per origin and band, or dissolved per band.
 *
 * <p>IMPLEMENTATION NOTE: a dissolved network zone is not the union of the origins' zones but the
 * zone of ONE multi-source search from all origins at once: the travel time to a place is then
 * the time from its nearest origin, which is exactly what "covered by any facility" means, and it
 * costs one search and one contouring instead of n of each plus an overlay.
 */
final class CoverageZoneCalculator {
  private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private CoverageZoneCalculator() {}

  /** The zones and the origins that could not be reached, largest band first. */
  record Result(List<ZoneFeature> zones, List<UnreachableOrigin> unreachable) {}

  /**
   * @param network the mode's network, for the network method (else null)
   * @param builder the isochrone builder of that network and mode (else null)
   * @param maxSnapMeters origins farther than this from the mode's roads are unreachable
   * @param options off-road model of the network method
   */
  static Result compute(CoveragePlan plan, ModeNetwork network, IsochroneBuilder builder,
      double maxSnapMeters, IsochroneOptions options, JobContext context) {
    return plan.method() == CoveragePlan.Method.RADIUS
        ? radius(plan, context)
        : network(plan, network, builder, maxSnapMeters, options, context);
  }

  private static Result radius(CoveragePlan plan, JobContext context) {
    List<ZoneFeature> zones = new ArrayList<>();
    double[] bands = plan.minutes();
    if (plan.dissolve()) {
      for (int b = bands.length - 1; b >= 0; b--) {
        double radius = plan.radiusMeters(bands[b]);
        List<org.locationtech.jts.geom.Coordinate> centres = new ArrayList<>();
        for (AnalysisOrigin origin : plan.origins()) {
          centres.add(new org.locationtech.jts.geom.Coordinate(origin.lon(), origin.lat()));
        }
        zones.add(zone(null, bands[b], RadiusZoneBuilder.dissolve(centres, radius).geometry()));
        context.progress((bands.length - b) / (double) bands.length, "dissolving circles");
      }
    } else {
      int done = 0;
      for (AnalysisOrigin origin : plan.origins()) {
        context.checkCancelled();
        for (int b = bands.length - 1; b >= 0; b--) {
          zones.add(zone(origin, bands[b],
              RadiusZoneBuilder.circle(origin.lon(), origin.lat(), plan.radiusMeters(bands[b]))));
        }
        context.progress(++done / (double) plan.origins().size(), "drawing circles");
      }
    }
    return new Result(order(zones), List.of());
  }

  private static Result network(CoveragePlan plan, ModeNetwork network, IsochroneBuilder builder,
      double maxSnapMeters, IsochroneOptions options, JobContext context) {
    double turnoutSeconds = plan.turnoutMinutes() * 60;
    double[] cutoffs = new double[plan.minutes().length];
    for (int b = 0; b < cutoffs.length; b++) {
      cutoffs[b] = plan.minutes()[b] * 60;
    }
    double maxSeconds = cutoffs[cutoffs.length - 1];
    List<UnreachableOrigin> unreachable = new ArrayList<>();
    List<AnalysisOrigin> reachable = new ArrayList<>();
    List<SnappedPoint> snaps = new ArrayList<>();
    for (AnalysisOrigin origin : plan.origins()) {
      Optional<SnappedPoint> snap = network.locator().snap(origin.lon(), origin.lat(), maxSnapMeters);
      if (snap.isEmpty()) {
        unreachable.add(new UnreachableOrigin(origin.facilityId(), origin.facilityName(), origin.pointIndex(),
            String.format(Locale.ROOT, "not reachable from the road network: no road usable by %s within %.0f m",
                plan.mode().code(), maxSnapMeters)));
      } else {
        reachable.add(origin);
        snaps.add(snap.get());
      }
    }
    List<ZoneFeature> zones = new ArrayList<>();
    if (reachable.isEmpty()) {
      return new Result(zones, unreachable);
    }
    if (plan.dissolve()) {
      SearchSources sources = new SearchSources();
      List<EdgeStart> starts = new ArrayList<>();
      for (SnappedPoint snap : snaps) {
        sources.addPoint(snap, network.edgeTimes(), turnoutSeconds);
        starts.add(edgeStart(snap, turnoutSeconds));
      }
      context.progress(0.1, "searching the network from " + reachable.size() + " facilities at once");
      SearchResult result = TravelTimeSearch.search(network.graph(), sources, maxSeconds);
      context.checkCancelled();
      context.progress(0.4, "drawing the zones");
      List<CoverageZone> built = builder.build(result, starts, cutoffs, options);
      for (int b = 0; b < built.size(); b++) {
        zones.add(new ZoneFeature(null, null, null, plan.minutes()[b], built.get(b).areaSquareMeters(),
            multi(built.get(b).geometry())));
      }
    } else {
      List<List<ZoneFeature>> perOrigin = new ArrayList<>();
      for (int i = 0; i < reachable.size(); i++) {
        perOrigin.add(null);
      }
      java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
      // origins are independent: spread them over the cores; each thread searches with its own workspace
      java.util.stream.IntStream.range(0, reachable.size()).parallel().forEach(i -> {
        context.checkCancelled();
        SnappedPoint snap = snaps.get(i);
        SearchSources sources = new SearchSources();
        sources.addPoint(snap, network.edgeTimes(), turnoutSeconds);
        SearchResult result = TravelTimeSearch.search(network.graph(), sources, maxSeconds);
        //-- read in place, not copied: a zone's work stays in proportion to what the search reached
        List<CoverageZone> built = builder.build(result, List.of(edgeStart(snap, turnoutSeconds)), cutoffs, options);
        List<ZoneFeature> features = new ArrayList<>();
        AnalysisOrigin origin = reachable.get(i);
        for (int b = 0; b < built.size(); b++) {
          features.add(new ZoneFeature(origin.facilityId(), origin.facilityName(), origin.pointIndex(),
              plan.minutes()[b], built.get(b).areaSquareMeters(), multi(built.get(b).geometry())));
        }
        perOrigin.set(i, features);
        context.progress(done.incrementAndGet() / (double) reachable.size(), "zones of facility "
            + done.get() + " of " + reachable.size());
      });
      perOrigin.forEach(zones::addAll);
    }
    return new Result(order(zones), unreachable);
  }

  private static EdgeStart edgeStart(SnappedPoint snap, double turnoutSeconds) {
    return new EdgeStart(snap.edge(), snap.fraction(),
        turnoutSeconds + TravelTimeSearch.offRoadSeconds(snap.distanceMeters()));
  }

  private static ZoneFeature zone(AnalysisOrigin origin, double minutes, Geometry geometry) {
    MultiPolygon zone = multi(geometry);
    return new ZoneFeature(origin == null ? null : origin.facilityId(), origin == null ? null : origin.facilityName(),
        origin == null ? null : origin.pointIndex(), minutes, GeodesicArea.squareMeters(zone), zone);
  }

  /** Largest band first (smaller bands draw on top), then in origin order. */
  private static List<ZoneFeature> order(List<ZoneFeature> zones) {
    List<ZoneFeature> ordered = new ArrayList<>(zones);
    ordered.sort(java.util.Comparator.comparingDouble(ZoneFeature::minutes).reversed());
    return ordered;
  }

  static MultiPolygon multi(Geometry geometry) {
    if (geometry instanceof MultiPolygon multi) {
      return multi;
    }
    if (geometry instanceof Polygon polygon) {
      return polygon.isEmpty() ? WGS84.createMultiPolygon() : WGS84.createMultiPolygon(new Polygon[] {polygon});
    }
    List<Polygon> parts = new ArrayList<>();
    for (int i = 0; i < geometry.getNumGeometries(); i++) {
      if (geometry.getGeometryN(i) instanceof Polygon polygon && !polygon.isEmpty()) {
        parts.add(polygon);
      }
    }
    return WGS84.createMultiPolygon(parts.toArray(Polygon[]::new));
  }
}
