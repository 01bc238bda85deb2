package org.carecircle.coverage.isochrone;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.algorithm.locate.IndexedPointInAreaLocator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Turns contour rings (lattice units) into a WGS84 Polygon or MultiPolygon: shells by
 * orientation, each hole given to the smallest shell that contains it (shells may nest: an
 * island inside a hole of a larger shell).
 */
final class PolygonAssembler {
  static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private PolygonAssembler() {}

  static Geometry assemble(List<ContourRing> rings, CoverageRaster raster) {
    List<Shell> shells = new ArrayList<>();
    List<LinearRing> holes = new ArrayList<>();
    for (ContourRing ring : rings) {
      LinearRing linearRing = toWgs84(ring, raster);
      if (ring.isShell()) {
        shells.add(new Shell(linearRing, ring.signedArea));
      } else {
        holes.add(linearRing);
      }
    }
    if (shells.isEmpty()) {
      return WGS84.createPolygon();
    }
    if (shells.size() == 1) {
      shells.get(0).holes.addAll(holes);
    } else {
      //-- the innermost containing shell is the smallest one that contains the hole
      shells.sort(Comparator.comparingDouble(s -> s.latticeArea));
      for (LinearRing hole : holes) {
        Envelope holeEnvelope = hole.getEnvelopeInternal();
        //-- rings never touch, so any vertex of the hole is strictly inside its shell
        Coordinate probe = hole.getCoordinateN(0);
        //-- every hole lies in some shell; if rounding ever hid it, dropping the hole would
        //-- only enlarge the zone, never cut a reachable road out of it
        for (Shell shell : shells) {
          if (shell.envelope.covers(holeEnvelope) && shell.locate(probe) == Location.INTERIOR) {
            shell.holes.add(hole);
            break;
          }
        }
      }
    }
    Polygon[] polygons = new Polygon[shells.size()];
    for (int k = 0; k < polygons.length; k++) {
      Shell shell = shells.get(k);
      polygons[k] = WGS84.createPolygon(shell.ring, shell.holes.toArray(new LinearRing[0]));
    }
    return polygons.length == 1 ? polygons[0] : WGS84.createMultiPolygon(polygons);
  }

  private static LinearRing toWgs84(ContourRing ring, CoverageRaster raster) {
    Coordinate[] coordinates = new Coordinate[ring.size + 1];
    LocalFrame frame = raster.frame;
    for (int k = 0; k < ring.size; k++) {
      coordinates[k] = new Coordinate(frame.lon(raster.frameX(ring.x[k])),
          frame.lat(raster.frameY(ring.y[k])));
    }
    coordinates[ring.size] = coordinates[0].copy();
    return WGS84.createLinearRing(coordinates);
  }

  private static final class Shell {
    final LinearRing ring;
    final double latticeArea;
    final Envelope envelope;
    final List<LinearRing> holes = new ArrayList<>();
    private IndexedPointInAreaLocator locator;

    Shell(LinearRing ring, double latticeArea) {
      this.ring = ring;
      this.latticeArea = latticeArea;
      this.envelope = ring.getEnvelopeInternal();
    }

    int locate(Coordinate point) {
      if (locator == null) {
        locator = new IndexedPointInAreaLocator(WGS84.createPolygon(ring));
      }
      return locator.locate(point);
    }
  }
}
