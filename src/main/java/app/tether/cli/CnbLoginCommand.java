package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.providers.cnb.CnbApi;
import app.tether.providers.cnb.CnbCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tether cnb login}: reads a token on stdin, checks it with GET /user, keeps it in the secrets (0600). */
@Command(name = "login", description = {
    "Save a CNB access token: read from stdin (never a command-line argument), checked with CNB first.",
    "Create one on cnb.cool: Personal settings -> Access tokens. CNB_TOKEN, when set, is used instead."})
final class CnbLoginCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--forget", description = "Remove the saved token.")
    boolean forget;

    CnbLoginCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        CnbCredentials credentials = new CnbCredentials(context.environment());
        if (forget) {
            context.out().println(Messages.get(credentials.forget() ? "cnb.login.forgotten" : "cnb.login.nothing"));
            return 0;
        }
        if (System.console() != null) {
            context.err().println(Messages.get("cnb.login.prompt"));
            context.err().flush();
        }
        String token = readToken();
        String user = new CnbApi(credentials.endpoint(), token).user();
        credentials.save(token);
        context.out().println(Messages.get("cnb.login.done", user, credentials.file()));
        if (credentials.fromEnvironment()) {
            context.out().println(Messages.get("cnb.login.envWins"));
        }
        return 0;
    }

    private static String readToken() {
        char[] secret = System.console() == null ? null : System.console().readPassword();
        String token;
        if (secret != null) {
            token = new String(secret).strip();
        } else {
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                token = line == null ? "" : line.strip();
            } catch (IOException e) {
                throw new TetherException(ErrorCode.IO, e, "cnb.login.readFailed", e.getMessage());
            }
        }
        if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw new TetherException(ErrorCode.USAGE, "cnb.login.empty");
        }
        return token;
    }
}
