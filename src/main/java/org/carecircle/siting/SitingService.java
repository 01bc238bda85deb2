package org.carecircle.siting;

import java.util.ArrayList;
import java.util.List;
import org.carecircle.job.JobService;
import org.carecircle.job.JobStatus;
import org.springframework.stereotype.Service;

/** Siting runs from requests: now, as a job (progress, cancel), or as a curve over p. */
@Service
public class SitingService {
  public static final String JOB_KIND = "siting";

  private final JobService jobs;

  public SitingService(JobService jobs) {
    this.jobs = jobs;
  }

  public SitingAnswer solve(SitingRequest request) {
    SitingRequestReader.Read read = SitingRequestReader.read(request, false);
    return SitingAnswer.of(SitingSolver.solve(read.problem(), read.options()));
  }

  /** Checks the request now (bad input answers at once), then solves it as a job. */
  public JobStatus submit(SitingRequest request) {
    SitingRequestReader.Read read = SitingRequestReader.read(request, false);
    return jobs.submit(JOB_KIND, context -> SitingAnswer.of(new SitingSolver(context).run(read.problem(),
        read.options())));
  }

  public List<SitingAnswer.CurvePoint> curve(SitingRequest request) {
    SitingRequestReader.Read read = SitingRequestReader.read(request, true);
    List<SitingResult> results = SitingCurve.compute(read.problem(), read.options(), read.maxP(), Solvers.NO_JOB);
    List<SitingAnswer.CurvePoint> points = new ArrayList<>();
    for (int k = 0; k < results.size(); k++) {
      points.add(SitingAnswer.CurvePoint.of(k + 1, results.get(k)));
    }
    return points;
  }
}
