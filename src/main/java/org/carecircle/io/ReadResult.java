package org.carecircle.io;

import java.util.List;
import org.carecircle.error.InputProblem;

/**
 * What a reader got from a file: the features it could read and the problems of the rows it could
 * not. A reader keeps going after a bad row so that every problem is reported at once; a file it
 * cannot read at all is an {@link org.carecircle.error.InputRejectedException} instead.
 */
public record ReadResult(List<SourceFeature> features, List<InputProblem> problems) {
  public ReadResult {
    features = List.copyOf(features);
    problems = List.copyOf(problems);
  }
}
