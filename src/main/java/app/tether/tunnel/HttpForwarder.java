package app.tether.tunnel;

import app.tether.core.BackgroundExecutors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reverse proxy on 127.0.0.1 for a notebook reached over HTTP(S) (a Hugging Face Space, later other cloud
 * kinds): every request, WebSocket upgrades included, goes to {@code upstream} with {@code headers} added (an
 * {@code Authorization: Bearer} that must never reach a URL, log or process list). A browser, VS Code or
 * PyCharm talks to the local port as if it were the notebook server itself.
 *
 * <p>One request per upstream connection ({@code Connection: close}, except upgrades, whose bytes are then
 * relayed both ways), so no HTTP body parsing is needed. The Host, Origin and Referer headers are rewritten to
 * the upstream's so the server's own origin checks (Jupyter's WebSocket check) pass. When the added headers
 * include {@code Authorization}, a client's own {@code Authorization: token T} (how Jupyter clients send their
 * token) moves into the query as {@code token=T}.
 */
public final class HttpForwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpForwarder.class);
    private static final ExecutorService THREADS = BackgroundExecutors.pool("http-forward");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long a client may take to send its request head, and an answer may stay silent (not upgrades). */
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    private static final int MAX_HEAD = 64 * 1024;
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authorization", "te", "trailer");

    private final URI upstream;
    private final Map<String, String> headers;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** The local clients' sockets (browser, editor), for {@link #activeConnections()}. */
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private HttpForwarder(URI upstream, Map<String, String> headers, ServerSocket listener) {
        this.upstream = upstream;
        this.headers = Map.copyOf(headers);
        this.listener = listener;
    }

    /**
     * Listens on 127.0.0.1:{@code preferredPort} (any free port when it is 0 or taken) and forwards to
     * {@code upstream} (http or https, optionally with a base path).
     */
    public static HttpForwarder start(URI upstream, Map<String, String> headers, int preferredPort) throws IOException {
        String scheme = upstream.getScheme() == null ? "" : upstream.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || upstream.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) address: " + upstream);
        }
        ServerSocket socket = bind(preferredPort);
        HttpForwarder forwarder = new HttpForwarder(upstream, headers, socket);
        THREADS.execute(forwarder::acceptLoop);
        return forwarder;
    }

    private static ServerSocket bind(int preferredPort) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        if (preferredPort > 0) {
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(loopback, preferredPort));
                return socket;
            } catch (IOException taken) {
                LOG.info("Port {} is taken; forwarding from another one", preferredPort);
            }
        }
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(loopback, 0));
        return socket;
    }

    public int localPort() {
        return listener.getLocalPort();
    }

    public URI upstream() {
        return upstream;
    }

    /** Local connections being forwarded right now (the idle rule counts them as activity). */
    public int activeConnections() {
        clients.removeIf(Socket::isClosed);
        return clients.size();
    }

    @Override
    public void close() {
        closed = true;
        quietly(listener);
        open.forEach(HttpForwarder::quietly);
        open.clear();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                open.add(client);
                clients.add(client);
                THREADS.execute(() -> serve(client));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Forwarder on port {} stopped accepting: {}", localPort(), e.toString());
                }
                return;
            }
        }
    }

    private void serve(Socket client) {
        Socket server = null;
        try {
            client.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
            InputStream fromClient = client.getInputStream();
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            Request request = Request.read(fromClient, rest);
            if (request == null) {
                quietly(client);
                open.remove(client);
                return;
            }
            server = connect();
            open.add(server);
            boolean upgrade = request.isUpgrade();
            LOG.debug("{} {} -> {}{}", request.method, request.pathOnly(), upstream.getHost(), upgrade ? " (upgrade)" : "");
            OutputStream toServer = server.getOutputStream();
            toServer.write(rewrite(request).getBytes(StandardCharsets.ISO_8859_1));
            rest.writeTo(toServer);
            toServer.flush();
            if (upgrade) {
                client.setSoTimeout(0); // a WebSocket lives as long as the notebook tab
            } else {
                server.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
            }
            Socket serverSocket = server;
            THREADS.execute(() -> relay(serverSocket, client, true));
            relay(client, server, false);
        } catch (IOException e) {
            if (server == null && !closed) {
                LOG.info("Cannot reach {}: {}", upstream.getHost(), e.toString());
                badGateway(client);
            }
            quietly(client);
            if (server != null) {
                quietly(server);
            }
        }
    }

    /** Copies {@code from} to {@code to}; the answer direction's end closes both, the request direction half-closes. */
    private void relay(Socket from, Socket to, boolean answer) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            if (!answer && !(to instanceof SSLSocket)) {
                to.shutdownOutput();
            }
        } catch (IOException e) {
            // one side went away (a closed tab, an idle timeout): end the pair below
            if (!answer) {
                quietly(from);
                quietly(to);
            }
        } finally {
            if (answer) {
                quietly(from);
                quietly(to);
                open.remove(from);
                open.remove(to);
            }
        }
    }

    private Socket connect() throws IOException {
        boolean tls = upstream.getScheme().equalsIgnoreCase("https");
        int port = upstream.getPort() > 0 ? upstream.getPort() : tls ? 443 : 80;
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(upstream.getHost(), port), (int) CONNECT_TIMEOUT.toMillis());
            socket.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
            if (!tls) {
                return socket;
            }
            SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(socket, upstream.getHost(), port, true);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(parameters);
            ssl.startHandshake();
            return ssl;
        } catch (IOException e) {
            quietly(socket);
            throw e;
        }
    }

    /** The request head as the upstream must see it. */
    String rewrite(Request request) {
        String authority = authority();
        String localOrigin = "http://127.0.0.1:" + localPort();
        String localhostOrigin = "http://localhost:" + localPort();
        String upstreamOrigin = upstream.getScheme().toLowerCase(Locale.ROOT) + "://" + authority;
        String target = request.target;
        List<String[]> kept = new ArrayList<>();
        for (String[] header : request.headers) {
            String name = header[0].toLowerCase(Locale.ROOT);
            String value = header[1];
            if (name.equals("host") || HOP_BY_HOP.contains(name) && !(request.isUpgrade() && name.equals("connection"))) {
                continue;
            }
            if (name.equals("authorization") && headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase("authorization"))) {
                if (value.regionMatches(true, 0, "token ", 0, 6)) {
                    target = withQuery(target, "token=" + URLEncoder.encode(value.substring(6).strip(),
                            StandardCharsets.UTF_8));
                }
                continue;
            }
            if (headers.keySet().stream().anyMatch(h -> h.equalsIgnoreCase(name))) {
                continue;
            }
            if (name.equals("origin") || name.equals("referer")) {
                value = value.replace(localOrigin, upstreamOrigin).replace(localhostOrigin, upstreamOrigin);
            }
            kept.add(new String[] {header[0], value});
        }
        StringBuilder head = new StringBuilder();
        head.append(request.method).append(' ').append(basePath()).append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(authority).append("\r\n");
        for (String[] header : kept) {
            head.append(header[0]).append(": ").append(header[1]).append("\r\n");
        }
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (!request.isUpgrade()) {
            head.append("Connection: close\r\n");
        }
        return head.append("\r\n").toString();
    }

    private String authority() {
        int port = upstream.getPort();
        return port > 0 ? upstream.getHost() + ":" + port : upstream.getHost();
    }

    private String basePath() {
        String path = upstream.getRawPath();
        if (path == null) {
            return "";
        }
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String withQuery(String target, String parameter) {
        return target + (target.contains("?") ? "&" : "?") + parameter;
    }

    private static void badGateway(Socket client) {
        try {
            byte[] body = "Tether cannot reach the notebook's address right now.\n".getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        } catch (IOException ignored) {
            // the client left already
        }
    }

    private static void quietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing on the way out
        }
    }

    /** A request line and headers as the client sent them. */
    static final class Request {
        final String method;
        final String target;
        final List<String[]> headers;

        Request(String method, String target, List<String[]> headers) {
            this.method = method;
            this.target = target;
            this.headers = headers;
        }

        boolean isUpgrade() {
            return headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("upgrade"))
                    && headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("connection")
                            && h[1].toLowerCase(Locale.ROOT).contains("upgrade"));
        }

        String pathOnly() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        /** Reads up to the blank line; bytes read past it go to {@code rest}. Null when the client sent nothing. */
        static Request read(InputStream in, ByteArrayOutputStream rest) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int end = -1;
            while (end < 0) {
                int n = in.read(buffer);
                if (n < 0) {
                    if (head.size() == 0) {
                        return null;
                    }
                    throw new IOException("request head cut short");
                }
                head.write(buffer, 0, n);
                end = indexOfBlankLine(head.toByteArray());
                if (end < 0 && head.size() > MAX_HEAD) {
                    throw new IOException("request head too large");
                }
            }
            byte[] bytes = head.toByteArray();
            rest.write(bytes, end + 4, bytes.length - end - 4);
            String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length != 3 || !requestLine[1].startsWith("/")) {
                throw new SocketException("not a request to forward: " + requestLine[0]);
            }
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.add(new String[] {lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()});
                }
            }
            return new Request(requestLine[0], requestLine[1], headers);
        }

        private static int indexOfBlankLine(byte[] bytes) {
            for (int i = 0; i + 3 < bytes.length; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }
    }
}
