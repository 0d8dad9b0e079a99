package dev.hogwatch.ui.window;

import dev.hogwatch.model.AppStat;
import dev.hogwatch.model.ProcessStat;
import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Totals;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.swing.RowSorter;
import javax.swing.SortOrder;

/**
 * The process table's model, in one of two groupings: by application (one row per application and
 * user, expandable to its live processes) or by process (one row per live process). Either way one
 * "Unattributed" row sums the traffic nethogs could not attribute (its pid 0 lines, including
 * folded ones) and no namespace explained, and a "Not seen by capture" row for what the interfaces
 * carried that nethogs never reported, when there is any. EDT only; rows come in whole from a
 * {@link Snapshot}.
 *
 * <p>The model sorts and filters itself (groups stay together: applications are sorted among
 * themselves, each followed by its processes sorted among themselves), so the table's {@link
 * RowSorter} only keeps the sort keys and the view order is the model order.
 */
final class ProcessRows extends NamedColumnsModel {
  static final int PROGRAM = 0;
  static final int PID = 1;
  static final int USER = 2;
  static final int SENT = 3;
  static final int RECEIVED = 4;
  static final int TOTAL = 5;
  static final int UP = 6;
  static final int DOWN = 7;

  private static final String[] NAMES = {
    "Program", "PID", "User", "Sent", "Received", "Total", "↑ Rate", "↓ Rate"
  };
  private static final Class<?>[] TYPES = {
    String.class,
    Integer.class,
    String.class,
    Long.class,
    Long.class,
    Long.class,
    Double.class,
    Double.class
  };

  /** How rows are grouped. */
  enum Grouping {
    APPLICATIONS,
    PROCESSES
  }

  /**
   * One table row. {@code pid} is null for the unattributed row and for an application's row.
   *
   * @param level 0 for a top row, 1 for a process under its application
   * @param children the process rows of an application's row (0 for others)
   */
  record Row(
      Subject subject,
      String program,
      Integer pid,
      String user,
      long sent,
      long received,
      double upRate,
      double downRate,
      int level,
      int children) {
    /** A top-level row without children (a process, or the unattributed row). */
    Row(
        Subject subject,
        String program,
        Integer pid,
        String user,
        long sent,
        long received,
        double upRate,
        double downRate) {
      this(subject, program, pid, user, sent, received, upRate, downRate, 0, 0);
    }

    long total() {
      return sent + received;
    }

    boolean group() {
      return level == 0 && children > 0;
    }
  }

  /** The rows as given (applications each followed by all their processes). */
  private List<Row> rows = List.of();

  /** What the table shows: sorted, filtered, collapsed applications without their processes. */
  private List<Row> view = List.of();

  private final Set<Subject> expanded = new HashSet<>();
  private List<? extends RowSorter.SortKey> sortKeys =
      List.of(new RowSorter.SortKey(TOTAL, SortOrder.DESCENDING));
  private String filter = "";

  ProcessRows() {
    super(NAMES);
  }

  /** The rows of {@code s} in {@code grouping}. */
  static List<Row> rowsOf(Snapshot s, Grouping grouping) {
    return grouping == Grouping.APPLICATIONS ? appRowsOf(s) : rowsOf(s);
  }

  /** The subject of a live process row; a connection found in another namespace has pid 0. */
  static Subject processSubject(ProcessStat p) {
    return p.pid() == 0
        ? new Subject(Subject.Kind.PROCESS, p.name(), 0, p.uid())
        : Subject.process(p.name(), p.pid(), p.uid());
  }

  private static Row processRow(ProcessStat p, int level) {
    return new Row(
        processSubject(p),
        p.name(),
        p.pid(),
        p.user(),
        p.sentBytes(),
        p.receivedBytes(),
        p.sentRate(),
        p.receivedRate(),
        level,
        0);
  }

