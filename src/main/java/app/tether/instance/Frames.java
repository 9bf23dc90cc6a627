package app.tether.instance;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instance protocol on one socket: frames of {@code [type:1][length:4][payload]}. The client opens with
 * {@link #HELLO} (protocol version), then one request ({@link #RUN} or {@link #CONTROL}); the instance answers
 * with output frames and ends with {@link #EXIT}. JDK classes only: the client loads this before it knows whether
 * an instance answers. One thread may read while another writes (SocketChannel allows that; the JDK 17 stream
 * adapters of a channel do not).
 */
public final class Frames implements AutoCloseable {
    /** The protocol version; a client and an instance of different versions do not talk (the client runs alone). */
    public static final int VERSION = 1;

    /** Client → instance: the version (int). Instance → client: the version and the instance's pid (long). */
    public static final byte HELLO = 'H';
    /** Client → instance: run a CLI command (see {@link Request}). */
    public static final byte RUN = 'R';
    /** Client → instance: a control request by name ({@code show-window}, {@code stop}, {@code ping}). */
    public static final byte CONTROL = 'C';
    /** Client → instance: bytes of standard input; an empty payload is end of input. */
    public static final byte STDIN = 'i';
    /** Instance → client: the command reads standard input (the client starts passing it on only then). */
    public static final byte WANT_STDIN = 'w';
    /** Instance → client: bytes for standard output. */
    public static final byte STDOUT = 'o';
    /** Instance → client: bytes for standard error. */
    public static final byte STDERR = 'e';
    /** Instance → client: a question for the user's terminal: 1 byte (1 = secret, no echo), then the text. */
    public static final byte PROMPT = 'p';
    /** Client → instance: the answer: 1 byte (1 = answered, 0 = no terminal or cancelled), then the text. */
    public static final byte ANSWER = 'a';
    /** Instance → client: the exit code (int); the last frame. */
    public static final byte EXIT = 'x';
    /** Instance → client: run this command yourself (payload: why, for the log); the last frame. */
    public static final byte LOCAL = 'l';

    private static final int MAX_FRAME = 16 * 1024 * 1024;

    private final SocketChannel channel;
    private final ByteBuffer header = ByteBuffer.allocate(5);

    public Frames(SocketChannel channel) {
        this.channel = channel;
    }

    /** One frame as read. */
    public record Frame(byte type, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int number() {
            return ByteBuffer.wrap(payload).getInt();
        }
    }

    /** Writes one frame whole (frames of several writers never interleave). */
    public synchronized void write(byte type, byte[] payload, int offset, int length) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(5 + length);
        frame.put(type).putInt(length).put(payload, offset, length).flip();
        while (frame.hasRemaining()) {
            channel.write(frame);
        }
    }

    public void write(byte type, byte[] payload) throws IOException {
        write(type, payload, 0, payload.length);
    }

    public void write(byte type, String text) throws IOException {
        write(type, text.getBytes(StandardCharsets.UTF_8));
    }

    public void writeNumber(byte type, int value) throws IOException {
        write(type, ByteBuffer.allocate(4).putInt(value).array());
    }

    /** The next frame; EOFException when the other side closed. Only one thread reads. */
    public Frame read() throws IOException {
        header.clear();
        fill(header);
        header.flip();
        byte type = header.get();
        int length = header.getInt();
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("bad frame length " + length);
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        fill(payload);
        return new Frame(type, payload.array());
    }

    private void fill(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("closed by the other side");
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /**
     * A CLI command to run: the arguments as strings and (where the system kept them) as raw bytes, the client's
     * environment, working directory and language, and whether it has a terminal to ask questions on.
     */
    public record Request(List<String> args, List<byte[]> rawArgs, Map<String, String> environment, String cwd,
            String language, boolean console) {

        public byte[] encode() {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                DataOutputStream out = new DataOutputStream(bytes);
                out.writeInt(args.size());
                for (String arg : args) {
                    writeBytes(out, arg.getBytes(StandardCharsets.UTF_8));
                }
                out.writeInt(rawArgs == null ? -1 : rawArgs.size());
                if (rawArgs != null) {
                    for (byte[] raw : rawArgs) {
                        writeBytes(out, raw);
                    }
                }
                out.writeInt(environment.size());
                for (Map.Entry<String, String> entry : environment.entrySet()) {
                    writeBytes(out, entry.getKey().getBytes(StandardCharsets.UTF_8));
                    writeBytes(out, entry.getValue().getBytes(StandardCharsets.UTF_8));
                }
                writeBytes(out, cwd.getBytes(StandardCharsets.UTF_8));
                writeBytes(out, language.getBytes(StandardCharsets.UTF_8));
                out.writeBoolean(console);
                out.flush();
                return bytes.toByteArray();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        public static Request decode(byte[] payload) throws IOException {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
            int count = in.readInt();
            List<String> args = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                args.add(new String(readBytes(in), StandardCharsets.UTF_8));
            }
            int rawCount = in.readInt();
            List<byte[]> raw = null;
            if (rawCount >= 0) {
                raw = new ArrayList<>();
                for (int i = 0; i < rawCount; i++) {
                    raw.add(readBytes(in));
                }
            }
            int variables = in.readInt();
            Map<String, String> environment = new LinkedHashMap<>();
            for (int i = 0; i < variables; i++) {
                environment.put(new String(readBytes(in), StandardCharsets.UTF_8),
                        new String(readBytes(in), StandardCharsets.UTF_8));
            }
            String cwd = new String(readBytes(in), StandardCharsets.UTF_8);
            String language = new String(readBytes(in), StandardCharsets.UTF_8);
            return new Request(args, raw, environment, cwd, language, in.readBoolean());
        }

        private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
            out.writeInt(bytes.length);
            out.write(bytes);
        }

        private static byte[] readBytes(DataInputStream in) throws IOException {
            int length = in.readInt();
            if (length < 0 || length > MAX_FRAME) {
                throw new IOException("bad field length " + length);
            }
            return in.readNBytes(length);
        }
    }
}
