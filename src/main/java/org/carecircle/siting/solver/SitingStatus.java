package org.carecircle.siting.solver;

/** What is known about a siting answer. */
public enum SitingStatus {
  /** Proven optimal: the bound meets the objective (within the solver's tolerance). */
  OPTIMAL("optimal"),
  /** A valid answer without a proof of optimality (the heuristic, or an exact run cut short). */
  FEASIBLE("feasible"),
  /**
   * There is nothing to optimise or no answer meets the requirement: e.g. no candidate is within
   * the cutoff of any demand point. The answer says why; it is not an input error.
   */
  INFEASIBLE("infeasible"),
  /** The exact solver ran out of time; the answer is the best found, with the bound reached. */
  TIME_LIMIT("timeLimit");

  private final String wireName;

  SitingStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
