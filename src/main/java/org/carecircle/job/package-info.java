/**
 * Background jobs for operations that take longer than an HTTP request should (network imports,
 * coverage zones, accessibility runs, siting). A job is submitted, queued, run by one of a few
 * worker threads of the instance that accepted it, reports its progress as a fraction from 0 to 1
 * with a message, and ends succeeded (with a result), failed (with the problems) or cancelled.
 *
 * <p>Jobs are kept in the database ({@code background_job}), shared by every instance on it: any
 * instance answers for any job and cancels it. An <em>instance</em> is one running CareCircle
 * (a new id at every start); its <em>heartbeat</em> is the time it last wrote on its unfinished
 * jobs. A job whose heartbeat is older than {@code carecircle.job-store.instance-timeout} was
 * <em>interrupted by a restart</em>: it is failed with that message and its <em>temp files</em>
 * (files it owned, such as an uploaded copy or a staging folder) are removed.
 *
 * <p>The queue and the worker threads are db-scheduler's (com.github.kagkarlsson:db-scheduler,
 * Apache 2.0): its executions live in {@code job_execution}, one task name per instance. Chosen
 * over JobRunr because: it runs on any JDBC store with plain tables we create in our own Flyway
 * migrations (H2 and PostgreSQL alike), it takes the application's DataSource and fits Spring
 * Boot 3 without a starter, it can be woken at once on submission (JobRunr's servers poll every
 * 5 s or more, too slow for an interactive coverage job), and its jobs are ordinary Java code,
 * while JobRunr wants each job as a serialisable method call (our jobs are closures over parsed
 * requests) and would retry failed jobs unless told not to; JobRunr's licence (LGPL-3.0 for the
 * free edition, its dashboard and job results in paid editions) also weighed against it. Neither
 * library keeps a result or progress for a finished one-off job in its free edition, hence our
 * own {@code background_job} next to db-scheduler's table.
 */
package org.carecircle.job;
