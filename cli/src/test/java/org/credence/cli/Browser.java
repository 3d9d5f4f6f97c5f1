package org.credence.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium from the operating system's packages, driven through its own chromedriver, so
 * that nothing is downloaded at test time. Missing browser packages fail the tests with what to
 * install rather than skipping them.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final int WIDTH = 1280;

    final ChromeDriver driver;
    private final String base;
    private final Path screenshots;

    Browser(String base, Path profile, Path screenshots) throws IOException {
        for (Path needed : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(needed)) {
                throw new IllegalStateException(needed + " is missing: the browser tests need Debian's chromium and "
                        + "chromium-driver packages (apt-get install chromium chromium-driver; ./test installs them when "
                        + "run as root)");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // This machine has no network but loopback: everything that would phone home is switched off.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--disable-extensions", "--window-size=" + WIDTH + ",900", "--user-data-dir=" + profile,
                "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        this.base = base;
        this.screenshots = Files.createDirectories(screenshots);
    }

    void open(String path) {
        driver.get(base + path);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    String text(String css) {
        return find(css).getText();
    }

    /**
     * Clicks what submits a form or follows a link, and waits for the next page: the old page's root
     * element goes stale once the browser has replaced the page, and the new one must finish loading.
     */
    void go(String css) {
        WebElement root = find("html");
        click(css);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                root.getTagName();
            } catch (WebDriverException replaced) {
                // Stale, or, while Chromium swaps documents, "node does not belong to the document":
                // either way the old page is gone; wait until the new one has loaded.
                if (loaded()) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("clicking " + css + " led to no new page; still at " + driver.getCurrentUrl());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private boolean loaded() {
        try {
            return "complete".equals(((JavascriptExecutor) driver).executeScript("return document.readyState;"));
        } catch (WebDriverException betweenDocuments) {
            return false;
        }
    }

    /** Types into a field, replacing what it held. */
    void type(String css, String text) {
        act(css, field -> {
            field.clear();
            field.sendKeys(text);
        });
    }

    void click(String css) {
        act(css, WebElement::click);
    }

    /**
     * Finds an element afresh and acts on it, once more if Chromium reports the node as belonging to
     * no document: a transient answer of its inspector while it re-renders, not a page change.
     */
    private void act(String css, java.util.function.Consumer<WebElement> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                action.accept(find(css));
                return;
            } catch (StaleElementReferenceException e) {
                throw e;
            } catch (WebDriverException e) {
                if (attempt == 3 || e.getMessage() == null || !e.getMessage().contains("does not belong to the document")) {
                    throw e;
                }
            }
        }
    }

    /** The whole page as a PNG: the window is stretched to the page's height for the shot. */
    Path screenshot(String name) throws IOException {
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);");
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(height + 40, 8000)));
        try {
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path target = screenshots.resolve(name + ".png");
            Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target;
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
