package app.tether.inventory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/** The rules an SSH server must meet before it is saved; each broken rule names a field and a message key. */
public final class SshServerValidator {
    /** The form fields a rule can point at. */
    public enum Field { NAME, ALIAS, HOST, USER, PORT, IDENTITY, JUMP, PRICE }

    private final Inventory inventory;
    private final Collection<String> knownAliases;
    private final Path userHome;

    /**
     * @param knownAliases the concrete aliases of the user's ~/.ssh/config
     * @param userHome     where "~" in an identity path points
     */
    public SshServerValidator(Inventory inventory, Collection<String> knownAliases, Path userHome) {
        this.inventory = inventory;
        this.knownAliases = knownAliases;
        this.userHome = userHome;
    }

    /**
     * The broken rules of {@code draft}, field to message key; empty when it may be saved.
     *
     * @param editing the name of the target being edited, or null when adding
     */
    public Map<Field, String> validate(SshServerDraft draft, String editing) {
        Map<Field, String> errors = new EnumMap<>(Field.class);
        if (SshServerDraft.blank(draft.name())) {
            errors.put(Field.NAME, "validation.name.empty");
        } else if (draft.name().codePoints().anyMatch(SshServerValidator::controlOrFormat)) {
            errors.put(Field.NAME, "validation.name.control");
        } else if (draft.name().strip().codePointCount(0, draft.name().strip().length()) > MAX_NAME_LENGTH) {
            errors.put(Field.NAME, "validation.name.tooLong");
        } else {
            boolean renamedOrNew = editing == null
                    || !Inventory.normalizeName(editing).equals(Inventory.normalizeName(draft.name()));
            if (renamedOrNew && inventory.contains(draft.name())) {
                errors.put(Field.NAME, "validation.name.duplicate");
            }
        }
        if (!SshServerDraft.blank(draft.sshAlias())) {
            if (!knownAliases.contains(draft.sshAlias().strip())) {
                errors.put(Field.ALIAS, "validation.alias.unknown");
            }
            return errors;
        }
        if (SshServerDraft.blank(draft.host())) {
            errors.put(Field.HOST, "validation.host.required");
        } else if (!draft.host().strip().matches("[\\p{L}\\p{N}._:\\[\\]-]+")) {
            errors.put(Field.HOST, "validation.host.invalid");
        }
        // Values end up in ~/.ssh/config blocks and ssh command lines: no spaces, quotes or control characters.
        if (!SshServerDraft.blank(draft.user()) && !draft.user().strip().matches("[^\\s\\p{Cntrl}\"'@]+")) {
            errors.put(Field.USER, "validation.user.invalid");
        }
        if (!SshServerDraft.blank(draft.port())) {
            try {
                // Digits only: Integer.parseInt also takes "+22" and other scripts' digits.
                if (!draft.port().strip().matches("[0-9]{1,5}")) {
                    throw new NumberFormatException(draft.port());
                }
                int port = Integer.parseInt(draft.port().strip());
                if (port < 1 || port > 65535) {
                    errors.put(Field.PORT, "validation.port.range");
                }
            } catch (NumberFormatException e) {
                errors.put(Field.PORT, "validation.port.range");
            }
        }
        if (!SshServerDraft.blank(draft.identityFile())) {
            Path identity = expandHome(draft.identityFile().strip(), userHome);
            if (Files.isDirectory(identity)) {
                errors.put(Field.IDENTITY, "validation.identity.directory");
            } else if (!Files.exists(identity)) {
                errors.put(Field.IDENTITY, "validation.identity.missing");
            } else if (!Files.isReadable(identity)) {
                errors.put(Field.IDENTITY, "validation.identity.unreadable");
            }
        }
        if (!SshServerDraft.blank(draft.jumpHost()) && !draft.jumpHost().strip().matches("[^\\s\\p{Cntrl}\"']+")) {
            errors.put(Field.JUMP, "validation.jump.invalid");
        }
        if (!SshServerDraft.blank(draft.price())) {
            try {
                HourlyPrice.parse(draft.price());
            } catch (IllegalArgumentException e) {
                errors.put(Field.PRICE, "validation.price.invalid");
            }
        }
        return errors;
    }

    /**
     * Names become file names on servers (Jupyter's state files, ssh-config aliases) and window text: 80
     * characters keep them well under any file system's 255-byte limit, even in UTF-8 Chinese (3 bytes each).
     */
    public static final int MAX_NAME_LENGTH = 80;

    /**
     * Control characters and Unicode format characters (category Cf: the bidirectional overrides and isolates such
     * as U+202E, zero-width joiners, the BOM), which can make a name display as another one.
     */
    static boolean controlOrFormat(int codePoint) {
        return Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.FORMAT;
    }

    /** Expands a leading "~/" against the user's home. */
    public static Path expandHome(String path, Path userHome) {
        if (path.equals("~")) {
            return userHome;
        }
        if (path.startsWith("~/")) {
            return userHome.resolve(path.substring(2));
        }
        return Path.of(path);
    }
}
