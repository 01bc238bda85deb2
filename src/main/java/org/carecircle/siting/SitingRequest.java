package org.carecircle.siting;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.util.List;
import org.locationtech.jts.geom.Geometry;

/**
 * A siting request as posted to {@code /api/siting/solve}, {@code /api/siting/jobs} and {@code
 * /api/siting/curve}, in one of two kinds: an explicit cost matrix ({@link MatrixSitingRequest}) or
 * a problem on a road network ({@link NetworkSitingRequest}, the one with a {@code networkId}). Both
 * carry the same {@link SitingChoice} (model, p, solver and its options).
 */
@JsonDeserialize(using = SitingRequest.KindReader.class)
public sealed interface SitingRequest permits MatrixSitingRequest, NetworkSitingRequest {

  /** The model, p and solver options. */
  SitingChoice choice();

  /** A demand point; weight in people (or any additive measure). */
  record DemandRow(String id, Double weight) {}

  /**
   * A candidate site; {@code fixed} = already open (default false). Network problems give its
   * WGS84 position in degrees.
   */
  record CandidateRow(String id, Boolean fixed, Double lon, Double lat) {}

  /** The cost from a candidate to a demand point, in the request's one unit. */
  record CostRow(String candidate, String demand, Double cost) {}

  /**
   * Candidates on a lattice snapped onto the roads ({@link CandidateGridGenerator}).
   *
   * @param spacingMeters lattice spacing, metres (default 500)
   * @param excludedAreas GeoJSON Polygon or MultiPolygon (WGS84) where no station may go, or null
   */
  record CandidateGrid(Double spacingMeters, Geometry excludedAreas) {}

  /** Reads the kind from the body: a {@code networkId} makes it a network problem. */
  final class KindReader extends JsonDeserializer<SitingRequest> {
    /** Fields of the matrix kind; on a network problem they are reported, not ignored. */
    static final List<String> MATRIX_FIELDS = List.of("demand", "costs", "cutoff");

    @Override
    public SitingRequest deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      JsonNode body = parser.readValueAsTree();
      JsonNode networkId = body.get("networkId");
      if (networkId == null || networkId.isNull()) {
        return context.readTreeAsValue(body, MatrixSitingRequest.class);
      }
      NetworkSitingRequest request = context.readTreeAsValue(body, NetworkSitingRequest.class);
      request.matrixFieldsGiven = MATRIX_FIELDS.stream().filter(body::has).toList();
      return request;
    }
  }
}
