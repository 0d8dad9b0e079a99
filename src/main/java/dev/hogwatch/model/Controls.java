package dev.hogwatch.model;

import java.util.List;

/**
 * What a view may ask of the running engine, without knowing about nethogs. Implemented by the
 * wiring; the tray, window, CLI and web server receive it with the {@link Hub}.
 *
 * <p>Every method returns quickly: work happens on the engine's own threads, results arrive as new
 * {@link Snapshot}s.
 */
public interface Controls {

  /** Restarts per-process capture, e.g. after the user granted capabilities. */
  void restartCapture();

  /**
   * Limits capture and interface totals to these devices; an empty list means all devices (the
   * default). Restarts nethogs with the new device list.
   */
  void setDevices(List<String> devices);

  /** The devices currently selected; empty means all. */
  List<String> devices();

  /** Absolute path of the nethogs binary in use (for fix-it commands such as setcap). */
  String nethogsPath();

  /** Stops capture (and nethogs), flushes history and releases everything; idempotent. */
  void shutdown();
}
