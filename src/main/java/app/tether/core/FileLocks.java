package app.tether.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises read-modify-write of one of Tether's files across threads and across Tether processes (the
 * window and any number of {@code tether} commands): an OS lock on a sibling {@code NAME.lock} file, taken
 * inside a per-file lock of this JVM, because an OS file lock belongs to the whole process and the JDK refuses
 * a second overlapping one from another thread. The caller re-reads the file under the lock, so a change another
 * process made a moment ago is never overwritten.
 */
public final class FileLocks {
    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private FileLocks() {
    }

    /** Work done while the lock is held; it may read and write the file. */
    @FunctionalInterface
    public interface LockedWork<T> {
        T run() throws IOException;
    }

    /** The lock file that guards {@code file}. */
    public static Path lockFileOf(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".lock");
    }

    /**
     * Runs {@code work} holding the lock of {@code file}; re-entrant on the same thread (the OS lock is taken
     * once). Fails with the IOException of making the lock file, e.g. when the folder is read-only.
     */
    public static <T> T withLock(Path file, LockedWork<T> work) throws IOException {
        Path lockFile = lockFileOf(file);
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        local.lock();
        try {
            if (local.getHoldCount() > 1) {
                return work.run();
            }
            Files.createDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return work.run();
            }
        } finally {
            local.unlock();
        }
    }
}
