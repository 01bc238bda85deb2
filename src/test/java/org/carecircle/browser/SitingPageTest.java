package org.carecircle.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.PageTest;
import org.carecircle.testsupport.PortoAlegreFixture;
import org.carecircle.testsupport.TestNetworks;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A planner sites new ambulance stations on the Porto Alegre network with the demo's open
 * emergency stations kept, in Chromium: progress bar, numbered sites, before/after, the curve,
 * an excluded area drawn on the map, saving the sites as a scenario of planned facilities,
 * exporting and deleting it; and the errors a planner can make.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "carecircle.map.tile-url=")
class SitingPageTest extends PageTest {
  /** Few new stations on a coarse grid keep the run to seconds. */
  private static final int P = 4;

  /**
   * South of the centre, where the first new station goes without exclusions (WGS84 box:
   * west, south, east, north). Ringed through the map's click events, so no marker is hit.
   */
  private static final double[] EXCLUDED_BOX = {-51.235, -30.095, -51.195, -30.065};

  private static Long networkId;

  @Autowired DataSource dataSource;

  @BeforeEach
  void registryWithPopulationAndDemo() {
    // page tests share one application context: start from an empty registry
    TestStores.clear(dataSource);
    boolean known = networkId != null && api.get("/api/networks").json().findValues("id").stream()
        .anyMatch(id -> id.asLong() == networkId);
    if (!known) {
      networkId = TestNetworks.importPortoAlegre(api);
    }
    PortoAlegreFixture.importPopulation(api);
    Response demo = api.postJson("/api/demo/load", "");
    assertThat(demo.status()).as(demo.toString()).isEqualTo(200);
  }

