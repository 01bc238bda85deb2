package org.carecircle.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base for tests that drive the map page in headless Chromium against a running CareCircle. The
 * base map is switched off (no network here), as on an offline planning network.
 */
public abstract class PageTest {
  @LocalServerPort protected int port;
  protected ChromeDriver browser;
  protected ApiClient api;

  @BeforeEach
  void openBrowser() {
    browser = Browser.start();
    api = new ApiClient(port);
  }

  @AfterEach
  void closeBrowser(org.junit.jupiter.api.TestInfo test) throws Exception {
    if (browser != null) {
      Path shots = Path.of("target", "screenshots");
      Files.createDirectories(shots);
      Files.write(shots.resolve(test.getTestClass().orElseThrow().getSimpleName() + "-"
          + test.getTestMethod().orElseThrow().getName() + ".png"), browser.getScreenshotAs(OutputType.BYTES));
      browser.quit();
    }
  }

  /**
   * Signs in as the test stores' first admin through the sign-in page, which then opens the map
   * page, and waits until start-up and the first facility load are done.
   */
  protected void openPage() {
    signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
    waitFor(Duration.ofSeconds(20), () -> "true".equals(bodyData("appReady")));
  }

  /** Fills in and sends the sign-in page's form (the browser then holds the session cookie). */
  protected void signIn(String userName, String password) {
    Browser.signIn(browser, "http://127.0.0.1:" + port, userName, password);
  }

  protected String bodyData(String key) {
    Object value = browser.executeScript("return document.body.dataset[arguments[0]] || null", key);
    return value == null ? null : value.toString();
  }

  protected void waitForFacilitiesLoaded(int count) {
    waitFor(Duration.ofSeconds(20), () -> String.valueOf(count).equals(bodyData("facilitiesLoaded")));
  }

  protected WebElement waitVisible(By by) {
    return new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  protected void waitFor(Duration timeout, java.util.function.BooleanSupplier condition) {
    new WebDriverWait(browser, timeout).until(driver -> condition.getAsBoolean());
  }
}
