package org.carecircle.io;

import java.util.List;
import org.carecircle.error.InputProblem;

/**
 * What a reader got from a file: the features it could read and the problems of the rows it could
 * not. A reader keeps going after a bad row so that every problem is reported at once; a file it
 * cannot read at all is an {@link org.carecircle.error.InputRejectedException} instead.
 *
 * @param declaredCrs the CRS the file itself declares (e.g. {@code "EPSG:4326"} from a GeoPackage's
 *     srs table), or {@code null} when the format carries none (CSV) or fixes it (GeoJSON, OSM)
 */
public record ReadResult(List<SourceFeature> features, List<InputProblem> problems, String declaredCrs) {
  public ReadResult {
    features = List.copyOf(features);
    problems = List.copyOf(problems);
  }

  public ReadResult(List<SourceFeature> features, List<InputProblem> problems) {
    this(features, problems, null);
  }
}
