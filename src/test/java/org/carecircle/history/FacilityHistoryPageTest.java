package org.carecircle.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.PageTest;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The facility popup's history and the editor's conflict handling, in headless Chromium. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "carecircle.map.tile-url=")
class FacilityHistoryPageTest extends PageTest {
  @Autowired DataSource dataSource;
  long id;

  static final String CLINIC = """
      {"type":"Feature","geometry":{"type":"Point","coordinates":[120.3826,36.0671]},
       "properties":{"name":"八大关社区卫生服务中心","type":"community_health_centre","beds":20}}""";

  @BeforeEach
  void oneFacility() {
    TestStores.clear(dataSource);
    Response created = api.postJson("/api/facilities", CLINIC);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    id = created.json().get("id").asLong();
  }

  private JsonNode stored() {
    return api.get("/api/facilities/" + id).json();
  }

  private WebElement openPopup() {
    browser.executeAsyncScript("window.carecircle.openFacility(Number(arguments[0])).then(arguments[1])", id);
    return waitVisible(By.cssSelector(".facility-popup[data-facility-id='" + id + "']"));
  }

  private WebElement editForm() {
    openPopup();
    browser.findElement(By.id("popup-edit")).click();
    return waitVisible(By.cssSelector("#facility-form[data-mode='edit']"));
  }

  private static void type(WebElement form, String field, String value) {
    WebElement input = form.findElement(By.name(field));
    input.clear();
    input.sendKeys(value);
  }

  @Test
  void editThenRestoreTheFirstVersionFromTheHistory() {
    openPage();
    waitForFacilitiesLoaded(1);
    WebElement form = editForm();
    type(form, "name", "太平角社区卫生服务中心");
    type(form, "beds", "35");
    browser.findElement(By.id("facility-save")).click();
    waitFor(Duration.ofSeconds(10), () -> stored().at("/properties/version").asLong() == 2);
    assertThat(stored().at("/properties/beds").asInt()).isEqualTo(35);

    openPopup();
    browser.findElement(By.id("popup-history")).click();
    waitVisible(By.cssSelector("#facility-history[data-loaded='true']"));
    List<WebElement> entries = browser.findElements(By.cssSelector("#facility-history-list li.history-entry"));
    assertThat(entries).extracting(e -> e.getAttribute("data-version") + " " + e.getAttribute("data-action"))
        .containsExactly("2 update", "1 create");
    WebElement edit = entries.get(0);
    assertThat(edit.getText()).contains(TestUser.NAME);
    assertThat(edit.findElement(By.cssSelector("tr[data-field='beds']")).getText()).contains("20").contains("35");
    assertThat(edit.findElement(By.cssSelector("tr[data-field='name']")).getText())
        .contains("八大关社区卫生服务中心").contains("太平角社区卫生服务中心");
    assertThat(edit.findElements(By.cssSelector(".history-restore"))).as("the current version").isEmpty();

    entries.get(1).findElement(By.cssSelector(".history-restore")).click();
    waitFor(Duration.ofSeconds(10), () -> stored().at("/properties/version").asLong() == 3);
    JsonNode restored = stored();
    assertThat(restored.at("/properties/beds").asInt()).isEqualTo(20);
    assertThat(restored.at("/properties/name").asText()).isEqualTo("八大关社区卫生服务中心");
    waitFor(Duration.ofSeconds(10), () -> browser.findElements(
        By.cssSelector("#facility-history-list li.history-entry")).size() == 3);
    assertThat(browser.findElement(By.cssSelector("#facility-history-list li.history-entry")).getAttribute("data-action"))
        .isEqualTo("restore");

    // the marker shows the restored values
    WebElement marker = browser.findElement(By.cssSelector(".facility-marker[data-facility-id='" + id + "']"));
    assertThat(marker.getAttribute("title")).isEqualTo("八大关社区卫生服务中心");
    WebElement popup = openPopup();
    assertThat(popup.findElement(By.cssSelector("tr[data-field='beds'] td")).getText()).isEqualTo("20");
    assertThat(popup.findElement(By.cssSelector(".popup-title")).getText()).isEqualTo("八大关社区卫生服务中心");
  }

  @Test
  void aSaveOverSomeoneElsesChangeShowsBothValuesAndReloads() throws Exception {
    openPage();
    waitForFacilitiesLoaded(1);
    WebElement form = editForm();
    // meanwhile another planner saves beds: 25
    Response other = api.request("PUT", "/api/facilities/" + id, CLINIC.replace("\"beds\":20", "\"beds\":25"),
        "If-Match", "\"1\"");
    assertThat(other.status()).as(other.toString()).isEqualTo(200);

    type(form, "beds", "999");
    browser.findElement(By.id("facility-save")).click();
    WebElement conflict = waitVisible(By.id("facility-conflict"));
    assertThat(conflict.getAttribute("data-stored-version")).isEqualTo("2");
    assertThat(conflict.getAttribute("data-your-version")).isEqualTo("1");
    WebElement beds = conflict.findElement(By.cssSelector("tr[data-field='beds']"));
    assertThat(beds.findElement(By.cssSelector(".conflict-yours")).getText()).isEqualTo("999");
    assertThat(beds.findElement(By.cssSelector(".conflict-stored")).getText()).isEqualTo("25");
    assertThat(conflict.findElements(By.cssSelector("tr[data-field]"))).as("only the differing fields").hasSize(1);
    assertThat(stored().at("/properties/beds").asInt()).as("nothing written").isEqualTo(25);
    Path shots = Path.of("target", "screenshots");
    Files.createDirectories(shots);
    Files.write(shots.resolve("FacilityHistoryPageTest-conflict.png"), browser.getScreenshotAs(OutputType.BYTES));

    browser.findElement(By.id("facility-conflict-reload")).click();
    waitFor(Duration.ofSeconds(5), () -> browser.findElements(By.id("facility-conflict")).isEmpty());
    WebElement reloaded = waitVisible(By.cssSelector("#facility-form[data-mode='edit']"));
    assertThat(reloaded.findElement(By.name("beds")).getAttribute("value")).isEqualTo("25");
    type(reloaded, "beds", "30");
    browser.findElement(By.id("facility-save")).click();
    waitFor(Duration.ofSeconds(10), () -> stored().at("/properties/version").asLong() == 3);
    assertThat(stored().at("/properties/beds").asInt()).isEqualTo(30);
  }
}
