package dev.hogwatch.model;

/**
 * What the capture side is doing, as the UI should show it. {@code message} is one line for a
 * status bar; {@code fix} names what the user can do (a command), or is empty.
 */
public record CaptureStatus(State state, String message, String fix) {

  /**
   * The capabilities nethogs needs to see every process without root, as {@code setcap} takes them:
   * raw sockets for capture, reading other users' {@code /proc/<pid>/fd} to attribute connections
   * (the set nethogs's own README recommends). The one copy of this string.
   */
  public static final String CAPABILITIES =
      "cap_net_admin,cap_net_raw,cap_dac_read_search,cap_sys_ptrace+ep";

  /** Capture states. */
  public enum State {
    /** nethogs started, no block yet. */
    STARTING,
    /** live per-process capture. */
    RUNNING,
    /** replaying the bundled trace ({@code --demo}). */
    DEMO,
    /** nethogs is not installed; interface totals only. */
    NOT_INSTALLED,
    /** nethogs lacks capabilities / root; interface totals only. */
    NO_PERMISSION,
    /** no usable device to monitor. */
    NO_DEVICE,
    /** nethogs exited unexpectedly and will be restarted. */
    RESTARTING,
    /** capture stopped (quitting, or capture disabled). */
    STOPPED;

    /** True when per-process numbers are flowing. */
    public boolean perProcess() {
      return this == RUNNING || this == DEMO;
    }
  }

  public static CaptureStatus of(State state, String message) {
    return new CaptureStatus(state, message, "");
  }
}
