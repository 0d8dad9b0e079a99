package dev.hogwatch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hogwatch doctor}: one line per check, with the fix when it failed. Exits 3 when live
 * capture is impossible, else 0.
 *
 * <pre>
 * ok    nethogs      /usr/sbin/nethogs, version 0.8.7-2
 * FAIL  capture      nethogs has no permission to capture
 *       fix: sudo setcap cap_net_admin,cap_net_raw,cap_dac_read_search,cap_sys_ptrace+ep /usr/sbin/nethogs
 * </pre>
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = "Checks nethogs, capture permission, display, tray and data dir.")
public final class DoctorCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand Backend.Provider root;

  DoctorCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Backend.Check> checks = root.backend().doctor();
    boolean captureOk = true;
    for (Backend.Check c : checks) {
      out.printf(
          "%-5s %-9s %s%n", c.ok() ? "ok" : c.essential() ? "FAIL" : "warn", c.name(), c.detail());
      if (!c.ok() && !c.fix().isEmpty()) {
        out.printf("%-5s %-9s fix: %s%n", "", "", c.fix());
      }
      captureOk &= c.ok() || !c.essential();
    }
    out.flush();
    return captureOk ? 0 : Commands.EXIT_CAPTURE;
  }
}
