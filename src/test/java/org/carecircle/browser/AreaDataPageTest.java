package org.carecircle.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.carecircle.testsupport.PageTest;
import org.carecircle.testsupport.SharedGeodata;
import org.carecircle.testsupport.TestUsers;
import org.carecircle.testsupport.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The "Population and districts" section in headless Chromium: a planner imports the Ahr valley
 * raster and its municipalities through the page and sees them summarised; bad files are shown
 * with their row and field; a viewer sees the data but no import.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "carecircle.map.tile-url=")
class AreaDataPageTest extends PageTest {
  /** README of the shared geodata: 23,054 pixels hold a count, summing to 191,420.4 people. */
  private static final String AHR_RASTER = "ahrtal/wpop_ahrvalley.tif";
  private static final String MUNICIPALITIES = "ahrtal/municipalities.gpkg";

  @TempDir Path folder;

  @BeforeEach
  void noPopulationNoDistricts() {
    assertThat(api.delete("/api/population").status()).isEqualTo(204);
    assertThat(api.delete("/api/districts").status()).isEqualTo(200);
  }

  private String text(String cssSelector) {
    return browser.findElement(By.cssSelector(cssSelector)).getText();
  }

  private String outcome(String resultId) {
    return browser.findElement(By.id(resultId)).getAttribute("data-outcome");
  }

  private void scrollTo(String id) {
    browser.executeScript("document.getElementById(arguments[0]).scrollIntoView({block: 'start'})", id);
  }

  /** Records every text and fill the progress bars show, to check afterwards what the planner saw. */
  private void recordProgressBars() {
    browser.executeScript("""
        window.__bars = [];
        new MutationObserver(() => {
          document.querySelectorAll('.area-import .progress').forEach((bar) => {
            const entry = bar.id + '|' + bar.querySelector('.progress-label').textContent + '|'
              + (bar.querySelector('[role=progressbar]').getAttribute('aria-valuenow') || '');
            if (window.__bars[window.__bars.length - 1] !== entry) {
              window.__bars.push(entry);
            }
          });
        }).observe(document.getElementById('area-body'), {subtree: true, childList: true, characterData: true,
          attributes: true});
        window.__areaEvents = [];
        document.addEventListener('carecircle:area-data-changed', (e) => window.__areaEvents.push(e.detail.what));
        """);
  }

  @SuppressWarnings("unchecked")
  private List<String> recorded(String name) {
    return (List<String>) browser.executeScript("return window[arguments[0]]", name);
  }

