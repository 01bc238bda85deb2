package org.carecircle.bench.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.carecircle.testsupport.ApiClient;
import org.carecircle.testsupport.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A planner sets up a metropolitan city through the map page alone and uses every panel (a
 * scale run, not a test): in headless Chromium against the real application (embedded store), the
 * fixture's road network, facilities, population raster and districts are imported with the
 * page's own forms, then coverage zones, accessibility with the district choropleth, the district
 * indicators and network siting are run from their panels. Each step's wall time (click to
 * answer on the page) goes to the results file as {@code page_*}, its outcome in the note, and a
 * screenshot of the page after it to the screenshot folder. A step that fails is recorded with
 * its error and the page's own message; the run goes on.
 *
 * <pre>
 * java -cp ... org.carecircle.bench.scale.ScalePageRun FIXTURE_FOLDER SIZE_LABEL RESULTS.tsv SCREENSHOTS
 * </pre>
 */
public final class ScalePageRun {
  private final Path fixture;
  private final String size;
  private final Path results;
  private final Path screenshots;
  private ChromeDriver browser;
  private ApiClient api;
  private long networkId = -1;
  private int shot;
  private final List<String> failures = new ArrayList<>();

  private ScalePageRun(Path fixture, String size, Path results, Path screenshots) {
    this.fixture = fixture.toAbsolutePath();
    this.size = size;
    this.results = results;
    this.screenshots = screenshots;
  }

  public static void main(String[] args) throws Exception {
    ScalePageRun run = new ScalePageRun(Path.of(args[0]), args[1], Path.of(args[2]), Path.of(args[3]));
    int status;
    try (ScaleApp app = ScaleApp.start()) {
      status = run.run(app);
    }
    System.exit(status);
  }

  private int run(ScaleApp app) throws IOException {
    Files.createDirectories(screenshots);
    api = ScaleBench.tokenClient(app.port());
    browser = Browser.start();
    try {
      Browser.signIn(browser, "http://127.0.0.1:" + app.port(), "admin", app.adminPassword());
      waitFor(60, () -> "true".equals(bodyData("appReady")));
      step("page_network_import", this::importNetwork);
      if (networkId < 0) {
        return 1;
      }
      step("page_facility_import", this::importFacilities);
      step("page_population_import", this::importPopulation);
      step("page_district_import", this::importDistricts);
      step("page_coverage_zones", this::coverageZones);
      step("page_accessibility", this::accessibility);
      step("page_district_indicators", this::districtIndicators);
      step("page_siting", this::siting);
    } finally {
      browser.quit();
    }
    System.out.println(failures.isEmpty() ? "every panel worked" : "failed: " + failures);
    return failures.isEmpty() ? 0 : 1;
  }

  private interface Step {
    String run() throws Exception;
  }

