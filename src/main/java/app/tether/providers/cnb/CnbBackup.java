package app.tether.providers.cnb;

import app.tether.core.Messages;

/**
 * What CNB's backup ("file keeper") holds of a closed workspace, as the list reports it: commits, files and
 * stashes not pushed, and the first few file paths. Closing discards everything else in the container.
 */
public final class CnbBackup {
    private CnbBackup() {
    }

    /** One line for a closed workspace: what the backup kept and what to do about it. */
    public static String summary(CnbWorkspaceItem item) {
        if (item.restored()) {
            return Messages.get("cnb.backup.restored", item.restoreId());
        }
        if (!item.backupHoldsWork()) {
            return Messages.get("cnb.backup.empty");
        }
        String files = item.fileList() == null ? "" : Messages.get("cnb.backup.files", item.fileList());
        return Messages.get("cnb.backup.holds", item.commitCount(), item.fileCount(), item.remoteStashCount(), files);
    }
}
