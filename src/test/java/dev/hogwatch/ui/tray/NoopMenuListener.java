package dev.hogwatch.ui.tray;

import dev.hogwatch.model.Units;

/** A {@link TrayMenu.Listener} that does nothing; tests override what they watch. */
class NoopMenuListener implements TrayMenu.Listener {
  @Override
  public void openGraphs() {}

  @Override
  public void showProgram(String name, int pid) {}

  @Override
  public void fix(MenuState.Fix fix) {}

  @Override
  public void toggleDevice(String device) {}

  @Override
  public void pause(boolean paused) {}

  @Override
  public void units(Units.Mode mode) {}

  @Override
  public void autostart(boolean enabled) {}

  @Override
  public void about() {}

  @Override
  public void quit() {}
}
