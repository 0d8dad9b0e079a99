package dev.hogwatch.ui.tray;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A private icon theme folder for a StatusNotifier item: the icon at every size a host may draw, as
 * {@code hicolor/<N>x<N>/apps/<name>.png} with an {@code index.theme} that declares each folder a
 * fixed size, so a host that looks the name up at its slot size (XFCE 22, GNOME 16, ...) gets that
 * file as drawn and never a rescaled one.
 *
 * <p>Hosts cache icons by name, so every new picture gets a new name ({@code hogwatch-<pid>-<n>});
 * the files of older names are deleted, keeping the one before the current in case a host is still
 * reading it.
 *
 * <p>Example:
 *
 * <pre>{@code
 * IconThemeDir dir = IconThemeDir.create(root, "hogwatch-4711", new int[] {16, 22, 24, 32, 48});
 * String name = dir.write(Map.of(16, img16, 22, img22, ...)); // "hogwatch-4711-1"
 * // app_indicator_set_icon_theme_path(dir.path()), app_indicator_set_icon_full(name, ...)
 * }</pre>
 */
final class IconThemeDir implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(IconThemeDir.class.getName());

  /** How many names keep their files: the current one and the one before. */
  static final int KEPT = 2;

  private final Path root;
  private final String prefix;
  private final int[] sizes;
  private final Deque<String> names = new ArrayDeque<>();
  private long counter;
  private javax.imageio.ImageWriter writer;

  private IconThemeDir(Path root, String prefix, int[] sizes) {
    this.root = root;
    this.prefix = prefix;
    this.sizes = sizes.clone();
  }

  /**
   * Makes (or empties) {@code root} as a theme folder for icons of {@code sizes} pixels; its names
   * start with {@code prefix}.
   */
  static IconThemeDir create(Path root, String prefix, int[] sizes) throws IOException {
    deleteTree(root);
    Files.createDirectories(root);
    IconThemeDir d = new IconThemeDir(root, prefix, sizes);
    StringBuilder dirs = new StringBuilder();
    StringBuilder sections = new StringBuilder();
    for (int s : sizes) {
      String sub = s + "x" + s + "/apps";
      Files.createDirectories(root.resolve("hicolor").resolve(sub));
      dirs.append(dirs.length() == 0 ? "" : ",").append(sub);
      sections
          .append("\n[")
          .append(sub)
          .append("]\nSize=")
          .append(s)
          .append("\nContext=Applications\nType=Fixed\n");
    }
    Files.writeString(
        root.resolve("hicolor").resolve("index.theme"),
        "[Icon Theme]\nName=Hicolor\nComment=Hogwatch tray icons\nDirectories="
            + dirs
            + "\n"
            + sections,
        StandardCharsets.UTF_8);
    return d;
  }

  /** The folder to hand to {@code app_indicator_set_icon_theme_path}. */
  Path path() {
    return root;
  }

  /** What every name written here starts with. */
  String prefix() {
    return prefix;
  }

  /** The file of icon {@code name} at {@code size} pixels. */
  Path file(String name, int size) {
    return root.resolve("hicolor").resolve(size + "x" + size + "/apps").resolve(name + ".png");
  }

  /**
   * Writes one picture per size under a new name and returns that name; deletes the files of names
   * older than the previous one. Every size must be present.
   */
  String write(Map<Integer, BufferedImage> pictures) throws IOException {
    String name = prefix + "-" + ++counter;
    writeAs(name, pictures);
    names.addLast(name);
    while (names.size() > KEPT) {
      String old = names.removeFirst();
      for (int s : sizes) {
        Files.deleteIfExists(file(old, s));
      }
    }
    return name;
  }

  /**
   * Writes pictures under a fixed {@code name} that {@link #write} never reuses nor deletes (the
   * small picture beside a label, written once).
   */
  void writeAs(String name, Map<Integer, BufferedImage> pictures) throws IOException {
    for (int s : sizes) {
      BufferedImage img = pictures.get(s);
      if (img == null || img.getWidth() != s || img.getHeight() != s) {
        throw new IllegalArgumentException("no " + s + " px picture for " + name);
      }
      Path f = file(name, s);
      Path tmp = f.resolveSibling("." + f.getFileName() + ".tmp");
      Files.write(tmp, png(img));
      // a host never reads a half-written file
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /**
   * {@code img} as PNG bytes, with one PNG writer kept for all pictures and encoded in memory
   * (ImageIO's file output goes through a RandomAccessFile and a writer lookup for each call).
   */
  private byte[] png(BufferedImage img) throws IOException {
    if (writer == null) {
      java.util.Iterator<javax.imageio.ImageWriter> w = ImageIO.getImageWritersByFormatName("png");
      if (!w.hasNext()) {
        throw new IOException("no PNG writer");
      }
      writer = w.next();
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(512);
    try (javax.imageio.stream.MemoryCacheImageOutputStream out =
        new javax.imageio.stream.MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(out);
      writer.write(img);
    } finally {
      writer.setOutput(null);
    }
    return bytes.toByteArray();
  }

  /** Names whose files are on disk now, oldest first (tests). */
  List<String> names() {
    return List.copyOf(names);
  }

  /** Deletes the folder with everything in it. */
  @Override
  public void close() {
    if (writer != null) {
      writer.dispose();
      writer = null;
    }
    try {
      deleteTree(root);
    } catch (IOException e) {
      LOG.log(Level.FINE, "could not remove " + root, e);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
