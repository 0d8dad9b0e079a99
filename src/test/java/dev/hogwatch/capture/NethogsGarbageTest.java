package dev.hogwatch.capture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogwatch.model.CaptureStatus.State;
import dev.hogwatch.model.Snapshot;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A "nethogs" that prints garbage for ever (issue 17, point 9): the supervisor stops it after too
 * many unreadable lines, says the output is not understood, restarts it with the back-off and
 * counts the restarts; memory stays bounded because lines and blocks are.
 */
class NethogsGarbageTest extends FakeNethogsTest {
  private static final NethogsSupervisor.Settings FAST =
      new NethogsSupervisor.Settings(
          Duration.ofHours(1), 100_000_000, Duration.ofMillis(200), Duration.ofMillis(800));

  NethogsGarbageTest() {
    super(false, Duration.ofSeconds(20));
  }

  private void garbageIsNotUnderstood(String body) throws Exception {
    Path bin = script(body);
    try (NethogsSupervisor s = NethogsSupervisor.start(bin, List.of(), hub, FAST)) {
      Snapshot st =
          await(
              x ->
                  x.capture().message().contains("output not understood")
                      && x.capture().state() == State.RESTARTING,
              "the not-understood state");
      assertTrue(st.capture().message().contains(s.nethogsPath()), st.capture().message());
      await(x -> x.restarts() >= 2, "restarts counted");
    }
  }

  @Test
  void binaryGarbageForEverIsNotUnderstoodAndRestarted() throws Exception {
    garbageIsNotUnderstood("exec head -c 100000000000 /dev/urandom\n");
  }

  @Test
  void garbageInsideABlockForEverIsNotUnderstoodAndRestarted() throws Exception {
    garbageIsNotUnderstood("echo Refreshing:\nexec yes 'this is not a process line'\n");
  }

  @Test
  void processLinesWithoutEndInOneBlockAreBounded() throws Exception {
    // lines that parse, but no "Refreshing:" ever comes to end the block: it must not grow for ever
    garbageIsNotUnderstood("echo Refreshing:\nexec yes $'prog/1/0\\t1\\t2'\n");
  }

  @Test
  void startupLinesForEverAreNotUnderstood() throws Exception {
    garbageIsNotUnderstood("exec yes 'Adding local address: 10.0.0.1 and more'\n");
  }
}
