package org.carecircle.siting;

import org.carecircle.siting.solver.SitingModel;
import org.carecircle.siting.solver.SitingOptions;
import org.carecircle.siting.solver.SitingSolver;
import org.carecircle.siting.solver.SolverKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.carecircle.job.JobCancelledException;
import org.carecircle.job.JobContext;
import org.carecircle.testsupport.OrLibPMedian;
import org.carecircle.testsupport.SharedGeodata;
import org.junit.jupiter.api.Test;

/**
 * A cancel request stops a siting run in the heuristic's loops and inside OR-Tools. pmed16
 * (400 nodes, p = 5) is the instance the exact solver spends longest on (~20 s on 2 cores).
 */
class SitingCancellationTest {

  /** Asks for cancellation once {@code afterSeconds} have passed since it was made. */
  private static final class CancelLater implements JobContext {
    final long started = System.nanoTime();
    final double afterSeconds;
    int progressReports;

    CancelLater(double afterSeconds) {
      this.afterSeconds = afterSeconds;
    }

    @Override
    public void progress(double fraction0to1, String message) {
      progressReports++;
    }

    @Override
    public void checkCancelled() {
      if (elapsed() > afterSeconds) {
        throw new JobCancelledException();
      }
    }

    @Override
    public void commit() {}

    double elapsed() {
      return (System.nanoTime() - started) / 1e9;
    }
  }

  @Test
  void theExactSolverStopsSoonAfterACancelRequest() {
    OrLibPMedian pmed16 = OrLibPMedian.read(SharedGeodata.root().resolve("benchmarks/orlib-pmedian"), "pmed16");
    CancelLater context = new CancelLater(2.0);
    assertThatThrownBy(() -> new SitingSolver(context).run(pmed16.problem(),
        SitingOptions.of(SitingModel.PMEDIAN, pmed16.p(), SolverKind.EXACT).withTimeLimitSeconds(120)))
        .isInstanceOf(JobCancelledException.class);
    // cancelled at 2 s; the solver polls every 0.1 s and SCIP stops at its next check
    assertThat(context.elapsed()).isLessThan(6);
    assertThat(context.progressReports).isPositive();
  }

  @Test
  void theHeuristicStopsAtOnce() {
    OrLibPMedian pmed16 = OrLibPMedian.read(SharedGeodata.root().resolve("benchmarks/orlib-pmedian"), "pmed16");
    CancelLater context = new CancelLater(0);
    assertThatThrownBy(() -> new SitingSolver(context).run(pmed16.problem(),
        SitingOptions.of(SitingModel.PMEDIAN, pmed16.p(), SolverKind.HEURISTIC)))
        .isInstanceOf(JobCancelledException.class);
    assertThat(context.elapsed()).isLessThan(1);
  }
}
