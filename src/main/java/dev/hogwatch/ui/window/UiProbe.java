package dev.hogwatch.ui.window;

import java.awt.Component;
import java.awt.Container;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Window;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.swing.AbstractButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.Timer;
import org.knowm.xchart.XChartPanel;

/**
 * What is on screen, written twice a second to the file named by the system property {@value
 * #PROPERTY}, for tests that drive the real window with real input events (xdotool) and must find
 * where to click and check what is showing. Off (and never loaded) unless the property is set.
 *
 * <p>One line per showing component, tab separated: kind, text, then its screen rectangle {@code x
 * y width height}, e.g. {@code button 5m 270 210 30 24}. Kinds: {@code window}, {@code dialog},
 * {@code tab} (one per tab; the selected one is {@code tab*}), {@code button} ({@code button*} when
 * selected), {@code combo} (selected item), {@code field}, {@code table} (text = row count; then
 * the row height), {@code text} (wrapped sentences), {@code label}, {@code chart}.
 */
final class UiProbe {
  private static final Logger LOG = Logger.getLogger(UiProbe.class.getName());

  /** The system property naming the file. */
  static final String PROPERTY = "hogwatch.uiprobe";

  private UiProbe() {}

  /** Starts writing when the property is set; call on the EDT once. */
  static void startIfAsked() {
    String p = System.getProperty(PROPERTY, "");
    if (p.isEmpty()) {
      return;
    }
    Path file = Path.of(p);
    Timer t = new Timer(500, e -> write(file));
    t.start();
  }

  private static void write(Path file) {
    StringBuilder b = new StringBuilder();
    for (Window w : Window.getWindows()) {
      if (!w.isShowing()) {
        continue;
      }
      String title =
          w instanceof JFrame f ? f.getTitle() : w instanceof JDialog d ? d.getTitle() : "";
      line(b, w instanceof JDialog ? "dialog" : "window", title, w);
      walk(b, w);
    }
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, b, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.log(Level.FINE, "ui probe", e);
    }
  }

  private static void walk(StringBuilder b, Container c) {
    for (Component k : c.getComponents()) {
      if (!k.isShowing()) {
        continue;
      }
      if (k instanceof JTabbedPane tabs) {
        Point o = tabs.getLocationOnScreen();
        for (int i = 0; i < tabs.getTabCount(); i++) {
          Rectangle r = tabs.getBoundsAt(i);
          if (r != null) {
            r.translate(o.x, o.y);
            String kind = i == tabs.getSelectedIndex() ? "tab*" : "tab";
            b.append(kind).append('\t').append(tabs.getTitleAt(i));
            b.append('\t').append(r.x).append('\t').append(r.y);
            b.append('\t').append(r.width).append('\t').append(r.height).append('\n');
          }
        }
      } else if (k instanceof AbstractButton a) {
        line(b, a.isSelected() ? "button*" : "button", a.getText(), a);
      } else if (k instanceof JComboBox<?> combo) {
        line(b, "combo", String.valueOf(combo.getSelectedItem()), combo);
      } else if (k instanceof JTextField f) {
        line(b, "field", f.getText(), f);
      } else if (k instanceof JTable t) {
        line(b, "table", t.getRowCount() + "\t" + t.getRowHeight(), t);
      } else if (k instanceof JTextArea a) {
        line(b, "text", a.getText(), a);
      } else if (k instanceof JLabel l) {
        line(b, "label", l.getText(), l);
      } else if (k instanceof XChartPanel<?>) {
        line(b, "chart", "", k);
      }
      if (k instanceof Container cc && !(k instanceof JComboBox<?>)) {
        walk(b, cc);
      }
    }
  }

  private static void line(StringBuilder b, String kind, String text, Component k) {
    Point o = k.getLocationOnScreen();
    String t = text == null ? "" : text.replace('\t', ' ').replace('\n', ' ');
    b.append(kind).append('\t').append(t);
    b.append('\t').append(o.x).append('\t').append(o.y);
    b.append('\t').append(k.getWidth()).append('\t').append(k.getHeight()).append('\n');
  }
}
