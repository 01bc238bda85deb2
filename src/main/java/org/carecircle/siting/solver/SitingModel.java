package org.carecircle.siting.solver;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The question a siting run answers. Costs are in the problem's unit (metres, seconds...). */
public enum SitingModel {
  /**
   * Maximal covering location problem: open p new sites so that the weight within the cutoff of
   * at least one open site (fixed sites count as open) is as large as possible. Optionally, as a
   * second objective, the weight covered at least twice (backup coverage).
   */
  MCLP("mclp", true, true),
  /**
   * Location set covering problem: the fewest new sites such that the weight within the cutoff of
   * an open site reaches a target share (default 100 %) of the weight that any candidate can
   * cover at all. Needs no p.
   */
  LSCP("lscp", false, true),
  /** p-median: open p new sites so that the weighted mean cost to the nearest open site is least. */
  PMEDIAN("pmedian", true, false),
  /**
   * p-center: open p new sites so that the largest cost from any demand point to its nearest open
   * site is least. Every demand point counts, whatever its weight (also weight 0), as in PySAL
   * spopt: a planner asks "how far is the farthest block"; leave out points that should not count.
   */
  PCENTER("pcenter", true, false);

  private final String wireName;
  private final boolean needsP;
  private final boolean covering;

  SitingModel(String wireName, boolean needsP, boolean covering) {
    this.wireName = wireName;
    this.needsP = needsP;
    this.covering = covering;
  }

  /** The name in requests and answers: {@code mclp}, {@code lscp}, {@code pmedian}, {@code pcenter}. */
  public String wireName() {
    return wireName;
  }

  /** True when the model opens a given number p of new sites (all but LSCP). */
  public boolean needsP() {
    return needsP;
  }

  /**
   * True for the covering models (MCLP, LSCP): they need a cutoff and only ask whether a cost is
   * within it, so a missing or infinite cost simply means "not covered". The cost models
   * (p-median, p-center) need every candidate-demand cost.
   */
  public boolean covering() {
    return covering;
  }

  /** The model of a wire name (case-insensitive; {@code p-median}, {@code p_center} accepted too). */
  public static Optional<SitingModel> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String normal = name.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    return Arrays.stream(values()).filter(m -> m.wireName.equals(normal)).findFirst();
  }
}
