package dev.hogwatch.ui.window;

import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import javax.swing.SwingUtilities;

/**
 * The mouse on the window's chart: the readout follows the pointer; a click selects a point and a
 * drag a span (who used the network then); a Shift- or middle-button drag pans, the wheel zooms
 * (with Shift it scrolls through time). EDT only.
 */
final class ChartMouse extends MouseAdapter {
  private final WindowFrame frame;
  private boolean inChart;
  private int x;
  private int dragX = -1;
  private long dragEnd;
  private long dragSpan;
  private int selX = -1; // where a selecting drag started, or -1

  ChartMouse(WindowFrame frame) {
    this.frame = frame;
  }

  /** Whether the pointer is on the chart. */
  boolean inChart() {
    return inChart;
  }

  /** The pointer's x on the chart panel. */
  int x() {
    return x;
  }

  /** Whether a selecting or panning drag is going on. */
  boolean busy() {
    return selX >= 0 || dragX >= 0;
  }

  private ChartView chart() {
    return frame.chartView();
  }

  @Override
  public void mouseEntered(MouseEvent e) {
    inChart = true;
    x = e.getX();
  }

  @Override
  public void mouseExited(MouseEvent e) {
    inChart = false;
    frame.mouseLeft();
  }

  @Override
  public void mouseMoved(MouseEvent e) {
    inChart = true;
    x = e.getX();
    frame.mouseMoved();
  }

  @Override
  public void mousePressed(MouseEvent e) {
    ChartData d = chart().data();
    if (d == null) {
      return;
    }
    boolean pan = SwingUtilities.isMiddleMouseButton(e) || e.isShiftDown();
    if (SwingUtilities.isLeftMouseButton(e) && !pan) {
      selX = e.getX(); // a click or a selecting drag
      return;
    }
    if (!pan) {
      return;
    }
    dragX = e.getX();
    dragEnd = d.to();
    dragSpan = d.to() - d.from();
  }

  @Override
  public void mouseReleased(MouseEvent e) {
    dragX = -1;
    if (selX >= 0) {
      int from = selX;
      selX = -1;
      if (Math.abs(e.getX() - from) <= 3) {
        frame.selectPoint(chart().secondAt(e.getX()));
      } else {
        frame.selectSpan(
            chart().secondAt(Math.min(from, e.getX())), chart().secondAt(Math.max(from, e.getX())));
      }
    }
  }

  @Override
  public void mouseDragged(MouseEvent e) {
    if (selX >= 0) {
      x = e.getX();
      chart().setSpan(chart().secondAt(selX), chart().secondAt(e.getX()));
      frame.updateReadout();
      return;
    }
    if (dragX < 0) {
      return;
    }
    long shift = Math.round((e.getX() - dragX) * dragSpan / chart().plotWidth());
    if (shift == 0 && !frame.view().paused()) {
      return;
    }
    x = e.getX();
    frame.pan(dragEnd - shift, dragSpan);
  }

  @Override
  public void mouseWheelMoved(MouseWheelEvent e) {
    ChartData d = chart().data();
    if (d == null) {
      return;
    }
    long span = d.to() - d.from();
    if (e.isShiftDown()) { // scroll through time
      long step = Math.max(1, span / 10);
      frame.pan(d.to() + Math.round(e.getPreciseWheelRotation() * step), span);
      return;
    }
    double factor = Math.pow(1.25, e.getPreciseWheelRotation());
    long newSpan = Math.max(WindowFrame.MIN_SPAN, Math.round(span * factor));
    double at = chart().secondAt(e.getX());
    double frac = Math.min(1, Math.max(0, (at - d.from()) / Math.max(1, span)));
    long end = Math.round(at + (1 - frac) * newSpan);
    frame.pan(end, newSpan);
  }
}
