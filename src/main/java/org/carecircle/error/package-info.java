/**
 * Errors that reach the planner: an {@link org.carecircle.error.InputProblem} names the row and
 * field at fault; the web layer turns these exceptions into RFC 9457 problem responses.
 */
package org.carecircle.error;
