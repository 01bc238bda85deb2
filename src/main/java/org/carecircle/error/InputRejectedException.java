package org.carecircle.error;

import java.util.List;

/**
 * The input cannot be accepted; nothing was written. Carries every problem found, not only the
 * first, so that a planner can fix a file in one pass.
 */
public class InputRejectedException extends RuntimeException {
  private final List<InputProblem> problems;

  public InputRejectedException(List<InputProblem> problems) {
    super(summary(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a rejection needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  public InputRejectedException(InputProblem problem) {
    this(List.of(problem));
  }

  public List<InputProblem> problems() {
    return problems;
  }

  private static String summary(List<InputProblem> problems) {
    if (problems.isEmpty()) {
      return "rejected";
    }
    String first = problems.get(0).describe();
    return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more problems)";
  }
}
