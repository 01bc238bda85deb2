/**
 * Long work on the page: uploads and background jobs on the server. Long analyses (road network
 * import, backups, coverage zones, accessibility, siting) answer 202 {jobId} and run in the
 * background; the page polls GET /api/jobs/{jobId} and shows the job's progress.
 *
 * Panels use JobRunner, the one job runner of the page: it owns the progress bar with its Cancel
 * button, follows uploads and jobs on it, cancels them, and tells a cancellation from a failure.
 *
 *   const runner = new JobRunner({ id: 'siting-progress', slot: progressSlot });
 *   const answer = await runner.run(async (step) => step.follow(await startSitingJob(request)), { label });
 *   // rejects with the error; error.cancelled is true when the planner cancelled
 *
 * runJob (polling alone) and resultOf are the parts it is built from.
 *
 * A job is {id, kind, state, progress, message, result, error}: state is one of JOB_STATES,
 * progress a fraction 0..1 (null while unknown), message a short server-side note on the current
 * step, result the kind-specific outcome once succeeded, error a problem ({title, detail,
 * rejected}) once failed.
 */
import { ApiError, cancelJob, fetchJob } from './api.js';
import { t } from './i18n.js';
import { h, problemBox, ProgressBar } from './ui.js';

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

/**
 * True when error ended a run because the planner cancelled it: a cancelled job, an aborted upload
 * or request, or anything that failed after the run's signal was aborted.
 */
export function isCancellation(error, signal) {
  return Boolean(error?.cancelled || error?.aborted || signal?.aborted);
}

/**
 * Shows a job's state on a progress bar: indeterminate while the server gives no fraction, the
 * step the server reports (its message) after the label.
 */
export function showJobProgress(progress, job, label) {
  const text = job.state === 'queued' ? t('jobs.queued')
    : job.message ? t('jobs.step', { label, message: job.message }) : label;
  if (Number.isFinite(job.progress)) {
    progress.update(job.progress, text);
  } else {
    progress.indeterminate(text);
  }
}

/**
 * The page's one job runner: a progress bar with a Cancel button in a slot while the work runs,
 * the uploads and server jobs of the work followed on it, Cancel passed on to all of them
 * (aborting an upload, DELETE /api/jobs/{id} for a job), and the outcome told apart: the run
 * resolves with the work's result, or rejects with its error, which has `cancelled` true when
 * the planner cancelled (see isCancellation). Panels show the outcome with outcomeName() and
 * outcomeBox(), or at their form's fields.
 *
 * Test hooks: the bar is `#<id>` (role progressbar inside), its button `#<id>-cancel`; the bar
 * is removed when the run ends (kept, finished, after a success with keepOnSuccess).
 */
export class JobRunner {
  /**
   * @param {object} options
   * @param {string} options.id  the progress bar's element id
   * @param {HTMLElement | (() => HTMLElement)} options.slot  where the bar goes (a function for a
   *        slot that is rebuilt, e.g. in a sheet)
   */
  constructor({ id, slot }) {
    this.id = id;
    this.slot = slot;
    this.controller = null;
    this.bar = null;
  }

  /** True while a run is going on. */
  get running() {
    return this.controller !== null;
  }

  /** Cancels the run going on, if any (the same as its Cancel button). */
  cancel() {
    this.controller?.abort();
  }

