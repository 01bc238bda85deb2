package org.carecircle.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.carecircle.testsupport.PageTest;
import org.carecircle.testsupport.TestNetworks;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;

/** Coverage zones of the demo's community health centres on the Porto Alegre network, in Chromium. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "carecircle.map.tile-url=")
class CoveragePageTest extends PageTest {
  @org.springframework.beans.factory.annotation.Autowired javax.sql.DataSource dataSource;


  @Test
  void walkingZonesOfCommunityHealthCentresAppearWithLegendAndTooltip() {
    // page tests share one application context: start from an empty registry
    org.carecircle.testsupport.TestStores.clear(dataSource);
    long networkId = TestNetworks.importPortoAlegre(api);
    api.postJson("/api/demo/load", "");
    openPage();
    waitForFacilitiesLoaded(59);
    // page tests share one application context, so earlier tests may have imported networks too
    String networkCount = String.valueOf(api.get("/api/networks").json().size());
    waitFor(Duration.ofSeconds(10), () -> networkCount.equals(bodyData("networksLoaded")));
    assertThat(browser.findElements(By.cssSelector("#network-list li[data-network-id='" + networkId + "']"))).hasSize(1);

    new Select(browser.findElement(By.id("coverage-network"))).selectByValue(String.valueOf(networkId));
    new Select(browser.findElement(By.id("coverage-mode"))).selectByValue("walk");
    WebElement chc = browser.findElement(By.cssSelector("input[name=coverage-type][value=community_health_centre]"));
    if (!chc.isSelected()) {
      chc.click();
    }
    browser.findElement(By.id("coverage-run")).click();
    waitFor(Duration.ofSeconds(60), () -> "succeeded".equals(bodyData("coverageState")));

    // 10 existing community health centres x 3 default bands
    assertThat(bodyData("coverageZones")).isEqualTo("30");
    List<WebElement> legend = browser.findElements(By.cssSelector("#coverage-legend .coverage-legend-item"));
    assertThat(legend).extracting(item -> item.getAttribute("data-minutes")).containsExactlyInAnyOrder("5", "10", "15");
    List<WebElement> zones = browser.findElements(By.cssSelector("path.coverage-zone"));
    assertThat(zones).hasSize(30);

    // hovering a zone shows its minutes
    WebElement fiveMinutes = browser.findElements(By.cssSelector("path.coverage-zone[data-minutes='5']")).get(0);
    // a real pointer would land on the facility's marker at the zone's centre: hover the path itself
    browser.executeScript("const r = arguments[0].getBoundingClientRect();"
        + "arguments[0].dispatchEvent(new MouseEvent('mouseover', {bubbles: true,"
        + " clientX: r.left + r.width / 2, clientY: r.top + r.height / 2}));", fiveMinutes);
    WebElement tooltip = waitVisible(By.cssSelector(".coverage-tooltip"));
    assertThat(tooltip.getText()).contains("5");
    assertThat(browser.findElement(By.id("coverage-export")).getAttribute("href")).contains("/export");
  }
}
