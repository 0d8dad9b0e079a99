package dev.hogwatch.cli;

import dev.hogwatch.alerts.AlertService;
import dev.hogwatch.alerts.AlertsJson;
import dev.hogwatch.alerts.Limits;
import dev.hogwatch.alerts.Rule;
import dev.hogwatch.alerts.RulesFile;
import dev.hogwatch.history.HistoryException;
import dev.hogwatch.history.LoggedAlert;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hogwatch alerts}: lists the alert rules, each cap's progress and the latest alerts ({@code
 * --json} for scripts); {@code alerts add ...} and {@code alerts remove ID} change the rules file
 * ({@code $XDG_CONFIG_HOME/hogwatch/alerts.json}). A running Hogwatch picks changes up within
 * seconds.
 *
 * <p>Example: {@code hogwatch alerts add cap 300GB --per month --reset-day 15} prints {@code Added
 * rule 1: cap 300 GB per month (from day 15)}.
 */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = {
      "Lists alert rules, data caps and the latest alerts; add or remove rules.",
      "Alerts show as desktop notifications while Hogwatch runs (tray or window)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done", "1:a file could not be read or written", "2:invalid input"},
    subcommands = {AlertsCommand.Add.class, AlertsCommand.Remove.class})
public final class AlertsCommand implements Callable<Integer> {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "print JSON (rules, caps, alerts)")
  boolean json;

  private final Supplier<Path> rulesPath;
  private final Clock clock;

  public AlertsCommand() {
    this(null, Clock.system(ZoneId.systemDefault()));
  }

  /** The rules file: the one given (tests), else the root command's. */
  private Path rulesPath() {
    return rulesPath != null ? rulesPath.get() : Commands.alertRules(spec);
  }

  AlertsCommand(Supplier<Path> rulesPath, Clock clock) {
    this.rulesPath = rulesPath;
    this.clock = clock;
  }

  RulesFile rules() {
    return new RulesFile(rulesPath(), clock);
  }

  private Path dataDir() {
    return Commands.dataDir(spec);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RulesFile file = rules();
    AlertService.State s;
    try {
      s = AlertService.peek(dataDir(), file, clock);
    } catch (HistoryException e) {
      err.println(
          "hogwatch alerts: cannot read the history file in " + dataDir() + ": " + e.getMessage());
      return 1;
    }
    if (!s.problem().isEmpty()) {
      err.println("hogwatch alerts: " + s.problem());
    }
    if (json) {
      out.println(json(s));
    } else {
      table(out, file, s);
    }
    out.flush();
    return 0;
  }

  private static String json(AlertService.State s) {
    return AlertsJson.of(s).toString();
  }

  private void table(PrintWriter out, RulesFile file, AlertService.State s) {
    if (s.rules().isEmpty()) {
      out.println("No alert rules (" + file.file() + ").");
      out.println("Add one, e.g.: hogwatch alerts add cap 300GB --per month");
    } else {
      out.println("Rules (" + file.file() + "):");
      for (Rule r : s.rules()) {
        String progress =
            s.caps().stream()
                .filter(c -> c.rule() == r.id())
                .map(c -> "  —  " + c.text())
                .findFirst()
                .orElse("");
        out.printf(Locale.ROOT, "  %3d  %s%s%n", r.id(), r.describe(), progress);
      }
    }
    if (!s.recent().isEmpty()) {
      out.println("Latest alerts:");
      for (LoggedAlert a : s.recent()) {
        out.printf(
            Locale.ROOT,
            "  %s  [%s] %s: %s%n",
            WHEN.format(a.at().atZone(clock.getZone())),
            a.rule(),
            a.title(),
            a.body());
      }
    }
  }

  int added(CommandSpec sub, Rule r) {
    try {
      Rule saved = rules().add(r);
      sub.commandLine().getOut().println("Added rule " + saved.id() + ": " + saved.describe());
      return 0;
    } catch (IOException e) {
      sub.commandLine()
          .getErr()
          .println("hogwatch alerts: cannot save " + rulesPath() + ": " + e.getMessage());
      return 1;
    }
  }

  static long bytes(CommandSpec spec, String what, String text) {
    try {
      return Limits.bytes(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), what + ": " + e.getMessage());
    }
  }

  static Duration period(CommandSpec spec, String what, String text) {
    try {
      return Limits.period(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), what + ": " + e.getMessage());
    }
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = "Adds a rule: cap, app, rate or new-app.",
      synopsisSubcommandLabel = "(cap | app | rate | new-app)",
      subcommands = {AddCap.class, AddApp.class, AddRate.class, AddNewApp.class})
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ParentCommand AlertsCommand alerts;

    @Override
    public Integer call() {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "say which rule: cap, app, rate or new-app");
    }
  }

  /** One kind of rule that {@code alerts add} adds: {@link #rule} builds it from the options. */
  abstract static class AddRule implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ParentCommand Add add;

    /** The rule the options describe (its id is given when saved). */
    abstract Rule rule(java.time.Instant now);

    @Override
    public final Integer call() {
      AlertsCommand alerts = add.alerts;
      return alerts.added(spec, rule(alerts.clock.instant()));
    }
  }

  @Command(
      name = "cap",
      mixinStandardHelpOptions = true,
      description = {
        "A data cap on total traffic: a notification at 80 %% and at 100 %%, with the projection.",
        "Example: hogwatch alerts add cap 300GB --per month --reset-day 15",
        "--devices LIST counts only those network devices (e.g. wlan0,eth0); default: all."
      })
  static final class AddCap extends AddRule {

    @Parameters(index = "0", paramLabel = "LIMIT", description = "e.g. 5MB, 300GB, 1.5GiB")
    String limit;

    @Option(
        names = "--per",
        paramLabel = "PERIOD",
        defaultValue = "month",
        description = "day, week or month (default: ${DEFAULT-VALUE})")
    String per;

    @Option(
        names = "--reset-day",
        paramLabel = "N",
        description = "day the period starts: 1-31 of a month (default 1), 1-7 of a week (Monday)")
    Integer resetDay;

    // --devices LIST is the global option (inherited): here it names the devices the cap counts

    @Override
    Rule rule(java.time.Instant now) {
      Rule.Per p;
      try {
        p = Rule.Per.valueOf(per.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--per: '" + per + "' is not day, week or month");
      }
      int day = resetDay == null ? 1 : resetDay;
      try {
        RulesFile.checkResetDay(p, day);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--reset-day: " + e.getMessage());
      }
      long bytes = bytes(spec, "LIMIT", limit);
      OptionSpec o = spec.findOption("--devices");
      List<String> devs = new ArrayList<>();
      if (o != null && o.getValue() instanceof List<?> l) {
        for (Object d : l) {
          String name = String.valueOf(d).trim();
          if (!name.isEmpty() && !devs.contains(name)) {
            devs.add(name);
          }
        }
      }
      return new Rule.Cap(0, now, bytes, p, day, devs);
    }
  }

  @Command(
      name = "app",
      mixinStandardHelpOptions = true,
      description = {
        "An application (program name) over LIMIT bytes within a period.",
        "Example: hogwatch alerts add app firefox 2GB --within 1h"
      })
  static final class AddApp extends AddRule {

    @Parameters(index = "0", paramLabel = "NAME", description = "program name, as top shows it")
    String name;

    @Parameters(index = "1", paramLabel = "LIMIT", description = "e.g. 500MB, 2GB")
    String limit;

    @Option(
        names = "--within",
        paramLabel = "PERIOD",
        defaultValue = "1d",
        description = "e.g. 10m, 1h, 1d, 1w (default: ${DEFAULT-VALUE})")
    String within;

    @Override
    Rule rule(java.time.Instant now) {
      if (name.isBlank()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "NAME is empty");
      }
      long bytes = bytes(spec, "LIMIT", limit);
      Duration w = period(spec, "--within", within);
      return new Rule.App(0, now, name.trim(), bytes, w);
    }
  }

  @Command(
      name = "rate",
      mixinStandardHelpOptions = true,
      description = {
        "Any application (or one) above RATE for a while.",
        "Example: hogwatch alerts add rate 5MB/s --for 30s --app firefox"
      })
  static final class AddRate extends AddRule {

    @Parameters(index = "0", paramLabel = "RATE", description = "e.g. 5MB/s, 40Mbit/s")
    String rate;

    @Option(
        names = "--for",
        required = true,
        paramLabel = "PERIOD",
        description = "how long, e.g. 30s, 5m")
    String duration;

    @Option(names = "--app", paramLabel = "NAME", description = "only this program")
    String app;

    @Override
    Rule rule(java.time.Instant now) {
      double r;
      try {
        r = Limits.rate(rate);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "RATE: " + e.getMessage());
      }
      Duration d = period(spec, "--for", duration);
      String a = app == null || app.isBlank() ? null : app.trim();
      return new Rule.Rate(0, now, r, d, a);
    }
  }

  @Command(
      name = "new-app",
      mixinStandardHelpOptions = true,
      description = "An application on the network for the first time ever.")
  static final class AddNewApp extends AddRule {

    @Override
    Rule rule(java.time.Instant now) {
      return new Rule.NewApp(0, now);
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes rule ID.")
  static final class Remove implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "the number 'hogwatch alerts' shows")
    int id;

    @ParentCommand AlertsCommand parent;

    @Override
    public Integer call() {
      try {
        if (parent.rules().remove(id)) {
          spec.commandLine().getOut().println("Removed rule " + id + ".");
          return 0;
        }
      } catch (IOException e) {
        spec.commandLine()
            .getErr()
            .println("hogwatch alerts: cannot save " + parent.rulesPath() + ": " + e.getMessage());
        return 1;
      }
      throw new CommandLine.ParameterException(
          spec.commandLine(), "there is no rule " + id + " (see: hogwatch alerts)");
    }
  }
}
