package dev.hogwatch.model;

import java.util.List;

/**
 * What the socket watcher learned since its previous report, from the kernel's socket diagnostics
 * rather than from nethogs: which process holds a connection, and how many bytes each connection
 * with a known owner carried (the kernel's own per-socket counters). The model uses it to give the
 * traffic nethogs could not attribute (its {@code unknown TCP} lines and connection tuples, pid 0)
 * to the process that really made it, after that process has exited.
 *
 * <p>Example: a {@code curl} (pid 812) that sent 512 KB and exited before nethogs looked becomes
 * {@code owners = [Owner("10.0.0.1:43210-10.0.0.2:443", 812, "curl", 1000)], transfers =
 * [Transfer(true, "10.0.0.1:43210-10.0.0.2:443", 540000, 9000)]}.
 *
 * @param nanos our monotonic clock when the report was made
 * @param owners connections whose process was just found (tuple as nethogs prints it)
 * @param transfers bytes connections with a known owner carried since the previous report
 * @param processes new processes seen holding sockets, named while they ran (tuple empty, uid -1):
 *     nethogs may report them after they exited, when they can no longer be resolved
 */
public record SocketBytes(
    long nanos, List<Owner> owners, List<Transfer> transfers, List<Owner> processes) {
  public SocketBytes {
    owners = List.copyOf(owners);
    transfers = List.copyOf(transfers);
    processes = List.copyOf(processes);
  }

  /** A report without newly named processes. */
  public SocketBytes(long nanos, List<Owner> owners, List<Transfer> transfers) {
    this(nanos, owners, transfers, List.of());
  }

  /**
   * The process holding a connection.
   *
   * @param tuple {@code local:port-remote:port}, the form of nethogs's pid 0 tuple lines
   * @param pid process id
   * @param name argv[0], the name nethogs gives the process
   * @param uid the socket's owner
   * @param app the process's application, resolved while it lived (it has usually exited by the
   *     time its bytes are counted), or null to resolve it from {@code name} and {@code pid}
   */
  public record Owner(String tuple, int pid, String name, int uid, AppId app) {
    /** An owner whose application is resolved later, by the model's resolver. */
    public Owner(String tuple, int pid, String name, int uid) {
      this(tuple, pid, name, uid, null);
    }
  }

  /**
   * Bytes a connection carried, whole frames as the interface counts them (payload plus an estimate
   * of the headers per segment).
   *
   * @param tcp TCP (counted by the kernel) or UDP (sizes unknown: {@code -1})
   * @param tuple the connection
   * @param sentBytes sent since the previous report, or -1 when the kernel does not count it
   * @param receivedBytes received since the previous report, or -1 likewise
   */
  public record Transfer(boolean tcp, String tuple, long sentBytes, long receivedBytes) {}
}
