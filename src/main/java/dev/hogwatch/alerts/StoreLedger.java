package dev.hogwatch.alerts;

import dev.hogwatch.history.History;
import dev.hogwatch.history.LoggedAlert;
import dev.hogwatch.history.ProgramUsage;
import dev.hogwatch.history.SeriesPoint;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link Ledger} of the history file: usage from its tables, alerts given from its {@code
 * alert_log}. Used on the history writer thread (inside {@code History.read}) or by a command that
 * opened the file alone. Failures come out as {@code HistoryException}.
 */
class StoreLedger implements Ledger {
  private final History.Reader store;

  StoreLedger(History.Reader store) {
    this.store = store;
  }

  @Override
  public long days(LocalDate from, LocalDate to, List<String> devices) {
    long[] v = store.dayTotal(from, to, devices);
    return v[0] + v[1];
  }

  @Override
  public Map<String, Long> apps(Instant from, Instant to) {
    Map<String, Long> m = new HashMap<>();
    for (ProgramUsage p : store.usage(from, to).programs()) {
      m.merge(p.name(), p.totalBytes(), Long::sum);
    }
    return m;
  }

  @Override
  public long[] perSecond(String app, Instant from, Instant to) {
    long n = Math.max(0, to.getEpochSecond() - from.getEpochSecond());
    long[] out = new long[(int) Math.min(n, Integer.MAX_VALUE - 8)];
    for (SeriesPoint p : store.series(app, null, from, to, Integer.MAX_VALUE)) {
      long secs = Math.max(1, p.seconds());
      long total = p.sentBytes() + p.receivedBytes();
      for (long s = 0; s < secs; s++) { // coarser rows are spread evenly over their seconds
        long i = p.start().getEpochSecond() + s - from.getEpochSecond();
        if (i >= 0 && i < out.length) {
          out[(int) i] += total / secs + (s < total % secs ? 1 : 0);
        }
      }
    }
    return out;
  }

  @Override
  public List<String> newApps(Instant since, Instant activeSince) {
    return store.programsNewSince(since, activeSince);
  }

  @Override
  public boolean alerted(String rule, String subject, String crossing) {
    return store.alerted(rule, subject, crossing);
  }

  @Override
  public Instant lastAlert(String rule, String subject) {
    return store.lastAlert(rule, subject);
  }

  @Override
  public boolean log(Alert a) {
    return store.logAlert(
        new LoggedAlert(a.rule(), a.subject(), a.crossing(), a.at(), a.title(), a.body()));
  }
}
