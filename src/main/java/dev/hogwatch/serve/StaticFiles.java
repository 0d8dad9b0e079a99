package dev.hogwatch.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The page and its scripts, read from the class path once at start. Only the paths listed here
 * exist; a request path is looked up verbatim, never joined to a folder, so {@code ..}, encoded
 * slashes or absolute paths cannot reach any other file.
 *
 * <p>The chart library (uPlot) comes from its Maven Central webjar, so the page works offline.
 */
final class StaticFiles {

  /** A file ready to send. */
  static final class File {
    final String contentType;
    private final byte[] body;

    File(String contentType, byte[] body) {
      this.contentType = contentType;
      this.body = body;
    }

    byte[] body() {
      return body.clone();
    }

    int length() {
      return body.length;
    }

    void writeTo(java.io.OutputStream out) throws IOException {
      out.write(body);
    }
  }

  static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";
  private static final String WEB = "dev/hogwatch/serve/web/";

  private final Map<String, File> files;

  StaticFiles() {
    files =
        Map.of(
            "/", load(WEB + "index.html", "text/html; charset=utf-8"),
            "/static/app.js", load(WEB + "app.js", "text/javascript; charset=utf-8"),
            "/static/alerts.js", load(WEB + "alerts.js", "text/javascript; charset=utf-8"),
            "/static/app.css", load(WEB + "app.css", "text/css; charset=utf-8"),
            "/static/uPlot.iife.min.js",
                load(UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"),
            "/static/uPlot.min.css", load(UPLOT + "uPlot.min.css", "text/css; charset=utf-8"));
  }

  /** The file for this exact request path, if any. */
  Optional<File> get(String path) {
    return Optional.ofNullable(files.get(path));
  }

  private static File load(String resource, String type) {
    try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource + " (broken build?)");
      }
      return new File(type, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
