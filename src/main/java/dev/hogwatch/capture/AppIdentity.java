package dev.hogwatch.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hogwatch.model.AppId;
import dev.hogwatch.model.AppId.Kind;
import dev.hogwatch.model.AppResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a process really is: its application, from files any user can read, resolved once per pid and
 * cached (keyed by pid and start time, so a reused pid is resolved again).
 *
 * <ol>
 *   <li>{@code /proc/<pid>/cgroup}: the cgroup v2 line {@code 0::<path>}, else the v1 {@code
 *       name=systemd} line. The deepest path component that matches wins:
 *       <ul>
 *         <li>{@code app-flatpak-<appid>-<n>.scope} → {@code flatpak}, {@code <appid>}
 *         <li>{@code snap.<name>.<app>-<uuid>.scope}, {@code snap.<name>.<app>.service} → {@code
 *             snap}, {@code <name>}
 *         <li>{@code docker-<hex>.scope}, {@code libpod-<hex>.scope}, {@code
 *             cri-containerd-<hex>.scope}, {@code crio-<hex>.scope}, {@code …/docker/<hex>} →
 *             {@code container}, the first 12 hex digits (named after the container where the
 *             runtime's files are readable)
 *         <li>{@code app[-<launcher>]-<desktop id>[-<n>|@<n>].(scope|service)} → {@code desktop},
 *             {@code <desktop id>} (systemd's unit names for desktop applications; {@code \x2d} is
 *             a dash inside the id)
 *         <li>{@code /system.slice/…/<name>.service} → {@code service}, {@code <name>}
 *       </ul>
 *   <li>Otherwise {@code exe}: the base name of {@code /proc/<pid>/exe} (else of argv[0], else of
 *       nethogs's name); for an interpreter running a script, {@code "<script> (<interpreter>)"},
 *       e.g. {@code "sync.py (python3)"}. A helper whose executable lives in the same private
 *       directory as its parent's (Firefox's, Chrome's) belongs to the parent's application.
 * </ol>
 *
 * <p>The display name and icon come from the matching {@code .desktop} file when there is one.
 * Connection tuples nethogs could not attribute (pid 0) are handed to a {@link TupleFinder} (other
 * network namespaces); what it cannot find stays {@link AppId#UNATTRIBUTED}.
 *
 * <p>Not thread-safe: the model thread calls it. The file system root is a parameter, so tests run
 * it on a fake {@code /proc} tree.
 */
public final class AppIdentity implements AppResolver {

  /** Finds the process behind a connection nethogs could not attribute. */
  @FunctionalInterface
  public interface TupleFinder {
    /** The pid of a process (in another network namespace) holding the connection, or -1. */
    int find(String tuple);

    TupleFinder NONE = tuple -> -1;
  }

  private static final int CACHE = 4096;
  private static final int MAX_PARENTS = 16;

  private static final Pattern FLATPAK = Pattern.compile("^app-flatpak-(.+)-\\d+\\.scope$");
  private static final Pattern SNAP = Pattern.compile("^snap\\.([^.]+)\\..+\\.(?:scope|service)$");
  private static final Pattern CONTAINER =
      Pattern.compile("^(?:docker|libpod|cri-containerd|crio)-([0-9a-f]{12,64})\\.scope$");
  private static final Pattern HEX64 = Pattern.compile("^[0-9a-f]{64}$");
  private static final Pattern DESKTOP = Pattern.compile("^app-(.+)\\.(?:scope|service)$");
  private static final Pattern RANDOM = Pattern.compile("^(?:[0-9]+|[0-9a-f]*[0-9][0-9a-f]*)$");
  private static final Pattern INTERPRETER =
      Pattern.compile(
          "^(?:python[0-9.]*|pypy[0-9.]*|perl[0-9.]*|ruby[0-9.]*|node|nodejs|bash|sh|dash|zsh"
              + "|php[0-9.]*|lua[0-9.]*|java|tclsh[0-9.]*|Rscript)$");
  private static final Set<String> BIN_DIRS =
      Set.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin", "/usr/local/sbin");
  private static final ObjectMapper JSON = new ObjectMapper();

  // name: the caller's name for the process (argv[0]); an exec keeps the start time, not the name
  private record Cached(long startTime, String name, Attribution attribution) {}

  private final Path root;
  private final DesktopFiles desktop;
  private final TupleFinder tuples;
  private final Map<Integer, Cached> cache =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Cached> eldest) {
          return size() > CACHE;
        }
      };
  private final Map<String, String> containerNames = new HashMap<>();

  /**
   * @param root file system root ({@code /} on a real system; a temp dir in tests): {@code
   *     proc/<pid>/…}, {@code var/lib/docker/…} are read below it
   * @param applicationDirs {@code .desktop} directories, most important first
   * @param tuples finds the process behind an unattributed connection tuple
   */
  public AppIdentity(Path root, List<Path> applicationDirs, TupleFinder tuples) {
    this.root = root;
    this.desktop = new DesktopFiles(applicationDirs);
    this.tuples = tuples;
  }

  /**
   * The real system: {@code /}, the desktop directories of the XDG data dirs in {@code env} ({@code
   * XDG_DATA_HOME}, {@code XDG_DATA_DIRS}, Flatpak's and snapd's exports), and other network
   * namespaces through {@code tuples}.
   */
  public static AppIdentity system(Map<String, String> env, TupleFinder tuples) {
    return new AppIdentity(Path.of("/"), applicationDirs(env), tuples);
  }

  /** {@code applications} directories of the XDG data dirs, user first, plus Flatpak and snap. */
  static List<Path> applicationDirs(Map<String, String> env) {
    List<Path> dirs = new ArrayList<>();
    String dataHome = env.getOrDefault("XDG_DATA_HOME", "");
    String home = env.getOrDefault("HOME", System.getProperty("user.home", "/"));
    Path userData =
        !dataHome.isBlank() && dataHome.startsWith("/")
            ? Path.of(dataHome)
            : Path.of(home, ".local", "share");
    dirs.add(userData.resolve("applications"));
    dirs.add(userData.resolve("flatpak/exports/share/applications"));
    String dataDirs = env.getOrDefault("XDG_DATA_DIRS", "");
    if (dataDirs.isBlank()) {
      dataDirs = "/usr/local/share:/usr/share";
    }
    for (String d : dataDirs.split(":", -1)) {
      if (d.startsWith("/")) {
        dirs.add(Path.of(d, "applications"));
      }
    }
    dirs.add(Path.of("/var/lib/flatpak/exports/share/applications"));
    dirs.add(Path.of("/var/lib/snapd/desktop/applications"));
    return List.copyOf(new java.util.LinkedHashSet<>(dirs));
  }

  @Override
  public Attribution resolve(String name, int pid, int uid) {
    if (pid > 0) {
      return new Attribution(process(pid, name), uid, pid);
    }
    if (!Tuple.looksLikeTuple(name)) {
      return new Attribution(AppId.UNATTRIBUTED, uid, 0);
    }
    int found = tuples.find(name);
    if (found <= 0) {
      return new Attribution(AppId.UNATTRIBUTED, uid, 0);
    }
    int owner = owner(found);
    return new Attribution(process(found, ""), owner >= 0 ? owner : uid, found);
  }

  /** Forgets every cached pid (benchmarks measure the cost of a new pid with it). */
  void forget() {
    cache.clear();
  }

  /** The application of a live process; {@code nethogsName} is the fallback name (may be empty). */
  AppId process(int pid, String nethogsName) {
    long start = startTime(pid);
    Cached c = cache.get(pid);
    if (c != null && c.startTime() == start && c.name().equals(nethogsName)) {
      return c.attribution().app();
    }
    AppId app = resolveUncached(pid, nethogsName);
    cache.put(pid, new Cached(start, nethogsName, new Attribution(app, -1, pid)));
    return app;
  }

  private AppId resolveUncached(int pid, String nethogsName) {
    AppId fromCgroup = fromCgroup(read(pid, "cgroup"));
    if (fromCgroup != null) {
      return named(fromCgroup);
    }
    String exe = exe(pid);
    if (exe != null) {
      String top = helperRoot(pid, exe);
      if (top != null) {
        return named(AppId.exe(AppId.baseName(top)));
      }
    }
    List<String> argv = argv(pid);
    String program =
        exe != null
            ? AppId.baseName(exe)
            : !argv.isEmpty() && !argv.get(0).isEmpty()
                ? AppId.baseName(argv.get(0).split(" ", 2)[0])
                : nethogsName.isEmpty() ? "pid " + pid : AppId.baseName(nethogsName);
    String script = INTERPRETER.matcher(program).matches() ? script(program, argv) : null;
    if (script != null) {
      // "python3" as it was started, not the "python3.11" the link points to
      String called = argv.isEmpty() ? "" : AppId.baseName(argv.get(0));
      String interpreter = INTERPRETER.matcher(called).matches() ? called : program;
      return AppId.exe(script + " (" + interpreter + ")");
    }
    return named(AppId.exe(program));
  }

  // ---------------------------------------------------------------- cgroups

  /** The identity a {@code /proc/<pid>/cgroup} text names, or null (then: the executable). */
  static AppId fromCgroup(String text) {
    if (text == null) {
      return null;
    }
    String v2 = null;
    String systemd = null;
    List<String> others = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      int a = line.indexOf(':');
      int b = a < 0 ? -1 : line.indexOf(':', a + 1);
      if (b < 0) {
        continue;
      }
      String id = line.substring(0, a);
      String controllers = line.substring(a + 1, b);
      String path = line.substring(b + 1);
      if (id.equals("0") && controllers.isEmpty()) {
        v2 = path;
      } else if (controllers.equals("name=systemd")) {
        systemd = path;
      } else {
        others.add(path);
      }
    }
    AppId app = v2 == null || v2.equals("/") ? null : classify(v2);
    if (app == null && systemd != null) {
      app = classify(systemd);
    }
    for (int i = 0; app == null && i < others.size(); i++) {
      AppId c = classify(others.get(i));
      if (c != null && c.kind() == Kind.CONTAINER) {
        app = c; // cgroupfs-driven runtimes put containers in every v1 hierarchy
      }
    }
    return app;
  }

  /** The identity of one cgroup path, or null: the deepest matching component wins. */
  static AppId classify(String path) {
    String[] parts = path.split("/", -1);
    for (int i = parts.length - 1; i >= 0; i--) {
      String c = parts[i];
      if (c.isEmpty()) {
        continue;
      }
      String parent = i > 0 ? parts[i - 1] : "";
      Matcher m = FLATPAK.matcher(c);
      if (m.matches()) {
        String id = unescape(m.group(1));
        return new AppId(Kind.FLATPAK, id, id, "");
      }
      m = SNAP.matcher(c);
      if (m.matches()) {
        String id = unescape(m.group(1));
        return new AppId(Kind.SNAP, id, id, "");
      }
      m = CONTAINER.matcher(c);
      if (m.matches()) {
        return container(m.group(1));
      }
      if (parent.equals("docker") && HEX64.matcher(c).matches()) {
        return container(c);
      }
      m = DESKTOP.matcher(c);
      if (m.matches()) {
        String id = desktopId(m.group(1));
        if (id != null) {
          return new AppId(Kind.DESKTOP, id, id, "");
        }
      }
      if (c.endsWith(".service") && parts.length > 2 && parts[1].equals("system.slice")) {
        String id = unescape(c.substring(0, c.length() - ".service".length()));
        return new AppId(Kind.SERVICE, id, id, "");
      }
    }
    return null;
  }

  /** The id of a container: its first 12 hex digits; the full id goes in the icon slot for now. */
  private static AppId container(String hex) {
    String id = hex.substring(0, 12);
    return new AppId(Kind.CONTAINER, id, id, hex);
  }

  /**
   * The desktop id inside {@code app[-<launcher>]-<desktop id>[-<n>|@<n>]}: {@code
   * "gnome-org.gnome.Terminal-4711"} gives {@code org.gnome.Terminal}, {@code "firefox-12"} gives
   * {@code firefox}, {@code "org.kde.dolphin@3"} gives {@code org.kde.dolphin}.
   */
  static String desktopId(String inner) {
    String s = inner;
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(0, at);
    }
    List<String> words = new ArrayList<>(List.of(s.split("-", -1)));
    if (at < 0 && words.size() > 1 && RANDOM.matcher(words.get(words.size() - 1)).matches()) {
      words.remove(words.size() - 1);
    }
    if (words.size() > 1) {
      words.remove(0); // the launcher (ids carry their own dashes escaped as \x2d)
    }
    String id = unescape(String.join("-", words));
    return id.isEmpty() ? null : id;
  }

  /** systemd's unit name escaping: {@code \x2d} → {@code -}. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length() && s.charAt(i + 1) == 'x') {
        try {
          b.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
          i += 3;
          continue;
        } catch (NumberFormatException e) {
          // not an escape: keep the backslash
        }
      }
      b.append(c);
    }
    return b.toString();
  }

  // ---------------------------------------------------------------- names and icons

  /** The identity with the display name and icon of its desktop entry, or its container name. */
  private AppId named(AppId app) {
    DesktopFiles.Entry e =
        switch (app.kind()) {
          case FLATPAK, DESKTOP -> desktop.byId(app.id());
          case SNAP -> desktop.bySnap(app.id());
          case EXE -> desktop.byExecutable(app.id());
          default -> null;
        };
    if (e != null) {
      return new AppId(app.kind(), app.id(), e.name(), e.icon());
    }
    if (app.kind() == Kind.CONTAINER) {
      String n = containerName(app.icon());
      return new AppId(Kind.CONTAINER, app.id(), n == null ? app.id() : n, "");
    }
    return app;
  }

  /**
   * The name of a container from its runtime's files, where readable: Docker's {@code
   * /var/lib/docker/containers/<id>/config.v2.json} ({@code "Name":"/web"}), Podman's {@code
   * /var/lib/containers/storage/overlay-containers/containers.json} ({@code "names":["web"]}).
   */
  private String containerName(String fullId) {
    if (containerNames.containsKey(fullId)) {
      return containerNames.get(fullId);
    }
    String name = null;
    String docker =
        readFile(root.resolve("var/lib/docker/containers/" + fullId + "/config.v2.json"));
    if (docker != null) {
      try {
        String n = JSON.readTree(docker).path("Name").asText("");
        name = n.startsWith("/") ? n.substring(1) : n;
      } catch (IOException e) {
        name = null;
      }
    }
    if (name == null || name.isEmpty()) {
      String podman =
          readFile(root.resolve("var/lib/containers/storage/overlay-containers/containers.json"));
      if (podman != null) {
        try {
          for (JsonNode c : JSON.readTree(podman)) {
            if (c.path("id").asText("").startsWith(fullId) && c.path("names").size() > 0) {
              name = c.path("names").get(0).asText("");
            }
          }
        } catch (IOException e) {
          name = null;
        }
      }
    }
    name = name == null || name.isEmpty() ? null : name;
    if (containerNames.size() > CACHE) {
      containerNames.clear();
    }
    containerNames.put(fullId, name);
    return name;
  }

  // ---------------------------------------------------------------- executables

  /** The target of {@code /proc/<pid>/exe}, or null when unreadable (another user's process). */
  private String exe(int pid) {
    try {
      String t = Files.readSymbolicLink(proc(pid).resolve("exe")).toString();
      return t.endsWith(" (deleted)") ? t.substring(0, t.length() - 10) : t;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }

  /**
   * For a helper whose executable lives in the same private directory as its parent's (not a shared
   * bin directory), the executable of the topmost such ancestor; else null.
   */
  private String helperRoot(int pid, String exe) {
    String dir = parentDir(exe);
    if (dir == null || BIN_DIRS.contains(dir)) {
      return null;
    }
    String top = null;
    int p = pid;
    for (int i = 0; i < MAX_PARENTS; i++) {
      p = parentPid(p);
      if (p <= 1) {
        break;
      }
      String pe = exe(p);
      if (pe == null || !dir.equals(parentDir(pe))) {
        break;
      }
      top = pe;
    }
    return top;
  }

  private static String parentDir(String path) {
    int i = path.lastIndexOf('/');
    return i <= 0 ? null : path.substring(0, i);
  }

  /** The parent pid from {@code /proc/<pid>/stat} (field 4, after the parenthesized name). */
  private int parentPid(int pid) {
    String[] f = statFields(pid);
    return f == null || f.length < 2 ? -1 : parseInt(f[1]);
  }

  /** Start time in clock ticks (field 22), or -1. */
  private long startTime(int pid) {
    String[] f = statFields(pid);
    if (f == null || f.length < 20) {
      return -1;
    }
    try {
      return Long.parseLong(f[19]);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Fields 3.. of {@code /proc/<pid>/stat}, or null. */
  private String[] statFields(int pid) {
    String s = read(pid, "stat");
    if (s == null) {
      return null;
    }
    int close = s.lastIndexOf(')');
    return close < 0 ? null : s.substring(close + 1).strip().split(" ", -1);
  }

  /** The real uid of a process from {@code /proc/<pid>/status}, or -1. */
  private int owner(int pid) {
    String s = read(pid, "status");
    if (s == null) {
      return -1;
    }
    for (String line : s.split("\n", -1)) {
      if (line.startsWith("Uid:")) {
        String[] f = line.substring(4).strip().split("\\s+", -1);
        return f.length > 0 ? parseInt(f[0]) : -1;
      }
    }
    return -1;
  }

  private List<String> argv(int pid) {
    String s = read(pid, "cmdline");
    if (s == null || s.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(List.of(s.split("\0", -1)));
    while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  /**
   * The script (or module, or jar) an interpreter runs, as a base name, or null: {@code python3 -u
   * /opt/sync.py} gives {@code sync.py}, {@code python3 -m http.server} gives {@code http.server},
   * {@code java -jar /opt/app.jar} gives {@code app.jar}.
   */
  static String script(String interpreter, List<String> argv) {
    boolean java = interpreter.equals("java");
    for (int i = 1; i < argv.size(); i++) {
      String a = argv.get(i);
      if (a.equals("-m") || (java && a.equals("-jar"))) {
        return i + 1 < argv.size() ? AppId.baseName(argv.get(i + 1)) : null;
      }
      if (a.equals("-c") || a.equals("-e") || a.equals("-")) {
        return null; // inline code: no script to name
      }
      if (a.startsWith("-")) {
        if (takesValue(interpreter, a)) {
          i++;
        }
        continue;
      }
      return a.isEmpty() ? null : AppId.baseName(a);
    }
    return null;
  }

  private static boolean takesValue(String interpreter, String option) {
    if (interpreter.equals("java")) {
      return option.equals("-cp")
          || option.equals("-classpath")
          || option.equals("--class-path")
          || option.equals("-p")
          || option.equals("--module-path");
    }
    if (interpreter.startsWith("python") || interpreter.startsWith("pypy")) {
      return option.equals("-W") || option.equals("-X") || option.equals("--check-hash-based-pycs");
    }
    if (interpreter.equals("node") || interpreter.equals("nodejs")) {
      return option.equals("-r") || option.equals("--require");
    }
    return false;
  }

  // ---------------------------------------------------------------- files

  private Path proc(int pid) {
    return root.resolve("proc").resolve(Integer.toString(pid));
  }

  private String read(int pid, String file) {
    return readFile(proc(pid).resolve(file));
  }

  private static String readFile(Path p) {
    try {
      // lenient: a command line may hold bytes that are not UTF-8
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static int parseInt(String s) {
    try {
      return Integer.parseInt(s.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
