package app.tether.inventory;

import java.util.Arrays;
import java.util.List;

/** An SSH server as typed into the form or the CLI, before validation: every field is raw text. */
public record SshServerDraft(String name, String sshAlias, String host, String user, String port,
        String identityFile, String jumpHost, String tags, String notes, String price) {

    public static SshServerDraft of(SshServer server) {
        return new SshServerDraft(server.name(), nz(server.sshAlias()), nz(server.host()), nz(server.user()),
                server.port() == null ? "" : server.port().toString(), nz(server.identityFile()),
                nz(server.jumpHost()), String.join(", ", server.tags()), server.notes(),
                server.price() == null ? "" : server.price().toString());
    }

    /** The server this draft describes; call only when {@link SshServerValidator} found no errors. */
    public SshServer toServer(SshServer previous) {
        List<String> tagList = tags == null ? List.of() : Arrays.stream(tags.split(","))
                .map(String::strip).filter(t -> !t.isEmpty()).distinct().toList();
        boolean alias = !blank(sshAlias);
        return new SshServer(Inventory.normalizeName(name),
                alias ? sshAlias.strip() : null,
                alias ? null : host.strip(),
                alias || blank(user) ? null : user.strip(),
                alias || blank(port) ? null : Integer.valueOf(port.strip()),
                alias || blank(identityFile) ? null : identityFile.strip(),
                alias || blank(jumpHost) ? null : jumpHost.strip(),
                tagList, notes == null ? "" : notes,
                blank(price) ? null : HourlyPrice.parse(price),
                previous == null ? null : previous.jupyter(),
                previous == null ? null : previous.forwards());
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static String nz(String text) {
        return text == null ? "" : text;
    }
}
