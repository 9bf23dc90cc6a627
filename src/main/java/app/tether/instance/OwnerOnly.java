package app.tether.instance;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How the instance's folder is kept to its owner on a file system: POSIX mode 0700 (Linux, macOS); on Windows
 * (NTFS has no POSIX permissions, only ACLs) an ACL whose only entry lets the owner do everything, inherited by
 * the socket; elsewhere only the owner is checked. JDK classes only (the CLI client uses it before anything else).
 */
enum OwnerOnly {
    /** Mode rwx------. */
    POSIX,
    /** An ACL granting only the owner (the system's own accounts may read any file anyway and are let be). */
    ACL,
    /** No permissions to set or read: the owner alone is checked. */
    OWNER_CHECK;

    static final Set<PosixFilePermission> MODE = PosixFilePermissions.fromString("rwx------");
    /** Windows accounts that have every file anyway; an ACL entry for them gives nobody anything new. */
    private static final Set<String> SYSTEM_ACCOUNTS = Set.of("nt authority\\system", "builtin\\administrators");

    /** The way for a file system with these attribute views ({@link FileSystem#supportedFileAttributeViews()}). */
    static OwnerOnly forViews(Set<String> views) {
        if (views.contains("posix")) {
            return POSIX;
        }
        return views.contains("acl") ? ACL : OWNER_CHECK;
    }

    static OwnerOnly of(Path path) {
        return forViews(path.getFileSystem().supportedFileAttributeViews());
    }

    /** Makes {@code folder} (its parent exists) so that only its owner may use it. */
    void createFolder(Path folder) throws IOException {
        switch (this) {
            case POSIX -> {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(MODE));
                Files.setPosixFilePermissions(folder, MODE); // the umask may have taken bits away
            }
            case ACL -> {
                Files.createDirectory(folder);
                AclFileAttributeView view = Files.getFileAttributeView(folder, AclFileAttributeView.class);
                view.setAcl(ownerOnlyAcl(view.getOwner()));
            }
            case OWNER_CHECK -> Files.createDirectory(folder);
        }
    }

    /** The ACL of an owner-only folder: full control for the owner, inherited by what is made inside. */
    static List<AclEntry> ownerOnlyAcl(UserPrincipal owner) {
        return List.of(AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class))
                .setFlags(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT).build());
    }

    /** Why an existing folder's ACL lets others in (an entry allowing anyone but the owner), or empty. */
    static Optional<String> aclProblem(Path path, UserPrincipal owner, List<AclEntry> acl) {
        for (AclEntry entry : acl) {
            String who = entry.principal().getName();
            if (entry.type() == AclEntryType.ALLOW && !entry.principal().equals(owner)
                    && !who.equals(owner.getName()) && !SYSTEM_ACCOUNTS.contains(who.toLowerCase(Locale.ROOT))) {
                return Optional.of(path + " is not a folder only its owner may use (its ACL allows " + who + ")");
            }
        }
        return Optional.empty();
    }

    /** The folder's ACL problem where ACLs are the way (see {@link #aclProblem}); empty otherwise. */
    Optional<String> folderAclProblem(Path folder) throws IOException {
        if (this != ACL) {
            return Optional.empty();
        }
        AclFileAttributeView view = Files.getFileAttributeView(folder, AclFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        return aclProblem(folder, view.getOwner(), view.getAcl());
    }
}