  @Test
  void plannerSitesStationsSeesCurveAndSavesExportsAndDeletesScenario() throws Exception {
    openPageWithData();
    WebElement section = browser.findElement(By.id("siting-section"));
    assertThat(section.getText().toLowerCase(Locale.ROOT)).containsAnyOf("siting new stations", "急救站选址");

    // only the types present in the data are offered; emergency stations are kept open by default
    long presentTypes = distinctTypesInRegistry();
    assertThat(browser.findElements(By.cssSelector("input[name=siting-fixed-type]"))).hasSize((int) presentTypes);
    assertThat(browser.findElement(By.cssSelector("input[name=siting-fixed-type][value=emergency_station]")).isSelected()).isTrue();

    new Select(browser.findElement(By.id("siting-network"))).selectByValue(String.valueOf(networkId));
    new Select(browser.findElement(By.id("siting-model"))).selectByValue("lscp");
    assertThat(browser.findElement(By.id("siting-p")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("siting-target-share")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("siting-backup")).isDisplayed()).as("backup is MCLP's").isFalse();
    new Select(browser.findElement(By.id("siting-model"))).selectByValue("mclp");
    type("siting-p", String.valueOf(P));
    // the curve follows p until the planner sets it
    assertThat(browser.findElement(By.id("siting-curve-max")).getAttribute("value")).isEqualTo(String.valueOf(P));
    new Select(browser.findElement(By.id("siting-mode"))).selectByValue("ambulance");
    type("siting-minutes", "12");
    type("siting-spacing", "1000");

    // draw an excluded area: three corners through the map's click events, then Finish
    browser.findElement(By.id("siting-draw-excluded")).click();
    assertThat(browser.findElement(By.id("siting-draw-excluded")).getAttribute("aria-pressed")).isEqualTo("true");
    clickMap(EXCLUDED_BOX[0], EXCLUDED_BOX[1]);
    clickMap(EXCLUDED_BOX[2], EXCLUDED_BOX[1]);
    clickMap(EXCLUDED_BOX[2], EXCLUDED_BOX[3]);
    clickMap(EXCLUDED_BOX[0], EXCLUDED_BOX[3]);
    browser.findElement(By.id("siting-draw-finish")).click();
    assertThat(bodyData("sitingExcludedAreas")).isEqualTo("1");
    assertThat(browser.findElements(By.cssSelector("path.siting-excluded-area"))).hasSize(1);
    @SuppressWarnings("unchecked")
    Map<String, Object> excluded = (Map<String, Object>) browser.executeScript(
        "return window.carecircle.siting.formRequest().request.candidateGrid.excludedAreas");
    assertThat(excluded).as("the request's candidateGrid.excludedAreas").isNotNull();
    assertThat(excluded.get("type")).isEqualTo("Polygon");

    // the progress bar may come and go between two polls of the test: watch for it in the page
    browser.executeScript("window.__sawSitingProgress = false; new MutationObserver(() => {"
        + " if (document.getElementById('siting-progress')) window.__sawSitingProgress = true; })"
        + ".observe(document.body, {childList: true, subtree: true});");
    browser.findElement(By.id("siting-run")).click();
    waitFor(Duration.ofSeconds(180), () -> List.of("succeeded", "failed", "cancelled").contains(bodyData("sitingState")));
    assertThat(bodyData("sitingState")).as(browser.findElement(By.id("siting-form")).getText()).isEqualTo("succeeded");
    assertThat(browser.executeScript("return window.__sawSitingProgress")).isEqualTo(true);
    assertThat(browser.findElements(By.id("siting-progress"))).isEmpty();

    // numbered sites, one per new station, ranked 1..p
    assertThat(bodyData("sitingSites")).isEqualTo(String.valueOf(P));
    List<WebElement> markers = browser.findElements(By.cssSelector(".siting-site-marker[data-rank]"));
    assertThat(markers).extracting(marker -> marker.getAttribute("data-rank")).containsExactlyInAnyOrder("1", "2", "3", "4");
    assertThat(markers).extracting(WebElement::getText).containsExactlyInAnyOrder("1", "2", "3", "4");

    // what the page shows is the stored answer
    long resultId = ((Number) browser.executeScript("return window.carecircle.siting.lastResult().resultId")).longValue();
    JsonNode stored = api.get("/api/siting/results/" + resultId).json();
    JsonNode report = stored.get("network");
    assertThat(stored.get("model").asText()).isEqualTo("mclp");
    assertThat(browser.findElement(By.id("siting-status")).getAttribute("data-status")).isEqualTo(stored.get("status").asText());
    // the excluded area took lattice points away, and no new site lies inside it
    assertThat(report.at("/candidates/excluded").asInt()).isPositive();
    for (JsonNode site : report.get("sites")) {
      boolean inside = site.get("lon").asDouble() > EXCLUDED_BOX[0] && site.get("lon").asDouble() < EXCLUDED_BOX[2]
          && site.get("lat").asDouble() > EXCLUDED_BOX[1] && site.get("lat").asDouble() < EXCLUDED_BOX[3];
      assertThat(inside).as("site %s at %s", site.get("rank"), site).isFalse();
    }
    assertThat(bodyData("sitingCandidates")).isEqualTo(String.valueOf(report.get("candidatePoints").size()));
    assertThat(browser.findElements(By.cssSelector("#layer-control span[data-layer=siting-candidates]"))).hasSize(1);
    assertThat(browser.findElements(By.cssSelector("#layer-control span[data-layer=siting-sites]"))).hasSize(1);

    // before and after side by side: adding stations never loses coverage
    double before = cellValue("siting-before-after", "coveredPopulation", "before");
    double after = cellValue("siting-before-after", "coveredPopulation", "after");
    assertThat(before).isEqualTo(report.at("/before/coveredPopulation").asDouble());
    assertThat(after).isEqualTo(report.at("/after/coveredPopulation").asDouble());
    assertThat(after).isGreaterThanOrEqualTo(before);
    assertThat(cellValue("siting-before-after", "coveredShare", "after"))
        .isGreaterThanOrEqualTo(cellValue("siting-before-after", "coveredShare", "before"));

    // the curve: one point per p = 1..p, the chosen p highlighted, guides at 90 % and 95 %
    List<WebElement> points = browser.findElements(By.cssSelector("#siting-curve circle.siting-curve-point"));
    assertThat(points).extracting(point -> point.getAttribute("data-p")).containsExactly("1", "2", "3", "4");
    assertThat(browser.findElements(By.cssSelector("#siting-curve .siting-curve-point--chosen")))
        .extracting(point -> point.getAttribute("data-p")).containsExactly(String.valueOf(P));
    for (int k = 0; k < P; k++) {
      assertThat(Double.parseDouble(points.get(k).getAttribute("data-value")))
          .isCloseTo(stored.get("curve").get(k).get("coveredShare").asDouble() * 100, org.assertj.core.data.Offset.offset(1e-9));
    }
    assertThat(browser.findElements(By.cssSelector("#siting-curve .siting-curve-guide"))).hasSize(2);
    browser.executeScript("document.getElementById('siting-result').scrollIntoView({block: 'start'})");
    screenshot("result");

    // save as a scenario of planned facilities
    int plannedBefore = browser.findElements(By.cssSelector(".facility-marker[data-status=planned]")).size();
    type("scenario-name", "Four ambulance stations, 12 min");
    browser.findElement(By.id("scenario-save")).click();
    waitFor(Duration.ofSeconds(30), () -> "saved".equals(bodyData("scenarioState")) || "failed".equals(bodyData("scenarioState")));
    assertThat(bodyData("scenarioState")).as(browser.findElement(By.id("scenario-form")).getText()).isEqualTo("saved");
    String scenarioId = bodyData("scenarioId");
    WebElement saved = browser.findElement(By.id("scenario-result"));
    assertThat(saved.getText()).contains("Four ambulance stations, 12 min");
    assertThat(browser.findElement(By.id("scenario-sites")).getAttribute("data-count")).isEqualTo(String.valueOf(P));
    assertThat(cellValue("scenario-before-after", "coveredPopulation", "before")).isEqualTo(before);
    assertThat(cellValue("scenario-before-after", "coveredPopulation", "after")).isEqualTo(after);

    String href = browser.findElement(By.id("scenario-export-geojson")).getAttribute("href");
    assertThat(href).endsWith("/api/scenarios/" + scenarioId + "/export?format=geojson");
    Response export = api.get(href.substring(href.indexOf("/api/")));
    assertThat(export.status()).as(export.toString()).isEqualTo(200);
    JsonNode features = export.json().get("features");
    assertThat(features).hasSize(P);
    features.forEach(feature -> assertThat(feature.at("/properties/status").asText()).isEqualTo("planned"));
    assertThat(browser.findElement(By.id("scenario-export-csv")).getAttribute("href")).endsWith("format=csv");
    assertThat(browser.findElement(By.id("scenario-export-gpkg")).getAttribute("href")).endsWith("format=gpkg");

    // the new planned facilities appear on the map, and the scenario in the list
    waitFor(Duration.ofSeconds(20), () -> browser.findElements(By.cssSelector(".facility-marker[data-status=planned]")).size()
        == plannedBefore + P);
    for (JsonNode feature : features) {
      assertThat(browser.findElements(By.cssSelector(".facility-marker[data-facility-id='" + feature.get("id").asText() + "']")))
          .hasSize(1);
    }
    waitFor(Duration.ofSeconds(10), () -> "1".equals(bodyData("scenariosLoaded")));
    assertThat(browser.findElements(By.cssSelector("#scenario-list li[data-scenario-id='" + scenarioId + "']"))).hasSize(1);

    browser.executeScript("document.getElementById('scenario-result').scrollIntoView({block: 'start'})");
    screenshot("saved");

    // the same name again is refused at the name field
    browser.findElement(By.id("scenario-save")).click();
    waitFor(Duration.ofSeconds(20), () -> "failed".equals(bodyData("scenarioState")));
    assertThat(browser.findElement(By.cssSelector("#scenario-form [data-error-for=name]")).getText()).contains("exists already");
    assertThat(browser.findElement(By.id("scenario-name")).getAttribute("aria-invalid")).isEqualTo("true");

    // deleting the scenario (after confirming) removes its planned facilities
    browser.findElement(By.cssSelector("#scenario-list li[data-scenario-id='" + scenarioId + "'] [data-action=delete]")).click();
    waitVisible(By.id("confirm-ok")).click();
    waitFor(Duration.ofSeconds(20), () -> "0".equals(bodyData("scenariosLoaded")));
    waitFor(Duration.ofSeconds(20), () -> browser.findElements(By.cssSelector(".facility-marker[data-status=planned]")).size()
        == plannedBefore);
    assertThat(api.get("/api/scenarios").json()).isEmpty();
    assertThat(browser.findElements(By.cssSelector("#scenario-result [data-scenario-id]"))).isEmpty();
  }

