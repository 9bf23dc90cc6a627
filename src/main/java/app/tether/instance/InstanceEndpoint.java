package app.tether.instance;

import app.tether.core.Environment;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Where the per-user instance listens: a Unix domain socket in a folder only the user may enter, so only the user
 * can talk to it. With {@code TETHER_HOME} set the folder is {@code TETHER_HOME/run} (each home its own instance,
 * which keeps tests apart); otherwise {@code $XDG_RUNTIME_DIR/tether}, or {@code <config home>/run} without one.
 * A folder or socket owned by another user, or open to others, is refused; JDK classes only (the client uses it
 * before it knows whether an instance answers).
 */
public final class InstanceEndpoint {
    static final String SOCKET_NAME = "instance.sock";
    /** Connects tried while the socket file comes and goes (an instance replacing a stale one). */
    private static final int CONNECT_ATTEMPTS = 5;

    private final Path folder;

    public InstanceEndpoint(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public static InstanceEndpoint of(Environment environment) {
        if (environment.variable("TETHER_HOME") == null) {
            String runtime = environment.variable("XDG_RUNTIME_DIR");
            if (runtime != null && Path.of(runtime).isAbsolute()) {
                return new InstanceEndpoint(Path.of(runtime, "tether"));
            }
        }
        return new InstanceEndpoint(environment.home().resolve("run"));
    }

    public Path folder() {
        return folder;
    }

    public Path socket() {
        return folder.resolve(SOCKET_NAME);
    }

    /** Why this endpoint must not be used (another user's folder or socket, open to others), or empty when fine. */
    public Optional<String> problem() {
        try {
            Optional<String> folderProblem = problem(folder, true);
            if (folderProblem.isPresent()) {
                return folderProblem;
            }
            return problem(socket(), false);
        } catch (IOException e) {
            return Optional.of(folder + ": " + e);
        }
    }

    /**
     * Without POSIX permissions (Windows) the owner is checked, and the folder's ACL where there is one
     * ({@link OwnerOnly}); a missing path is fine (it will be made).
     */
    private static Optional<String> problem(Path path, boolean folder) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        String me = System.getProperty("user.name");
        if (view == null) {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            String owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
            if (!owner.equals(me) && !owner.endsWith("\\" + me)) {
                return Optional.of(path + " is owned by " + owner + ", not " + me);
            }
            return folder ? OwnerOnly.of(path).folderAclProblem(path) : Optional.empty();
        }
        PosixFileAttributes attributes;
        try {
            attributes = view.readAttributes();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (attributes.isSymbolicLink()) {
            return Optional.of(path + " is a symbolic link");
        }
        if (!attributes.owner().getName().equals(me)) {
            return Optional.of(path + " is owned by " + attributes.owner().getName() + ", not " + me);
        }
        if (folder && (!attributes.isDirectory() || !OwnerOnly.MODE.containsAll(attributes.permissions()))) {
            return Optional.of(path + " is not a folder only its owner may use (mode "
                    + PosixFilePermissions.toString(attributes.permissions()) + ")");
        }
        return Optional.empty();
    }

    /**
     * Makes the folder, only for its owner (0700, or an owner-only ACL on Windows), when it is missing; the caller
     * checks {@link #problem()} afterwards.
     */
    public void prepareFolder() throws IOException {
        if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.createDirectories(folder.getParent());
        try {
            OwnerOnly.of(folder).createFolder(folder);
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // another process made it a moment ago; checked like any existing folder
        }
    }

    /**
     * A connection to the instance, or empty when none listens: no socket file, or a stale one (connection
     * refused: an instance that died without removing it).
     */
    public Optional<SocketChannel> connect() throws IOException {
        // No check for the file first: an instance replacing a stale socket deletes it before binding anew, and a
        // client between such a check and its connect got "No such file or directory" as a plain SocketException
        // (seen in CI). The JDK gives no errno, so a failed connect is read from the file: gone, no instance (yet);
        // there again (a new instance bound it meanwhile), tried again; a failure with the file in place throughout
        // (permissions, a file that is no socket) is the caller's error.
        for (int attempt = 1; ; attempt++) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socket()));
                return Optional.of(channel);
            } catch (ConnectException | NoSuchFileException e) {
                channel.close();
                return Optional.empty();
            } catch (SocketException e) {
                channel.close();
                if (!Files.exists(socket(), LinkOption.NOFOLLOW_LINKS)) {
                    return Optional.empty();
                }
                if (attempt == CONNECT_ATTEMPTS) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    /** Whether a socket file is there that nobody answers on. */
    public boolean stale() throws IOException {
        if (!Files.exists(socket(), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Optional<SocketChannel> live = connect();
        if (live.isPresent()) {
            live.get().close();
            return false;
        }
        return true;
    }

    @Override
    public String toString() {
        return socket().toString();
    }
}
