package org.carecircle.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.carecircle.testsupport.Browser;
import org.carecircle.testsupport.ChildServer;
import org.carecircle.testsupport.TestUsers;
import org.carecircle.testsupport.PostgisTestStore;
import org.carecircle.testsupport.SharedGeodata;
import org.carecircle.testsupport.TestStores;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The planner's view of a crash: the page (in Chinese) is importing a road network when the
 * server is killed; a new server starts at the same address on the same store, and the page,
 * which kept polling, says the import was interrupted by a restart. Real child processes and
 * headless Chromium; the screenshot lands in target/screenshots.
 */
class InterruptedJobPageTest implements PostgisTestStore {
  @Test
  void pageSaysInChineseThatTheImportWasInterruptedByARestart() throws Exception {
    Path work = Files.createTempDirectory("carecircle-page-crash");
    Path networks = Files.createDirectories(work.resolve("networks"));
    List<String> arguments = new ArrayList<>(AppInstance.storeArguments(TestStores.Store.POSTGIS, null));
    arguments.add("--carecircle.network.directory=" + networks);
    arguments.add(AppInstance.SHARED_GEODATA_FOLDER);
    arguments.add("--carecircle.map.tile-url=");
    arguments.addAll(AppInstance.QUICK_HEARTBEAT);
    ChildServer first = ChildServer.startClasses(arguments, work.resolve("first.log"));
    ChromeDriver browser = Browser.start();
    ChildServer second = null;
    try {
      Browser.signIn(browser, "http://127.0.0.1:" + first.port(), TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
      waitFor(browser, Duration.ofSeconds(30), () -> "true".equals(browser.executeScript(
          "return document.body.dataset.appReady || null")));
      browser.findElement(By.cssSelector("#lang-switch [data-lang='zh']")).click();
      browser.findElement(By.id("network-import-file"))
          .sendKeys(SharedGeodata.file("heidelberg/heidelberg.osm.pbf").toAbsolutePath().toString());
      browser.findElement(By.id("network-import-submit")).click();

      // killed while GraphHopper builds the graph
      String[] jobId = new String[1];
      waitFor(browser, Duration.ofSeconds(60), () -> (jobId[0] = runningImport(first)) != null);
      first.kill();

      second = ChildServer.startClasses(arguments, work.resolve("second.log"), first.port());
      WebElement outcome = new WebDriverWait(browser, Duration.ofSeconds(120)).until(driver -> {
        List<WebElement> boxes = driver.findElements(By.cssSelector("#network-import-result .result--error"));
        return boxes.isEmpty() ? null : boxes.get(0);
      });
      browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", outcome);
      assertThat(outcome.getText()).contains("任务因服务器重启而中断").contains("未保存任何结果");
      assertThat(second.api().get("/api/jobs/" + jobId[0]).json().get("message").asText())
          .isEqualTo("interrupted by a restart");
    } finally {
      Path shots = Files.createDirectories(Path.of("target", "screenshots"));
      Files.write(shots.resolve("InterruptedJobPageTest.png"), browser.getScreenshotAs(OutputType.BYTES));
      browser.quit();
      first.kill();
      if (second != null) {
        second.stop();
      }
    }
  }

  /** The id of the network import running on the instance, once it has reported progress. */
  private static String runningImport(ChildServer instance) {
    for (JsonNode job : instance.api().get("/api/jobs").json()) {
      if (job.get("kind").asText().equals("network-import") && job.get("state").asText().equals("running")
          && job.get("progress").asDouble() > 0) {
        return job.get("id").asText();
      }
    }
    return null;
  }

  private static void waitFor(ChromeDriver browser, Duration timeout, java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser, timeout).until(driver -> condition.getAsBoolean());
  }
}
