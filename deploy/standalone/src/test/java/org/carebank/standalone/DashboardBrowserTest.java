package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The council dashboard in Debian's headless Chromium (installed by .ci/run; never a downloaded browser), on data
 * loaded through the API: the table shows what the API answers, a chart renders, a new delivered visit appears
 * without a reload, and a provider user sees only its own provider.
 */
class DashboardBrowserTest extends ApiTestSupport {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriver open(String user) throws Exception {
        assumeTrue(
                new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute(),
                "Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        var options = new ChromeOptions()
                .setBinary(CHROMIUM)
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--window-size=1400,1000",
                        "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .build();
        var driver = new ChromeDriver(service, options);
        driver.get("http://localhost:" + port + "/");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(user);
        driver.findElement(By.cssSelector("#login-form button")).click();
        return driver;
    }

    private WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private String cell(String providerId, String field) {
        var cells = browser.findElements(By.cssSelector("#row-" + providerId + " td[data-field='" + field + "']"));
        return cells.isEmpty() ? null : cells.get(0).getText();
    }

    private void deliveredVisit(Roster roster, long minutesAgo) {
        delivered(council(), roster, minutesAgo, 55, false);
    }

    @Test
    @DisplayName("the dashboard shows the API's figures, draws a chart, updates live and scopes provider users")
    void dashboardInARealBrowser() throws Exception {
        String providerId = admitted(unique("dash"));
        var roster = new Roster(providerId, worker(council(), providerId), activePackage(council(), providerId));
        deliveredVisit(roster, 300);
        deliveredVisit(roster, 200);
        alphaRoster();

        var today = LocalDate.now(ZoneId.of("Europe/London"));
        String period = "from=" + today.minusDays(27) + "&to=" + today;
        eventually(() -> assertThat(council()
                        .get("/api/v1/providers/" + providerId + "/performance?" + period)
                        .json()
                        .path("visitsDelivered")
                        .asInt())
                .isEqualTo(2));

        browser = open("council");
        waitUpTo(20).until(driver -> cell(providerId, "visitsDelivered") != null);
        var api = council()
                .get("/api/v1/providers/" + providerId + "/performance?" + period)
                .json();
        assertThat(cell(providerId, "visitsDelivered"))
                .isEqualTo(api.path("visitsDelivered").asString());
        assertThat(cell(providerId, "visitsScheduled"))
                .isEqualTo(api.path("visitsScheduled").asString());
        assertThat(cell(providerId, "deliveredMinutes"))
                .isEqualTo(api.path("deliveredMinutes").asString());
        assertThat(cell(providerId, "listStatus")).isEqualTo("ADMITTED");
        assertThat(browser.findElement(By.cssSelector("#row-" + providerId + " td[data-field='onTimeRatePercent']"))
                        .getAttribute("class"))
                .contains("green");

        // Live: a visit delivered now shows up without a reload.
        deliveredVisit(roster, 100);
        waitUpTo(30).until(driver -> "3".equals(cell(providerId, "visitsDelivered")));

        // One provider: the weekly chart is drawn from the API's figures.
        browser.findElement(By.cssSelector("nav button[data-page='provider']")).click();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("provider-select")))
                .selectByVisibleText(providerId);
        waitUpTo(20).until(driver -> (Boolean) ((JavascriptExecutor) driver)
                .executeScript("const c = Chart.getChart(document.getElementById('minutes-chart'));"
                        + " return !!c && c.data.datasets[0].data.reduce((a, b) => a + b, 0) > 0"
                        + " && !!Chart.getChart(document.getElementById('travel-chart'));"));
        Files.createDirectories(Path.of("target"));
        Files.copy(
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                Path.of("target/dashboard.png"),
                StandardCopyOption.REPLACE_EXISTING);
        browser.quit();

        // A provider user sees its own provider only.
        browser = open("alpha");
        waitUpTo(20).until(driver -> cell(ALPHA, "providerId") != null);
        assertThat(cell(providerId, "providerId")).isNull();
        assertThat(browser.findElements(By.cssSelector("#providers-table tbody tr")))
                .hasSize(1);
    }
}