  private void step(String name, Step step) {
    long started = System.nanoTime();
    String note;
    try {
      note = step.run();
    } catch (Throwable e) {
      failures.add(name);
      note = "FAILED: " + (e.getClass().getSimpleName() + ": " + e.getMessage()).replaceAll("\\s+", " ");
      note = note.substring(0, Math.min(400, note.length()));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    screenshot(name);
    record(name, seconds, note);
  }

  private String importNetwork() {
    browser.findElement(By.id("network-import-file")).sendKeys(fixture.resolve(MetroFixture.NETWORK_FILE).toString());
    WebElement name = browser.findElement(By.id("network-import-name"));
    name.clear();
    name.sendKeys("metro " + size);
    browser.findElement(By.id("network-import-submit")).click();
    waitFor(1800, () -> "1".equals(bodyData("networksLoaded")) || !text("network-import-error").isBlank());
    if (!text("network-import-error").isBlank()) {
      throw new IllegalStateException(text("network-import-error"));
    }
    networkId = api.get("/api/networks").json().get(0).get("id").asLong();
    return text("network-list");
  }

  private String importFacilities() {
    browser.findElement(By.id("import-button")).click();
    waitFor(15, () -> browser.findElement(By.id("import-submit")).isDisplayed());
    browser.findElement(By.id("import-file")).sendKeys(fixture.resolve(MetroFixture.FACILITIES_FILE).toString());
    browser.findElement(By.id("import-submit")).click();
    waitFor(300, () -> "2000".equals(bodyData("facilitiesLoaded")) || browser.findElement(By.id("import-form-error"))
        .isDisplayed());
    String answer = "facilities on the map: " + bodyData("facilitiesLoaded");
    if (browser.findElements(By.id("import-close")).size() == 1 && browser.findElement(By.id("import-close")).isDisplayed()) {
      browser.findElement(By.id("import-close")).click();
    }
    require("2000".equals(bodyData("facilitiesLoaded")), answer);
    return answer;
  }

  private String importPopulation() {
    browser.findElement(By.id("population-import-file")).sendKeys(fixture.resolve(MetroFixture.POPULATION_FILE).toString());
    browser.findElement(By.id("population-import-submit")).click();
    return awaitImport("population");
  }

  private String importDistricts() {
    browser.findElement(By.id("district-import-file")).sendKeys(fixture.resolve(MetroFixture.DISTRICTS_FILE).toString());
    browser.findElement(By.id("district-import-submit")).click();
    return awaitImport("district");
  }

  /** Waits for the "Population and districts" section's result box of {@code prefix}, then its summary. */
  private String awaitImport(String prefix) {
    waitFor(1800, () -> isOneOf(browser.findElement(By.id(prefix + "-import-result")).getAttribute("data-outcome"),
        "success", "failed", "cancelled"));
    String result = text(prefix + "-import-result");
    require("success".equals(browser.findElement(By.id(prefix + "-import-result")).getAttribute("data-outcome")), result);
    return result + "; " + text(prefix + "-summary");
  }

  /** 15-minute drive zones of the 90 existing emergency stations, each its own zone. */
  private String coverageZones() {
    new Select(browser.findElement(By.id("coverage-network"))).selectByValue(String.valueOf(networkId));
    new Select(browser.findElement(By.id("coverage-mode"))).selectByValue("drive");
    for (WebElement type : browser.findElements(By.cssSelector("input[name=coverage-type]"))) {
      if (type.isSelected() != "emergency_station".equals(type.getAttribute("value"))) {
        type.click();
      }
    }
    browser.findElement(By.id("coverage-run")).click();
    waitFor(1800, () -> isOneOf(bodyData("coverageState"), "succeeded", "failed", "cancelled"));
    require("succeeded".equals(bodyData("coverageState")), text("coverage-result"));
    int zones = browser.findElements(By.cssSelector("path.coverage-zone")).size();
    require(zones > 0, "no zone drawn");
    return "zones drawn: " + zones + "; " + text("coverage-summary");
  }

  private String accessibility() {
    new Select(browser.findElement(By.id("access-network"))).selectByValue(String.valueOf(networkId));
    new Select(browser.findElement(By.id("access-mode"))).selectByValue("drive");
    WebElement minutes = browser.findElement(By.id("access-minutes"));
    minutes.clear();
    minutes.sendKeys("15");
    browser.findElement(By.id("access-run")).click();
    waitFor(1800, () -> isOneOf(bodyData("accessState"), "succeeded", "failed", "cancelled"));
    require("succeeded".equals(bodyData("accessState")), text("access-result"));
    require(browser.findElements(By.cssSelector("canvas.access-surface")).size() == 1, "no accessibility surface");
    return "cells drawn: " + bodyData("accessCells") + ", gap polygons: " + bodyData("gapPolygons") + "; "
        + text("access-summary");
  }

  /** The choropleth and the indicator table of the ten districts against qingdao-2024. */
  private String districtIndicators() {
    waitFor(600, () -> isOneOf(bodyData("choroplethState"), "loaded", "failed"));
    require("loaded".equals(bodyData("choroplethState")), "the choropleth did not load");
    int paths = browser.findElements(By.cssSelector("path.choropleth-district")).size();
    require(paths == 10, "district paths: " + paths);
    return "districts coloured: " + paths + ", standard " + bodyData("choroplethStandard");
  }

  /** 18 new ambulance stations, MCLP, 12 minutes after 3 minutes' turnout, ~5,000 candidates. */
  private String siting() {
    new Select(browser.findElement(By.id("siting-network"))).selectByValue(String.valueOf(networkId));
    new Select(browser.findElement(By.id("siting-model"))).selectByValue("mclp");
    type("siting-p", "18");
    new Select(browser.findElement(By.id("siting-mode"))).selectByValue("ambulance");
    type("siting-minutes", "12");
    type("siting-turnout", "3");
    type("siting-spacing", "1356");
    browser.findElement(By.id("siting-run")).click();
    waitFor(1800, () -> isOneOf(bodyData("sitingState"), "succeeded", "failed", "cancelled"));
    require("succeeded".equals(bodyData("sitingState")), text("siting-form"));
    return "sites: " + bodyData("sitingSites") + ", candidates: " + bodyData("sitingCandidates") + "; "
        + text("siting-status");
  }

  /** Whether {@code value} (maybe null: not set yet) is one of {@code expected}. */
  private static boolean isOneOf(String value, String... expected) {
    return value != null && List.of(expected).contains(value);
  }

  private void type(String id, String value) {
    WebElement input = browser.findElement(By.id(id));
    input.clear();
    input.sendKeys(value);
  }

  private String text(String id) {
    List<WebElement> found = browser.findElements(By.id(id));
    return found.isEmpty() ? "" : found.get(0).getText().replaceAll("\\s+", " ").trim();
  }

  private String bodyData(String key) {
    Object value = browser.executeScript("return document.body.dataset[arguments[0]] || null", key);
    return value == null ? null : value.toString();
  }

  private void waitFor(long seconds, java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser, Duration.ofSeconds(seconds)).pollingEvery(Duration.ofMillis(200))
        .until(driver -> condition.getAsBoolean());
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  private void screenshot(String name) {
    try {
      Files.write(screenshots.resolve(String.format(Locale.ROOT, "%s-%02d-%s.png", size.replace('@', '-'), ++shot,
          name)), browser.getScreenshotAs(OutputType.BYTES));
    } catch (IOException | RuntimeException e) {
      System.out.println("no screenshot of " + name + ": " + e.getMessage());
    }
  }

  private void record(String measure, double seconds, String note) {
    ScaleBench.appendFigure(results, size, measure, seconds, "s", note);
  }
}
