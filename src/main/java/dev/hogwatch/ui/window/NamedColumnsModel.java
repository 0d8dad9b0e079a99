package dev.hogwatch.ui.window;

import javax.swing.table.AbstractTableModel;

/** A table model whose columns are a fixed list of names; subclasses supply rows and cells. */
abstract class NamedColumnsModel extends AbstractTableModel {
  private final String[] names;

  NamedColumnsModel(String... names) {
    this.names = names.clone();
  }

  @Override
  public final int getColumnCount() {
    return names.length;
  }

  @Override
  public final String getColumnName(int column) {
    return names[column];
  }
}
