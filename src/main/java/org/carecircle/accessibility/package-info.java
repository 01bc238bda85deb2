/**
 * Accessibility: for every population cell, the travel time to the nearest selected facility, and
 * the population living within each access threshold (e.g. 15 and 30 minutes' walk). A cell is
 * <em>covered</em> at a threshold when its travel time is at most that many minutes; a cell farther
 * than {@code carecircle.coverage.max-snap-meters} from every road of the mode is
 * <em>unreachable</em>. A <em>gap</em> is a cell beyond a threshold (or unreachable).
 */
package org.carecircle.accessibility;