  @Test
  void candidatesImportedIntoTheRegistryCanBeTheSitesToChooseFrom() {
    // three candidate sites a planner imported; the grid fields give way to them
    PortoAlegreFixture.importCandidateSites(api);
    openPageWithData();
    new Select(browser.findElement(By.id("siting-network"))).selectByValue(String.valueOf(networkId));
    new Select(browser.findElement(By.id("siting-model"))).selectByValue("mclp");
    type("siting-p", "2");
    type("siting-minutes", "8");
    assertThat(browser.findElement(By.id("siting-spacing")).isDisplayed()).isTrue();
    new Select(browser.findElement(By.id("siting-candidate-source"))).selectByValue("facilities");
    assertThat(browser.findElement(By.id("siting-spacing")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("siting-draw-excluded")).isDisplayed()).isFalse();
    // backup coverage is MCLP's second objective: offered for it, sent when ticked
    browser.findElement(By.id("siting-backup")).click();
    assertThat(browser.executeScript("return window.carecircle.siting.formRequest().request.backup")).isEqualTo(true);
    browser.findElement(By.id("siting-run")).click();
    waitFor(Duration.ofSeconds(120), () -> List.of("succeeded", "failed", "cancelled").contains(bodyData("sitingState")));
    assertThat(bodyData("sitingState")).as(browser.findElement(By.id("siting-form")).getText()).isEqualTo("succeeded");
    assertThat(bodyData("sitingSites")).isEqualTo("2");
    assertThat(browser.findElement(By.id("siting-backup-covered")).getText()).containsAnyOf("two or more", "两个及以上");
    long resultId = ((Number) browser.executeScript("return window.carecircle.siting.lastResult().resultId")).longValue();
    JsonNode report = api.get("/api/siting/results/" + resultId).json().get("network");
    assertThat(report.at("/candidates/source").asText()).isEqualTo("facilities");
    // the imported three and the demo's own candidates: every registry facility with that status
    int candidates = api.get("/api/facilities?status=candidate").json().get("features").size();
    assertThat(candidates).isGreaterThanOrEqualTo(3);
    assertThat(report.at("/candidates/used").asInt()).isEqualTo(candidates);
    for (JsonNode site : report.get("sites")) {
      assertThat(site.get("facilityId").isIntegralNumber()).as(site.toString()).isTrue();
    }
  }

