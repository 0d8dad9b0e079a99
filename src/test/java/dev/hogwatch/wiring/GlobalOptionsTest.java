package dev.hogwatch.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GlobalOptionsTest {

  private static App parse(String... args) {
    CommandLine cl = App.commandLine();
    cl.parseArgs(args);
    return cl.getCommand();
  }

  @Test
  void globalOptionsWorkBeforeTheSubcommand() {
    App app =
        parse(
            "--demo", "--nethogs", "/opt/nh", "--devices", "eth0,wlan0", "--data-dir", "/d", "top");
    Engine.Options o = app.options();
    assertTrue(o.demo());
    assertEquals(Path.of("/opt/nh"), o.nethogs());
    assertEquals(List.of("eth0", "wlan0"), o.devices());
    assertEquals(Path.of("/d"), o.dataDir());
  }

  @Test
  void globalOptionsWorkAfterTheSubcommand() {
    App app =
        parse(
            "top",
            "--json",
            "--demo",
            "--nethogs",
            "/opt/nh",
            "--devices",
            "eth0",
            "--data-dir",
            "/d");
    Engine.Options o = app.options();
    assertTrue(o.demo());
    assertEquals(Path.of("/opt/nh"), o.nethogs());
    assertEquals(List.of("eth0"), o.devices());
    assertEquals(Path.of("/d"), o.dataDir());
  }

  @Test
  void withoutOptionsTheDefaultsApply() {
    Engine.Options o = parse("doctor").options();
    assertEquals(false, o.demo());
    assertEquals(List.of(), o.devices());
    assertEquals(Engine.defaultDataDir(), o.dataDir());
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertEquals(2, App.run("top", "--no-such-option"));
    assertEquals(2, App.run("top", "--duration", "soon"));
  }
}
