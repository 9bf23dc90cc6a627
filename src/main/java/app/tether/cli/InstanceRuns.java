package app.tether.cli;

import app.tether.core.Environment;
import app.tether.core.Messages;
import app.tether.instance.Frames;
import app.tether.instance.InstanceCall;
import app.tether.instance.InstanceServer;
import app.tether.instance.InstanceServices;
import app.tether.instance.PromptRouter;
import app.tether.settings.QuickSettings;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a client's command inside the instance with the same picocli code as in its own process ({@link Cli#run}),
 * against a context whose SSH sessions and tunnels are the instance's and whose streams and terminal are the
 * client's: output and exit codes are the same both ways by construction. A client whose Tether home or language
 * differs from the instance's is told to run the command itself.
 */
public final class InstanceRuns implements InstanceServer.Runner {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceRuns.class);

    private final InstanceServices services;

    public InstanceRuns(InstanceServices services) {
        this.services = services;
    }

    @Override
    public Optional<Integer> run(Frames.Request request, InstanceCall call) {
        Environment environment = Environment.fromVariables(request.environment());
        if (!environment.home().equals(services.environment().home())) {
            LOG.info("Client's Tether home {} is not the instance's: it runs the command itself", environment.home());
            return Optional.empty();
        }
        if (!language(environment, request.language()).equals(Messages.locale())) {
            // The language is one per process (and the window's): a client speaking another runs alone.
            return Optional.empty();
        }
        PrintWriter out = new PrintWriter(new OutputStreamWriter(call.stdout(), StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(call.stderr(), StandardCharsets.UTF_8), true);
        CliConsole console = call.hasConsole() ? call::ask : CliConsole.NONE;
        CliContext context = new CliContext(environment, out, err)
                .withStreams(call.stdin(), call.stdout(), call.stderr())
                .withRawArguments(request.rawArgs())
                .inInstance(services, console);
        try (PromptRouter.Route routed = services.prompts().register(new ClientTerminalPrompts(console))) {
            LOG.info("Running for a client: {}", request.args().isEmpty() ? "(help)" : request.args().get(0));
            return Optional.of(Cli.run(request.args().toArray(String[]::new), context));
        } catch (Exception e) {
            LOG.warn("Command failed in the instance", e);
            return Optional.of(1);
        }
    }

    /** The language the client's own process would speak: the one chosen in Settings, else its locale's. */
    private static Locale language(Environment environment, String clientLanguage) {
        if (Files.isRegularFile(environment.settingsFile())) {
            try {
                Locale chosen = QuickSettings.language(environment.settingsFile()).locale();
                if (chosen != null) {
                    return "zh".equals(chosen.getLanguage()) ? Messages.CHINESE : Locale.ENGLISH;
                }
            } catch (IOException e) {
                LOG.debug("Settings unreadable: {}", e.toString());
            }
        }
        return "zh".equals(Locale.forLanguageTag(clientLanguage).getLanguage()) ? Messages.CHINESE : Locale.ENGLISH;
    }
}
