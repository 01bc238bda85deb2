package org.carecircle.network;

import static org.assertj.core.api.Assertions.assertThat;

/** Array-by-array equality of two road networks, for file round trips. */
final class RoadNetworkAssertions {
  private RoadNetworkAssertions() {}

  static void assertSameNetwork(RoadNetwork actual, RoadNetwork expected) {
    assertThat(actual.nodeLon).isEqualTo(expected.nodeLon);
    assertThat(actual.nodeLat).isEqualTo(expected.nodeLat);
    assertThat(actual.edgeNodeA).isEqualTo(expected.edgeNodeA);
    assertThat(actual.edgeNodeB).isEqualTo(expected.edgeNodeB);
    assertThat(actual.edgeLengthMeters).isEqualTo(expected.edgeLengthMeters);
    assertThat(actual.geometryStart).isEqualTo(expected.geometryStart);
    assertThat(actual.pointLon).isEqualTo(expected.pointLon);
    assertThat(actual.pointLat).isEqualTo(expected.pointLat);
    for (TravelMode mode : new TravelMode[] {TravelMode.WALK, TravelMode.DRIVE}) {
      ModeGraph a = actual.modeGraph(mode);
      ModeGraph b = expected.modeGraph(mode);
      assertThat(a.arcStart).as(mode + " arcStart").isEqualTo(b.arcStart);
      assertThat(a.arcHead).as(mode + " arcHead").isEqualTo(b.arcHead);
      assertThat(a.arcEdge).as(mode + " arcEdge").isEqualTo(b.arcEdge);
      assertThat(a.arcSeconds).as(mode + " arcSeconds").isEqualTo(b.arcSeconds);
      assertThat(a.arcForward).as(mode + " arcForward").isEqualTo(b.arcForward);
    }
  }
}
