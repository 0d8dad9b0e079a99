package dev.hogwatch.serve;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through chromedriver (no browser downloads), watching the page
 * for JavaScript errors: every uncaught error, unhandled promise rejection, {@code console.error}
 * and SEVERE browser log entry (a script that failed to load or parse) is collected, and {@link
 * #waitFor} and {@link #assertNoPageErrors} fail the test on the first one.
 */
public final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /** Installed before any script of the page runs. */
  private static final String WATCH =
      "window.__pageErrors = [];"
          + "window.addEventListener('error', e => window.__pageErrors.push("
          + "  'error: ' + e.message + ' at ' + e.filename + ':' + e.lineno));"
          + "window.addEventListener('unhandledrejection', e => window.__pageErrors.push("
          + "  'unhandled rejection: ' + (e.reason && e.reason.stack || e.reason)));"
          + "const __consoleError = console.error;"
          + "console.error = function() {"
          + "  window.__pageErrors.push('console.error: ' + Array.from(arguments).join(' '));"
          + "  return __consoleError.apply(console, arguments);"
          + "};";

  public static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  static final String MISSING =
      "needs Debian's chromium and chromium-driver (.dev/setup-dev.sh installs them)";

  public final ChromeDriver driver;
  public final JavascriptExecutor js;
  private final ChromeDriverService service;
  private final Path profile;

  public Browser() throws Exception {
    profile = Files.createTempDirectory("hogwatch-chromium-");
    service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1200,900",
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriver d;
    try {
      d = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.stop();
      deleteTree(profile.toFile());
      throw e;
    }
    driver = d;
    js = d;
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH));
  }

  /** JavaScript errors of the page so far: script errors and SEVERE browser log entries. */
  List<String> pageErrors() {
    List<String> out = new ArrayList<>();
    Object o = js.executeScript("return window.__pageErrors || []");
    if (o instanceof List<?> l) {
      for (Object x : l) {
        out.add(String.valueOf(x));
      }
    }
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        out.add("browser log: " + e.getMessage());
      }
    }
    return out;
  }

  public void assertNoPageErrors() {
    List<String> errors = pageErrors();
    if (!errors.isEmpty()) {
      throw new AssertionError("JavaScript errors on the page: " + errors);
    }
  }

  public double number(String script) {
    Object o = js.executeScript(script);
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /**
   * Waits up to 20 s for {@code condition}; an element not there yet is waited for, but a
   * JavaScript error on the page (or in the condition's script) fails at once.
   */
  public void waitFor(Supplier<Boolean> condition) throws InterruptedException {
    waitFor(condition, 20);
  }

  public void waitFor(Supplier<Boolean> condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      assertNoPageErrors();
      try {
        if (condition.get()) {
          return;
        }
      } catch (NoSuchElementException | StaleElementReferenceException e) {
        // element not there yet, or replaced while we looked: try again
      }
      if (System.nanoTime() > deadline) {
        assertNoPageErrors();
        throw new AssertionError("condition not met within " + seconds + " s");
      }
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteTree(profile.toFile());
    }
  }

  private static void deleteTree(File f) {
    File[] children = f.listFiles();
    if (children != null) {
      for (File c : children) {
        deleteTree(c);
      }
    }
    if (!f.delete()) {
      f.deleteOnExit();
    }
  }
}
