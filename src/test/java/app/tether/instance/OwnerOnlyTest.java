package app.tether.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.core.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The choice of folder and of the way to keep it to its owner, per file system: POSIX here, the ACL way for the
 * attribute views Windows' NTFS offers (its ACL decisions checked with ACL entries built as the JDK builds them on
 * Windows; no NTFS here to write them to), the owner alone elsewhere.
 */
class OwnerOnlyTest {
    /** What {@code FileSystems.getDefault().supportedFileAttributeViews()} answers on Windows (NTFS). */
    private static final Set<String> WINDOWS_VIEWS = Set.of("basic", "owner", "dos", "acl", "user");
    private static final Account ME = new Account("DESKTOP-1\\ada");

    @TempDir
    Path dir;

    private record Account(String name) implements UserPrincipal {
        @Override
        public String getName() {
            return name;
        }
    }

    @Test
    void eachFileSystemGetsItsWay() {
        assertEquals(OwnerOnly.POSIX, OwnerOnly.forViews(Set.of("basic", "posix", "unix", "owner", "dos", "user")));
        assertEquals(OwnerOnly.ACL, OwnerOnly.forViews(WINDOWS_VIEWS));
        assertEquals(OwnerOnly.OWNER_CHECK, OwnerOnly.forViews(Set.of("basic")));
        assertEquals(OwnerOnly.POSIX, OwnerOnly.of(dir), "this machine");
    }

    @Test
    void withoutTetherHomeOrARuntimeFolderTheFolderIsInTheConfigHome() {
        // Windows has no XDG_RUNTIME_DIR: the folder is <config home>\run (%APPDATA%\Tether\run there).
        Environment windowsLike = new Environment(dir.resolve("AppData").resolve("Tether"), dir.resolve("user"));
        InstanceEndpoint endpoint = InstanceEndpoint.of(windowsLike);
        assertEquals(dir.resolve("AppData").resolve("Tether").resolve("run"), endpoint.folder());
        assertEquals(endpoint.folder().resolve("instance.sock"), endpoint.socket());
        assertEquals(dir.resolve("xdg").resolve("tether"),
                InstanceEndpoint.of(windowsLike.withVariable("XDG_RUNTIME_DIR", dir.resolve("xdg").toString())).folder());
    }

    @Test
    void theOwnerOnlyAclGrantsTheOwnerAloneAndIsInherited() {
        List<AclEntry> acl = OwnerOnly.ownerOnlyAcl(ME);
        assertEquals(1, acl.size());
        AclEntry only = acl.get(0);
        assertEquals(AclEntryType.ALLOW, only.type());
        assertEquals(ME, only.principal());
        assertEquals(EnumSet.allOf(AclEntryPermission.class), only.permissions());
        assertEquals(EnumSet.of(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT), only.flags());
        assertEquals(Optional.empty(), OwnerOnly.aclProblem(dir, ME, acl));
    }

    @Test
    void anAclLettingSomeoneElseInIsRefusedNamingThem() {
        List<AclEntry> acl = new ArrayList<>(OwnerOnly.ownerOnlyAcl(ME));
        acl.add(entry(AclEntryType.ALLOW, "Everyone"));
        assertEquals(Optional.of(dir + " is not a folder only its owner may use (its ACL allows Everyone)"),
                OwnerOnly.aclProblem(dir, ME, acl));
    }

    @Test
    void systemAccountsAndDenyEntriesAreNoProblem() {
        // What a folder made under %APPDATA% inherits: the user, SYSTEM and Administrators.
        List<AclEntry> inherited = new ArrayList<>(OwnerOnly.ownerOnlyAcl(ME));
        inherited.add(entry(AclEntryType.ALLOW, "NT AUTHORITY\\SYSTEM"));
        inherited.add(entry(AclEntryType.ALLOW, "BUILTIN\\Administrators"));
        inherited.add(entry(AclEntryType.DENY, "Everyone"));
        assertEquals(Optional.empty(), OwnerOnly.aclProblem(dir, ME, inherited));
    }

    @Test
    void aPosixFolderIsMadeOwnerOnlyWhateverTheUmask() throws Exception {
        Path folder = dir.resolve("run");
        OwnerOnly.POSIX.createFolder(folder);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        InstanceEndpoint endpoint = new InstanceEndpoint(folder);
        assertEquals(Optional.empty(), endpoint.problem());
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-x---"));
        assertTrue(endpoint.problem().orElseThrow().contains("mode rwxr-x---"), endpoint.problem().toString());
    }

    private static AclEntry entry(AclEntryType type, String who) {
        return AclEntry.newBuilder().setType(type).setPrincipal(new Account(who))
                .setPermissions(AclEntryPermission.READ_DATA).build();
    }
}
