package org.carecircle.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.carecircle.testsupport.PageTest;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A registry larger than the server's largest page still shows every facility: the page follows
 * the next links. Pages are made small here (at most 50) so that 130 facilities take three pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"carecircle.map.tile-url=", "carecircle.paging.default-limit=20", "carecircle.paging.max-limit=50"})
class FacilityPagingPageTest extends PageTest {
  @Autowired DataSource dataSource;

  @Test
  void registryLargerThanOnePageShowsEveryFacility() {
    TestStores.clear(dataSource);
    StringBuilder csv = new StringBuilder("name,type,lon,lat\n");
    for (int i = 0; i < 130; i++) {
      csv.append("Clinic ").append(i).append(",clinic,").append(1.50 + (i % 13) * 0.01).append(',')
          .append(42.50 + (i / 13) * 0.01).append('\n');
    }
    var imported = api.upload("/api/facilities/import", "clinics.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
    assertThat(api.get("/api/facilities").json().get("numberReturned").asInt()).isEqualTo(20);

    openPage();
    waitForFacilitiesLoaded(130);
    assertThat(browser.findElements(By.cssSelector(".facility-marker"))).hasSize(130);
    assertThat(browser.findElements(By.cssSelector(".facility-marker[data-facility-id]")))
        .extracting(marker -> marker.getAttribute("data-facility-id")).doesNotHaveDuplicates();
  }
}
