package dev.hogwatch.ui.tray;

import java.util.Optional;

/** Manual check: {@code java -cp ... dev.hogwatch.ui.tray.TrayPlayground} shows a fed tray. */
final class TrayPlayground {
  private TrayPlayground() {}

  public static void main(String[] args) throws Exception {
    FakeFeed f = new FakeFeed();
    f.hub.start();
    f.step(2);
    Optional<Tray> t =
        Tray.start(
            f.hub,
            f,
            new NoHooks(),
            new dev.hogwatch.ui.UiPrefs(
                java.nio.file.Path.of(
                    System.getProperty("user.home"), ".config/hogwatch/ui.properties")));
    System.out.println("tray: " + t.isPresent());
    for (int i = 0; i < 600; i++) {
      f.step(1);
      Thread.sleep(1000);
    }
  }

  /** Hooks that only print. */
  static final class NoHooks implements TrayHooks {
    @Override
    public void openGraphs() {
      System.out.println("openGraphs");
    }

    @Override
    public void showProgram(String name, int pid) {
      System.out.println("show " + name + " " + pid);
    }

    @Override
    public boolean autostart() {
      return false;
    }

    @Override
    public String setAutostart(boolean enabled) {
      return "";
    }

    @Override
    public void grantPermission() {
      System.out.println("grant");
    }

    @Override
    public String installCommand() {
      return "sudo apt install nethogs";
    }

    @Override
    public String about() {
      return "about";
    }

    @Override
    public void quit() {
      System.out.println("quit");
      System.exit(0);
    }
  }
}
