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
import javax.swing.RowSorter;
import javax.swing.SortOrder;
import javax.swing.SwingConstants;
import javax.swing.table.DefaultTableCellRenderer;

/**
 * The process table with the original hogwatch's selection: a click selects an application or a
 * process (the chart shows it alone), a click on the only selected row deselects it (back to the
 * global rate), Ctrl-click adds or removes rows to compare. An application's row expands to its
 * processes with a click on its arrow, a double click, or the Right key (Left collapses). Sorted by
 * total bytes by default, sortable by any column (applications among themselves, processes within
 * their application), filtered by a text. The selection is kept by identity, so it survives
 * refreshes, re-sorting and expanding. EDT only.
 */
final class ProcessTable extends JTable {
  private final ProcessRows rows;
  private final GroupSorter sorter;
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
    sorter = new GroupSorter(rows);
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
    bindArrowKeys();
    getSelectionModel()
        .addListSelectionListener(
            e -> {
              if (!restoring && !e.getValueIsAdjusting()) {
                selectionChanged();
              }
            });
  }

  /**
   * Keeps the sort keys and hands them to the model, which sorts (so applications and their
   * processes stay together); view and model order are the same. Numbers sort biggest first on the
   * first click, as people look for the hogs.
   */
  private final class GroupSorter extends RowSorter<ProcessRows> {
    private final ProcessRows model;

    GroupSorter(ProcessRows model) {
      this.model = model;
    }

    @Override
    public ProcessRows getModel() {
      return model;
    }

    @Override
    public void toggleSortOrder(int column) {
      List<? extends SortKey> keys = getSortKeys();
      boolean numeric = Number.class.isAssignableFrom(model.getColumnClass(column));
      SortOrder order;
      if (!keys.isEmpty() && keys.get(0).getColumn() == column) {
        order =
            keys.get(0).getSortOrder() == SortOrder.ASCENDING
                ? SortOrder.DESCENDING
                : SortOrder.ASCENDING;
      } else {
        order = numeric && column != ProcessRows.PID ? SortOrder.DESCENDING : SortOrder.ASCENDING;
      }
      setSortKeys(List.of(new SortKey(column, order)));
    }

    @Override
    public int convertRowIndexToModel(int index) {
      return index;
    }

    @Override
    public int convertRowIndexToView(int index) {
      return index;
    }

    @Override
    public void setSortKeys(List<? extends SortKey> keys) {
      List<? extends SortKey> k = keys == null ? List.of() : List.copyOf(keys);
      if (!k.equals(model.sortKeys())) {
        restoring = true;
        try {
          model.sortBy(k);
          restoreSelection();
        } finally {
          restoring = false;
        }
        fireSortOrderChanged();
      }
    }

    @Override
    public List<? extends SortKey> getSortKeys() {
      return model.sortKeys();
    }

    @Override
    public int getViewRowCount() {
      return model.getRowCount();
    }

    @Override
    public int getModelRowCount() {
      return model.getRowCount();
    }

    @Override
    public void modelStructureChanged() {}

    @Override
    public void allRowsChanged() {}

    @Override
    public void rowsInserted(int firstRow, int endRow) {}

    @Override
    public void rowsDeleted(int firstRow, int endRow) {}

    @Override
    public void rowsUpdated(int firstRow, int endRow) {}

    @Override
    public void rowsUpdated(int firstRow, int endRow, int column) {}
  }

  /**
   * A plain click on the only selected row deselects it (back to the global graph); everything else
   * behaves as in any table (Ctrl toggles, Shift extends).
   */
  @Override
  public void changeSelection(int row, int column, boolean toggle, boolean extend) {
    if (arrowPress != null) {
      Subject app = arrowPress;
      arrowPress = null;
      toggle(app);
      return;
    }
    if (!toggle && !extend && getSelectedRowCount() == 1 && getSelectedRow() == row && pressing) {
      clearSelection();
      return;
    }
    super.changeSelection(row, column, toggle, extend);
  }

  @Override
  protected void processMouseEvent(MouseEvent e) {
    pressing = e.getID() == MouseEvent.MOUSE_PRESSED;
    arrowPress = null;
    if (pressing && javax.swing.SwingUtilities.isLeftMouseButton(e)) {
      int row = rowAtPoint(e.getPoint());
      if (row >= 0 && rows.row(row).group()) {
        java.awt.Rectangle cell =
            getCellRect(row, convertColumnIndexToView(ProcessRows.PROGRAM), false);
        boolean onArrow = cell.width > 0 && e.getX() >= cell.x && e.getX() < cell.x + ARROW;
        if (onArrow || e.getClickCount() == 2) {
          arrowPress = rows.row(row).subject();
        }
      }
    }
    try {
      // the table's own handler still sees every press and release (its selection state stays
      // consistent); changeSelection turns a press on an arrow into expanding instead
      super.processMouseEvent(e);
    } finally {
      pressing = false;
      arrowPress = null;
    }
  }

  /** The application whose arrow (or row, twice) is being pressed, or null. */
  private Subject arrowPress;

  /** Width of the arrow in front of an application's name: a click there expands it. */
  static final int ARROW = 18;

  /** Expands a collapsed application, collapses an expanded one. */
  void toggle(Subject app) {
    setExpanded(app, !rows.isExpanded(app));
  }

  /** Expands or collapses an application's row, keeping the selection. */
  void setExpanded(Subject app, boolean on) {
    restoring = true;
    try {
      rows.setExpanded(app, on);
      restoreSelection();
    } finally {
      restoring = false;
    }
  }

  /** Right expands the application of the lead row, Left collapses it (or its parent). */
  private void bindArrowKeys() {
    getInputMap(WHEN_ANCESTOR_OF_FOCUSED_COMPONENT)
        .put(javax.swing.KeyStroke.getKeyStroke(java.awt.event.KeyEvent.VK_RIGHT, 0), "expand");
    getInputMap(WHEN_ANCESTOR_OF_FOCUSED_COMPONENT)
        .put(javax.swing.KeyStroke.getKeyStroke(java.awt.event.KeyEvent.VK_LEFT, 0), "collapse");
    getActionMap()
        .put(
            "expand",
            new javax.swing.AbstractAction() {
              @Override
              public void actionPerformed(java.awt.event.ActionEvent e) {
                int row = getSelectionModel().getLeadSelectionIndex();
                if (row >= 0 && row < getRowCount() && rows.row(row).group()) {
                  setExpanded(rows.row(row).subject(), true);
                }
              }
            });
    getActionMap()
        .put(
            "collapse",
            new javax.swing.AbstractAction() {
              @Override
              public void actionPerformed(java.awt.event.ActionEvent e) {
                int row = getSelectionModel().getLeadSelectionIndex();
                while (row >= 0 && row < getRowCount() && rows.row(row).level() > 0) {
                  row--;
                }
                if (row >= 0 && row < getRowCount() && rows.row(row).group()) {
                  setExpanded(rows.row(row).subject(), false);
                }
              }
            });
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

  /**
   * Shows only rows whose application, program, user or pid contains {@code text} (ignoring case).
   */
  void setFilter(String text) {
    filter = text.strip().toLowerCase(Locale.ROOT);
    restoring = true;
    try {
      rows.setFilter(filter);
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
    return rows.viewRows();
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
}
