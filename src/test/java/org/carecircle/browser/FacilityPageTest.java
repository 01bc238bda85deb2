package org.carecircle.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.carecircle.testsupport.PageTest;
import org.carecircle.testsupport.SharedGeodata;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The facility map page as a planner uses it, in headless Chromium. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "carecircle.map.tile-url=")
class FacilityPageTest extends PageTest {
  @Autowired DataSource dataSource;

  @BeforeEach
  void emptyStore() {
    TestStores.clear(dataSource);
  }

  private void importAndorra() {
    var response = api.upload("/api/facilities/import", SharedGeodata.file("andorra/andorra-2021-04-14.osm.pbf"));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  @Test
  void pageShowsAndorraFacilitiesAsMarkersWithLegend() {
    importAndorra();
    openPage();
    waitForFacilitiesLoaded(44);
    List<WebElement> markers = browser.findElements(By.cssSelector(".facility-marker"));
    assertThat(markers).hasSize(44);
    assertThat(markers).extracting(m -> m.getAttribute("data-type"))
        .contains("hospital_unrated", "pharmacy", "clinic", "dental_clinic");
    assertThat(browser.findElement(By.cssSelector("#legend .legend-type[data-type='pharmacy']")).getText()).contains("30");
    assertThat(browser.findElements(By.cssSelector(".leaflet-control-scale"))).hasSize(1);

    // click a hospital: the popup shows its attributes
    WebElement hospital = browser.findElements(By.cssSelector(".facility-marker[data-type='hospital_unrated']")).get(0);
    String id = hospital.getAttribute("data-facility-id");
    browser.executeAsyncScript("window.carecircle.openFacility(Number(arguments[0])).then(arguments[1])", id);
    WebElement popup = waitVisible(By.cssSelector(".facility-popup[data-facility-id='" + id + "']"));
    assertThat(popup.getText()).isNotBlank();
    assertThat(browser.findElement(By.id("popup-edit")).isDisplayed()).isTrue();
  }

  @Test
  void facilityAddedByClickingTheMapIsStillThereAfterReload() {
    importAndorra();
    openPage();
    waitForFacilitiesLoaded(44);
    browser.findElement(By.id("add-mode")).click();
    WebElement map = browser.findElement(By.id("map"));
    new Actions(browser).moveToElement(map, 40, 30).click().perform();
    WebElement form = waitVisible(By.id("facility-form"));
    assertThat(form.getAttribute("data-mode")).isEqualTo("create");
    double lon = Double.parseDouble(form.findElement(By.name("lon")).getAttribute("value"));
    double lat = Double.parseDouble(form.findElement(By.name("lat")).getAttribute("value"));
    assertThat(lon).isBetween(1.0, 2.2);
    assertThat(lat).isBetween(42.2, 42.9);
    form.findElement(By.name("name")).sendKeys("新社区卫生服务中心");
    new Select(form.findElement(By.name("type"))).selectByValue("community_health_centre");
    form.findElement(By.name("beds")).sendKeys("30");
    browser.findElement(By.id("facility-save")).click();
    waitForFacilitiesLoaded(45);

    browser.navigate().refresh();
    waitFor(Duration.ofSeconds(20), () -> "true".equals(bodyData("appReady")));
    waitForFacilitiesLoaded(45);
    WebElement added = browser.findElement(By.cssSelector(".facility-marker[data-type='community_health_centre']"));
    var stored = api.get("/api/facilities/" + added.getAttribute("data-facility-id")).json();
    assertThat(stored.at("/properties/name").asText()).isEqualTo("新社区卫生服务中心");
    assertThat(stored.at("/properties/beds").asInt()).isEqualTo(30);
    assertThat(stored.at("/geometry/coordinates/0").asDouble()).isCloseTo(lon, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void demoIsOfferedOnEmptyStoreAndLoadsOnClick() {
    openPage();
    waitForFacilitiesLoaded(0);
    WebElement banner = waitVisible(By.id("demo-banner"));
    assertThat(banner.getText().toLowerCase()).contains("synthetic");
    browser.findElement(By.id("demo-load")).click();
    waitForFacilitiesLoaded(59);
    assertThat(browser.findElements(By.cssSelector(".facility-marker"))).hasSize(59);
  }

  /** Writes {@code csv} to a file and sends it with the page's import dialog. */
  private void importThroughTheDialog(String fileName, String csv) throws java.io.IOException {
    Path file = Files.createTempFile(fileName, ".csv");
    Files.writeString(file, csv);
    browser.findElement(By.id("import-button")).click();
    waitVisible(By.id("import-submit"));
    browser.findElement(By.id("import-file")).sendKeys(file.toString());
    browser.findElement(By.id("import-submit")).click();
  }

  @Test
  void demoOfferGoesWhenThePlannerImportsFacilitiesOfTheirOwn() throws Exception {
    openPage();
    waitForFacilitiesLoaded(0);
    waitVisible(By.id("demo-banner"));
    importThroughTheDialog("own-facilities", "name,type,lon,lat\nOwn clinic,clinic,120.38,36.07\n");
    waitForFacilitiesLoaded(1);
    waitFor(Duration.ofSeconds(5), () -> browser.findElements(By.id("demo-banner")).isEmpty());
    assertThat(api.get("/api/facilities").json().get("features")).hasSize(1);
  }

  @Test
  void importOfABadFileListsTheRejectedRowsAndWritesNothing() throws Exception {
    openPage();
    importThroughTheDialog("bad-facilities",
        "name,type,lon,lat\nGood,clinic,120.38,36.07\nBad,clinic,36.07,120.38\n,clinic,120.1,36.1\n");
    WebElement result = waitVisible(By.cssSelector("#import-result[data-outcome='rejected']"));
    List<WebElement> rows = result.findElements(By.cssSelector("#import-rejected tr[data-row]"));
    assertThat(rows).extracting(r -> r.getAttribute("data-row")).containsExactly("3", "4");
    assertThat(rows.get(0).getText()).contains("swapped");
    assertThat(browser.findElement(By.id("import-nothing-written")).isDisplayed()).isTrue();
    assertThat(api.get("/api/facilities").json().get("features")).isEmpty();
  }

  @Test
  void languageFollowsTheSwitch() {
    openPage();
    browser.findElement(By.cssSelector("#lang-switch button[data-lang='zh']")).click();
    waitFor(Duration.ofSeconds(5), () -> browser.findElement(By.id("import-button")).getText().contains("导入"));
    browser.findElement(By.cssSelector("#lang-switch button[data-lang='en']")).click();
    waitFor(Duration.ofSeconds(5), () -> browser.findElement(By.id("import-button")).getText().contains("Import"));
  }
}
