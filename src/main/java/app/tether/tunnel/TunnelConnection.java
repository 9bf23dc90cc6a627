package app.tether.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.function.Consumer;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One local connection and its direct-tcpip channel, with the two copy loops between them. Half-close
 * is carried both ways (EOF on one side becomes EOF on the other), unlike MINA's own port forwarder.
 */
final class TunnelConnection {
    private static final Logger LOG = LoggerFactory.getLogger(TunnelConnection.class);
    /** Large enough that a bulk transfer moves a full window in a few system calls. */
    static final int COPY_BUFFER = 128 * 1024;

    private final Socket socket;
    private final ChannelDirectTcpip channel;
    private final Consumer<TunnelConnection> onFinished;
    private boolean uploadDone;
    private boolean downloadDone;
    private boolean channelClosed;
    private boolean finished;

    TunnelConnection(Socket socket, ChannelDirectTcpip channel, Consumer<TunnelConnection> onFinished) {
        this.socket = socket;
        this.channel = channel;
        this.onFinished = onFinished;
        channel.addCloseFutureListener(f -> channelClosed());
    }

    /** Local to remote, until the local side stops sending; then EOF to the remote side. */
    void upload() {
        byte[] buffer = new byte[COPY_BUFFER];
        try {
            InputStream in = socket.getInputStream();
            OutputStream out = channel.getInvertedIn();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
            out.close(); // sends SSH_MSG_CHANNEL_EOF
            uploadFinished();
        } catch (IOException | RuntimeException e) {
            failed("upload", e);
        }
    }

    /** Remote to local, until the remote side sends EOF; then half-close the local socket. */
    void download() {
        byte[] buffer = new byte[COPY_BUFFER];
        try {
            InputStream in = channel.getInvertedOut();
            OutputStream out = socket.getOutputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            if (!socket.isClosed()) {
                socket.shutdownOutput();
            }
            downloadFinished();
        } catch (IOException | RuntimeException e) {
            failed("download", e);
        }
    }

    private synchronized void uploadFinished() {
        uploadDone = true;
        finishIfDone();
    }

    private synchronized void downloadFinished() {
        downloadDone = true;
        finishIfDone();
    }

    private synchronized void channelClosed() {
        channelClosed = true;
        finishIfDone();
    }

    private void finishIfDone() {
        // Everything the remote sent has been delivered, and either both sides are done sending or the
        // channel is gone (nothing more can go upstream).
        if (downloadDone && (uploadDone || channelClosed)) {
            close(false);
        }
    }

    private void failed(String direction, Exception e) {
        LOG.debug("Tunnel connection {} ended: {}", direction, e.toString());
        close(true);
    }

    /** Closes both ends now. */
    void abort() {
        close(true);
    }

    private void close(boolean immediately) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        StableTunnel.closeQuietly(socket);
        channel.close(immediately);
        onFinished.accept(this);
    }
}
