package org.carecircle.coverage.isochrone;

/**
 * Arrival seconds per node of the network as the zone builder reads them: from an array of every
 * node's time, or straight from a search's result without copying it.
 */
@FunctionalInterface
interface NodeSeconds {
  /** Seconds at {@code node}; {@code +inf} where unreached, never NaN. */
  float at(int node);
}
