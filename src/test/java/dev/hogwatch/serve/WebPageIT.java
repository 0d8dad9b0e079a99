package dev.hogwatch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hogwatch.model.TraceLine;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The page in a real browser: Debian's headless chromium driven through chromedriver (no browser
 * downloads). A Hub fed with two programs (one uploading, one downloading) streams to the page; the
 * test sees the chart draw in the upload colour, shows each program alone and back to all traffic,
 * pauses, loads an older range from history and checks the dark scheme.
 */
class WebPageIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @Test
  void chartDrawsAndAProcessCanBeShownAlone() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "needs Debian's chromium and chromium-driver (installer/setup-dev.sh installs them)");
    HistorySource lastHour =
        (since, until, program, max) -> {
          List<HistoryPoint> points = new ArrayList<>();
          for (Instant t = until.minus(Duration.ofMinutes(50)); t.isBefore(until); ) {
            points.add(new HistoryPoint(t, 60, 60_000, 30_000));
            t = t.plusSeconds(60);
          }
          return points;
        };
    Path profile = Files.createTempDirectory("hogwatch-chromium-");
    ScheduledExecutorService traffic =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-traffic"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver browser = null;
    try (Feed feed = new Feed();
        WebServer web = WebServer.start(feed.hub, lastHour, ServeOptions.defaults().withPort(0))) {
      long[] k = {0};
      java.util.concurrent.ScheduledFuture<?> feeding =
          traffic.scheduleAtFixedRate(
              () -> {
                k[0]++;
                feed.refresh(
                    new TraceLine("iperf3", 42, 0, k[0] * 50_000.0, 0),
                    new TraceLine("curl", 7, 1000, 0, k[0] * 20_000.0));
              },
              0,
              250,
              TimeUnit.MILLISECONDS);
      assertTrue(!feeding.isDone(), "traffic generator running");

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
      ChromeDriver driver = new ChromeDriver(service, options);
      browser = driver;
      driver.get(web.url().toString());
      JavascriptExecutor js = driver;

      // the stream arrives and the chart draws the upload series in its colour
      waitFor(() -> number(js, "return window.hogwatch && window.hogwatch.events") >= 4);
      waitFor(() -> number(js, "return hogwatch.lastPlotted().up") > 0);
      assertTrue(number(js, "return hogwatch.draws") > 0);
      assertTrue(number(js, "return hogwatch.lastPlotted().down") > 0, "all traffic: both");
      waitFor(() -> upColouredPixels(js) > 30);

      // the table lists both programs, biggest first; iperf3 shown alone: upload only
      List<WebElement> rows = driver.findElements(By.cssSelector("#procs tbody tr"));
      assertEquals(2, rows.size());
      assertEquals("iperf3", rows.get(0).getAttribute("data-name"));
      row(driver, "iperf3").click();
      assertEquals("iperf3", js.executeScript("return hogwatch.selected"));
      assertEquals("iperf3 alone", driver.findElement(By.id("showing")).getText());
      waitFor(() -> row(driver, "iperf3").getAttribute("class").contains("selected"));
      waitFor(() -> number(js, "return hogwatch.lastPlotted().down") == 0);
      assertTrue(number(js, "return hogwatch.lastPlotted().up") > 0);

      // curl alone: download only; a second click returns to all traffic
      row(driver, "curl").click();
      waitFor(() -> number(js, "return hogwatch.lastPlotted().up") == 0);
      assertTrue(number(js, "return hogwatch.lastPlotted().down") > 0);
      row(driver, "curl").click();
      assertNull(js.executeScript("return hogwatch.selected"));
      assertEquals("All traffic", driver.findElement(By.id("showing")).getText());
      waitFor(
          () ->
              number(js, "return hogwatch.lastPlotted().up") > 0
                  && number(js, "return hogwatch.lastPlotted().down") > 0);

      // pause: events keep coming, the chart stands still
      driver.findElement(By.id("pause")).click();
      double points = number(js, "return hogwatch.lastPlotted().points");
      double events = number(js, "return hogwatch.events");
      waitFor(() -> number(js, "return hogwatch.events") >= events + 3);
      assertEquals(points, number(js, "return hogwatch.lastPlotted().points"));
      driver.findElement(By.id("pause")).click();

      // 1h: the part before the page opened comes from /api/history
      driver.findElement(By.cssSelector(".ranges button[data-range='3600']")).click();
      waitFor(
          () -> String.valueOf(js.executeScript("return hogwatch.history")).startsWith("loaded"));
      waitFor(() -> number(js, "return hogwatch.lastPlotted().points") > points + 40);

      Files.write(Path.of("target", "webpage-light.png"), driver.getScreenshotAs(OutputType.BYTES));
      String light = background(js);
      driver.executeCdpCommand(
          "Emulation.setEmulatedMedia",
          Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
      waitFor(() -> !background(js).equals(light));
      Files.write(Path.of("target", "webpage-dark.png"), driver.getScreenshotAs(OutputType.BYTES));
      assertNotEquals(light, background(js));
      waitFor(() -> upColouredPixels(js) > 30); // redrawn in the dark palette
    } finally {
      traffic.shutdownNow();
      if (browser != null) {
        browser.quit();
      }
      service.stop();
      deleteTree(profile.toFile());
    }
  }

  private static WebElement row(ChromeDriver browser, String name) {
    return browser.findElement(By.cssSelector("#procs tbody tr[data-name='" + name + "']"));
  }

  private static String background(JavascriptExecutor js) {
    return String.valueOf(
        js.executeScript("return getComputedStyle(document.body).backgroundColor"));
  }

  /** Pixels of the chart canvas close to the upload series colour (CSS variable --up). */
  private static double upColouredPixels(JavascriptExecutor js) {
    return number(
        js,
        "const c = document.querySelector('#chart canvas');"
            + "const hex = getComputedStyle(document.documentElement)"
            + "  .getPropertyValue('--up').trim().slice(1);"
            + "const R = parseInt(hex.slice(0, 2), 16), G = parseInt(hex.slice(2, 4), 16),"
            + "  B = parseInt(hex.slice(4, 6), 16);"
            + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + "let n = 0;"
            + "for (let i = 0; i < d.length; i += 4) {"
            + "  if (d[i + 3] > 200 && Math.abs(d[i] - R) < 40 && Math.abs(d[i + 1] - G) < 40"
            + "      && Math.abs(d[i + 2] - B) < 40) n++;"
            + "}"
            + "return n;");
  }

  private static double number(JavascriptExecutor js, String script) {
    Object o = js.executeScript(script);
    return o instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private static void waitFor(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        if (condition.get()) {
          return;
        }
      } catch (RuntimeException e) {
        // element not there yet, or the script's object not ready: try again
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 20 s");
      }
      Thread.sleep(50);
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
