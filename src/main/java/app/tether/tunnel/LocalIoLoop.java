package app.tether.tunnel;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector thread per tunnel for the local side: it reads from every local connection that is
 * readable and finishes writes the SSH side could not complete at once. Nothing here blocks.
 */
final class LocalIoLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalIoLoop.class);

    /** What a registered channel does when it is ready. */
    interface Handler {
        void ready(SelectionKey key);

        void failed(Exception e);
    }

    /** Most bytes taken from a local socket per read; the buffer is shared, reads copy out what they got. */
    static final int READ_BUFFER = 256 * 1024;

    private final Selector selector;
    private final java.nio.ByteBuffer readBuffer = java.nio.ByteBuffer.allocate(READ_BUFFER);
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile boolean open = true;

    LocalIoLoop(ExecutorService threads) throws IOException {
        this.selector = Selector.open();
        threads.execute(this::run);
    }

    /** Runs {@code task} on the loop thread (where interest changes and registration belong). */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** The loop thread's read buffer (use only on the loop thread). */
    java.nio.ByteBuffer readBuffer() {
        return readBuffer;
    }

    SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws IOException {
        return channel.register(selector, ops, handler);
    }

    private void run() {
        try {
            while (open) {
                selector.select();
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Handler handler = (Handler) key.attachment();
                    try {
                        if (key.isValid()) {
                            handler.ready(key);
                        }
                    } catch (RuntimeException e) {
                        handler.failed(e);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (open) {
                LOG.warn("Tunnel I/O loop stopped: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        open = false;
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing selector", e);
        }
    }
}
