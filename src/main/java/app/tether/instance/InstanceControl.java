package app.tether.instance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * Control requests to a running instance ({@code ping}, {@code stop}, {@code show-window}) as one small exchange;
 * JDK classes only, for the window's single-instance check and {@code tether instance status|stop}.
 */
public final class InstanceControl {
    private InstanceControl() {
    }

    /** What the instance answered: its pid, exit code and any message it wrote. */
    public record Answer(long pid, int code, String message) {
    }

    /** Sends {@code request}; empty when no instance listens on {@code endpoint}. */
    public static Optional<Answer> send(InstanceEndpoint endpoint, String request) throws IOException {
        Optional<SocketChannel> connected = endpoint.connect();
        if (connected.isEmpty()) {
            return Optional.empty();
        }
        try (Frames frames = new Frames(connected.get())) {
            frames.writeNumber(Frames.HELLO, Frames.VERSION);
            Frames.Frame hello = frames.read();
            long pid = hello.payload().length >= 12 ? ByteBuffer.wrap(hello.payload()).getLong(4) : -1;
            frames.write(Frames.CONTROL, request);
            StringBuilder message = new StringBuilder();
            while (true) {
                Frames.Frame frame = frames.read();
                switch (frame.type()) {
                    case Frames.STDOUT, Frames.STDERR -> message.append(frame.text());
                    case Frames.EXIT -> {
                        return Optional.of(new Answer(pid, frame.number(), message.toString().strip()));
                    }
                    case Frames.LOCAL -> {
                        return Optional.of(new Answer(pid, -1, frame.text()));
                    }
                    default -> {
                        // nothing else is sent for a control request
                    }
                }
            }
        }
    }
}
