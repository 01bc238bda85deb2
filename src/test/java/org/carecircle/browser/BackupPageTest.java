package org.carecircle.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.carecircle.testsupport.ApiClient.Response;
import org.carecircle.testsupport.PageTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;

/** The administration section's backups, in headless Chromium: make one on the page, see it listed, download it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"carecircle.map.tile-url=",
        "carecircle.backup.directory=${java.io.tmpdir}/carecircle-test-backups-${random.uuid}"})
class BackupPageTest extends PageTest {

  @Test
  void aBackupMadeOnThePageIsListedWithItsRowsAndDownloads() {
    Response created = api.postJson("/api/facilities", """
        {"type":"Feature","geometry":{"type":"Point","coordinates":[120.3826,36.0662]},
         "properties":{"name":"八大峡社区卫生服务中心","type":"community_health_centre","status":"existing"}}""");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    openPage();
    waitFor(Duration.ofSeconds(10), () -> "0".equals(bodyData("backupsLoaded")));
    assertThat(browser.findElement(By.cssSelector("#backup-list .backup-message")).getText()).isNotBlank();

    WebElement section = browser.findElement(By.id("admin-section"));
    ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", section);
    browser.findElement(By.id("backup-create")).click();
    waitFor(Duration.ofSeconds(60), () -> "success".equals(
        browser.findElement(By.id("backup-result")).getAttribute("data-outcome")));
    waitFor(Duration.ofSeconds(10), () -> "1".equals(bodyData("backupsLoaded")));

    List<WebElement> items = browser.findElements(By.cssSelector("#backup-list li[data-backup-name]"));
    assertThat(items).hasSize(1);
    String name = items.get(0).getAttribute("data-backup-name");
    assertThat(name).startsWith("carecircle-manual-").endsWith(".zip");
    String tableCount = String.valueOf(api.get("/api/admin/backups").json().get(0).get("tables").asInt());
    String meta = items.get(0).findElement(By.cssSelector(".backup-meta")).getText();
    // the size, the tables Flyway made, the one facility row, its history entry and the first admin, made by hand
    assertThat(meta).containsPattern("^\\d+(\\.\\d)? KB").contains(tableCount + " tables").contains("rows: 3")
        .contains("by hand");
    assertThat(items.get(0).getAttribute("class")).contains("backup-item--new");

    WebElement download = items.get(0).findElement(By.cssSelector("a[data-action='download']"));
    assertThat(download.getAttribute("href")).endsWith("/api/admin/backups/" + name);
    Response file = api.get("/api/admin/backups/" + name);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.body()[0]).isEqualTo((byte) 'P');
    assertThat(file.body()[1]).isEqualTo((byte) 'K');

    // the list is drawn again in the other language
    ((JavascriptExecutor) browser).executeScript("window.carecircle.setLanguage('zh')");
    assertThat(browser.findElement(By.cssSelector("#backup-list .backup-meta")).getText())
        .contains(tableCount + " 张表").contains("共 3 行").contains("手动");
  }
}
