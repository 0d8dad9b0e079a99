package dev.hogwatch.ui.window;

import dev.hogwatch.model.Snapshot;
import dev.hogwatch.model.Units;
import java.awt.Component;
import java.awt.event.MouseEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.JTable;
import javax.swing.ListSelectionModel;
import javax.swing.RowFilter;
import javax.swing.RowSorter;
import javax.swing.SortOrder;
import javax.swing.SwingConstants;
import javax.swing.table.DefaultTableCellRenderer;
import javax.swing.table.TableRowSorter;

/**
 * The process table with the original hogwatch's selection: a click selects a process (the chart
 * shows it alone), a click on the only selected row deselects it (back to the global rate),
 * Ctrl-click adds or removes rows to compare. Sorted by total bytes by default, sortable by any
 * column, filtered by a text. The selection is kept by process identity, so it survives refreshes
 * and re-sorting. EDT only.
 */
final class ProcessTable extends JTable {
  private final ProcessRows rows;
  private final BiggestFirstSorter sorter;
  private final LinkedHashSet<Subject> selected = new LinkedHashSet<>();
  private final Consumer<List<Subject>> onSelection;
  private boolean restoring;
  private boolean pressing;
  private String filter = "";

  ProcessTable(ProcessRows rows, Supplier<Units.Mode> mode, Consumer<List<Subject>> onSelection) {
    super(rows);
    this.rows = rows;
    this.onSelection = onSelection;
    setSelectionMode(ListSelectionModel.MULTIPLE_INTERVAL_SELECTION);
    setFillsViewportHeight(true);
    setShowGrid(false);
    setAutoCreateRowSorter(false);
    sorter = new BiggestFirstSorter(rows);
    sorter.setSortsOnUpdates(true);
    sorter.setSortKeys(List.of(new RowSorter.SortKey(ProcessRows.TOTAL, SortOrder.DESCENDING)));
    setRowSorter(sorter);
    DefaultTableCellRenderer bytes =
        new DefaultTableCellRenderer() {
          @Override
          protected void setValue(Object value) {
            setText(value == null ? "" : Units.bytes(((Number) value).longValue()));
          }
        };
    bytes.setHorizontalAlignment(SwingConstants.RIGHT);
    DefaultTableCellRenderer rate =
        new DefaultTableCellRenderer() {
          @Override
          protected void setValue(Object value) {
            setText(value == null ? "" : Units.rate(((Number) value).doubleValue(), mode.get()));
          }
        };
    rate.setHorizontalAlignment(SwingConstants.RIGHT);
    for (int c = ProcessRows.SENT; c <= ProcessRows.TOTAL; c++) {
      getColumnModel().getColumn(c).setCellRenderer(bytes);
    }
    getColumnModel().getColumn(ProcessRows.UP).setCellRenderer(rate);
    getColumnModel().getColumn(ProcessRows.DOWN).setCellRenderer(rate);
    int[] widths = {150, 50, 60, 70, 75, 70, 82, 82};
    for (int c = 0; c < widths.length; c++) {
      getColumnModel().getColumn(c).setPreferredWidth(widths[c]);
    }
    getSelectionModel()
        .addListSelectionListener(
            e -> {
              if (!restoring && !e.getValueIsAdjusting()) {
                selectionChanged();
              }
            });
  }

  /** Numbers sort biggest first on the first click, as people look for the hogs. */
  private static final class BiggestFirstSorter extends TableRowSorter<ProcessRows> {
    BiggestFirstSorter(ProcessRows rows) {
      super(rows);
    }

    @Override
    public void toggleSortOrder(int column) {
      List<? extends SortKey> keys = getSortKeys();
      boolean numeric = Number.class.isAssignableFrom(getModel().getColumnClass(column));
      if (numeric
          && column != ProcessRows.PID
          && (keys.isEmpty() || keys.get(0).getColumn() != column)) {
        setSortKeys(List.of(new SortKey(column, SortOrder.DESCENDING)));
        return;
      }
      super.toggleSortOrder(column);
    }
  }

  /**
   * A plain click on the only selected row deselects it (back to the global graph); everything else
   * behaves as in any table (Ctrl toggles, Shift extends).
   */
  @Override
  public void changeSelection(int row, int column, boolean toggle, boolean extend) {
    if (!toggle && !extend && getSelectedRowCount() == 1 && getSelectedRow() == row && pressing) {
      clearSelection();
      return;
    }
    super.changeSelection(row, column, toggle, extend);
  }

