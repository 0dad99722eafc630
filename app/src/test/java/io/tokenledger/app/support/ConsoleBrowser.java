package io.tokenledger.app.support;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headless Chromium from Debian's {@code chromium} and {@code chromium-driver} packages, driven by Selenium. Where
 * they are not installed the test is skipped, unless {@code LEDGER_TEST_BROWSER=required} (CI), where it fails.
 * Screenshots go to {@code target/console-screenshots}, and to {@code LEDGER_CONSOLE_SCREENSHOTS} when set (the
 * docs' folder, to refresh docs/console.md's pictures).
 */
public final class ConsoleBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private ConsoleBrowser(int port) throws IOException {
        profile = Files.createTempDirectory("console-browser");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        // The flags Debian's Chromium needs here: no sandbox as root, and no calls to Google's services, which this
        // machine's closed network would refuse many at a time.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build(),
                options);
        base = "http://localhost:" + port;
    }

    public static ConsoleBrowser open(int port) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if ("required".equals(System.getenv("LEDGER_TEST_BROWSER"))) {
            assertThat(installed).as("LEDGER_TEST_BROWSER=required, but chromium and chromedriver are missing")
                                 .isTrue();
        }
        Assumptions.assumeTrue(installed, "no chromium and chromedriver here (apt-get install chromium chromium-driver)");
        return new ConsoleBrowser(port);
    }

    /** Opens the console and signs in through the server's own sign-in page. */
    public void signIn(String username, String password) {
        driver.get(base + "/console/");
        click(By.id("sign-in"));
        wait(ExpectedConditions.presenceOfElementLocated(By.name("username"))).sendKeys(username);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit], form input[type=submit]")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
    }

    public void go(String hash) {
        driver.get(base + "/console/" + hash);
    }

    public WebElement find(By by) {
        return wait(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public void click(By by) {
        wait(ExpectedConditions.elementToBeClickable(by)).click();
    }

    public void type(By by, String text) {
        WebElement field = find(by);
        field.clear();
        field.sendKeys(text);
    }

    public String text(By by) {
        return find(by).getText();
    }

    /** Waits until the element's text is this. */
    public void waitForText(By by, String text) {
        wait(ExpectedConditions.textToBe(by, text));
    }

    public <T> T wait(ExpectedCondition<T> condition) {
        // A view that re-renders replaces the elements a condition was looking at: look again.
        return new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** The access token the console holds, to attack the API with it as its user could. */
    public String consoleToken() {
        Object session = ((JavascriptExecutor) driver).executeScript(
                "return JSON.parse(sessionStorage.getItem('ledger.console.session')).token");
        return String.valueOf(session);
    }

    public WebDriver driver() {
        return driver;
    }

    public void screenshot(String name) {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            copy(shot.toPath(), Path.of("target", "console-screenshots"), name);
            String docs = System.getenv("LEDGER_CONSOLE_SCREENSHOTS");
            if (docs != null && !docs.isBlank()) {
                copy(shot.toPath(), Path.of(docs), name);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path shot, Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        Files.copy(shot, folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
