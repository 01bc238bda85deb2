package org.carecircle.job;

import java.util.List;
import org.carecircle.error.InputProblem;

/**
 * Why a job failed, shaped like the problem+json answers of the API.
 *
 * @param title short summary ("The input was rejected; nothing was written")
 * @param detail the first problem, or what went wrong, in plain words
 * @param rejected the input problems ({row, field, message}); empty for failures that are not the
 *     input's fault
 */
public record JobError(String title, String detail, List<InputProblem> rejected) {
  public JobError {
    rejected = List.copyOf(rejected);
  }

  static JobError rejected(List<InputProblem> problems) {
    String detail = problems.size() == 1
        ? problems.get(0).describe()
        : problems.size() + " problems, first: " + problems.get(0).describe();
    return new JobError("The input was rejected; nothing was written", detail, problems);
  }

  /** The instance running the job died (killed, crashed, restarted) before the job finished. */
  static JobError interrupted() {
    return new JobError("Interrupted by a restart", JobService.INTERRUPTED_MESSAGE + ": the server running this job"
        + " stopped before it finished. Nothing was written; start it again.", List.of());
  }

  static JobError internal(String detail) {
    return new JobError("Internal error", detail, List.of());
  }
}
