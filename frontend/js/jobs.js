/**
 * Following a background job on the server until it ends. Long analyses (road network import,
 * coverage zones, and later siting and accessibility) answer 202 {jobId} and run in the
 * background; the page polls GET /api/jobs/{jobId} and shows the job's progress.
 *
 *   const controller = new AbortController();
 *   const job = await runJob(jobId, { onProgress: (job) => bar.update(job.progress), signal: controller.signal });
 *   const result = resultOf(job);   // job.result, or throws JobFailedError / JobCancelledError
 *
 * A job is {id, kind, state, progress, message, result, error}: state is one of JOB_STATES,
 * progress a fraction 0..1 (null while unknown), message a short server-side note on the current
 * step, result the kind-specific outcome once succeeded, error a problem ({title, detail,
 * rejected}) once failed.
 */
import { ApiError, cancelJob, fetchJob } from './api.js';
import { t } from './i18n.js';

export const JOB_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];

/** The states a job never leaves. */
export const FINAL_STATES = ['succeeded', 'failed', 'cancelled'];

/** The server's message for a job whose server stopped (was killed, restarted) before it ended. */
export const INTERRUPTED_MESSAGE = 'interrupted by a restart';

/** Time between two polls. Half a second keeps a progress bar lively at 2 requests a second. */
export const POLL_INTERVAL_MS = 500;

/**
 * How long polls may fail in a row (no answer, or 5xx) before giving up. Jobs are kept in the
 * server's database, so a job outlives a restart of the server: the page keeps polling through
 * one (start-up takes up to a minute on a loaded machine) and then shows how the job ended, e.g.
 * failed "interrupted by a restart".
 */
export const MAX_OUTAGE_MS = 120_000;

/**
 * Polls after a cancel request before the job is taken as cancelled without the server saying
 * so (≈ 5 s): the server may need a moment to stop a running computation.
 */
const POLLS_AFTER_CANCEL = 10;

export function isFinal(job) {
  return FINAL_STATES.includes(job?.state);
}

/**
 * Polls job jobId every intervalMs until it reaches a final state and resolves with that job,
 * whatever the state: check it with resultOf(job) or job.state.
 *
 * @param {string} jobId
 * @param {object} [options]
 * @param {(job: object) => void} [options.onProgress]  called with every job read, the last included
 * @param {AbortSignal} [options.signal]  aborting asks the server to cancel (DELETE /api/jobs/{jobId})
 *        and resolves with the job as the server then reports it: normally "cancelled", but
 *        "succeeded" or "failed" if it had ended first. If the server does not confirm within
 *        about 5 s, or cannot be reached, resolves with the last job read, state "cancelled".
 * @param {number} [options.intervalMs]
 * @returns {Promise<object>} the final job. Rejects with an ApiError when the job cannot be read:
 *          at once for a 4xx (404: unknown job, e.g. forgotten after the retention), after
 *          MAX_OUTAGE_MS of consecutive failures for a 5xx or no answer.
 */
export async function runJob(jobId, { onProgress, signal, intervalMs = POLL_INTERVAL_MS } = {}) {
  let last = { id: jobId, state: 'queued', progress: null, message: null, result: null, error: null };
  let failingSince = null;
  let cancelRequested = false;
  let pollsAfterCancel = 0;
  const cancelledLocally = () => ({ ...last, state: 'cancelled' });

  for (;;) {
    if (signal?.aborted && !cancelRequested) {
      cancelRequested = true;
      try {
        await cancelJob(jobId);
      } catch {
        // 404/409: the job has already ended; the next poll tells how. Offline: see below.
      }
    }
    try {
      const job = await fetchJob(jobId);
      failingSince = null;
      last = job;
      if (onProgress) {
        onProgress(job);
      }
      if (isFinal(job)) {
        return job;
      }
    } catch (error) {
      if (cancelRequested) {
        return cancelledLocally();
      }
      const transient = error instanceof ApiError && (error.status === 0 || error.status >= 500);
      failingSince ??= Date.now();
      if (!transient || Date.now() - failingSince >= MAX_OUTAGE_MS) {
        throw error;
      }
    }
    if (cancelRequested) {
      pollsAfterCancel += 1;
      if (pollsAfterCancel > POLLS_AFTER_CANCEL) {
        return cancelledLocally();
      }
    }
    await pause(intervalMs, cancelRequested ? null : signal);
  }
}

/** Waits ms milliseconds, or less when signal aborts meanwhile. */
function pause(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A job that ended in "failed": carries the job's problem like any ApiError. */
export class JobFailedError extends ApiError {
  constructor(job) {
    const problem = job.error && typeof job.error === 'object' ? job.error : {};
    // the server that ran the job died before it finished (see INTERRUPTED_MESSAGE): said in the
    // planner's language, as every other text of the page
    const interrupted = job.message === INTERRUPTED_MESSAGE
      ? { title: t('jobs.interrupted'), detail: t('jobs.interruptedDetail') } : {};
    super({ title: job.message || '', ...problem, ...interrupted, status: problem.status });
    this.name = 'JobFailedError';
    this.job = job;
  }

  /** The server did answer: the job itself failed. */
  get isNetworkError() {
    return false;
  }
}

/** A job that ended in "cancelled". */
export class JobCancelledError extends Error {
  constructor(job) {
    super('cancelled');
    this.name = 'JobCancelledError';
    this.job = job;
    this.cancelled = true;
  }
}

/**
 * The result of a finished job; throws JobFailedError for a failed job and JobCancelledError for
 * a cancelled one.
 */
export function resultOf(job) {
  if (job.state === 'succeeded') {
    return job.result;
  }
  if (job.state === 'cancelled') {
    throw new JobCancelledError(job);
  }
  throw new JobFailedError(job);
}
