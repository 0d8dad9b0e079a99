package dev.hogwatch.model;

/**
 * One process line of a nethogs trace block, with both values already converted to bytes (for the
 * total view modes) or bytes per second (for the rate modes).
 *
 * <p>Example: the nethogs line {@code "/usr/bin/python3/9821/0\t36384\t2318"} becomes {@code new
 * TraceLine("/usr/bin/python3", 9821, 0, 36384, 2318)}.
 *
 * @param name nethogs's name field verbatim (argv[0], may contain '/' and spaces)
 * @param pid process id; 0 means nethogs could not attribute the traffic to a process
 * @param uid numeric user id
 * @param sent upload column (bytes, or bytes/s in rate modes)
 * @param received download column (bytes, or bytes/s in rate modes)
 */
public record TraceLine(String name, int pid, int uid, double sent, double received) {

  /**
   * pid of a line that names one connection nethogs counted under {@code unknown TCP} (its line
   * {@code "Unknown connection: 10.0.3.1:40112-10.0.3.5:443"}): the name is the tuple, it has no
   * bytes of its own.
   */
  public static final int CONNECTION_PID = -2;

  /**
   * A connection of {@code unknown TCP}, e.g. {@code unknownConnection("10.0.3.1:1-10.0.3.5:2")}.
   */
  public static TraceLine unknownConnection(String tuple) {
    return new TraceLine(tuple, CONNECTION_PID, 0, 0, 0);
  }

  /** True for a line made by {@link #unknownConnection}. */
  public boolean unknownConnection() {
    return pid == CONNECTION_PID;
  }

  /** True for the pseudo-lines nethogs prints with pid 0 ("unknown TCP", connection tuples). */
  public boolean unattributed() {
    return pid == 0;
  }
}