  @Test
  void mistakesAreShownAtTheirFieldsAndARunCanBeCancelled() {
    openPageWithData();
    new Select(browser.findElement(By.id("siting-network"))).selectByValue(String.valueOf(networkId));

    // checked in the browser: no request is sent
    type("siting-p", "0");
    browser.findElement(By.id("siting-run")).click();
    assertThat(browser.findElement(By.cssSelector("#siting-form [data-error-for=p]")).getText()).isNotBlank();
    assertThat(browser.findElement(By.id("siting-p")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(bodyData("sitingState")).isNull();

    // checked by the server: the turnout takes the whole standard
    type("siting-p", "2");
    type("siting-minutes", "12");
    type("siting-turnout", "12");
    browser.findElement(By.id("siting-run")).click();
    waitFor(Duration.ofSeconds(30), () -> "failed".equals(bodyData("sitingState")));
    assertThat(bodyData("sitingError")).isEqualTo("422");
    assertThat(browser.findElement(By.cssSelector("#siting-form [data-error-for=p]")).getText()).isEmpty();
    WebElement turnoutError = browser.findElement(By.cssSelector("#siting-form [data-error-for=turnoutMinutes]"));
    assertThat(turnoutError.getText()).contains("turnoutMinutes").contains("less than the smallest of minutes");
    assertThat(browser.findElement(By.id("siting-turnout")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.findElements(By.cssSelector(".siting-site-marker"))).isEmpty();

    // a spacing the server refuses lands at the spacing field
    type("siting-turnout", "1");
    type("siting-spacing", "50");
    browser.findElement(By.id("siting-run")).click();
    waitFor(Duration.ofSeconds(30), () -> browser.findElement(
        By.cssSelector("#siting-form [data-error-for='candidateGrid.spacingMeters']")).getText().contains("spacing"));
    assertThat(browser.findElement(By.cssSelector("#siting-form [data-error-for=turnoutMinutes]")).getText()).isEmpty();

    // a long run (fine grid, many stations, exact solver) is cancelled from the progress bar
    type("siting-spacing", "300");
    type("siting-p", "18");
    new Select(browser.findElement(By.id("siting-solver"))).selectByValue("exact");
    browser.findElement(By.id("siting-run")).click();
    waitVisible(By.id("siting-progress-cancel")).click();
    waitFor(Duration.ofSeconds(30), () -> !"running".equals(bodyData("sitingState")));
    assertThat(bodyData("sitingState")).isEqualTo("cancelled");
    assertThat(browser.findElement(By.id("siting-result")).getAttribute("data-outcome")).isEqualTo("cancelled");
    assertThat(browser.findElements(By.cssSelector(".siting-site-marker"))).isEmpty();
  }

  private void openPageWithData() {
    openPage();
    waitForFacilitiesLoaded(api.get("/api/facilities").json().get("features").size());
    // page tests share one application context, so earlier tests may have imported networks too
    String networkCount = String.valueOf(api.get("/api/networks").json().size());
    waitFor(Duration.ofSeconds(10), () -> networkCount.equals(bodyData("networksLoaded")));
    browser.executeScript("document.getElementById('siting-section').scrollIntoView({block: 'start'})");
  }

  private long distinctTypesInRegistry() {
    List<String> types = new ArrayList<>();
    api.get("/api/facilities").json().get("features").forEach(f -> types.add(f.at("/properties/type").asText()));
    return types.stream().distinct().count();
  }

  private void type(String id, String text) {
    WebElement input = browser.findElement(By.id(id));
    browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", input);
    input.clear();
    input.sendKeys(text);
  }

  /** A click on the map at a position, as Leaflet reports it (a real click could land on a marker). */
  private void clickMap(double lon, double lat) {
    browser.executeScript("window.carecircle.map.fire('click', {latlng: L.latLng(arguments[1], arguments[0])})", lon, lat);
  }

  private double cellValue(String tableId, String measure, String when) {
    String value = browser.findElement(By.cssSelector("#" + tableId + " tr[data-measure=" + measure + "] td[data-when=" + when + "]"))
        .getAttribute("data-value");
    assertThat(value).as("%s %s %s", tableId, measure, when).isNotBlank();
    return Double.parseDouble(value);
  }

  private void screenshot(String name) throws Exception {
    Path shots = Path.of("target", "screenshots");
    Files.createDirectories(shots);
    Files.write(shots.resolve("SitingPageTest-" + name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }
}
