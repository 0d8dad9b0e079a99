package dev.hogwatch.alerts;

import dev.hogwatch.model.Units;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One alert rule, as the user set it up (CLI, Alerts dialog or {@code alerts.json}). Every rule has
 * a number that {@code hogwatch alerts remove ID} names, and the time it was made (the new-app rule
 * counts applications first seen after it).
 */
public sealed interface Rule {

  /** The rule's number, unique in the rules file and never reused. */
  int id();

  /** When the rule was made. */
  Instant created();

  /** The kind, as the CLI and the rules file name it: cap, app, rate or new-app. */
  String kind();

  /** One line for lists, e.g. {@code "cap 300 GB per month (from day 1)"}. */
  String describe();

  /** The same rule under another number (when it is added to a file). */
  Rule withId(int id);

  /** The period of a data cap. */
  enum Per {
    DAY,
    WEEK,
    MONTH;

    /** Lower-case name, as typed: {@code day}, {@code week}, {@code month}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A data cap on total traffic (both directions): warns at 80 % and 100 % of {@code limit} within
   * each period.
   *
   * @param per day, week or month
   * @param resetDay the day the period starts: 1-31 of the month (a shorter month starts on its
   *     last day), 1 (Monday) to 7 (Sunday) of the week; ignored for days
   * @param devices only these network devices (kernel counters); empty: all traffic nethogs sees
   */
  record Cap(int id, Instant created, long limit, Per per, int resetDay, List<String> devices)
      implements Rule {
    public Cap {
      devices = List.copyOf(devices);
    }

    @Override
    public String kind() {
      return "cap";
    }

    @Override
    public String describe() {
      String from =
          switch (per) {
            case DAY -> "";
            case WEEK ->
                " (from "
                    + java.time.DayOfWeek.of(resetDay).name().charAt(0)
                    + java.time.DayOfWeek.of(resetDay)
                        .name()
                        .substring(1, 3)
                        .toLowerCase(Locale.ROOT)
                    + ")";
            case MONTH -> " (from day " + resetDay + ")";
          };
      return "cap "
          + Units.bytes(limit)
          + " per "
          + per.word()
          + from
          + (devices.isEmpty() ? "" : " on " + String.join(", ", devices));
    }

    @Override
    public Rule withId(int newId) {
      return new Cap(newId, created, limit, per, resetDay, devices);
    }
  }

  /**
   * An application (a program name, any user) that moves more than {@code limit} bytes within
   * {@code within}.
   */
  record App(int id, Instant created, String app, long limit, Duration within) implements Rule {
    @Override
    public String kind() {
      return "app";
    }

    @Override
    public String describe() {
      return app + " over " + Units.bytes(limit) + " within " + Limits.period(within);
    }

    @Override
    public Rule withId(int newId) {
      return new App(newId, created, app, limit, within);
    }
  }

  /**
   * Any application ({@code app} null), or one, above {@code bytesPerSecond} (both directions) for
   * {@code duration}.
   */
  record Rate(int id, Instant created, double bytesPerSecond, Duration duration, String app)
      implements Rule {
    @Override
    public String kind() {
      return "rate";
    }

    @Override
    public String describe() {
      return (app == null ? "any application" : app)
          + " over "
          + Units.rate(bytesPerSecond, Units.Mode.BYTES)
          + " for "
          + Limits.period(duration);
    }

    @Override
    public Rule withId(int newId) {
      return new Rate(newId, created, bytesPerSecond, duration, app);
    }
  }

  /** An application seen on the network for the first time ever (after the rule was made). */
  record NewApp(int id, Instant created) implements Rule {
    @Override
    public String kind() {
      return "new-app";
    }

    @Override
    public String describe() {
      return "an application on the network for the first time";
    }

    @Override
    public Rule withId(int newId) {
      return new NewApp(newId, created);
    }
  }
}