  /**
   * The rows for a snapshot grouped by application: each application of each user (exited
   * processes' bytes included) followed by its live processes, then the "Unattributed" row. A
   * snapshot without applications (made before they existed) gives the process rows.
   */
  static List<Row> appRowsOf(Snapshot s) {
    if (s.apps().isEmpty()) {
      return rowsOf(s);
    }
    List<Row> out = new ArrayList<>(s.apps().size() + s.processes().size() + 1);
    for (AppStat a : s.apps()) {
      if (a.app().unattributed()) {
        continue; // the Unattributed row below
      }
      out.add(
          new Row(
              Subject.app(a.app(), a.uid()),
              a.app().name(),
              null,
              a.user(),
              a.sentBytes(),
              a.receivedBytes(),
              a.sentRate(),
              a.receivedRate(),
              0,
              a.processes().size()));
      for (ProcessStat p : a.processes()) {
        out.add(processRow(p, 1));
      }
    }
    addUnattributed(s, out);
    return List.copyOf(out);
  }

  /** The rows for a snapshot: its processes, pid 0 lines merged into one "Unattributed" row. */
  static List<Row> rowsOf(Snapshot s) {
    List<Row> out = new ArrayList<>(s.processes().size() + 1);
    for (ProcessStat p : s.processes()) {
      if (!p.unattributed()) {
        out.add(processRow(p, 0));
      }
    }
    addUnattributed(s, out);
    return List.copyOf(out);
  }

  private static void addUnattributed(Snapshot s, List<Row> out) {
    if (s.capture().state().perProcess() || s.unattributed().totalBytes() > 0) {
      Totals u = s.unattributed();
      out.add(
          new Row(
              Subject.UNATTRIBUTED,
              "Unattributed",
              null,
              "",
              u.sentBytes(),
              u.receivedBytes(),
              u.sentRate(),
              u.receivedRate()));
    }
    Totals n = s.unseen();
    if (n.totalBytes() > 0) {
      out.add(
          new Row(
              Subject.UNSEEN,
              Snapshot.UNSEEN_LABEL,
              null,
              "",
              n.sentBytes(),
              n.receivedBytes(),
              n.sentRate(),
              n.receivedRate()));
    }
  }

  void setRows(List<Row> newRows) {
    rows = List.copyOf(newRows);
    rebuild();
  }

  /** The rows as given, every process included (collapsed or filtered out or not). */
  List<Row> rows() {
    return rows;
  }

  /** The row at {@code modelIndex} of what the table shows. */
  Row row(int modelIndex) {
    return view.get(modelIndex);
  }

  /** What the table shows, top to bottom. */
  List<Row> viewRows() {
    return view;
  }

  boolean isExpanded(Subject s) {
    return expanded.contains(s);
  }

  /** Expands or collapses an application's row. */
  void setExpanded(Subject s, boolean on) {
    if (on ? expanded.add(s) : expanded.remove(s)) {
      rebuild();
    }
  }

  void sortBy(List<? extends RowSorter.SortKey> keys) {
    sortKeys = List.copyOf(keys);
    rebuild();
  }

  List<? extends RowSorter.SortKey> sortKeys() {
    return sortKeys;
  }

  /** Shows only rows whose program, user or pid contains {@code text} (lower case). */
  void setFilter(String text) {
    filter = text;
    rebuild();
  }

  private void rebuild() {
    view = arrange(rows, sortKeys, filter, expanded);
    fireTableDataChanged();
  }

  /**
   * Sorts, filters and collapses {@code rows}: top rows are ordered by the first sort key (ties by
   * name), each application's processes after it in the same order. An application shows when it or
   * one of its processes matches the filter; its processes show when it is expanded (only the
   * matching ones while a filter is set), or, while filtering, when they match.
   */
  static List<Row> arrange(
      List<Row> rows, List<? extends RowSorter.SortKey> keys, String filter, Set<Subject> open) {
    List<List<Row>> groups = new ArrayList<>();
    for (Row r : rows) {
      if (r.level() == 0 || groups.isEmpty()) {
        groups.add(new ArrayList<>(List.of(r)));
      } else {
        groups.get(groups.size() - 1).add(r);
      }
    }
    Comparator<Row> order = order(keys);
    groups.sort((a, b) -> order.compare(a.get(0), b.get(0)));
    List<Row> out = new ArrayList<>(rows.size());
    for (List<Row> g : groups) {
      Row top = g.get(0);
      List<Row> children = new ArrayList<>(g.subList(1, g.size()));
      children.sort(order);
      boolean topMatches = matches(top, filter);
      List<Row> shown = new ArrayList<>();
      for (Row c : children) {
        boolean m = matches(c, filter);
        if (filter.isEmpty()
            ? open.contains(top.subject())
            : m && (open.contains(top.subject()) || !topMatches)) {
          shown.add(c);
        }
      }
      if (topMatches || !shown.isEmpty() || children.stream().anyMatch(c -> matches(c, filter))) {
        out.add(top);
        out.addAll(shown);
      }
    }
    return List.copyOf(out);
  }

