package app.tether.inventory;

import java.util.List;

/** A machine the user works on: an SSH server or a cloud workspace of one of the supported kinds. */
public sealed interface Target permits SshServer, HfSpace, GceInstance, CnbWorkspace {
    String name();

    List<String> tags();

    String notes();

    /** The price the user entered or the provider's list price; null when unknown or free. */
    HourlyPrice price();

    TargetKind kind();

    /** This target under another name (for rename in the edit dialog). */
    Target withName(String newName);
}
