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
    double south = -30.11;
    double north = -29.99;
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
  }
}
