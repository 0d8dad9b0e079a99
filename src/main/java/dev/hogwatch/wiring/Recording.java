package dev.hogwatch.wiring;

import dev.hogwatch.history.History;
import dev.hogwatch.history.Retention;
import dev.hogwatch.model.Hub;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Whether and how a capturing engine records history (part of {@link Engine.Options}). Every mode
 * that captures (tray, window, {@code top}) records unless {@code --no-history}; the demo trace is
 * only recorded when {@code --data-dir} names a place for it, so it never mixes with real history.
 *
 * @param enabled whether to record
 * @param retention how long each resolution is kept ({@code --history-keep})
 * @param offReason why not, shown as the history status when disabled
 */
public record Recording(boolean enabled, Retention retention, String offReason) {

  /** Records with the default retention. */
  public static Recording defaults() {
    return new Recording(true, Retention.DEFAULT, "");
  }

  /** Does not record; {@code why} is shown to the user. */
  public static Recording off(String why) {
    return new Recording(false, Retention.DEFAULT, why);
  }

  /** The setting the global options ask for. */
  static Recording of(boolean noHistory, boolean demo, Path dataDir, Retention keep) {
    if (noHistory) {
      return off("History is off (--no-history).");
    }
    if (demo && dataDir == null) {
      return off("History is off in demo mode (give --data-dir to record the demo).");
    }
    return new Recording(true, keep == null ? Retention.DEFAULT : keep, "");
  }

  /** Starts recording {@code hub}'s snapshots into {@code dataDir}, or a history that is off. */
  History start(Path dataDir, Hub hub) {
    if (!enabled) {
      return History.off(offReason);
    }
    History h = History.start(History.Options.defaults(dataDir).withRetention(retention));
    hub.addListener(h);
    return h;
  }

  /** Picocli converter for {@code --history-keep}. */
  static final class KeepConverter implements CommandLine.ITypeConverter<Retention> {
    @Override
    public Retention convert(String value) {
      try {
        return Retention.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
