package org.carebank.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The council dashboard in Debian's headless Chromium (installed by .ci/run; never a downloaded browser), on data
 * loaded through the API: the table shows what the API answers with names and plain-English labels, sorting is
 * announced with aria-sort, a reload keeps the sign-in, a new delivered visit appears without a reload, the charts
 * follow the period and come with data tables, the drill-down goes provider → visits → history, and a provider user
 * sees only its own provider. axe-core (its WebJar, injected by this test only) finds no serious or critical
 * violation, and screenshots at 1400 and 390 px wide are kept under target/dashboard/.
 */
class DashboardBrowserTest extends ApiTestSupport {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    private static final Path SHOTS = Path.of("target", "dashboard");

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

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** A cell's text; the table is redrawn whenever figures refresh, so a cell found may go stale: look again. */
    private String cell(String providerId, String field) {
        for (int attempt = 1; ; attempt++) {
            try {
                var cells =
                        browser.findElements(By.cssSelector("#row-" + providerId + " td[data-field='" + field + "']"));
                return cells.isEmpty() ? null : cells.get(0).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
                if (attempt == 5) {
                    throw redrawn;
                }
            }
        }
    }

    private void page(String name) {
        browser.findElement(By.cssSelector("#pages button[data-page='" + name + "']"))
                .click();
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SHOTS);
        Files.copy(
                ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                SHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Runs axe-core on the page as it is shown; returns the serious and critical violations, described. */
    @SuppressWarnings("unchecked")
    private List<String> seriousViolations() throws IOException {
        String axe;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(AXE)) {
            assertThat(in).as("the axe-core WebJar is on the test class path").isNotNull();
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        js(axe);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        var result = (Map<String, Object>)
                ((JavascriptExecutor) browser)
                        .executeAsyncScript(
                                """
                        const done = arguments[arguments.length - 1];
                        axe.run(document, { runOnly: { type: "tag",
                            values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } })
                          .then((r) => done({ violations: r.violations
                              .filter((v) => v.impact === "serious" || v.impact === "critical")
                              .map((v) => v.id + " (" + v.impact + "): " + v.help + " at "
                                  + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")) }))
                          .catch((e) => done({ violations: ["axe failed: " + e] }));""");
        return (List<String>) result.get("violations");
    }

    /** At 390 px the page itself must not scroll sideways (wide tables scroll inside their own region). */
    private void atPhoneWidth(String shot) throws IOException {
        browser.manage().window().setSize(new Dimension(390, 844));
        waitUpTo(10).until(driver -> ((Number) js("return window.innerWidth")).intValue() <= 400);
        long pageWidth = ((Number) js("return document.documentElement.scrollWidth")).longValue();
        long viewport = ((Number) js("return document.documentElement.clientWidth")).longValue();
        screenshot(shot);
        Object widest =
                js("const w = document.documentElement.clientWidth; const out = [...document.querySelectorAll('*')]"
                        + ".filter(e => e.getBoundingClientRect().right > w + 1 && e.offsetParent !== null"
                        + " && !e.closest('.scroll'))"
                        + ".map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className + ' ' +"
                        + " Math.round(e.getBoundingClientRect().right)); return out.slice(-5).join(', ');");
        assertThat(pageWidth).as("page width at 390 px; too wide: " + widest).isLessThanOrEqualTo(viewport);
        browser.manage().window().setSize(new Dimension(1400, 1000));
    }

    @Test
    @DisplayName("the dashboard: names and labels, sorting, reload, live, charts and tables, drill-down, a11y, 390 px")
    void dashboardInARealBrowser() throws Exception {
        String providerId = admitted(unique("dash"));
        var roster = new Roster(providerId, worker(council(), providerId), activePackage(council(), providerId));
        delivered(council(), roster, 300, 55, false);
        String shortVisit = delivered(council(), roster, 200, 30, false);
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
        assertThat(browser.findElement(By.id("from")).getAttribute("value"))
                .isEqualTo(today.minusDays(27).toString());
        var api = council()
                .get("/api/v1/providers/" + providerId + "/performance?" + period)
                .json();
        assertThat(cell(providerId, "visitsDelivered"))
                .isEqualTo(api.path("visitsDelivered").asString());
        assertThat(cell(providerId, "visitsScheduled"))
                .isEqualTo(api.path("visitsScheduled").asString());
        assertThat(cell(providerId, "visitsShort")).isEqualTo("1");
        assertThat(cell(providerId, "deliveredMinutes"))
                .isEqualTo(api.path("deliveredMinutes").asString());
        assertThat(cell(providerId, "providerId")).isEqualTo("Provider " + providerId);
        assertThat(cell(providerId, "listStatus")).isEqualTo("Admitted");
        assertThat(browser.findElement(By.cssSelector("#row-" + providerId + " td[data-field='onTimeRatePercent']"))
                        .getAttribute("class"))
                .contains("green");

        // Sort headers are buttons; the sorted column says so with aria-sort.
        WebElement delivered = browser.findElement(By.cssSelector("#providers-table th[data-key='visitsDelivered']"));
        assertThat(delivered.getAttribute("aria-sort")).isNull();
        delivered.findElement(By.tagName("button")).click();
        assertThat(delivered.getAttribute("aria-sort")).isEqualTo("ascending");
        delivered.findElement(By.tagName("button")).click();
        assertThat(delivered.getAttribute("aria-sort")).isEqualTo("descending");
        assertThat(browser.findElement(By.cssSelector("#providers-table th[data-key='name']"))
                        .getAttribute("aria-sort"))
                .isNull();

        // A panel hooks in with a section and Dashboard.register: it gets a nav button and is refreshed with the
        // period and the signed-in API when its page is shown.
        js(
                """
                const section = document.createElement("section");
                section.dataset.page = "probe";
                section.dataset.title = "Probe";
                section.hidden = true;
                section.innerHTML = '<h2>Probe</h2><p id="probe-out"></p>';
                document.getElementById("app").appendChild(section);
                Dashboard.register({ page: "probe", refresh: async (ctx) => {
                  const thresholds = await ctx.api("/api/v1/dashboard/thresholds");
                  document.getElementById("probe-out").textContent =
                    ctx.reason + " " + ctx.period.from + " " + typeof thresholds.missedGreenMaxPercent
                      + " " + ctx.caller.role;
                } });""");
        page("probe");
        waitUpTo(20)
                .until(driver ->
                        !driver.findElement(By.id("probe-out")).getText().isEmpty());
        assertThat(browser.findElement(By.id("probe-out")).getText())
                .isEqualTo("shown " + today.minusDays(27) + " number COUNCIL");
        page("providers");
        waitUpTo(20).until(driver -> cell(providerId, "visitsDelivered") != null);

        // A reload keeps the sign-in (session storage of this tab).
        browser.navigate().refresh();
        waitUpTo(20).until(driver -> cell(providerId, "visitsDelivered") != null);
        assertThat(browser.findElement(By.id("login")).isDisplayed()).isFalse();

        // Live: a visit delivered now shows up without a reload.
        delivered(council(), roster, 100, 55, false);
        waitUpTo(30).until(driver -> "3".equals(cell(providerId, "visitsDelivered")));
        assertThat(seriousViolations()).as("axe on the providers page").isEmpty();
        screenshot("council-providers-1400");
        atPhoneWidth("council-providers-390");

        // Drill-down: the provider's name opens its page; charts follow the period, each with a data table.
        browser.findElement(By.cssSelector("#row-" + providerId + " button[data-open]"))
                .click();
        waitUpTo(20).until(driver -> (Boolean) js("const c = Chart.getChart(document.getElementById('minutes-chart'));"
                + " return !!c && c.data.datasets[0].data.reduce((a, b) => a + b, 0) > 0"
                + " && !!Chart.getChart(document.getElementById('travel-chart'));"));
        long weeks = (Long) js("return Chart.getChart(document.getElementById('minutes-chart')).data.labels.length");
        assertThat(weeks).isBetween(4L, 5L); // 28 days touch four or five ISO weeks
        assertThat(browser.findElements(By.cssSelector(".charts figure details table")))
                .hasSize(3);
        assertThat(browser.findElement(By.id("minutes-chart")).getAttribute("aria-label"))
                .contains("Delivered minutes");
        assertThat(browser.findElements(By.cssSelector("#minutes-figure tbody tr")))
                .hasSize((int) weeks);

        // ... its visits, filtered: missed, late or short by default, then every visit ...
        waitUpTo(20).until(driver -> !driver.findElements(By.id("visit-" + shortVisit))
                .isEmpty());
        assertThat(browser.findElements(By.cssSelector("#visits-table tbody tr[id^='visit-']")))
                .hasSize(1);
        assertThat(browser.findElement(By.id("visit-" + shortVisit)).getText()).contains("Delivered, short");
        new Select(browser.findElement(By.id("visit-issue"))).selectByValue("");
        waitUpTo(20)
                .until(driver -> driver.findElements(By.cssSelector("#visits-table tbody tr[id^='visit-']"))
                                .size()
                        == 3);
        // ... and a visit's history.
        browser.findElement(By.cssSelector("#visit-" + shortVisit + " button[data-history]"))
                .click();
        waitUpTo(20).until(driver -> driver.findElement(By.id("history")).isDisplayed());
        waitUpTo(20)
                .until(driver ->
                        driver.findElement(By.id("history-table")).getText().contains("Checked out"));
        assertThat(browser.findElement(By.id("history-table")).getText()).contains("Scheduled", "council (council)");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("history-title");
        assertThat(seriousViolations()).as("axe on the provider page").isEmpty();
        screenshot("council-provider-1400");
        atPhoneWidth("council-provider-390");

        // Travel: travel and waiting apart.
        page("travel");
        waitUpTo(20)
                .until(driver -> !driver.findElements(By.cssSelector("#travel-table td[data-field='waitingMinutes']"))
                        .isEmpty());
        assertThat(seriousViolations()).as("axe on the travel page").isEmpty();
        browser.quit();

        // A provider user sees its own provider only.
        browser = open("alpha");
        waitUpTo(20).until(driver -> cell(ALPHA, "visitsScheduled") != null);
        assertThat(cell(providerId, "visitsScheduled")).isNull();
        assertThat(browser.findElements(By.cssSelector("#providers-table tbody tr")))
                .hasSize(1);
        assertThat(browser.findElement(By.id("who")).getText()).contains("alpha", "provider");
        assertThat(seriousViolations()).as("axe for a provider user").isEmpty();
        screenshot("provider-1400");
        atPhoneWidth("provider-390");
    }
}
