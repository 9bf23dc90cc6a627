package app.tether.core;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * Why a file operation failed, in words. The JDK's file exceptions carry only the path as their message
 * ("Cannot read X: X" told the user nothing), the reason sits in the exception's type or its reason field.
 */
public final class IoReasons {
    private IoReasons() {
    }

    /** A short localised reason for {@code failure}, never just the file name again. */
    public static String of(IOException failure) {
        if (failure instanceof AccessDeniedException) {
            return Messages.get("error.io.accessDenied");
        }
        if (failure instanceof NoSuchFileException) {
            return Messages.get("error.io.noSuchFile");
        }
        if (failure instanceof NotDirectoryException) {
            return Messages.get("error.io.notDirectory");
        }
        if (failure instanceof FileAlreadyExistsException || failure instanceof DirectoryNotEmptyException) {
            return Messages.get("error.io.exists");
        }
        if (failure instanceof FileSystemException fs && fs.getReason() != null) {
            String reason = fs.getReason();
            if (reason.contains("Read-only file system")) {
                return Messages.get("error.io.readOnly");
            }
            if (reason.contains("Is a directory")) {
                return Messages.get("error.io.isDirectory");
            }
            return reason;
        }
        if (failure.getCause() instanceof ReadOnlyFileSystemException) {
            return Messages.get("error.io.readOnly");
        }
        String message = failure.getMessage();
        if (message != null && message.contains("Is a directory")) {
            return Messages.get("error.io.isDirectory");
        }
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
