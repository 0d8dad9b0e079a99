package dev.hogwatch.serve;

import dev.hogwatch.model.Snapshot;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Fans one {@link dev.hogwatch.model.Hub} out to every Server-Sent-Events client. It is a single
 * Hub listener: each snapshot is turned into JSON once, and the same bytes are queued for every
 * client. The model thread never blocks on a client: a client whose queue is full (it stopped
 * reading) is cut off, and its browser reconnects.
 *
 * <p>Events are numbered; a client sees the snapshot that was current when it connected, then every
 * later one, without gaps or repeats:
 *
 * <pre>
 * id: 17
 * event: snapshot
 * data: {"time":"...","processes":[...],"totals":{...}}
 * </pre>
 */
final class Broadcast implements Consumer<Snapshot> {

  /** Events a client may fall behind before it is cut off. */
  static final int QUEUE = 64;

  /** Queued to tell a client's writer to stop. */
  static final byte[] CLOSE = new byte[0];

  /** One connected stream. */
  static final class Client {
    final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE + 1);
    volatile boolean cutOff;
    private Thread writer; // guarded by this: the thread blocked in a write, if any
    private long writeStart;

    /** The calling thread starts a write to the client's socket. */
    synchronized void beginWrite() {
      writer = Thread.currentThread();
      writeStart = System.nanoTime();
    }

    synchronized void endWrite() {
      writer = null;
    }

    /**
     * Interrupts a write that has blocked longer than {@code nanos}: the JDK's socket channel is
     * closed by the interrupt, the write fails and the handler frees thread and slot.
     */
    synchronized boolean abortIfStuck(long nanos) {
      if (writer != null && System.nanoTime() - writeStart > nanos) {
        abort();
        return true;
      }
      return false;
    }

    /** Ends the client: its blocked write (if any) fails now, its next poll sees CLOSE. */
    synchronized void abort() {
      cutOff = true;
      if (writer != null) {
        writer.interrupt();
        writer = null;
      }
    }
  }

  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private long seq;
  private byte[] last;
  private Snapshot lastSnapshot;

  Broadcast(Snapshot initial) {
    last = event(0, initial);
    lastSnapshot = initial;
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // the very same object, not an equal one: two refreshes
  // with equal numbers are still two events
  public void accept(Snapshot s) {
    byte[] e;
    synchronized (this) {
      if (s == lastSnapshot) {
        return; // Hub.addListener replays the latest snapshot, which we started from
      }
      lastSnapshot = s;
      seq++;
      e = event(seq, s);
      last = e;
      clients.removeIf(
          c -> {
            if (c.queue.offer(e)) {
              return false;
            }
            c.queue.clear();
            c.queue.offer(CLOSE);
            c.abort(); // it is stuck in a write, or it would have taken its events
            return true;
          });
    }
  }

  /** Registers a client; returns the event it must send first (the current snapshot). */
  synchronized byte[] join(Client c) {
    clients.add(c);
    return last;
  }

  void leave(Client c) {
    clients.remove(c);
  }

  int size() {
    return clients.size();
  }

  /** Tells every client to finish; used when the server stops. */
  synchronized void closeAll() {
    List<Client> all = new ArrayList<>(clients);
    clients.clear();
    for (Client c : all) {
      c.queue.clear();
      c.queue.offer(CLOSE);
    }
  }

  private static byte[] event(long id, Snapshot s) {
    byte[] json = Json.snapshot(s);
    byte[] head = ("id: " + id + "\nevent: snapshot\ndata: ").getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[head.length + json.length + 2];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(json, 0, out, head.length, json.length);
    out[out.length - 2] = '\n';
    out[out.length - 1] = '\n';
    return out;
  }
}
