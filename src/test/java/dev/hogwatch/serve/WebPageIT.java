package dev.hogwatch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hogwatch.history.AppUsage;
import dev.hogwatch.history.ProgramUsage;
import dev.hogwatch.history.RangeUsage;
import dev.hogwatch.history.SeriesPoint;
import dev.hogwatch.model.AppId;
import dev.hogwatch.model.AppResolver;
import dev.hogwatch.model.TraceLine;
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
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page in a real browser: Debian's headless chromium driven through chromedriver (no browser
 * downloads). A Hub fed with two programs (one uploading, one downloading) streams to the page; the
 * test sees the chart draw in the upload colour, shows each program alone and back to all traffic,
 * pauses, loads an older range from history and checks the dark scheme.
 */
class WebPageIT {
  @Test
  void chartDrawsAndAProcessCanBeShownAlone() throws Exception {
    assumeTrue(Browser.available(), Browser.MISSING);
    HistorySource lastHour =
        (since, until, program, max) -> {
          List<SeriesPoint> points = new ArrayList<>();
          for (Instant t = until.minus(Duration.ofMinutes(50)); t.isBefore(until); ) {
            points.add(new SeriesPoint(t, 60, 60_000, 30_000));
            t = t.plusSeconds(60);
          }
          return points;
        };
    ScheduledExecutorService traffic =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-traffic"));
    try (Feed feed = new Feed();
        WebServer web = WebServer.start(feed.hub, lastHour, ServeOptions.defaults().withPort(0));
        Browser b = new Browser()) {
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

      ChromeDriver driver = b.driver;
      driver.get(web.url().toString());

      // the stream arrives and the chart draws the upload series in its colour
      b.waitFor(() -> b.number("return window.hogwatch && window.hogwatch.events") >= 4);
      b.waitFor(() -> plotted(b, "up") > 0);
      assertTrue(b.number("return hogwatch.draws") > 0);
      assertTrue(plotted(b, "down") > 0, "all traffic: both");
      b.waitFor(() -> upColouredPixels(b) > 30);

      // by process (applications: applicationsExpandToTheirProcesses)
      driver.findElement(By.id("group-procs")).click();
      b.waitFor(() -> b.js.executeScript("return hogwatch.grouping").equals("processes"));

      // the table lists both programs, biggest first; iperf3 shown alone: upload only
      List<WebElement> rows = driver.findElements(By.cssSelector("#procs tbody tr"));
      assertEquals(2, rows.size());
      assertEquals("iperf3", rows.get(0).getAttribute("data-name"));
      row(driver, "iperf3").click();
      assertEquals("iperf3", b.js.executeScript("return hogwatch.selected"));
      assertEquals("iperf3 alone", driver.findElement(By.id("showing")).getText());
      b.waitFor(() -> row(driver, "iperf3").getAttribute("class").contains("selected"));
      b.waitFor(() -> plotted(b, "down") == 0);
      assertTrue(plotted(b, "up") > 0);

      // curl alone: download only; a second click returns to all traffic
      row(driver, "curl").click();
      b.waitFor(() -> plotted(b, "up") == 0);
      assertTrue(plotted(b, "down") > 0);
      row(driver, "curl").click();
      assertNull(b.js.executeScript("return hogwatch.selected"));
      assertEquals("All traffic", driver.findElement(By.id("showing")).getText());
      b.waitFor(() -> plotted(b, "up") > 0 && plotted(b, "down") > 0);

      // pause: events keep coming, the chart stands still
      driver.findElement(By.id("pause")).click();
      double points = plotted(b, "points");
      double events = b.number("return hogwatch.events");
      b.waitFor(() -> b.number("return hogwatch.events") >= events + 3);
      assertEquals(points, plotted(b, "points"));
      driver.findElement(By.id("pause")).click();

      // 1h: the part before the page opened comes from /api/history
      driver.findElement(By.cssSelector(".ranges button[data-range='3600']")).click();
      b.waitFor(
          () -> String.valueOf(b.js.executeScript("return hogwatch.history")).startsWith("loaded"));
      b.waitFor(() -> plotted(b, "points") > points + 40);

      Files.write(Path.of("target", "webpage-light.png"), driver.getScreenshotAs(OutputType.BYTES));
      String light = background(b.js);
      driver.executeCdpCommand(
          "Emulation.setEmulatedMedia",
          Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
      b.waitFor(() -> !background(b.js).equals(light));
      Files.write(Path.of("target", "webpage-dark.png"), driver.getScreenshotAs(OutputType.BYTES));
      assertNotEquals(light, background(b.js));
      b.waitFor(() -> upColouredPixels(b) > 30); // redrawn in the dark palette
      b.assertNoPageErrors();
      // the feeder ran all along: a periodic task that throws stops without a word
      assertFalse(feeding.isDone(), "the test's traffic feeder stopped");
    } finally {
      traffic.shutdownNow();
    }
  }

  @Test
  void applicationsExpandToTheirProcessesAndShowAlone() throws Exception {
    assumeTrue(Browser.available(), Browser.MISSING);
    AppId browserApp = new AppId(AppId.Kind.FLATPAK, "org.example.Browser", "Browser", "");
    AppResolver apps =
        (name, pid, uid) ->
            pid == 42 || pid == 43
                ? new AppResolver.Attribution(browserApp, uid, pid)
                : AppResolver.BY_NAME.resolve(name, pid, uid);
    String browserKey = "app:flatpak:org.example.Browser|1000";
    ScheduledExecutorService traffic =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "test-traffic"));
    List<String> appQueries = new java.util.concurrent.CopyOnWriteArrayList<>();
    HistorySource browserPast = // history knows the browser application's last 50 minutes
        new HistorySource() {
          @Override
          public List<SeriesPoint> query(
              Instant since, Instant until, java.util.Optional<String> program, int max) {
            return List.of();
          }

          @Override
          public List<SeriesPoint> appQuery(
              String kind, String id, int uid, Instant since, Instant until, int max) {
            appQueries.add(kind + ":" + id + "|" + uid);
            List<SeriesPoint> points = new ArrayList<>();
            if (kind.equals("flatpak") && id.equals("org.example.Browser") && uid == 1000) {
              for (Instant t = until.minus(Duration.ofMinutes(50)); t.isBefore(until); ) {
                points.add(new SeriesPoint(t, 60, 60_000, 30_000));
                t = t.plusSeconds(60);
              }
            }
            return points;
          }

          @Override
          public RangeUsage range(Instant since, Instant until) {
            return new RangeUsage(
                since,
                until,
                Duration.ofSeconds(1),
                List.of(
                    new ProgramUsage("Isolated Web Co", 1000, "u1000", 0, 900),
                    new ProgramUsage("/app/bin/browser", 1000, "u1000", 500, 0),
                    new ProgramUsage("curl", 1001, "u1001", 0, 300)),
                RangeUsage.Bytes.ZERO,
                new RangeUsage.Bytes(500, 1200),
                List.of(
                    new AppUsage(
                        "flatpak", "org.example.Browser", "Browser", 1000, "u1000", 500, 900),
                    new AppUsage("exe", "curl", "curl", 1001, "u1001", 0, 300)));
          }
        };
    try (Feed feed = new Feed(apps);
        WebServer web =
            WebServer.start(feed.hub, browserPast, ServeOptions.defaults().withPort(0));
        Browser b = new Browser()) {
      long[] k = {0};
      java.util.concurrent.ScheduledFuture<?> feeding =
          traffic.scheduleAtFixedRate(
              () -> {
                k[0]++;
                feed.refresh( // the browser's main process uploads, its helper downloads
                    new TraceLine("/app/bin/browser", 42, 1000, k[0] * 40_000.0, 0),
                    new TraceLine("Isolated Web Co", 43, 1000, 0, k[0] * 60_000.0),
                    new TraceLine("curl", 7, 1001, 0, k[0] * 20_000.0));
              },
              0,
              250,
              TimeUnit.MILLISECONDS);
      ChromeDriver driver = b.driver;
      driver.get(web.url().toString());
      b.waitFor(() -> b.number("return window.hogwatch && window.hogwatch.events") >= 4);

      // applications first: Browser (two processes, both directions), then curl
      assertEquals("apps", b.js.executeScript("return hogwatch.grouping"));
      List<WebElement> rows = driver.findElements(By.cssSelector("#procs tbody tr"));
      assertEquals(2, rows.size());
      assertEquals(browserKey, rows.get(0).getAttribute("data-app"));
      List<WebElement> cells = rows.get(0).findElements(By.tagName("td"));
      assertEquals("▸Browser", cells.get(0).getText().replace(" ", ""));
      assertEquals("2 processes", cells.get(1).getText());
      assertEquals("u1000", cells.get(2).getText());

      // a click on the application shows it alone: its upload and its helper's download
      rows.get(0).click();
      assertEquals(browserKey, b.js.executeScript("return hogwatch.selected"));
      assertEquals("Browser alone", driver.findElement(By.id("showing")).getText());
      b.waitFor(() -> plotted(b, "up") > 0 && plotted(b, "down") > 0);

      // 1h: the application's past before the page opened comes from /api/history?app=
      double livePoints = plotted(b, "points");
      driver.findElement(By.cssSelector(".ranges button[data-range='3600']")).click();
      b.waitFor(
          () -> String.valueOf(b.js.executeScript("return hogwatch.history")).startsWith("loaded"));
      assertEquals(
          java.util.Set.of("flatpak:org.example.Browser|1000"), java.util.Set.copyOf(appQueries));
      String loaded = String.valueOf(b.js.executeScript("return hogwatch.history"));
      assertTrue(Integer.parseInt(loaded.substring("loaded ".length())) >= 50, loaded);
      b.waitFor(() -> plotted(b, "points") > livePoints + 40);
      assertEquals("Browser alone", driver.findElement(By.id("showing")).getText());
      Files.write(
          Path.of("target", "webpage-app-history.png"), driver.getScreenshotAs(OutputType.BYTES));

      // its arrow lists its processes under it; one of them alone: download only
      driver
          .findElement(By.cssSelector("#procs tr[data-app='" + browserKey + "'] .twisty"))
          .click();
      b.waitFor(() -> driver.findElements(By.cssSelector("#procs tbody tr.child")).size() == 2);
      List<String> order =
          driver.findElements(By.cssSelector("#procs tbody tr")).stream()
              .map(r -> r.getAttribute("data-name"))
              .toList();
      assertEquals(List.of("Browser", "Isolated Web Co", "/app/bin/browser", "curl"), order);
      assertEquals(browserKey, b.js.executeScript("return hogwatch.selected"), "still selected");
      row(driver, "Isolated Web Co").click();
      assertEquals("Isolated Web Co", b.js.executeScript("return hogwatch.selected"));
      b.waitFor(() -> plotted(b, "up") == 0 && plotted(b, "down") > 0);

      // per-user totals under the table
      String users = driver.findElement(By.id("users")).getText();
      assertTrue(users.startsWith("Users: u1000 ↓ "), users);
      assertTrue(users.contains("u1001 ↓ "), users);
      Files.write(Path.of("target", "webpage-apps.png"), driver.getScreenshotAs(OutputType.BYTES));

      // a click on the chart: who used the network then, by application like the table
      driver.findElement(By.id("chart")).click();
      b.waitFor(() -> Boolean.TRUE.equals(b.js.executeScript("return !!hogwatch.span")));
      assertEquals("Application", driver.findElement(By.id("span-what")).getText());
      assertEquals(List.of("Browser", "curl"), spanNames(driver));
      WebElement spanFirst = driver.findElement(By.cssSelector("#span-table tbody tr"));
      assertEquals("flatpak:org.example.Browser", spanFirst.getAttribute("data-app"));
      assertEquals("u1000", spanFirst.findElements(By.tagName("td")).get(1).getText());
      Files.write(
          Path.of("target", "webpage-span-apps.png"), driver.getScreenshotAs(OutputType.BYTES));
      // by process: the same span by program
      driver.findElement(By.id("group-procs")).click();
      b.waitFor(() -> driver.findElement(By.id("span-what")).getText().equals("Program"));
      assertEquals(List.of("Isolated Web Co", "/app/bin/browser", "curl"), spanNames(driver));
      b.assertNoPageErrors();
      assertFalse(feeding.isDone(), "the test's traffic feeder stopped");
    } finally {
      traffic.shutdownNow();
    }
  }

  @Test
  void aJavaScriptErrorOnThePageFailsTheTest() throws Exception {
    // the net itself: an error thrown by a script of the page is caught, not waited out
    assumeTrue(Browser.available(), Browser.MISSING);
    try (Feed feed = new Feed();
        WebServer web =
            WebServer.start(
                feed.hub, (a, b, c, d) -> List.of(), ServeOptions.defaults().withPort(0));
        Browser b = new Browser()) {
      b.driver.get(web.url().toString());
      b.waitFor(() -> b.number("return window.hogwatch ? 1 : 0") == 1);
      b.js.executeScript("setTimeout(() => { null.boom(); }, 0)");
      AssertionError e =
          org.junit.jupiter.api.Assertions.assertThrows(
              AssertionError.class, () -> b.waitFor(() -> false, 5));
      assertTrue(e.getMessage().contains("JavaScript errors on the page"), e.getMessage());
    }
  }

  /** The names in the span's table, top to bottom. */
  static List<String> spanNames(ChromeDriver driver) {
    return driver.findElements(By.cssSelector("#span-table tbody tr")).stream()
        .map(r -> r.getAttribute("data-name"))
        .toList();
  }

  /** A value of the newest plotted point ({@code up}, {@code down}, {@code points}), or -1. */
  static double plotted(Browser b, String field) {
    return b.number("const p = hogwatch.lastPlotted(); return p ? p." + field + " : -1");
  }

  private static WebElement row(ChromeDriver browser, String name) {
    return browser.findElement(By.cssSelector("#procs tbody tr[data-name='" + name + "']"));
  }

  private static String background(JavascriptExecutor js) {
    return String.valueOf(
        js.executeScript("return getComputedStyle(document.body).backgroundColor"));
  }

  /** Pixels of the chart canvas close to the upload series colour (CSS variable --up). */
  private static double upColouredPixels(Browser b) {
    return b.number(
        "const c = document.querySelector('#chart canvas');"
            + "if (!c) return 0;"
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
}
