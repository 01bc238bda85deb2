package org.carecircle.siting;

import org.carecircle.siting.solver.SitingCurve;
import org.carecircle.siting.solver.SitingSolver;
import org.carecircle.siting.solver.SolverKind;
import java.util.List;
import org.carecircle.error.InputProblem;
import org.carecircle.error.InputRejectedException;
import org.carecircle.error.NotFoundException;
import org.carecircle.job.JobContext;
import org.carecircle.job.JobService;
import org.carecircle.job.JobStatus;
import org.springframework.stereotype.Service;

/**
 * Siting runs from requests: now, as a job (progress, cancel), or as a curve over p. Network
 * problems are stored after solving ({@code resultId}), so that a scenario can be made from them.
 */
@Service
public class SitingService {
  public static final String JOB_KIND = "siting";

  private final JobService jobs;
  private final NetworkSitingPlanner planner;
  private final SitingRunRepository runs;

  public SitingService(JobService jobs, NetworkSitingPlanner planner, SitingRunRepository runs) {
    this.jobs = jobs;
    this.planner = planner;
    this.runs = runs;
  }

  public SitingAnswer solve(SitingRequest request) {
    if (request instanceof NetworkSitingRequest network) {
      return solveNetwork(planner.plan(network), JobContext.NONE);
    }
    SitingRequestReader.Read read = SitingRequestReader.read((MatrixSitingRequest) request, false);
    return matrixAnswer(read, request.choice().curveMaxP(), JobContext.NONE);
  }

  /** Checks the request now (bad input answers at once), then solves it as a job. */
  public JobStatus submit(SitingRequest request) {
    if (request instanceof NetworkSitingRequest network) {
      NetworkSiting.Input input = planner.plan(network);
      return jobs.submit(JOB_KIND, context -> solveNetwork(input, context));
    }
    SitingRequestReader.Read read = SitingRequestReader.read((MatrixSitingRequest) request, false);
    return jobs.submit(JOB_KIND, context -> matrixAnswer(read, request.choice().curveMaxP(), context));
  }

  public List<SitingAnswer.CurvePoint> curve(SitingRequest request) {
    if (request instanceof NetworkSitingRequest) {
      throw new InputRejectedException(InputProblem.ofField("networkId", "for a network problem ask"
          + " /api/siting/solve or /api/siting/jobs with curveMaxP: the curve comes with the answer, on the same"
          + " travel times"));
    }
    SitingRequestReader.Read read = SitingRequestReader.read((MatrixSitingRequest) request, true);
    return SitingAnswer.CurvePoint.all(SitingCurve.compute(read.problem(), read.options(), read.maxP(), JobContext.NONE));
  }

  /** A stored network run. */
  public SitingAnswer run(long resultId) {
    return runs.find(resultId).orElseThrow(() -> new NotFoundException("there is no siting result with id "
        + resultId));
  }

  private SitingAnswer solveNetwork(NetworkSiting.Input input, JobContext context) {
    SitingAnswer answer = NetworkSiting.run(input, context);
    context.commit();
    return answer.withResultId(runs.insert(answer));
  }

  private static SitingAnswer matrixAnswer(SitingRequestReader.Read read, Integer curveMaxP, JobContext context) {
    SitingSolver solver = new SitingSolver(curveMaxP == null ? context : context.step(0, 0.7));
    SitingAnswer answer = SitingAnswer.of(solver.run(read.problem(), read.options()));
    if (curveMaxP == null) {
      return answer;
    }
    int maxP = Math.min(curveMaxP, read.problem().openableCount());
    return answer.withCurve(SitingAnswer.CurvePoint.all(SitingCurve.compute(read.problem(),
        read.options().withSolver(SolverKind.HEURISTIC), maxP, context.step(0.7, 1))));
  }
}