  @Override
  protected void processMouseEvent(MouseEvent e) {
    pressing = e.getID() == MouseEvent.MOUSE_PRESSED;
    try {
      super.processMouseEvent(e);
    } finally {
      pressing = false;
    }
  }

  /** Replaces the rows, keeping the selection of every process still present. */
  void setRows(List<ProcessRows.Row> newRows) {
    restoring = true;
    try {
      rows.setRows(newRows);
      restoreSelection();
    } finally {
      restoring = false;
    }
    // processes that vanished drop out of the selection
    List<Subject> present = new ArrayList<>();
    for (ProcessRows.Row r : newRows) {
      if (selected.contains(r.subject())) {
        present.add(r.subject());
      }
    }
    if (present.size() != selected.size()) {
      selected.retainAll(present);
      onSelection.accept(List.copyOf(selected));
    }
  }

  private void restoreSelection() {
    ListSelectionModel sm = getSelectionModel();
    sm.setValueIsAdjusting(true);
    sm.clearSelection();
    for (int viewRow = 0; viewRow < getRowCount(); viewRow++) {
      Subject s = rows.row(convertRowIndexToModel(viewRow)).subject();
      if (selected.contains(s)) {
        sm.addSelectionInterval(viewRow, viewRow);
      }
    }
    sm.setValueIsAdjusting(false);
  }

  private void selectionChanged() {
    Set<Subject> now = new LinkedHashSet<>();
    for (int viewRow : getSelectedRows()) {
      now.add(rows.row(convertRowIndexToModel(viewRow)).subject());
    }
    // keep the order in which the user picked them, so colours stay put
    selected.retainAll(now);
    selected.addAll(now);
    onSelection.accept(List.copyOf(selected));
  }

  /** Selects exactly the rows with these subjects (e.g. from the tray's "Show in graphs"). */
  void select(List<Subject> subjects) {
    selected.clear();
    selected.addAll(subjects);
    restoring = true;
    try {
      restoreSelection();
    } finally {
      restoring = false;
    }
    int first = getSelectedRow();
    if (first >= 0) {
      scrollRectToVisible(getCellRect(first, 0, true));
    }
    onSelection.accept(List.copyOf(selected));
  }

  /** The selected subjects, in the order the user picked them. */
  List<Subject> selectedSubjects() {
    return List.copyOf(selected);
  }

  /** Shows only rows whose program, user or pid contains {@code text} (ignoring case). */
  void setFilter(String text) {
    filter = text.strip().toLowerCase(Locale.ROOT);
    restoring = true;
    try {
      sorter.setRowFilter(filter.isEmpty() ? null : new Contains(filter));
      restoreSelection();
    } finally {
      restoring = false;
    }
  }

  String filter() {
    return filter;
  }

  /** The rows in view order, for tests. */
  List<ProcessRows.Row> viewRows() {
    List<ProcessRows.Row> out = new ArrayList<>();
    for (int i = 0; i < getRowCount(); i++) {
      out.add(rows.row(convertRowIndexToModel(i)));
    }
    return out;
  }

  @Override
  public Component prepareRenderer(
      javax.swing.table.TableCellRenderer renderer, int row, int column) {
    Component c = super.prepareRenderer(renderer, row, column);
    if (c instanceof javax.swing.JComponent jc && column == ProcessRows.PROGRAM) {
      ProcessRows.Row r = rows.row(convertRowIndexToModel(row));
      jc.setToolTipText(
          r.subject().kind() == Subject.Kind.UNSEEN
              ? "<html><p width=320>" + Snapshot.UNSEEN_EXPLANATION + "</p></html>"
              : r.program());
    }
    return c;
  }

  private static final class Contains extends RowFilter<ProcessRows, Integer> {
    private final String text;

    Contains(String text) {
      this.text = text;
    }

    @Override
    public boolean include(Entry<? extends ProcessRows, ? extends Integer> entry) {
      ProcessRows.Row r = entry.getModel().row(entry.getIdentifier());
      return r.program().toLowerCase(Locale.ROOT).contains(text)
          || r.user().toLowerCase(Locale.ROOT).contains(text)
          || (r.pid() != null && String.valueOf(r.pid()).contains(text));
    }
  }
}
