package dev.hogwatch.ui.window;

import java.util.List;

/**
 * A table of a list of rows that is replaced as a whole ({@link #set}); subclasses say what each
 * cell shows ({@link #cell}). Example: the span panel's and the Usage tab's program tables.
 */
abstract class RowsModel<T> extends NamedColumnsModel {
  private List<T> rows = List.of();

  RowsModel(String... names) {
    super(names);
  }

  /** Shows {@code r} instead of the rows before. EDT only. */
  void set(List<T> r) {
    rows = List.copyOf(r);
    fireTableDataChanged();
  }

  /** The rows shown. */
  List<T> rows() {
    return rows;
  }

  /** What column {@code column} shows of {@code row}. */
  abstract Object cell(T row, int column);

  @Override
  public final int getRowCount() {
    return rows.size();
  }

  @Override
  public final Object getValueAt(int row, int column) {
    return cell(rows.get(row), column);
  }
}
