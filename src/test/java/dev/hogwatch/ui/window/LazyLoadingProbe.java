package dev.hogwatch.ui.window;

import dev.hogwatch.model.CaptureStatus;
import dev.hogwatch.model.Hub;

/**
 * Does what the tray does before the user opens the graphs: records the past and holds the window's
 * entry point. Run with {@code -verbose:class} by {@link LazyLoadingTest}.
 */
final class LazyLoadingProbe {
  private LazyLoadingProbe() {}

  public static void main(String[] args) throws Exception {
    Hub hub = new Hub(Synthetic.accounting(), CaptureStatus.of(CaptureStatus.State.DEMO, ""));
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("hogwatch-probe-");
    Graphs graphs =
        new Graphs(
            hub,
            new WindowDemo.FakeControls(),
            new dev.hogwatch.ui.UiPrefs(dir.resolve("ui.properties")));
    hub.submit(new Synthetic().refresh(0, System.nanoTime()));
    hub.flush();
    System.out.println("probe done " + graphs.getClass().getSimpleName());
    hub.close();
  }
}
