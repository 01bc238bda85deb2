package org.carecircle.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through chromedriver, for page tests. The flags keep Chromium
 * from reaching for the network (this machine has none) and from needing a sandbox as root.
 */
public final class Browser {
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  private Browser() {}

  /** A new headless browser; fails under CI (or skips locally) when Chromium is missing. */
  public static ChromeDriver start() {
    if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
      Requirements.missing("CARECIRCLE_REQUIRE_BROWSER", "Chromium and chromedriver (" + CHROMIUM + ", " + CHROMEDRIVER + ")");
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("carecircle-chromium");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1400,900", "--lang=en-US",
        "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /**
   * Signs in through the sign-in page of the server at {@code baseUrl} (e.g.
   * {@code http://127.0.0.1:8080}) and waits until the page has left the sign-in page, asks for a
   * new password or shows an error.
   */
  public static void signIn(ChromeDriver browser, String baseUrl, String userName, String password) {
    browser.get(baseUrl + "/login.html");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.until(driver -> "true".equals(browser.executeScript("return document.body.dataset.loginReady || null")));
    browser.findElement(By.id("login-name")).sendKeys(userName);
    browser.findElement(By.id("login-password")).sendKeys(password);
    browser.findElement(By.id("login-submit")).click();
    // one script call per look: the page may be replaced between two WebDriver calls
    wait.until(driver -> {
      try {
        return !"waiting".equals(browser.executeScript("""
            if (!location.pathname.endsWith('/login.html')) return 'left';
            const error = document.getElementById('login-error');
            return document.body.dataset.loginStep === 'change-password' || (error && !error.hidden)
                ? 'stopped' : 'waiting';"""));
      } catch (WebDriverException navigating) {
        return false;
      }
    });
  }
}
