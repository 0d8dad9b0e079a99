package dev.hogwatch.testing;

import dev.hogwatch.desktop.TrayHost;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * A private X session for GUI tests, the way a user would have it: its own Xvfb on a free display
 * (found with {@code -displayfd}, so parallel test runs never collide), optionally {@code trayer}
 * as the tray host, and an ordinary (non-root) user who runs the program under test: a user of its
 * own, made for this session (name with this JVM's pid and a random part, home inside the scratch
 * directory) and deleted by {@link #close()}, so parallel runs never share or remove each other's.
 *
 * <p>Example:
 *
 * <pre>{@code
 * Assumptions.assumeTrue(XSession.unavailable(true).isEmpty(), () -> XSession.unavailable(true).get());
 * try (XSession x = XSession.start(XSession.Panel.LIGHT)) {
 *   Process app = x.runAsUser(x.dir().resolve("app.log"), "java", "-jar", x.userCopy(jar).toString());
 *   Rectangle icon = x.waitForTrayIcon(10_000).orElseThrow();
 *   BufferedImage shot = x.screenshot(x.dir().resolve("shot.png"));
 *   x.click(icon.x + icon.width / 2, icon.y + icon.height / 2, 1);
 * } // kills everything started here, removes the scratch directory
 * }</pre>
 *
 * <p>Needs root (to create the user and switch to it with {@code runuser}), {@code Xvfb}, {@code
 * xdotool}, {@code xwininfo}, ImageMagick's {@code import} and, for a tray, {@code trayer}: all
 * installed by {@code .dev/setup-dev.sh}. Tests call {@link #unavailable} and skip with its reason
 * when something is missing.
 */
public final class XSession implements AutoCloseable {

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  /** Tray host choice: none, or trayer with a light or a dark panel background. */
  public enum Panel {
    NONE,
    LIGHT,
    DARK
  }

  private final Process xvfb;
  private final String display;
  private final Path dir;
  private final Path runtimeDir;
  private final Panel panel;
  private final String user;
  private volatile boolean sessionBus;
  private final List<Process> started = new ArrayList<>();

  private XSession(
      Process xvfb, String display, Path dir, Path runtimeDir, Panel panel, String user) {
    this.user = user;
    this.xvfb = xvfb;
    this.display = display;
    this.dir = dir;
    this.runtimeDir = runtimeDir;
    this.panel = panel;
  }

  /**
   * Why a session cannot be started here, or empty when it can.
   *
   * @param tray whether a tray host (trayer) is needed too
   */
  public static Optional<String> unavailable(boolean tray) {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("needs root to create and switch to a test user");
    }
    List<String> tools = new ArrayList<>(List.of("Xvfb", "xdotool", "xwininfo", "import"));
    if (tray) {
      tools.add("trayer");
    }
    for (String t : tools) {
      if (!onPath(t)) {
        return Optional.of(t + " is not installed (run .dev/setup-dev.sh)");
      }
    }
    if (!Files.isExecutable(Path.of("/usr/sbin/runuser"))
        && !Files.isExecutable(Path.of("/sbin/runuser"))) {
      return Optional.of("runuser is not installed");
    }
    return Optional.empty();
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":", -1)) {
      if (Files.isExecutable(Path.of(d, tool))) {
        return true;
      }
    }
    return false;
  }

  /** Starts Xvfb (and trayer unless {@code panel} is NONE) and creates this session's user. */
  public static XSession start(Panel panel) throws IOException, InterruptedException {
    return start(panel, false);
  }

  /**
   * {@link #start(Panel)}, with a D-Bus session bus when {@code menuReader}: programs' GTK menus
   * are then announced on the accessibility bus, where {@link #nativeMenu()} reads them.
   */
  public static XSession start(Panel panel, boolean menuReader)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("xsession-");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    String user = createUser(dir.resolve("home"));
    Process xvfb;
    Path rt = dir.resolve("runtime");
    try {
      Files.createDirectory(
          rt, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      exec(List.of("chown", user + ":", rt.toString()));
      xvfb =
          new ProcessBuilder(
                  "Xvfb",
                  "-displayfd",
                  "1",
                  "-screen",
                  "0",
                  "1024x600x24",
                  "-nolisten",
                  "tcp",
                  "-ac")
              .redirectError(dir.resolve("xvfb.log").toFile())
              .start();
    } catch (IOException | RuntimeException e) {
      removeUser(user);
      throw e;
    }
    String number;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8))) {
      number = r.readLine(); // -displayfd writes the number once the server accepts connections
    }
    if (number == null || !number.strip().matches("\\d+")) {
      xvfb.destroyForcibly();
      removeUser(user);
      throw new IOException("Xvfb did not start: " + Files.readString(dir.resolve("xvfb.log")));
    }
    XSession x = new XSession(xvfb, ":" + number.strip(), dir, rt, panel, user);
    try {
      if (menuReader) {
        x.startSessionBus();
      }
      if (panel != Panel.NONE) {
        x.startTrayer();
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      x.close();
      throw e;
    }
    return x;
  }

  /**
   * The user's D-Bus session bus, as a desktop session has one: GTK reaches the accessibility bus
   * through it, which {@link #nativeMenu()} reads. A socket file, so it also works from inside a
   * network namespace.
   */
  private void startSessionBus() throws IOException, InterruptedException {
    runAsUser(
        dir.resolve("dbus.log"),
        "dbus-daemon",
        "--session",
        "--nofork",
        "--nopidfile",
        "--address=unix:path=" + runtimeDir.resolve("bus"));
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(runtimeDir.resolve("bus"))) {
      if (System.nanoTime() > end) {
        throw new IOException("the session bus did not start: " + log("dbus.log"));
      }
      Thread.sleep(50);
    }
    sessionBus = true;
    // the accessibility bus, started now rather than when the first program asks for it: GTK
    // asks once, at start, and on a busy machine the on-demand start can miss that moment
    runAsUser(
        dir.resolve("at-spi.log"), "/usr/libexec/at-spi-bus-launcher", "--launch-immediately");
    while (!output(
            "runuser",
            "-u",
            user,
            "--",
            "env",
            "DBUS_SESSION_BUS_ADDRESS=unix:path=" + runtimeDir.resolve("bus"),
            "dbus-send",
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            "string:org.a11y.Bus")
        .contains("boolean true")) {
      if (System.nanoTime() > end + TimeUnit.SECONDS.toNanos(20)) {
        throw new IOException("the accessibility bus did not start: " + log("at-spi.log"));
      }
      Thread.sleep(100);
    }
  }

  private void startTrayer() throws IOException, InterruptedException {
    String tint = panel == Panel.DARK ? "0x202020" : "0xeeeeee";
    runAsUser(
        dir.resolve("trayer.log"),
        "trayer",
        "--edge",
        "top",
        "--align",
        "right",
        "--widthtype",
        "request",
        "--height",
        "24",
        "--transparent",
        "true",
        "--alpha",
        "0",
        "--tint",
        tint,
        "--SetDockType",
        "true",
        "--expand",
        "true");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!TrayHost.xembedTray(display)) {
      if (System.nanoTime() > end) {
        throw new IOException("trayer did not take the tray selection: " + log("trayer.log"));
      }
      Thread.sleep(50);
    }
  }

  /**
   * Creates a user of this session, {@code hw<pid>x<random>}, with its home in {@code home}; no
   * other run knows its name, so none can use or delete it.
   */
  public static String createUser(Path home) throws IOException, InterruptedException {
    String name =
        "hw" + ProcessHandle.current().pid() + "x" + Integer.toHexString(RANDOM.nextInt(1 << 24));
    int rc =
        exec(
            List.of(
                "useradd", "-m", "-d", home.toString(), "-s", "/bin/sh", "-K", "UMASK=022", name));
    if (rc != 0) {
      throw new IOException("useradd " + name + " failed with exit code " + rc);
    }
    return name;
  }

  /** Ends what still runs as {@code name} (all started here) and deletes the user. */
  public static void removeUser(String name) {
    try {
      for (int attempt = 0; attempt < 20; attempt++) {
        ProcessHandle.allProcesses()
            .filter(h -> h.info().user().map(name::equals).orElse(false))
            .forEach(attempt < 10 ? ProcessHandle::destroy : ProcessHandle::destroyForcibly);
        if (exec(List.of("userdel", name)) == 0 || exec(List.of("id", "-u", name)) != 0) {
          return;
        }
        Thread.sleep(200);
      }
      throw new IllegalStateException("could not delete the test user " + name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while deleting the test user " + name, e);
    }
  }

  private static int exec(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + cmd);
    }
    return p.exitValue();
  }

  /** Runs a command as root and returns its standard output (stderr is merged). */
  public String output(String... cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("DISPLAY", display);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("timed out: " + List.of(cmd));
    }
    return out;
  }

  /** The X display, e.g. {@code ":5"}. */
  public String display() {
    return display;
  }

  /** Scratch directory (readable by the test user), removed by {@link #close()}. */
  public Path dir() {
    return dir;
  }

  /** The test user's name (made for this session). */
  public String user() {
    return user;
  }

  /** The test user's home directory (inside the scratch directory). */
  public Path home() {
    return dir.resolve("home");
  }

  /** The environment the test user's programs get (a clean desktop-like session). */
  public Map<String, String> userEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DISPLAY", display);
    env.put("HOME", home().toString());
    env.put("USER", user);
    env.put("LOGNAME", user);
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
    env.put("LANG", "C.UTF-8");
    env.put("XDG_RUNTIME_DIR", runtimeDir.toString());
    if (sessionBus) {
      env.put("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + runtimeDir.resolve("bus"));
    }
    env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
    env.put("XDG_DATA_HOME", dir.resolve("data").toString());
    return env;
  }

  /**
   * Starts {@code command} as this session's user with {@link #userEnv()} (plus {@code extraEnv}),
   * output to {@code log}. {@link #close()} kills it and its descendants.
   */
  public Process runAsUser(Path log, Map<String, String> extraEnv, String... command)
      throws IOException {
    return runAsUserIn(null, log, extraEnv, command);
  }

  /**
   * {@link #runAsUser(Path, Map, String...)} inside the network namespace {@code netns} (e.g. a
   * {@link NetnsLab}'s), or in this one when it is null. The X server and the session bus are
   * reached through socket files, so the program still shows on this session's screen.
   */
  public Process runAsUserIn(
      String netns, Path log, Map<String, String> extraEnv, String... command) throws IOException {
    for (String sub : List.of("config", "data")) {
      Path p = dir.resolve(sub);
      if (!Files.exists(p)) {
        Files.createDirectories(p);
        try {
          exec(List.of("chown", user + ":", p.toString()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    }
    List<String> cmd = new ArrayList<>();
    if (netns != null) {
      cmd.addAll(List.of("ip", "netns", "exec", netns));
    }
    cmd.addAll(List.of("runuser", "-u", user, "--", "env", "-i"));
    Map<String, String> env = userEnv();
    env.putAll(extraEnv);
    env.forEach((k, v) -> cmd.add(k + "=" + v));
    cmd.addAll(List.of(command));
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .directory(dir.toFile())
            .start();
    synchronized (started) {
      started.add(p);
    }
    return p;
  }

  /** {@link #runAsUser(Path, Map, String...)} with no extra environment. */
  public Process runAsUser(Path log, String... command) throws IOException {
    return runAsUser(log, Map.of(), command);
  }

  /**
   * Copies {@code file} (or a directory tree, e.g. {@code target/test-classes}) into the scratch
   * directory so that the test user can read it.
   */
  public Path userCopy(Path file) throws IOException {
    Path copy = dir.resolve(file.getFileName());
    try (var all = Files.walk(file)) {
      for (Path src : (Iterable<Path>) all::iterator) {
        Path dst = copy.resolve(file.relativize(src).toString());
        if (Files.isDirectory(src)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(src, dst, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(dst, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    return copy;
  }

  /** The contents of a log file in the scratch directory (empty when missing). */
  public String log(String name) {
    try {
      Path p = dir.resolve(name);
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A screenshot of the whole screen, also saved as {@code png} for people to look at. */
  public BufferedImage screenshot(Path png) throws IOException, InterruptedException {
    String out = output("import", "-display", display, "-window", "root", png.toString());
    if (!Files.exists(png)) {
      throw new IOException("import failed: " + out);
    }
    return ImageIO.read(png.toFile());
  }

  private static final Pattern GEOMETRY =
      Pattern.compile("(\\d+)x(\\d+)\\+-?\\d+\\+-?\\d+\\s+\\+(-?\\d+)\\+(-?\\d+)");

  /**
   * Screen rectangles of the icons docked in trayer: the children of trayer's panel window that are
   * at least 8 px big, in screen coordinates.
   */
  public List<Rectangle> trayIcons() throws IOException, InterruptedException {
    String tree = output("xwininfo", "-display", display, "-root", "-tree");
    List<Rectangle> icons = new ArrayList<>();
    int trayerIndent = -1;
    for (String line : tree.split("\n", -1)) {
      int indent = line.length() - line.stripLeading().length();
      if (line.contains("\"panel\"") && line.contains("trayer")) {
        trayerIndent = indent;
        continue;
      }
      if (trayerIndent >= 0 && indent <= trayerIndent && !line.isBlank()) {
        trayerIndent = -1;
      }
      if (trayerIndent >= 0 && indent > trayerIndent) {
        Matcher m = GEOMETRY.matcher(line);
        // leaf windows only (the icon's own window); containers list "N children:" after them
        if (m.find() && !line.contains("children")) {
          int w = Integer.parseInt(m.group(1));
          int h = Integer.parseInt(m.group(2));
          Rectangle r =
              new Rectangle(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), w, h);
          if (w >= 8 && h >= 8 && w < 200 && h < 200 && !icons.contains(r)) {
            icons.add(r);
          }
        }
      }
    }
    return icons;
  }

  /** Waits for the first tray icon to be docked. */
  public Optional<Rectangle> waitForTrayIcon(long millis) throws IOException, InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (true) {
      List<Rectangle> icons = trayIcons();
      if (!icons.isEmpty()) {
        return Optional.of(icons.get(icons.size() - 1));
      }
      if (System.nanoTime() > end) {
        return Optional.empty();
      }
      Thread.sleep(100);
    }
  }

  /** One item of an open native menu, as {@link #nativeMenu()} reads it. */
  public record MenuItem(int depth, String role, boolean checked, boolean showing, String name) {}

  /**
   * The items of the menus open on this session's screen, read the way a screen reader reads them
   * (AT-SPI, through the session's accessibility bus): the native menu as the panel shows it, not
   * the program's own idea of it. Submenus are listed with their items (depth + 1) even when
   * closed. Empty when no menu is open yet.
   */
  public List<MenuItem> nativeMenu() throws IOException, InterruptedException {
    if (!sessionBus) {
      throw new IllegalStateException("start the session with XSession.start(panel, true)");
    }
    Path script = dir.resolve("native-menu.py");
    if (!Files.exists(script)) {
      try (var in = XSession.class.getResourceAsStream("native-menu.py")) {
        if (in == null) {
          throw new IOException("native-menu.py missing from the test resources");
        }
        Files.copy(in, script);
      }
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
    }
    Path out = dir.resolve("native-menu.out");
    Files.deleteIfExists(out);
    Process p = runAsUser(out, "/usr/bin/python3", script.toString());
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("reading the menu over AT-SPI timed out");
    }
    String text = Files.readString(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException("reading the menu over AT-SPI failed: " + text);
    }
    List<MenuItem> items = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      String[] f = line.split("\t", 5);
      if (f.length == 5) {
        items.add(
            new MenuItem(Integer.parseInt(f[0]), f[1], f[2].equals("1"), f[3].equals("1"), f[4]));
      }
    }
    return items;
  }

  /** Moves the pointer to (x, y) and clicks {@code button}. */
  public void click(int x, int y, int button) throws IOException, InterruptedException {
    output(
        "xdotool",
        "mousemove",
        String.valueOf(x),
        String.valueOf(y),
        "sleep",
        "0.2",
        "click",
        String.valueOf(button));
  }

  /** Types keys with xdotool, e.g. {@code key("Up", "Return")}. */
  public void key(String... keys) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("xdotool", "key", "--delay", "100"));
    cmd.addAll(List.of(keys));
    output(cmd.toArray(String[]::new));
  }

  /** Top-level override-redirect windows that are mapped (popup menus), as rectangles. */
  public List<Rectangle> popups() throws IOException, InterruptedException {
    String tree = output("xwininfo", "-display", display, "-root", "-children");
    List<Rectangle> out = new ArrayList<>();
    for (String line : tree.split("\n", -1)) {
      Matcher id = Pattern.compile("^\\s*(0x[0-9a-f]+)").matcher(line);
      if (!id.find()) {
        continue;
      }
      String info = output("xwininfo", "-display", display, "-id", id.group(1));
      if (info.contains("Map State: IsViewable") && info.contains("Override Redirect State: yes")) {
        out.add(
            new Rectangle(
                field(info, "Absolute upper-left X"),
                field(info, "Absolute upper-left Y"),
                field(info, "Width"),
                field(info, "Height")));
      }
    }
    return out;
  }

  private static int field(String info, String name) {
    Matcher m = Pattern.compile(Pattern.quote(name) + ":\\s*(-?\\d+)").matcher(info);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  /**
   * Kills every process started here (with descendants), the tray host and Xvfb, deletes this
   * session's user and removes the scratch directory.
   */
  @Override
  public void close() {
    List<Process> all;
    synchronized (started) {
      all = new ArrayList<>(started);
    }
    for (Process p : all) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
    }
    for (Process p : all) {
      try {
        if (!p.waitFor(3, TimeUnit.SECONDS)) {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    xvfb.destroy();
    try {
      if (!xvfb.waitFor(3, TimeUnit.SECONDS)) {
        xvfb.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    removeUser(user);
    if (!Boolean.getBoolean("xsession.keep")) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // best effort: a scratch directory in /tmp
      }
    }
  }
}
