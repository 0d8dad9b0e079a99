package dev.hogwatch.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hogwatch.alerts.AlertService;
import dev.hogwatch.alerts.Rule;
import dev.hogwatch.alerts.RulesFile;
import dev.hogwatch.history.History;
import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.InterfaceStat;
import dev.hogwatch.model.ProgramStat;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The page's data caps in a real browser (headless chromium): a real history file past a daily cap
 * and near a weekly one, checked by a real {@link AlertService}; the page shows each cap's use,
 * percent, projection and reset, and the latest alert; without alerts the card stays hidden.
 */
class WebAlertsIT {
  @TempDir Path dir;

  private static Snapshot snapshot(Instant t, long bytes) {
    return new Snapshot(
        t,
        t.toEpochMilli() * 1_000_000,
        List.of(),
        List.of(new ProgramStat("curl", 1000, "u", bytes / 2, bytes - bytes / 2, 0, 0, List.of(7))),
        new Totals(bytes / 2, bytes - bytes / 2, 0, 0),
        Totals.ZERO,
        List.of(new InterfaceStat("eth0", bytes, 0, 0, 0)),
        new Totals(bytes, 0, 0, 0),
        CaptureStatus.of(CaptureStatus.State.RUNNING, ""),
        0);
  }

  @Test
  void pageShowsCapsAndTheLatestAlert() throws Exception {
    assumeTrue(Browser.available(), Browser.MISSING);
    Clock clock = Clock.system(ZoneId.systemDefault());
    Instant now = Instant.now();
    RulesFile rules = new RulesFile(dir.resolve("config/alerts.json"), clock);
    rules.add(new Rule.Cap(0, now, 1_000_000, Rule.Per.DAY, 1, List.of()));
    rules.add(new Rule.Cap(0, now, 1_400_000, Rule.Per.WEEK, 1, List.of()));
    try (History h =
            History.start(
                History.Options.defaults(dir.resolve("data"))
                    .withFlushEvery(Duration.ofSeconds(1)));
        Feed feed = new Feed()) {
      long[] totals = {300_000, 700_000, 1_200_000};
      for (int i = 0; i < totals.length; i++) {
        h.accept(snapshot(now.minusSeconds(totals.length - i), totals[i]));
        h.flush();
      }
      try (AlertService alerts = AlertService.start(h, rules, Duration.ofHours(1), clock);
          WebServer web =
              WebServer.start(feed.hub, StoredHistory.of(h), ServeOptions.defaults().withPort(0));
          Browser b = new Browser()) {
        alerts.checkNow().get(30, TimeUnit.SECONDS);
        ChromeDriver driver = b.driver;

        // no alerts on this server yet: the card stays hidden
        driver.get(web.url().toString());
        b.waitFor(() -> b.number("return window.hogwatchAlerts.loads") >= 1);
        assertEquals(false, driver.findElement(By.id("caps")).isDisplayed());

        web.alerts(() -> dev.hogwatch.wiring.AlertsWeb.report(alerts.state()));
        driver.navigate().refresh();
        b.waitFor(() -> b.number("return window.hogwatchAlerts.caps") == 2);
        WebElement card = driver.findElement(By.id("caps"));
        assertTrue(card.isDisplayed());
        List<WebElement> caps = driver.findElements(By.cssSelector("#caps-list .cap"));
        assertEquals(2, caps.size());
        assertTrue(caps.get(0).getAttribute("class").contains("over"));
        assertTrue(caps.get(1).getAttribute("class").contains("near"));
        String day = caps.get(0).getText();
        assertTrue(day.contains("Data cap 1.00 MB per day:"), day);
        assertTrue(day.contains("1.20 MB of 1.00 MB (120 %)"), day);
        assertTrue(
            day.matches(
                "(?s).*Today; at this pace [0-9.]+ [kMG]?B of 1\\.00 MB by the end of the day;"
                    + " resets at midnight\\..*"),
            day);
        String week = caps.get(1).getText();
        assertTrue(week.contains("1.20 MB of 1.40 MB (85 %)"), week);
        assertTrue(
            week.matches(
                "(?s).*Since \\d+ \\w+; at this pace .* of 1\\.40 MB by \\d+ \\w+; resets on \\d+"
                    + " \\w+\\..*"),
            week);
        String latest = driver.findElement(By.id("alerts-latest")).getText();
        assertTrue(latest.startsWith("Latest alert, "), latest);
        assertTrue(latest.contains("Data cap"), latest);
        Files.write(
            Path.of("target", "webpage-caps-light.png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.executeCdpCommand(
            "Emulation.setEmulatedMedia",
            Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        Thread.sleep(300);
        Files.write(
            Path.of("target", "webpage-caps-dark.png"), driver.getScreenshotAs(OutputType.BYTES));
        b.assertNoPageErrors();
      }
    }
  }
}
