package app.tether.jupyter;

import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What Tether set up on a server, kept there in {@code ~/.local/share/tether/jupyter/state.json} so start, stop,
 * status, logs and remove know the service kind and what to undo, whichever machine runs them.
 *
 * @param command the server's argv (absolute python, -m, module)
 * @param configFile the Jupyter config file holding the managed block
 * @param backupFile the copy of the config file from before Tether first touched it
 * @param configCreated the config file did not exist before Tether wrote it
 * @param unitFile the systemd unit file (null for background)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RemoteState(int version, ServiceKind service, List<String> command, int port, String user,
        String home, String stateDir, String configFile, String backupFile, boolean configCreated, String unit,
        String unitFile, String notebookDir, String serverVersion, String labVersion, boolean password) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final int VERSION = 1;

    public RemoteState {
        command = List.copyOf(command);
    }

    public byte[] toJson() {
        try {
            return (JSON.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RemoteState parse(byte[] json) {
        try {
            return JSON.readValue(json, RemoteState.class);
        } catch (IOException e) {
            throw new TetherException(ErrorCode.REMOTE_FAILED, e, "jupyter.error.state", e.getMessage());
        }
    }

    public String envFile() {
        return stateDir + "/env";
    }

    public String logFile() {
        return stateDir + "/jupyter.log";
    }
}