  private static boolean matches(Row r, String filter) {
    return filter.isEmpty()
        || r.program().toLowerCase(Locale.ROOT).contains(filter)
        || r.user().toLowerCase(Locale.ROOT).contains(filter)
        || (r.pid() != null && String.valueOf(r.pid()).contains(filter));
  }

  /** The order of the first sort key (nulls last either way), ties by name and pid. */
  private static Comparator<Row> order(List<? extends RowSorter.SortKey> keys) {
    Comparator<Row> byName =
        Comparator.comparing((Row r) -> r.program(), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(r -> r.pid() == null ? -1 : r.pid());
    if (keys.isEmpty() || keys.get(0).getSortOrder() == SortOrder.UNSORTED) {
      return byName;
    }
    int column = keys.get(0).getColumn();
    boolean descending = keys.get(0).getSortOrder() == SortOrder.DESCENDING;
    Comparator<Row> byValue =
        (a, b) -> {
          Comparable<Object> x = sortValue(a, column);
          Comparable<Object> y = sortValue(b, column);
          if (x == null || y == null) {
            return x == null ? (y == null ? 0 : 1) : -1;
          }
          int c = x.compareTo(y);
          return descending ? -c : c;
        };
    return byValue.thenComparing(byName);
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object> sortValue(Row r, int column) {
    Object v =
        switch (column) {
          case PROGRAM ->
              (r.pid() == null ? r.program() : Subject.shortName(r.program()))
                  .toLowerCase(Locale.ROOT);
          case PID -> r.pid();
          case USER -> r.user().toLowerCase(Locale.ROOT);
          case SENT -> r.sent();
          case RECEIVED -> r.received();
          case TOTAL -> r.total();
          case UP -> r.upRate();
          case DOWN -> r.downRate();
          default -> null;
        };
    return (Comparable<Object>) v;
  }

  @Override
  public int getRowCount() {
    return view.size();
  }

  @Override
  public Class<?> getColumnClass(int column) {
    return TYPES[column];
  }

  @Override
  public Object getValueAt(int rowIndex, int column) {
    Row r = view.get(rowIndex);
    return switch (column) {
      case PROGRAM -> label(r);
      case PID -> r.pid();
      case USER -> r.user();
      case SENT -> r.sent();
      case RECEIVED -> r.received();
      case TOTAL -> r.total();
      case UP -> r.upRate();
      case DOWN -> r.downRate();
      default -> throw new IllegalArgumentException("column " + column);
    };
  }

  /**
   * The Program cell: an application with its arrow and process count ({@code "▸ Firefox (3)"}),
   * its processes indented under it, a process alone by its short name.
   */
  private String label(Row r) {
    if (r.group()) {
      return (expanded.contains(r.subject()) ? "▾ " : "▸ ")
          + r.program()
          + (r.children() > 1 ? "  (" + r.children() + ")" : "");
    }
    if (r.level() > 0) {
      return "      "
          + (r.pid() != null && r.pid() == 0 ? r.program() : Subject.shortName(r.program()));
    }
    if (r.subject().kind() == Subject.Kind.APP) {
      return "   " + r.program(); // lined up with the names of expandable rows
    }
    return r.pid() == null ? r.program() : Subject.shortName(r.program());
  }
}
