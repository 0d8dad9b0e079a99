package dev.hogwatch.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesFileTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T, ZoneId.of("UTC"));

  @TempDir Path dir;

  @Test
  void addListRemoveAndKeepNumbers() throws Exception {
    RulesFile f = new RulesFile(dir.resolve("hogwatch/alerts.json"), CLOCK);
    assertEquals(List.of(), f.load().rules());
    Rule cap =
        f.add(new Rule.Cap(0, T, 300_000_000_000L, Rule.Per.MONTH, 15, List.of("eth0", "wlan0")));
    Rule rate = f.add(new Rule.Rate(0, T, 5e6, Duration.ofSeconds(30), null));
    Rule app = f.add(new Rule.App(0, T, "firefox", 1_000_000, Duration.ofHours(1)));
    Rule fresh = f.add(new Rule.NewApp(0, T));
    assertEquals(List.of(1, 2, 3, 4), List.of(cap.id(), rate.id(), app.id(), fresh.id()));
    RulesFile.Loaded l = new RulesFile(f.file(), CLOCK).load();
    assertEquals(List.of(cap, rate, app, fresh), l.rules());
    assertEquals("", l.problem());
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.file())));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(f.file().getParent())));
    assertTrue(f.remove(4));
    assertFalse(f.remove(4));
    // a removed number is not given again (its alerts in history belong to the old rule)
    assertEquals(5, f.add(new Rule.NewApp(0, T)).id());
    try (Stream<Path> s = Files.list(f.file().getParent())) {
      assertEquals(List.of("alerts.json"), s.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals(
        "cap 300 GB per month (from day 15) on eth0, wlan0 | any application over 5.00 MB/s"
            + " for 30s | firefox over 1.00 MB within 1h",
        String.join(" | ", f.load().rules().subList(0, 3).stream().map(Rule::describe).toList()));
  }

  @Test
  void damagedFileIsKeptAsideAndReported() throws Exception {
    Path file = dir.resolve("alerts.json");
    Files.writeString(file, "{\"rules\": [ {\"id\": 1, \"kind\": \"cap\"");
    RulesFile f = new RulesFile(file, CLOCK);
    RulesFile.Loaded l = f.load();
    assertEquals(List.of(), l.rules());
    Path aside = dir.resolve("alerts.json.broken-20261201T100000");
    assertTrue(Files.exists(aside), "kept aside");
    assertEquals("{\"rules\": [ {\"id\": 1, \"kind\": \"cap\"", Files.readString(aside));
    assertTrue(
        l.problem().startsWith("The alert rules file " + file + " could not be read ("),
        l.problem());
    assertTrue(
        l.problem()
            .endsWith(
                "it was moved to alerts.json.broken-20261201T100000." + " Add the rules again."),
        l.problem());
    assertFalse(l.problem().contains("Exception"), l.problem());
  }

  @Test
  void ruleWithBadValuesIsDamageToo() throws Exception {
    Path file = dir.resolve("alerts.json");
    Files.writeString(
        file,
        "{\"rules\":[{\"id\":1,\"kind\":\"cap\",\"created\":\"2026-12-01T10:00:00Z\","
            + "\"limit\":5,\"per\":\"fortnight\"}]}");
    RulesFile.Loaded l = new RulesFile(file, CLOCK).load();
    assertTrue(l.problem().contains("rule 1: \"per\" is not day, week or month"), l.problem());
  }
}
