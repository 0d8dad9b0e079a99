package dev.hogwatch.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Server-Sent-Events reader for tests: connects, then collects every {@code snapshot} event (its
 * id and parsed JSON) on the calling thread until {@link #close()} or the stream ends.
 */
final class SseClient implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One received event. */
  record Event(long id, JsonNode data) {}

  final List<Event> events = Collections.synchronizedList(new ArrayList<>());
  private final HttpResponse<Stream<String>> response;

  SseClient(HttpClient http, URI uri) throws IOException, InterruptedException {
    response =
        http.send(
            HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
            HttpResponse.BodyHandlers.ofLines());
  }

  int status() {
    return response.statusCode();
  }

  /** Reads events until the stream ends or is closed; call on a thread of its own. */
  void readAll() throws IOException {
    long id = -1;
    StringBuilder data = new StringBuilder();
    Iterator<String> it = response.body().iterator();
    try {
      while (it.hasNext()) {
        String line = it.next();
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new Event(id, MAPPER.readTree(data.toString())));
          }
          data.setLength(0);
        } else if (line.startsWith("id: ")) {
          id = Long.parseLong(line.substring(4));
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (java.io.UncheckedIOException e) {
      // closed by close() or by the server: the events so far are the result
    }
  }

  /** The last event's value at {@code /totals/sentBytes}, or -1. */
  long lastSent() {
    synchronized (events) {
      return events.isEmpty()
          ? -1
          : events.get(events.size() - 1).data().at("/totals/sentBytes").asLong();
    }
  }

  @Override
  public void close() {
    response.body().close();
  }
}
