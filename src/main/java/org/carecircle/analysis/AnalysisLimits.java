package org.carecircle.analysis;

/** The limits of the shared request fields, the same for every analysis. */
public final class AnalysisLimits {
  /** Longest travel time accepted, minutes: three hours is beyond any planning standard for health services. */
  public static final double MAX_MINUTES = 180;
  /**
   * Most bands in one request: a band is one contour pass over the whole raster, and no planning
   * standard needs more than a few (5, 10, 15, 30 minutes); 24 allows every 5 minutes up to two hours.
   */
  public static final int MAX_BANDS = 24;
  /**
   * Most origins (facilities or points) answered while the client waits: a coverage zone costs about
   * 2 ms per origin and band on a city network (20,000 points took 43 s), so 1,000 keeps a request
   * within a few seconds; larger requests go to the analysis's {@code /jobs} endpoint.
   */
  public static final int MAX_SYNC_ORIGINS = 1_000;
  /** Most origins of a background job: 50,000 is every facility of a large province; beyond it, split the request. */
  public static final int MAX_JOB_ORIGINS = 50_000;

  private AnalysisLimits() {}
}
