/**
 * Retention of stored analysis results (coverage zone sets, accessibility results, siting runs).
 * A result is <em>kept</em> when the planner has named it, when a scenario refers to it, when it
 * is younger than {@code carecircle.retention.max-age}, or when it is among the newest
 * {@code carecircle.retention.keep-newest} of its kind; the scheduled clean-up removes the rest.
 */
package org.carecircle.retention;
