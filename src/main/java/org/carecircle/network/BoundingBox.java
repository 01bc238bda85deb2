package org.carecircle.network;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A WGS84 longitude/latitude rectangle, degrees. In JSON it is the GeoJSON bbox array {@code
 * [minLon, minLat, maxLon, maxLat]}.
 */
public record BoundingBox(double minLon, double minLat, double maxLon, double maxLat) {

  /** The smallest box around every node and geometry point of {@code network}. */
  public static BoundingBox of(RoadNetwork network) {
    double minLon = Double.POSITIVE_INFINITY;
    double minLat = Double.POSITIVE_INFINITY;
    double maxLon = Double.NEGATIVE_INFINITY;
    double maxLat = Double.NEGATIVE_INFINITY;
    for (int node = 0; node < network.nodeCount(); node++) {
      minLon = Math.min(minLon, network.nodeLon[node]);
      minLat = Math.min(minLat, network.nodeLat[node]);
      maxLon = Math.max(maxLon, network.nodeLon[node]);
      maxLat = Math.max(maxLat, network.nodeLat[node]);
    }
    for (int p = 0; p < network.pointLon.length; p++) {
      minLon = Math.min(minLon, network.pointLon[p]);
      minLat = Math.min(minLat, network.pointLat[p]);
      maxLon = Math.max(maxLon, network.pointLon[p]);
      maxLat = Math.max(maxLat, network.pointLat[p]);
    }
    return new BoundingBox(minLon, minLat, maxLon, maxLat);
  }

  @JsonValue
  public double[] asArray() {
    return new double[] {minLon, minLat, maxLon, maxLat};
  }

  public boolean contains(double lon, double lat) {
    return lon >= minLon && lon <= maxLon && lat >= minLat && lat <= maxLat;
  }
}
