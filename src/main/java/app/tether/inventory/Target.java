package app.tether.inventory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** A machine the user works on: an SSH server or a cloud workspace of one of the supported kinds. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SshServer.class, name = "ssh"),
    @JsonSubTypes.Type(value = HfSpace.class, name = "hf-space"),
    @JsonSubTypes.Type(value = GceInstance.class, name = "gce"),
    @JsonSubTypes.Type(value = CnbWorkspace.class, name = "cnb")
})
public sealed interface Target permits SshServer, HfSpace, GceInstance, CnbWorkspace {
    String name();

    List<String> tags();

    String notes();

    /** The price the user entered or the provider's list price; null when unknown or free. */
    HourlyPrice price();

    @JsonIgnore
    TargetKind kind();

    /** This target under another name (for rename in the edit dialog). */
    Target withName(String newName);
}
