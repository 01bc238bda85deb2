/**
 * Background jobs for operations that take longer than an HTTP request should (network imports,
 * accessibility runs, siting). A job is submitted, queued, run by one of a few worker threads,
 * reports its progress as a fraction from 0 to 1 with a message, and ends succeeded (with a
 * result), failed (with the problems) or cancelled. Jobs live in memory only: a restart forgets
 * them, and finished jobs are forgotten after {@code carecircle.jobs.retention}.
 */
package org.carecircle.job;