  @Test
  void aPlannerImportsPopulationAndDistrictsAndSeesThemSummarised() throws Exception {
    openPage();
    waitFor(Duration.ofSeconds(10), () -> "0/0".equals(bodyData("areaDataLoaded")));
    scrollTo("area-section");
    assertThat(text("#population-summary")).contains("No population layer yet");
    assertThat(text("#district-summary")).contains("No districts yet");
    recordProgressBars();

    // the population raster, as a job with a progress bar
    browser.findElement(By.id("population-import-file"))
        .sendKeys(SharedGeodata.file(AHR_RASTER).toAbsolutePath().toString());
    browser.findElement(By.id("population-import-submit")).click();
    waitVisible(By.id("population-import-progress-cancel"));
    // what the planner sees while it runs (the bar leaves when the import is done)
    Files.write(Files.createDirectories(Path.of("target", "screenshots"))
        .resolve("AreaDataPageTest-progressBar.png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    waitFor(Duration.ofSeconds(60), () -> "success".equals(outcome("population-import-result")));
    List<String> bars = recorded("__bars");
    assertThat(bars).as("the bar showed the upload").anySatisfy(entry ->
        assertThat(entry).startsWith("population-import-progress|Uploading wpop_ahrvalley.tif"));
    assertThat(bars).as("the bar followed the job").anySatisfy(entry ->
        assertThat(entry).startsWith("population-import-progress|Importing the population"));
    assertThat(browser.findElements(By.id("population-import-progress"))).as("removed when done").isEmpty();
    assertThat(text("#population-import-result")).contains("23,054 cells").contains("191,420 residents");
    waitFor(Duration.ofSeconds(10), () -> "23054/0".equals(bodyData("areaDataLoaded")));
    WebElement summary = browser.findElement(By.id("population-summary"));
    assertThat(summary.getAttribute("data-cells")).isEqualTo("23054");
    assertThat(summary.getText()).contains("wpop_ahrvalley.tif").contains("23,054").contains("191,420");
    assertThat(summary.findElement(By.cssSelector("[data-fact='imported-at'] dd")).getText()).isNotBlank();

    // the municipalities, answered at once
    browser.findElement(By.id("district-import-file"))
        .sendKeys(SharedGeodata.file(MUNICIPALITIES).toAbsolutePath().toString());
    browser.findElement(By.id("district-import-submit")).click();
    waitFor(Duration.ofSeconds(60), () -> "success".equals(outcome("district-import-result")));
    assertThat(text("#district-import-result")).contains("20 districts added");
    waitFor(Duration.ofSeconds(10), () -> "23054/20".equals(bodyData("areaDataLoaded")));
    assertThat(browser.findElement(By.id("district-summary")).getAttribute("data-count")).isEqualTo("20");
    List<WebElement> districts = browser.findElements(By.cssSelector("#district-summary li[data-district-id]"));
    assertThat(districts).hasSize(20);
    assertThat(text("#district-summary")).contains("20 districts").contains("Bad Neuenahr-Ahrweiler");
    // each municipality's residents, summed from the raster just imported
    assertThat(text("#district-summary")).containsPattern("Bad Neuenahr-Ahrweiler\\s*[0-9,]+ residents");
    // the panels built on population and districts were told, once per import
    assertThat(recorded("__areaEvents")).containsExactly("population", "districts");
    scrollTo("area-section");
  }

  @Test
  void badFilesAreShownWithTheirRowAndFieldAndChangeNothing() throws Exception {
    var imported = api.upload("/api/population/import", SharedGeodata.file(AHR_RASTER));
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    openPage();
    waitFor(Duration.ofSeconds(10), () -> "23054/0".equals(bodyData("areaDataLoaded")));
    scrollTo("area-section");
    recordProgressBars();

    // a population CSV whose third line holds no number: the job fails with that row and column
    Path cells = Files.writeString(folder.resolve("cells.csv"),
        "id,lon,lat,population\na,7.10,50.50,120\nb,7.11,50.51,n/a\n", StandardCharsets.UTF_8);
    browser.findElement(By.id("population-import-file")).sendKeys(cells.toString());
    browser.findElement(By.id("population-import-submit")).click();
    waitFor(Duration.ofSeconds(60), () -> "failed".equals(outcome("population-import-result")));
    String populationError = text("#population-import-result");
    assertThat(populationError).contains("nothing was written").contains("Row 3 · population · ")
        .contains("'n/a' is not a number");
    assertThat(browser.findElement(By.id("population-summary")).getAttribute("data-cells")).isEqualTo("23054");

    // a district file with a road instead of a boundary: rejected at once with its row and field
    Path roads = Files.writeString(folder.resolve("roads.geojson"), """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Ahrweg"},
          "geometry":{"type":"LineString","coordinates":[[7.1,50.5],[7.2,50.5]]}}]}""", StandardCharsets.UTF_8);
    browser.findElement(By.id("district-import-file")).sendKeys(roads.toString());
    browser.findElement(By.id("district-import-submit")).click();
    waitFor(Duration.ofSeconds(30), () -> "failed".equals(outcome("district-import-result")));
    String districtError = text("#district-import-result");
    assertThat(districtError).contains("Row 1 · geometry · ").contains("found a LineString");
    assertThat(browser.findElement(By.id("district-summary")).getAttribute("data-count")).isEqualTo("0");

    // no file chosen: said at the file input, nothing sent
    browser.executeScript("document.getElementById('district-import-file').value = ''");
    browser.findElement(By.id("district-import-submit")).click();
    assertThat(text("#district-import-error")).isEqualTo("Choose a file first");
    assertThat(recorded("__areaEvents")).isEmpty();

    // the same in Chinese
    browser.executeScript("window.carecircle.setLanguage('zh')");
    assertThat(text("#area-heading")).isEqualTo("人口与行政区");
    assertThat(text("#population-import-submit")).isEqualTo("导入人口");
    assertThat(text("#population-import-result")).contains("行 3 · population");
    browser.executeScript("window.carecircle.setLanguage('en')");
    scrollTo("population-import-result");
  }

  @Test
  void aViewerSeesThePopulationAndDistrictsButNoImport() {
    var imported = api.upload("/api/population/import", SharedGeodata.file(AHR_RASTER));
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    var districts = api.upload("/api/districts/import", SharedGeodata.file(MUNICIPALITIES));
    assertThat(districts.status()).as(districts.toString()).isEqualTo(200);
    TestUser viewer = TestUsers.create(api, "area-viewer", "viewer");
    signIn(viewer.name(), viewer.password());
    waitFor(Duration.ofSeconds(20), () -> "true".equals(bodyData("appReady")));
    assertThat(bodyData("role")).isEqualTo("viewer");
    waitFor(Duration.ofSeconds(10), () -> "23054/20".equals(bodyData("areaDataLoaded")));
    scrollTo("area-section");
    assertThat(browser.findElement(By.id("population-summary")).isDisplayed()).isTrue();
    assertThat(text("#population-summary")).contains("23,054");
    assertThat(browser.findElements(By.cssSelector("#district-summary li[data-district-id]"))).hasSize(20);
    assertThat(text("#district-summary")).contains("Bad Neuenahr-Ahrweiler").doesNotContain("null");
    for (String id : List.of("population-import-form", "district-import-form", "population-import-submit",
        "district-import-submit", "population-import-file", "district-import-file")) {
      assertThat(browser.findElement(By.id(id)).isDisplayed()).as(id).isFalse();
    }
  }
}
