package org.carecircle.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.PageTest;
import org.carecircle.testsupport.SharedGeodata;
import org.carecircle.testsupport.TestNetworks;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;

/** Access gaps on the Porto Alegre network: canvas surface, gap polygons, district choropleth, in Chromium. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "carecircle.map.tile-url=")
class AccessibilityPageTest extends PageTest {
  @org.springframework.beans.factory.annotation.Autowired javax.sql.DataSource dataSource;


  /** Central Porto Alegre split in a west and an east half. */
  private static final String DISTRICTS = "{\"type\":\"FeatureCollection\",\"features\":["
      + district("Centro Oeste", "W", -51.24, -51.19) + "," + district("Centro Leste", "E", -51.19, -51.14) + "]}";

  private static String district(String name, String code, double west, double east) {
    return district(name, code, west, east, -30.11, -29.99);
  }

  private static String district(String name, String code, double west, double east, double south, double north) {
    return "{\"type\":\"Feature\",\"properties\":{\"name\":\"" + name + "\",\"code\":\"" + code + "\"},"
        + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[" + west + "," + south + "],[" + east + "," + south
        + "],[" + east + "," + north + "],[" + west + "," + north + "],[" + west + "," + south + "]]]}}";
  }

  @Test
  void driveAccessDrawsSurfaceGapsAndDistrictIndicators() {
    // page tests share one application context: start from an empty registry
    org.carecircle.testsupport.TestStores.clear(dataSource);
    long networkId = TestNetworks.importPortoAlegre(api);
    Response population = api.upload("/api/population/import", SharedGeodata.file("porto-alegre/poa_hexgrid.csv"));
    assertThat(population.status()).as(population.toString()).isEqualTo(200);
    api.delete("/api/districts");
    Response districts = api.upload("/api/districts/import", "central-porto-alegre.geojson",
        DISTRICTS.getBytes(StandardCharsets.UTF_8));
    assertThat(districts.status()).as(districts.toString()).isEqualTo(200);
    api.postJson("/api/demo/load", "");

    openPage();
    waitFor(Duration.ofSeconds(20), () -> bodyData("facilitiesLoaded") != null);
    // page tests share one application context, so earlier tests may have imported networks too
    String networkCount = String.valueOf(api.get("/api/networks").json().size());
    waitFor(Duration.ofSeconds(10), () -> networkCount.equals(bodyData("networksLoaded")));
    WebElement section = browser.findElement(By.id("access-section"));
    assertThat(section.getText().toLowerCase(java.util.Locale.ROOT)).containsAnyOf("access gaps", "服务缺口");

    new Select(browser.findElement(By.id("access-network"))).selectByValue(String.valueOf(networkId));
    new Select(browser.findElement(By.id("access-mode"))).selectByValue("drive");
    WebElement minutes = browser.findElement(By.id("access-minutes"));
    minutes.clear();
    minutes.sendKeys("15");
    assertThat(browser.findElements(By.cssSelector("input[name=access-type]:checked"))).isNotEmpty();
    browser.findElement(By.id("access-run")).click();
    waitFor(Duration.ofSeconds(120), () -> "succeeded".equals(bodyData("accessState"))
        || "failed".equals(bodyData("accessState")));
    assertThat(bodyData("accessState")).as(browser.findElement(By.id("access-result")).getText()).isEqualTo("succeeded");

    assertThat(Integer.parseInt(bodyData("accessCells"))).isGreaterThan(1000);
    assertThat(browser.findElements(By.cssSelector("canvas.access-surface"))).hasSize(1);
    assertThat(browser.findElements(By.cssSelector("#access-legend .access-legend-item"))).hasSizeGreaterThan(3);
    assertThat(browser.findElement(By.id("access-summary")).getText()).contains("15");
    // driving 15 minutes from the demo hospitals leaves the outskirts of the city uncovered
    assertThat(Integer.parseInt(bodyData("gapPolygons"))).isGreaterThanOrEqualTo(1);
    assertThat(browser.findElements(By.cssSelector("path.gap-polygon"))).isNotEmpty();
    assertThat(browser.findElement(By.id("access-gaps-export")).getAttribute("href")).contains("/gaps/export?minutes=15");

    waitFor(Duration.ofSeconds(20), () -> "2".equals(bodyData("choroplethDistricts")));
    List<WebElement> paths = browser.findElements(By.cssSelector("path.choropleth-district"));
    assertThat(paths).hasSize(2);
    assertThat(browser.findElements(By.cssSelector("#choropleth-legend .choropleth-legend-item"))).isNotEmpty();
    assertThat(browser.findElement(By.id("choropleth-export")).getAttribute("href")).contains("format=csv");
    new Select(browser.findElement(By.id("choropleth-indicator"))).selectByValue("bedsPer1000");

    // the district paths lie under the gap polygons: click through the path's own event
    browser.executeScript("const r = arguments[0].getBoundingClientRect();"
        + "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true,"
        + " clientX: r.left + r.width / 2, clientY: r.top + r.height / 2}));", paths.get(0));
    WebElement card = waitVisible(By.cssSelector(".district-card"));
    assertThat(card.getText()).containsAnyOf("Centro Oeste", "Centro Leste");

    try {
      changeTargetsOnThePage();
    } finally {
      // the targets are stored: leave them as in the file for the other tests
      for (String target : List.of("community-health-walk", "emergency-drive", "tertiary-hospital", "beds-per-1000",
          "physicians-per-1000")) {
        api.delete("/api/standards/qingdao-2024/targets/" + target);
      }
    }

    // a district added on the page (Population and districts): the result says it was computed on
    // the old data, and the district indicators are loaded again with the new district
    java.nio.file.Path north;
    try {
      north = java.nio.file.Files.createTempFile("north-porto-alegre", ".geojson");
      north.toFile().deleteOnExit();
      java.nio.file.Files.writeString(north, "{\"type\":\"FeatureCollection\",\"features\":["
          + district("Norte", "N", -51.24, -51.14, -29.99, -29.95) + "]}");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    browser.executeScript("document.getElementById('area-section').scrollIntoView()");
    browser.findElement(By.id("district-import-file")).sendKeys(north.toString());
    browser.findElement(By.id("district-import-submit")).click();
    waitFor(Duration.ofSeconds(30), () -> "success".equals(
        browser.findElement(By.id("district-import-result")).getAttribute("data-outcome")));
    assertThat(waitVisible(By.id("access-stale")).getText()).contains("run it again");
    waitFor(Duration.ofSeconds(20), () -> "3".equals(bodyData("choroplethDistricts")));
  }

  /**
   * The travel-time surface with 120,000 cells (a 400 × 300 grid of about 50 m over Porto Alegre,
   * minutes 0-69 and every 97th cell unreachable), made in the page, no server run: every cell is
   * drawn, and a redraw (what every pan and zoom costs) stays well under a second. Prints the
   * figures: the first display (bucketing, fit, draw) and the median of 15 redraws, each measured
   * to the next animation frame so that the canvas is painted, not just recorded.
   */
  @Test
  void aSurfaceOf120000CellsIsDrawnWhole() {
    openPage();
    waitFor(Duration.ofSeconds(20), () -> bodyData("facilitiesLoaded") != null);
    @SuppressWarnings("unchecked")
    List<Object> figures = (List<Object>) browser.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        const columns = 400, rows = 300, n = columns * rows;
        const lon = new Array(n), lat = new Array(n), minutes = new Array(n), population = new Array(n);
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < columns; c++) {
            const i = r * columns + c;
            lon[i] = -51.25 + c * 0.00052;
            lat[i] = -30.12 + r * 0.00045;
            minutes[i] = i % 97 === 0 ? null : (r + c) % 70;
            population[i] = 10;
          }
        }
        const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
        (async () => {
          const access = window.carecircle.access;
          const t0 = performance.now();
          const drawn = access.showSurface({ lon, lat, minutes, population });
          await painted();
          const first = performance.now() - t0;
          const redraws = [];
          for (let k = 0; k < 15; k++) {
            const t = performance.now();
            access.redrawSurface();
            await painted();
            redraws.push(performance.now() - t);
          }
          redraws.sort((a, b) => a - b);
          done([n, drawn, first, redraws[7], redraws[14]]);
        })().catch((error) => done(['error', String(error)]));
        """);
    assertThat(figures.get(0)).as(figures.toString()).isNotEqualTo("error");
    long cells = ((Number) figures.get(0)).longValue();
    long drawn = ((Number) figures.get(1)).longValue();
    double firstMillis = ((Number) figures.get(2)).doubleValue();
    double medianRedrawMillis = ((Number) figures.get(3)).doubleValue();
    double slowestRedrawMillis = ((Number) figures.get(4)).doubleValue();
    System.out.printf(java.util.Locale.ROOT, "Surface of %,d cells in headless Chromium: %,d drawn; first display %.0f ms,"
        + " redraw median %.1f ms, slowest %.1f ms (of 15)%n", cells, drawn, firstMillis, medianRedrawMillis,
        slowestRedrawMillis);
    assertThat(drawn).isEqualTo(cells);
    assertThat(Integer.parseInt(bodyData("accessCells"))).isEqualTo(120_000);
    assertThat(medianRedrawMillis).isLessThan(1000);
  }

  /**
   * With the district card open and the map coloured by "beds per 1,000 target met": a pass mark of
   * 0 beds is met by both districts (each has residents), one of a million beds by neither; the
   * card and the legend follow each change, reset goes back to the file's 7.5.
   */
  private void changeTargetsOnThePage() {
    assertThat(new Select(browser.findElement(By.id("standard-select"))).getFirstSelectedOption().getAttribute("value"))
        .isEqualTo("qingdao-2024");
    new Select(browser.findElement(By.id("choropleth-indicator"))).selectByValue("pass:beds-per-1000");

    saveTarget("beds-per-1000", "0", null);
    assertThat(cardVerdict("beds-per-1000")).isEqualTo("pass");
    assertThat(legendCount("pass")).isEqualTo(2);
    assertThat(api.get("/api/standards/qingdao-2024").json().toString()).contains("\"value\":0.0");

    saveTarget("beds-per-1000", "1000000", null);
    assertThat(cardVerdict("beds-per-1000")).isEqualTo("fail");
    assertThat(legendCount("fail")).isEqualTo(2);
    assertThat(legendCount("pass")).isZero();
    assertThat(targetRow("beds-per-1000").getAttribute("data-changed")).isEqualTo("true");

    // an access target: its pass mark in per cent, and its minutes
    saveTarget("community-health-walk", "0", "30");
    assertThat(cardVerdict("community-health-walk")).isEqualTo("pass");
    assertThat(targetRow("community-health-walk").findElement(By.name("target-minutes")).getAttribute("value"))
        .isEqualTo("30");

    // a bad value: the server's problem is shown, nothing changes
    WebElement value = targetRow("beds-per-1000").findElement(By.name("target-value"));
    value.clear();
    value.sendKeys("-1");
    targetRow("beds-per-1000").findElement(By.cssSelector(".target-save")).click();
    waitFor(Duration.ofSeconds(10), () -> "failed".equals(bodyData("targetState")));
    assertThat(browser.findElement(By.id("target-error")).getText()).contains("value");

    String loads = bodyData("choroplethLoads");
    targetRow("beds-per-1000").findElement(By.cssSelector(".target-reset")).click();
    waitFor(Duration.ofSeconds(60), () -> !loads.equals(bodyData("choroplethLoads")));
    assertThat(targetRow("beds-per-1000").getAttribute("data-changed")).isEqualTo("false");
    assertThat(targetRow("beds-per-1000").findElement(By.name("target-value")).getAttribute("value")).isEqualTo("7.5");
    assertThat(browser.findElement(By.cssSelector("#choropleth-legend .field-hint")).getText()).contains("7.5");
  }

  private WebElement targetRow(String target) {
    return browser.findElement(By.cssSelector("#target-table tr[data-target='" + target + "']"));
  }

  /** Types the values into the target's row, saves, and waits for the indicators to be loaded again. */
  private void saveTarget(String target, String shownValue, String minutes) {
    String loads = bodyData("choroplethLoads");
    WebElement value = targetRow(target).findElement(By.name("target-value"));
    value.clear();
    value.sendKeys(shownValue);
    if (minutes != null) {
      WebElement minutesInput = targetRow(target).findElement(By.name("target-minutes"));
      minutesInput.clear();
      minutesInput.sendKeys(minutes);
    }
    targetRow(target).findElement(By.cssSelector(".target-save")).click();
    waitFor(Duration.ofSeconds(60), () -> !java.util.Objects.equals(loads, bodyData("choroplethLoads")));
    assertThat(bodyData("targetState")).isEqualTo("saved");
  }

  private String cardVerdict(String target) {
    return browser.findElement(By.cssSelector(".district-card li[data-target='" + target + "']")).getAttribute("data-pass");
  }

  private int legendCount(String verdict) {
    String text = browser.findElement(By.cssSelector("#choropleth-legend .choropleth-legend-item[data-verdict='"
        + verdict + "']")).getText();
    return Integer.parseInt(text.replaceAll(".*:\\s*", "").trim());
  }
}
