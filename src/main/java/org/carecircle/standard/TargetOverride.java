package org.carecircle.standard;

/**
 * A stored change of one target of one standard: it replaces the file's pass mark and, when
 * {@code minutes} is set, the file's minutes.
 *
 * @param standardCode e.g. qingdao-2024
 * @param targetCode e.g. beds-per-1000
 * @param value the pass mark, in the target's own unit (share 0..1, count, per 1,000)
 * @param minutes travel time allowed, minutes (access targets only), or null to keep the file's
 */
public record TargetOverride(String standardCode, String targetCode, double value, Double minutes) {}
