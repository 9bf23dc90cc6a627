package app.tether.ssh;

import java.io.IOException;
import java.nio.channels.AsynchronousChannelGroup;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.nio2.Nio2Connector;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;

/**
 * MINA's NIO2 I/O on a fixed-thread channel group that Tether owns. With MINA's default group every
 * packet read and every write completion is handed from the poller thread to a worker thread; on a
 * fixed group they run where the event arrives, and tunnels put their local sockets in the same
 * group, so data crosses between a local socket and the SSH socket without changing threads.
 */
final class ChannelGroupIoFactory extends Nio2ServiceFactoryFactory {
    private final AsynchronousChannelGroup group;

    ChannelGroupIoFactory(AsynchronousChannelGroup group) {
        this.group = group;
    }

    @Override
    public IoServiceFactory create(FactoryManager manager) {
        return new Nio2ServiceFactory(manager, null, null) {
            @Override
            public IoConnector createConnector(IoHandler handler) {
                return autowireCreatedService(new Nio2Connector(this, getFactoryManager(), handler, group,
                        getExecutorService()));
            }

            @Override
            protected void doCloseImmediately() {
                try {
                    group.shutdownNow();
                } catch (IOException e) {
                    // already going away
                }
                super.doCloseImmediately();
            }
        };
    }
}
