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

  /** What granting capture permission did; {@code message} is one or two lines for people. */
  record Grant(boolean ok, String message) {}

  /**
   * Gives nethogs the {@link CaptureStatus#CAPABILITIES} (through the packaged grant script and
   * polkit's password dialog; never for a nethogs that others could change) and restarts capture
   * when that worked. Blocks until the dialog is answered: call it off the event thread. The one
   * path the tray and the window share.
   */
  Grant grantCapturePermission();

  /** The command that installs nethogs on this system, e.g. {@code sudo apt install nethogs}. */
  String installNethogsCommand();

  /**
   * The network devices there are (from {@code /proc/net/dev}), selected or not, for a device
   * chooser; empty when they cannot be read.
   */
  List<String> allDevices();

  /** Stops capture (and nethogs), flushes history and releases everything; idempotent. */
  void shutdown();
}
