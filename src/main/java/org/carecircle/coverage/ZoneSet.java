package org.carecircle.coverage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The zones computed for one request, as stored.
 *
 * @param id store key (null before storing)
 * @param networkId the road network used, or null (radius method)
 * @param parameters the request as given
 * @param unreachable origins without a zone
 * @param zones largest band first, so that smaller bands draw on top
 * @param createdAt when computed (null before storing)
 */
public record ZoneSet(
    Long id, Long networkId, Map<String, Object> parameters, List<UnreachableOrigin> unreachable,
    List<ZoneFeature> zones, Instant createdAt) {}
