package org.carecircle.facility;

import java.util.Set;
import org.locationtech.jts.geom.Envelope;

/**
 * Which facilities to list. Empty sets and a null bbox mean "no restriction".
 *
 * @param typeCodes facility type codes
 * @param statuses planning statuses
 * @param bbox WGS84 lon/lat envelope; facilities on its edge are included
 */
public record FacilityQuery(Set<String> typeCodes, Set<FacilityStatus> statuses, Envelope bbox) {
  public static final FacilityQuery ALL = new FacilityQuery(Set.of(), Set.of(), null);

  public FacilityQuery {
    typeCodes = typeCodes == null ? Set.of() : Set.copyOf(typeCodes);
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
  }
}