  /**
   * Runs work(step) with the bar shown, indeterminate with label until the work reports more.
   * step offers:
   *   signal                          aborted on Cancel
   *   follow(accepted, jobLabel?)     follows job accepted.jobId (or a job id) to its end and
   *                                   returns its result (resultOf); several jobs followed at once
   *                                   share the bar (the mean of their fractions)
   *   upload(start, {label, waitingLabel})  start(onProgress, onUploaded) → {promise, abort} (api.js
   *                                   uploads); the bar shows the bytes sent, then waitingLabel
   *   progress(fraction, text), indeterminate(text)   the bar itself
   *
   * When the work fails, the run's signal is aborted too, so that jobs still running for it (a
   * comparison's second job) are cancelled.
   *
   * @param {(step: object) => Promise<any>} work
   * @param {{label: string, scroll?: boolean, keepOnSuccess?: boolean}} options
   *        scroll: bring the bar into view; keepOnSuccess: leave the finished bar in place
   * @returns {Promise<any>} the work's result; rejects with its error (error.cancelled when cancelled)
   */
  async run(work, { label, scroll = false, keepOnSuccess = false } = {}) {
    const controller = new AbortController();
    this.controller = controller;
    const bar = new ProgressBar({ id: this.id, onCancel: () => controller.abort() });
    this.bar = bar;
    const slot = typeof this.slot === 'function' ? this.slot() : this.slot;
    slot.replaceChildren(bar.element);
    bar.indeterminate(label);
    if (scroll) {
      bar.element.scrollIntoView({ block: 'nearest' });
    }
    const jobs = [];
    const step = {
      signal: controller.signal,
      progress: (fraction, text) => bar.update(fraction, text),
      indeterminate: (text) => bar.indeterminate(text),
      follow: async (accepted, jobLabel = label) => {
        const jobId = typeof accepted === 'object' && accepted !== null ? accepted.jobId : accepted;
        const index = jobs.push(null) - 1;
        const job = await runJob(jobId, {
          signal: controller.signal,
          onProgress: (current) => {
            jobs[index] = current;
            showJobProgress(bar, { ...current, progress: meanProgress(jobs) }, jobLabel);
          },
        });
        return resultOf(job);
      },
      upload: async (start, { label: uploadLabel, waitingLabel } = {}) => {
        bar.update(0, uploadLabel);
        const handle = start(
          (loaded, total) => bar.update(loaded / total, uploadLabel),
          () => bar.indeterminate(waitingLabel),
        );
        const abort = () => handle.abort();
        if (controller.signal.aborted) {
          abort();
        }
        controller.signal.addEventListener('abort', abort);
        try {
          return await handle.promise;
        } finally {
          controller.signal.removeEventListener('abort', abort);
        }
      },
    };
    let succeeded = false;
    try {
      const result = await work(step);
      succeeded = true;
      return result;
    } catch (error) {
      if (isCancellation(error, controller.signal) && error && typeof error === 'object') {
        error.cancelled = true;
      }
      // jobs of this run still going on are of no use any more
      controller.abort();
      throw error;
    } finally {
      if (this.controller === controller) {
        this.controller = null;
        this.bar = null;
      }
      bar.finish();
      if (!(succeeded && keepOnSuccess)) {
        bar.element.remove();
      }
    }
  }
}

/**
 * The mean fraction done of the jobs followed in one run (a job without a fraction yet counts
 * as 0), or null while none has reported one: the bar is then indeterminate.
 */
function meanProgress(jobs) {
  const fractions = jobs.map((job) => (Number.isFinite(job?.progress) ? job.progress : null));
  if (!fractions.some((fraction) => fraction !== null)) {
    return null;
  }
  return fractions.reduce((sum, fraction) => sum + (fraction ?? 0), 0) / fractions.length;
}

/**
 * How a run ended, from what a panel keeps of it: "succeeded" ({ok: true, …}), "cancelled"
 * ({cancelled: true}) or "failed" ({error}); null for no outcome. The value of the result
 * boxes' data-outcome.
 */
export function outcomeName(outcome) {
  if (!outcome) {
    return null;
  }
  return outcome.cancelled ? 'cancelled' : outcome.error ? 'failed' : 'success';
}

/** What a panel keeps of a run that rejected with error: {cancelled: true} or {ok: false, error}. */
export function outcomeOf(error) {
  return error?.cancelled ? { cancelled: true } : { ok: false, error };
}

/**
 * The box a result area shows for a run that did not succeed: the cancelled note, or the
 * problem (problemBox: title, detail, rejected rows); null for a success or no outcome.
 */
export function outcomeBox(outcome, { cancelled, failedTitle }) {
  if (outcome?.cancelled) {
    return h('div', { class: 'result result--info' }, cancelled);
  }
  if (outcome?.error) {
    return problemBox(outcome.error, failedTitle);
  }
  return null;
}
