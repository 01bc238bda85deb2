package org.carecircle.siting.solver;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a siting problem is solved. */
public enum SolverKind {
  /**
   * Greedy construction, then swap local search with random restarts; fast (well under a second
   * on OR-Library pmed1-20), no proof of optimality, only a simple bound.
   */
  HEURISTIC("heuristic"),
  /** A mathematical program solved by OR-Tools within the time limit, warm-started by the heuristic. */
  EXACT("exact"),
  /**
   * The heuristic, then the exact solver when the presolved instance is small enough
   * ({@link SitingSolver#AUTO_EXACT_MAX_PAIRS}); the better answer with the exact solver's bound.
   */
  AUTO("auto");

  private final String wireName;

  SolverKind(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The solver of a wire name (case-insensitive). */
  public static Optional<SolverKind> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String normal = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(s -> s.wireName.equals(normal)).findFirst();
  }
}
