package dev.hogwatch.serve;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.history.ProgramUsage;
import dev.hogwatch.history.RangeUsage;
import dev.hogwatch.model.AppId;
import dev.hogwatch.model.AppStat;
import dev.hogwatch.model.InterfaceStat;
import dev.hogwatch.model.ProcessStat;
import dev.hogwatch.model.ProgramStat;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import dev.hogwatch.model.UserStat;
import java.util.List;

/**
 * The JSON the web server speaks. A snapshot has the field names of {@code hogwatch top --json}
 * ({@code processes[name,pid,uid,user,sentBytes,receivedBytes,sentRate,receivedRate]}, {@code
 * totals{sentBytes,receivedBytes,sentRate,receivedRate}}) plus what the page needs:
 *
 * <pre>{@code
 * {"time":"2026-01-01T10:00:00Z","epochMillis":1767261600000,
 *  "capture":{"state":"RUNNING","message":"","fix":""},"restarts":0,
 *  "processes":[{"name":"iperf3","pid":42,"uid":0,"user":"root","sentBytes":5,...}],
 *  "programs":[...],"totals":{...},"unattributed":{...},"interfaces":[...],
 *  "apps":[{"app":{"kind":"flatpak","id":"org.mozilla.firefox","name":"Firefox","icon":"…"},
 *           "uid":1000,"user":"alice","sentBytes":…,"pids":[…],"processes":[…]}],
 *  "users":[{"user":"alice","uid":1000,"sentBytes":…}],
 *  "unseen":{"sentBytes":0,"receivedBytes":1514,"sentRate":0.0,"receivedRate":0.0}}
 * }</pre>
 *
 * <p>Every process carries its {@code "app"} object as well.
 */
final class Json {
  private Json() {}

  static final ObjectMapper MAPPER =
      new ObjectMapper().addMixIn(AppId.Kind.class, KindAsLabel.class);

  /** An application kind is written as its label: {@code "flatpak"}, not {@code "FLATPAK"}. */
  abstract static class KindAsLabel {
    @JsonValue
    abstract String label();
  }

  record Capture(String state, String message, String fix) {}

  record SnapshotView(
      String time,
      long epochMillis,
      Capture capture,
      long restarts,
      List<ProcessStat> processes,
      List<ProgramStat> programs,
      Totals totals,
      Totals unattributed,
      List<InterfaceStat> interfaces,
      Totals interfaceTotals,
      List<AppStat> apps,
      List<UserStat> users,
      Totals unseen) {}

  record Point(long t, double seconds, long sentBytes, long receivedBytes) {}

  /**
   * {@code /api/history}: {@code program} or {@code app} ("kind:id", with its {@code uid}) when the
   * query named one, else null (all traffic).
   */
  record HistoryView(
      long since,
      long until,
      String program,
      boolean available,
      List<Point> points,
      String app,
      Integer uid) {}

  record Problem(String error) {}

  /** One program of {@code /api/range}. */
  record RangeProgram(String name, String user, long sentBytes, long receivedBytes) {}

  /** One application (of one user) of {@code /api/range}. */
  record RangeApp(
      String kind, String id, String name, String user, long sentBytes, long receivedBytes) {}

  /** Bytes both ways. */
  record RangeBytes(long sentBytes, long receivedBytes) {}

  /**
   * {@code /api/range}: {@code {"since":…,"until":…,"resolutionSeconds":1,"programs":[{"name",
   * "user","sentBytes","receivedBytes"}],"unattributed":{…},"totals":{…},"apps":[{"kind","id",
   * "name","user","sentBytes","receivedBytes"}]}}, times in epoch ms; {@code apps} holds the same
   * bytes per application (the unattributed traffic included, kind {@code unattributed}).
   */
  record RangeView(
      long since,
      long until,
      long resolutionSeconds,
      List<RangeProgram> programs,
      RangeBytes unattributed,
      RangeBytes totals,
      List<RangeApp> apps) {}

  static RangeView range(RangeUsage u) {
    List<RangeProgram> ps = new java.util.ArrayList<>(u.programs().size());
    for (ProgramUsage p : u.programs()) {
      ps.add(new RangeProgram(p.name(), p.user(), p.sentBytes(), p.receivedBytes()));
    }
    List<RangeApp> as = new java.util.ArrayList<>(u.apps().size());
    for (dev.hogwatch.history.AppUsage a : u.apps()) {
      as.add(new RangeApp(a.kind(), a.id(), a.name(), a.user(), a.sentBytes(), a.receivedBytes()));
    }
    return new RangeView(
        u.since().toEpochMilli(),
        u.until().toEpochMilli(),
        u.resolutionSeconds(),
        ps,
        new RangeBytes(u.unattributed().sentBytes(), u.unattributed().receivedBytes()),
        new RangeBytes(u.totals().sentBytes(), u.totals().receivedBytes()),
        as);
  }

  static SnapshotView view(Snapshot s) {
    return new SnapshotView(
        s.time().toString(),
        s.time().toEpochMilli(),
        new Capture(s.capture().state().name(), s.capture().message(), s.capture().fix()),
        s.restarts(),
        rows(s),
        s.programs(),
        s.totals(),
        s.unattributed(),
        s.interfaces(),
        s.interfaceTotals(),
        s.apps(),
        s.users(),
        s.unseen());
  }

  /** Every process plus the exited ones per program: {@link Snapshot#rows()}. */
  static List<ProcessStat> rows(Snapshot s) {
    return s.rows();
  }

  static byte[] snapshot(Snapshot s) {
    return bytes(view(s));
  }

  static byte[] bytes(Object o) {
    try {
      return MAPPER.writeValueAsBytes(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
