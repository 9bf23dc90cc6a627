package app.tether.instance;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One client's command as the instance runs it: its standard streams and its terminal, carried over the socket.
 * Standard input is asked for only when the command first reads it (so a command that never reads does not
 * swallow what the user types next), and a question waits for the client's answer.
 */
public final class InstanceCall {
    private static final byte[] END = new byte[0];

    private final Frames frames;
    private final boolean console;
    private final BlockingQueue<byte[]> stdin = new LinkedBlockingQueue<>();
    private final BlockingQueue<Optional<String>> answers = new ArrayBlockingQueue<>(1);
    private volatile boolean clientGone;
    private volatile boolean finished;
    private boolean stdinWanted;

    InstanceCall(Frames frames, boolean console) {
        this.frames = frames;
        this.console = console;
    }

    /** Whether the client has a terminal to ask questions on. */
    public boolean hasConsole() {
        return console && !clientGone;
    }

    public OutputStream stdout() {
        return new FrameStream(Frames.STDOUT);
    }

    public OutputStream stderr() {
        return new FrameStream(Frames.STDERR);
    }

    public InputStream stdin() {
        return new Stdin();
    }

    /**
     * Asks the client's terminal ({@code secret}: without echo); empty when there is no terminal, the user
     * cancelled or the client went away.
     */
    public synchronized Optional<String> ask(String prompt, boolean secret) {
        if (!hasConsole()) {
            return Optional.empty();
        }
        byte[] text = prompt.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[text.length + 1];
        payload[0] = (byte) (secret ? 1 : 0);
        System.arraycopy(text, 0, payload, 1, text.length);
        try {
            answers.clear();
            frames.write(Frames.PROMPT, payload);
            return answers.take();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Called by the reader of the client's frames. */
    void received(Frames.Frame frame) {
        if (frame.type() == Frames.STDIN) {
            stdin.add(frame.payload().length == 0 ? END : frame.payload());
        } else if (frame.type() == Frames.ANSWER) {
            byte[] payload = frame.payload();
            answers.offer(payload.length > 0 && payload[0] == 1
                    ? Optional.of(new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8))
                    : Optional.empty());
        }
    }

    /** The client closed its end (it was interrupted or died): input ends, questions go unanswered. */
    void clientGone() {
        clientGone = true;
        stdin.add(END);
        answers.offer(Optional.empty());
    }

    boolean isClientGone() {
        return clientGone;
    }

    /** The command returned: a client closing from now on is no reason to interrupt anything. */
    void finished() {
        finished = true;
    }

    boolean isFinished() {
        return finished;
    }

    private synchronized void wantStdin() throws IOException {
        if (!stdinWanted) {
            stdinWanted = true;
            frames.write(Frames.WANT_STDIN, new byte[0]);
        }
    }

    /** Output as frames; every write goes out at once (the client writes it to its own stream and flushes). */
    private final class FrameStream extends OutputStream {
        private final byte type;

        FrameStream(byte type) {
            this.type = type;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > 0) {
                frames.write(type, bytes, offset, length);
            }
        }
    }

    /** Standard input from STDIN frames; the first read tells the client to start sending. */
    private final class Stdin extends InputStream {
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position >= current.length) {
                if (ended) {
                    return -1;
                }
                wantStdin();
                try {
                    byte[] next = stdin.take();
                    if (next == END) {
                        ended = true;
                        stdin.add(END); // later reads see the end too
                        return -1;
                    }
                    current = next;
                    position = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted waiting for standard input");
                }
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return current.length - position;
        }
    }
}
