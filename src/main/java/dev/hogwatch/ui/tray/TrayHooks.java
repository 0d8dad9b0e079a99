package dev.hogwatch.ui.tray;

/**
 * What the tray asks of the rest of the application, implemented by the wiring's {@code
 * TrayLauncher} (the tray itself only knows the model). Every method is called on the Swing event
 * thread and must return quickly.
 *
 * <p>Example: the wiring passes an implementation whose {@link #openGraphs()} opens the graphs
 * window and whose {@link #grantPermission()} asks {@code Controls.grantCapturePermission()} on a
 * worker thread.
 */
public interface TrayHooks {

  /** Opens (or raises) the graphs window. */
  void openGraphs();

  /** Opens the graphs window with one program selected ({@code pid} 0: no live process). */
  void showProgram(String name, int pid);

  /**
   * Opens the graphs window with one application of one user selected (the tray's "Show in graphs"
   * of an application); by default just the window.
   */
  default void showApp(dev.hogwatch.model.AppId app, int uid) {
    openGraphs();
  }

  /** Whether Hogwatch starts at login (an XDG autostart file exists). */
  boolean autostart();

  /** Writes or removes the XDG autostart file; returns an error message or an empty string. */
  String setAutostart(boolean enabled);

  /** Whether the web view is shared on localhost:6432 (the "Share" toggle; off at start). */
  default boolean sharing() {
    return false;
  }

  /** Starts or stops sharing the web view on localhost:6432; returns an error message or "". */
  default String setSharing(boolean enabled) {
    return "Sharing is not available in this build.";
  }

  /**
   * A short problem for the status line that is not about capture, e.g. {@code "history not
   * saved"}, or an empty string when all is well.
   */
  default String notice() {
    return "";
  }

  /** How near a data cap is, for a mark on the icon. */
  enum CapMark {
    /** No cap, or every cap below 80 %. */
    NONE,
    /** A cap at 80 % or more: a yellow ring around the icon. */
    NEAR,
    /** A cap reached: a red ring around the icon. */
    OVER
  }

  /** The mark the icon shows for the nearest data cap. */
  default CapMark capMark() {
    return CapMark.NONE;
  }

  /** Starts granting nethogs its capabilities (pkexec setcap), then restarts capture. */
  void grantPermission();

  /** The command that installs nethogs on this system, e.g. {@code sudo apt install nethogs}. */
  String installCommand();

  /** One paragraph for the About box (version, data directory, licence). */
  String about();

  /** Stops capture and nethogs, closes the tray and exits the process. */
  void quit();
}
