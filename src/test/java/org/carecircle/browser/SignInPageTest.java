package org.carecircle.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.carecircle.testsupport.PageTest;
import org.carecircle.testsupport.TestStores;
import org.carecircle.testsupport.TestUsers;
import org.carecircle.testsupport.TestUsers.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** Signing in and out on the page, and what a viewer and an admin see, in headless Chromium. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "carecircle.map.tile-url=")
class SignInPageTest extends PageTest {
  @Autowired DataSource dataSource;

  @BeforeEach
  void oneClinic() {
    TestStores.clear(dataSource);
    var imported = api.upload("/api/facilities/import", "one.csv",
        "name,type,lon,lat\nHarbour clinic,community_health_centre,120.38,36.07\n".getBytes());
    assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  @Test
  void theSignInPageSpeaksChineseAndEnglishAndTheMapPageSendsStrangersThere() {
    browser.get("http://127.0.0.1:" + port + "/");
    waitFor(Duration.ofSeconds(10), () -> browser.getCurrentUrl().endsWith("/login.html")
        && "true".equals(bodyData("loginReady")));

    browser.findElement(By.cssSelector("#lang-switch [data-lang='zh']")).click();
    assertThat(browser.findElement(By.cssSelector("#login-form h2")).getText()).isEqualTo("登录");
    assertThat(browser.findElement(By.cssSelector("label[for='login-name']")).getText()).isEqualTo("用户名");
    assertThat(browser.findElement(By.cssSelector("label[for='login-password']")).getText()).isEqualTo("密码");
    browser.findElement(By.id("login-name")).sendKeys(TestUsers.ADMIN);
    browser.findElement(By.id("login-password")).sendKeys("wrong-password");
    browser.findElement(By.id("login-submit")).click();
    waitFor(Duration.ofSeconds(10), () -> browser.findElement(By.id("login-error")).isDisplayed());
    assertThat(text("login-error")).isEqualTo("用户名或密码错误");

    browser.findElement(By.cssSelector("#lang-switch [data-lang='en']")).click();
    assertThat(browser.findElement(By.cssSelector("#login-form h2")).getText()).isEqualTo("Sign in");
    assertThat(text("login-submit")).isEqualTo("Sign in");

    openPage();
    assertThat(browser.getCurrentUrl()).endsWith("/");
    assertThat(bodyData("appError")).isNull();
    assertThat(text("account-name")).contains("admin");
    assertThat(browser.findElement(By.id("users-section")).isDisplayed()).isTrue();
    waitFor(Duration.ofSeconds(10), () -> !browser.findElements(By.cssSelector("#user-list [data-user='admin']")).isEmpty());

    browser.findElement(By.id("sign-out")).click();
    waitFor(Duration.ofSeconds(10), () -> browser.getCurrentUrl().contains("/login.html"));
    assertThat(api.anonymous().get("/api/me").status()).isEqualTo(401);
    browser.get("http://127.0.0.1:" + port + "/");
    waitFor(Duration.ofSeconds(10), () -> browser.getCurrentUrl().endsWith("/login.html"));
  }

  @Test
  void aViewerSeesNoWriteControlsAndAWriteForcedFromThePageIsRefused() {
    TestUser viewer = TestUsers.create(api, "page-viewer", "viewer");
    signIn(viewer.name(), viewer.password());
    waitFor(Duration.ofSeconds(20), () -> "true".equals(bodyData("appReady")));
    waitForFacilitiesLoaded(1);
    assertThat(bodyData("role")).isEqualTo("viewer");
    assertThat(text("account-name")).contains(viewer.name());
    for (String id : new String[] {"add-mode", "import-button", "coverage-run", "access-run", "siting-run"}) {
      assertThat(browser.findElements(By.id(id))).as(id).allSatisfy(button -> assertThat(button.isDisplayed()).isFalse());
    }
    assertThat(browser.findElement(By.id("users-section")).isDisplayed()).isFalse();

    Object id = browser.executeScript("return window.carecircle.facilityIds()[0]");
    browser.executeAsyncScript("window.carecircle.openFacility(Number(arguments[0])).then(arguments[1])", id);
    waitVisible(By.cssSelector(".facility-popup"));
    assertThat(browser.findElement(By.id("popup-edit")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.id("popup-delete")).isDisplayed()).isFalse();

    // the page's own way to write, with the session cookie and the CSRF token: the role decides
    @SuppressWarnings("unchecked")
    Map<String, Object> forced = (Map<String, Object>) browser.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        const token = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN=')).slice(11);
        fetch('/api/facilities/' + arguments[0], {method: 'DELETE', headers: {'X-XSRF-TOKEN': decodeURIComponent(token)}})
          .then(async (r) => done({status: r.status, body: await r.json()}));
        """, id);
    assertThat(((Number) forced.get("status")).intValue()).isEqualTo(403);
    @SuppressWarnings("unchecked")
    Map<String, Object> body = (Map<String, Object>) forced.get("body");
    assertThat(body.get("requiredRole")).isEqualTo("planner");
    assertThat(api.get("/api/facilities").json().get("features")).as("still there").hasSize(1);
  }

  @Test
  void aResetPasswordMustBeReplacedOnTheSignInPageBeforeTheMapOpens() {
    TestUser planner = TestUsers.create(api, "page-reset", "planner");
    assertThat(api.putJson("/api/admin/users/" + planner.name() + "/password", "{\"password\":\"temporary-pass-1\"}")
        .status()).isEqualTo(200);
    signIn(planner.name(), "temporary-pass-1");
    assertThat(bodyData("loginStep")).isEqualTo("change-password");
    assertThat(browser.findElement(By.id("change-current-field")).isDisplayed()).as("just typed").isFalse();
    browser.findElement(By.id("change-new")).sendKeys("my-own-password-2");
    browser.findElement(By.id("change-repeat")).sendKeys("my-own-password-3");
    browser.findElement(By.id("change-submit")).click();
    waitFor(Duration.ofSeconds(5), () -> browser.findElement(By.id("change-error")).isDisplayed());
    assertThat(text("change-error")).isEqualTo("The two new passwords differ");

    browser.findElement(By.id("change-repeat")).clear();
    browser.findElement(By.id("change-repeat")).sendKeys("my-own-password-2");
    browser.findElement(By.id("change-submit")).click();
    waitFor(Duration.ofSeconds(20), () -> !browser.getCurrentUrl().contains("/login.html")
        && "true".equals(bodyData("appReady")));
    assertThat(bodyData("role")).isEqualTo("planner");
    assertThat(browser.findElement(By.id("import-button")).isDisplayed()).isTrue();
    assertThat(api.as(planner.name(), "my-own-password-2").get("/api/me").json().get("mustChangePassword").asBoolean())
        .isFalse();
  }
}
