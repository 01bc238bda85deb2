package org.carecircle.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.PageTest;
import org.carecircle.testsupport.PortoAlegreFixture;
import org.carecircle.testsupport.TestNetworks;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The page's one job runner (frontend/js/jobs.js, JobRunner) in two panels, in Chromium: coverage
 * zones and siting, each a POST and then a server job. In each, the bar shows the fraction the
 * server reports for the running job, and Cancel on that bar ends the job on the server as
 * cancelled, which the panel then says. The screenshots of both bars while running land in
 * target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "carecircle.map.tile-url=")
class JobRunnerPageTest extends PageTest {
  @Autowired DataSource dataSource;

  @Test
  void progressIsShownAndCancelEndsTheJobInCoverageAndInSiting() throws Exception {
    // page tests share one application context: start from an empty registry
    TestStores.clear(dataSource);
    long portoAlegre = TestNetworks.importPortoAlegre(api);
    PortoAlegreFixture.importPopulation(api);
    Response demo = api.postJson("/api/demo/load", "");
    assertThat(demo.status()).as(demo.toString()).isEqualTo(200);
    String networkCount = String.valueOf(api.get("/api/networks").json().size());

    openPage();
    browser.executeScript("window.carecircle.setLanguage('en')");
    waitFor(Duration.ofSeconds(10), () -> networkCount.equals(bodyData("networksLoaded")));

    // 1. coverage zones: every facility of the demo, driving up to three hours, one zone per facility
    // and band, keep the job drawing long enough to cancel it midway
    List<String> typeCodes = new ArrayList<>();
    api.get("/api/facility-types").json().get("types").forEach(type -> typeCodes.add("\"" + type.get("code").asText() + "\""));
    String types = String.join(",", typeCodes);
    browser.executeScript("window.__coverage = window.carecircle.coverage.compute(JSON.parse(arguments[0]))"
        + ".then(() => 'succeeded', (error) => error.cancelled ? 'cancelled' : 'failed: ' + error.message)", """
        {"networkId": %d, "facilityFilter": {"types": [%s], "statuses": ["existing", "planned", "candidate", "closed"]},
         "mode": "drive", "minutes": [30, 60, 90, 120, 150, 180], "method": "network", "turnoutMinutes": 0,
         "merge": "none"}""".formatted(portoAlegre, types));
    String coverageJob = awaitRunningJobWithProgress("coverage-zones");
    awaitBarShowsJob("coverage-progress", "Computing");
    screenshot("coverage-running");
    browser.findElement(By.id("coverage-progress-cancel")).click();

    waitFor(Duration.ofSeconds(30), () -> !"running".equals(bodyData("coverageState")));
    WebElement coverageResult = browser.findElement(By.id("coverage-result"));
    assertThat(bodyData("coverageState")).as(coverageResult.getText()).isEqualTo("cancelled");
    assertThat(coverageResult.getAttribute("data-outcome")).isEqualTo("cancelled");
    assertThat(coverageResult.getText()).contains("Computation cancelled.");
    assertThat(browser.executeAsyncScript("window.__coverage.then(arguments[0])"))
        .as("compute() rejects with a cancellation").isEqualTo("cancelled");
    assertThat(browser.findElements(By.id("coverage-progress"))).as("the bar is gone").isEmpty();
    assertThat(browser.findElements(By.cssSelector("path.coverage-zone"))).isEmpty();
    assertThat(jobState(coverageJob)).isEqualTo("cancelled");

    // 2. siting: an exact MCLP for 18 stations on a fine grid runs for many seconds
    browser.executeScript("document.getElementById('siting-section').scrollIntoView({block: 'start'})");
    new Select(browser.findElement(By.id("siting-network"))).selectByValue(String.valueOf(portoAlegre));
    type("siting-p", "18");
    type("siting-spacing", "300");
    new Select(browser.findElement(By.id("siting-solver"))).selectByValue("exact");
    browser.findElement(By.id("siting-run")).click();
    String sitingJob = awaitRunningJobWithProgress("siting");
    awaitBarShowsJob("siting-progress", "Choosing sites");
    screenshot("siting-running");
    browser.findElement(By.id("siting-progress-cancel")).click();

    waitFor(Duration.ofSeconds(30), () -> !"running".equals(bodyData("sitingState")));
    WebElement sitingResult = browser.findElement(By.id("siting-result"));
    assertThat(bodyData("sitingState")).isEqualTo("cancelled");
    assertThat(sitingResult.getAttribute("data-outcome")).isEqualTo("cancelled");
    assertThat(sitingResult.getText()).isEqualTo("Siting cancelled.");
    assertThat(browser.findElements(By.id("siting-progress"))).as("the bar is gone").isEmpty();
    assertThat(browser.findElements(By.cssSelector(".siting-site-marker"))).isEmpty();
    assertThat(jobState(sitingJob)).isEqualTo("cancelled");
  }

  /** The id of the one job of kind that is running and has reported a fraction above 0. */
  private String awaitRunningJobWithProgress(String kind) {
    String[] id = new String[1];
    new WebDriverWait(browser, Duration.ofSeconds(120), Duration.ofMillis(100)).until(driver -> {
      for (JsonNode job : api.get("/api/jobs").json()) {
        if (job.get("kind").asText().equals(kind) && job.get("state").asText().equals("running")
            && job.get("progress").asDouble() > 0) {
          id[0] = job.get("id").asText();
          return true;
        }
      }
      return false;
    });
    return id[0];
  }

  /**
   * Waits until the panel's bar shows a running job: a fraction above 0 (aria-valuenow) and a text
   * that starts with the panel's label for the job (then the server's step, when it gives one).
   */
  private void awaitBarShowsJob(String barId, String jobLabel) {
    new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(100)).until(driver -> {
      Object shown = browser.executeScript("const bar = document.querySelector('#' + arguments[0] + ' [role=progressbar]');"
          + " return bar ? [bar.getAttribute('aria-valuenow'), bar.getAttribute('aria-valuetext')] : null;", barId);
      if (!(shown instanceof java.util.List<?> values) || values.get(0) == null || values.get(1) == null) {
        return false;
      }
      return Integer.parseInt(values.get(0).toString()) > 0 && values.get(1).toString().startsWith(jobLabel);
    });
    WebElement cancel = browser.findElement(By.id(barId + "-cancel"));
    assertThat(cancel.isDisplayed()).as("Cancel on the bar").isTrue();
  }

  private String jobState(String jobId) {
    return TestNetworks.awaitJob(api, jobId).get("state").asText();
  }

  private void type(String id, String text) {
    WebElement input = browser.findElement(By.id(id));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", input);
    input.clear();
    input.sendKeys(text);
  }

  private void screenshot(String name) throws Exception {
    Path shots = Files.createDirectories(Path.of("target", "screenshots"));
    Files.write(shots.resolve("JobRunnerPageTest-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }
}
