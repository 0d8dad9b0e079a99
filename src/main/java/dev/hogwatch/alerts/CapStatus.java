package dev.hogwatch.alerts;

import dev.hogwatch.model.Units;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Where a data cap stands now, for the tray, the Usage tab, {@code /api/alerts} and metrics.
 *
 * @param rule the cap's id
 * @param used bytes used in the current period
 * @param limit the cap
 * @param start first day of the period
 * @param end first day of the next period
 * @param projected bytes at the end of the period at the pace so far
 * @param describe the rule, e.g. {@code cap 300 GB per month (from day 1)}
 */
public record CapStatus(
    int rule,
    long used,
    long limit,
    LocalDate start,
    LocalDate end,
    long projected,
    String describe,
    Instant at) {

  /** How near a cap is: below 80 %, from 80 %, from 100 %. */
  public enum Level {
    OK("ok"),
    NEAR("near"),
    OVER("over");

    private final String word;

    Level(String word) {
      this.word = word;
    }

    /** {@code ok}, {@code near} or {@code over}, as {@code /api/alerts} says it. */
    public String word() {
      return word;
    }
  }

  /** {@link Level#OVER} from 100 %, {@link Level#NEAR} from 80 %, else {@link Level#OK}. */
  public Level level() {
    double r = ratio();
    return r >= 1 ? Level.OVER : r >= Evaluator.WARN ? Level.NEAR : Level.OK;
  }

  /** used / limit, e.g. 0.8 at 80 %. */
  public double ratio() {
    return limit <= 0 ? 0 : (double) used / limit;
  }

  /** Whether the tray should show it: 80 % or more. */
  public boolean near() {
    return ratio() >= Evaluator.WARN;
  }

  /** Short text for the tray's status line, e.g. {@code "cap 82 %"} or {@code "cap over"}. */
  public String shortText() {
    return ratio() >= 1 ? "data cap reached" : "data cap " + percent() + " %";
  }

  /** Whole percent used (floor, so 99.9 % is not shown as 100 %). */
  public long percent() {
    return (long) Math.floor(ratio() * 100);
  }

  /**
   * One line, e.g. {@code "241 GB of 300 GB (80 %) since 1 Dec; at this pace 312 GB of 300 GB by 31
   * Dec"}.
   */
  public String text() {
    return usedText() + " " + since() + "; " + projection();
  }

  /**
   * {@code "241 GB of 300 GB (80 %)"}; from ten times the limit on, the multiple instead of a
   * five-digit percentage: {@code "24.5 GB of 100 MB (245× the cap)"}.
   */
  public String usedText() {
    String share = ratio() >= 10 ? Math.round(ratio()) + "× the cap" : percent() + " %";
    return Units.bytes(used) + " of " + Units.bytes(limit) + " (" + share + ")";
  }

  /**
   * {@code "at this pace 312 GB of 300 GB by 31 Dec"}: the projection sentence ({@code "by
   * the end of the day"} for a daily cap).
   */
  public String projection() {
    return "at this pace "
        + Units.bytes(projected)
        + " of "
        + Units.bytes(limit)
        + (daily() ? " by the end of the day" : " by " + Evaluator.dayMonth(end.minusDays(1)));
  }

  /** {@code "resets on 1 Jan"}: the first day of the next period ({@code "resets at midnight"}). */
  public String resets() {
    return daily() ? "resets at midnight" : "resets on " + Evaluator.dayMonth(end);
  }

  /** {@code "since 1 Dec"}, or {@code "today"} for a daily cap. */
  public String since() {
    return daily() ? "today" : "since " + Evaluator.dayMonth(start);
  }

  private boolean daily() {
    return end.equals(start.plusDays(1));
  }
}
