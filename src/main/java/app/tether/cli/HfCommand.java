package app.tether.cli;

import app.tether.core.ErrorCode;
import app.tether.core.Messages;
import app.tether.core.TetherException;
import app.tether.inventory.HfSpace;
import app.tether.inventory.Inventory;
import app.tether.inventory.Target;
import app.tether.jupyter.JupyterSecrets;
import app.tether.providers.hf.HfFlavor;
import app.tether.providers.hf.HfProvider;
import app.tether.providers.hf.HfSpaces;
import app.tether.workflow.Lifecycle;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether hf ...}: Hugging Face login, import, hardware, sleep time, dev mode and JupyterLab Space creation. */
@Command(name = "hf", description = {"Hugging Face Spaces: login, import, hardware, sleep time, dev mode, create.",
    "Token: HF_TOKEN, else the one kept by 'tether hf login', else $HF_HOME/token (~/.cache/huggingface/token).",
    "HF_ENDPOINT changes the Hub's address."},
        subcommands = {HfCommand.Login.class, HfCommand.Import.class, HfCommand.Hardware.class,
            HfCommand.SleepTime.class, HfCommand.DevMode.class, HfCommand.Create.class, HfCommand.JupyterToken.class})
final class HfCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), Messages.get("cli.hf.subcommandMissing"));
    }

    static HfSpace space(CliContext context, String name) {
        Target target = context.store().load().require(name);
        if (target instanceof HfSpace space) {
            return space;
        }
        throw new TetherException(ErrorCode.INVALID, "hf.error.notSpace", target.name());
    }

    static void say(CliContext context, String key, Object... args) {
        context.out().println(Messages.get(key, args));
        context.out().flush();
    }

    /** {@code tether hf login}: a token on stdin, checked with whoami-v2, kept in Tether's secrets (0600). */
    @Command(name = "login", description = {"Read a Hugging Face access token on stdin, check it (whoami-v2) and keep it",
        "in Tether's secrets (0600). HF_TOKEN, when set, still wins."})
    static final class Login implements Callable<Integer> {
        private final CliContext context;

        Login(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws InterruptedException {
            if (System.console() != null) {
                context.err().println(Messages.get("hf.login.prompt"));
                context.err().flush();
            }
            String token;
            try {
                token = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new TetherException(ErrorCode.IO, e, "hf.error.emptyToken");
            }
            if (token == null || token.isBlank()) {
                throw new TetherException(ErrorCode.USAGE, "hf.error.emptyToken");
            }
            HfSpaces hf = new HfSpaces(new HfProvider(context.environment()));
            HfSpaces.Who who = hf.whoamiWith(token.strip());
            hf.provider().credentials().store(token.strip());
            String kind = who.oauth() ? Messages.get("hf.login.tokenKind.oauth")
                    : Messages.get("hf.login.tokenKind.role", who.role() == null ? "?" : who.role());
            say(context, "hf.login.done", hf.provider().credentials().endpoint(), who.name(), kind,
                    hf.provider().credentials().storedFile());
            if (who.oauth()) {
                context.err().println("tether: " + Messages.get("hf.login.oauth"));
            } else if ("read".equals(who.role())) {
                context.err().println("tether: " + Messages.get("hf.login.readOnly"));
            }
            if (context.environment().variable("HF_TOKEN") != null) {
                context.err().println("tether: " + Messages.get("hf.login.overridden"));
            }
            context.err().flush();
            return 0;
        }
    }

    /** {@code tether hf import [--author NAME]}: adds the Spaces not in the list yet, one name per line. */
    @Command(name = "import", description = {"Add your Spaces (and your organisations') that are not in the list yet;",
        "prints the name of each one added."})
    static final class Import implements Callable<Integer> {
        private final CliContext context;

        @Option(names = "--author", description = "Only this user's or organisation's Spaces.")
        String author;

        Import(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws InterruptedException {
            HfSpaces hf = new HfSpaces(new HfProvider(context.environment()));
            Set<String> authors = new LinkedHashSet<>();
            if (author != null) {
                authors.add(author);
            } else {
                HfSpaces.Who who = hf.whoami();
                authors.add(who.name());
                authors.addAll(who.orgs());
            }
            List<String> ids = new ArrayList<>();
            Map<String, JsonNode> runtimes = new java.util.HashMap<>();
            for (String owner : authors) {
                for (JsonNode space : hf.provider().api().spaces(owner)) {
                    ids.add(space.path("id").asText());
                    if (space.has("runtime")) {
                        runtimes.put(space.path("id").asText(), space.get("runtime"));
                    }
                }
            }
            List<HfSpace> added = new ArrayList<>();
            context.store().update(inventory -> {
                Inventory result = inventory;
                for (String id : ids) {
                    boolean known = result.targets().stream()
                            .anyMatch(t -> t instanceof HfSpace s && s.spaceId().equals(id));
                    if (!known) {
                        HfSpace space = new HfSpace(HfSpaces.freeName(result, id), id, null, null, null, null);
                        result = result.add(space);
                        added.add(space);
                    }
                }
                return result;
            });
            for (HfSpace space : added) {
                JsonNode runtime = runtimes.get(space.spaceId());
                if (runtime != null) {
                    context.stateCache().record(space.name(), hf.provider().liveState(runtime));
                }
            }
            if (added.isEmpty()) {
                context.err().println(Messages.get("hf.import.none", String.join(", ", authors)));
                context.err().flush();
            }
            added.forEach(space -> context.out().println(space.name()));
            context.out().flush();
            return 0;
        }
    }

    /** {@code tether hf hardware NAME [FLAVOR] [--sleep-time S|never]}: list flavors, or request one. */
    @Command(name = "hardware", description = {"Without FLAVOR: the flavors with their specs and price per hour.",
        "With FLAVOR: request it (the Space rebuilds on it); checked before anything is sent."})
    static final class Hardware implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "NAME", description = "The Space.")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "FLAVOR", description = "e.g. t4-small, a10g-large.")
        String flavor;

        @Option(names = "--sleep-time", paramLabel = "SECONDS|never", description = "Sleep after this idle time.")
        String sleepTime;

        Hardware(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws InterruptedException {
            HfSpace space = space(context, name);
            HfSpaces hf = new HfSpaces(new HfProvider(context.environment()));
            Map<String, HfFlavor> flavors = hf.provider().hardware().flavors();
            if (flavor == null) {
                String current = hf.requestedHardware(space);
                String[] header = Messages.get("hf.hardware.header").split("\\|");
                context.out().println(HfSpaces.row(header[0], header[1], header[2], header[3], header[4], header[5]));
                for (HfFlavor f : flavors.values()) {
                    context.out().println(HfSpaces.describe(f) + (f.name().equals(current)
                            ? "  " + Messages.get("hf.hardware.current") : ""));
                }
                context.out().flush();
                return 0;
            }
            Integer sleep = sleepTime == null ? null : HfSpaces.parseSleepTime(sleepTime);
            var state = hf.requestHardware(space, flavor, sleep);
            context.lifecycle().cache().record(space.name(), state);
            say(context, "hf.hardware.requested", space.name(), flavor, Lifecycle.describe(space, state));
            return 0;
        }
    }

    /** {@code tether hf sleep-time NAME SECONDS|never}. */
    @Command(name = "sleep-time", description = "Set how long a Space may idle before it sleeps (paid hardware only).")
    static final class SleepTime implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "NAME", description = "The Space.")
        String name;

        @Parameters(index = "1", paramLabel = "SECONDS|never", description = "At least 60 seconds, or never.")
        String value;

        SleepTime(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws InterruptedException {
            HfSpace space = space(context, name);
            int seconds = HfSpaces.parseSleepTime(value);
            HfSpaces hf = new HfSpaces(new HfProvider(context.environment()));
            hf.setSleepTime(space, seconds);
            say(context, "hf.sleep.done", space.name(), seconds < 0 ? Messages.get("hf.sleep.never") : seconds + " s");
            return 0;
        }
    }

    /** {@code tether hf dev-mode NAME on|off}. */
    @Command(name = "dev-mode", description = {"Turn a Space's dev mode on or off (PRO/Team plans): with it on,",
        "'tether code NAME' opens VS Code on the Space over SSH."})
    static final class DevMode implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "NAME", description = "The Space.")
        String name;

        @Parameters(index = "1", paramLabel = "on|off", description = "on or off.")
        String value;

        DevMode(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws InterruptedException {
            HfSpace space = space(context, name);
            boolean on = switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "on", "true", "1" -> true;
                case "off", "false", "0" -> false;
                default -> throw new TetherException(ErrorCode.USAGE, "hf.error.onOff", value);
            };
            new HfSpaces(new HfProvider(context.environment())).devMode(space, on);
            say(context, "hf.devMode.done", space.name(), Messages.get(on ? "hf.devMode.on" : "hf.devMode.off"));
            return 0;
        }
    }

    /** {@code tether hf create NAME --space OWNER/SPACE ...}: a JupyterLab Space from the template, followed until it runs. */
    @Command(name = "create", description = {"Create a JupyterLab Space from the SpacesExamples/jupyterlab template with",
        "JUPYTER_TOKEN as a secret (generated unless --jupyter-token-stdin), add it to the list and follow the build",
        "until it runs. An existing Space is never overwritten."})
    static final class Create implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "NAME", description = "Its name in Tether.")
        String name;

        @Option(names = "--space", required = true, paramLabel = "OWNER/SPACE", description = "The new Space's id.")
        String spaceId;

        @Option(names = "--hardware", paramLabel = "FLAVOR", description = "Hardware flavor (default cpu-basic).")
        String hardware;

        @ArgGroup(exclusive = true)
        Visibility visibility;

        /** --private (default) or --public. */
        static final class Visibility {
            @Option(names = "--private", description = "Only you (and your organisation) can see it (default).")
            boolean isPrivate;
            @Option(names = "--public", description = "Anyone can see it (the notebook still needs its token).")
            boolean isPublic;
        }

        @Option(names = "--sleep-time", paramLabel = "SECONDS|never", description = "Sleep after this idle time.")
        String sleepTime;

        @Option(names = "--jupyter-token-stdin", description = "Read the JupyterLab token on stdin instead of generating one.")
        boolean tokenOnStdin;

        Create(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() throws InterruptedException {
            boolean isPrivate = visibility == null || !visibility.isPublic;
            Integer sleep = sleepTime == null ? null : HfSpaces.parseSleepTime(sleepTime);
            String token = tokenOnStdin ? readToken() : null;
            HfSpaces hf = new HfSpaces(new HfProvider(context.environment()));
            CliProgress progress = new CliProgress(context);
            HfSpace space = hf.create(context.store(), new JupyterSecrets(context.environment()), name, spaceId,
                    hardware, isPrivate, sleep, token, progress);
            if (token == null) {
                context.err().println(Messages.get("hf.create.tokenGenerated", space.name()));
            }
            hf.followBuild(space, context.lifecycle(), progress);
            say(context, "hf.create.done", space.name());
            return 0;
        }

        private String readToken() {
            try {
                String line = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
                if (line == null || line.isBlank()) {
                    throw new TetherException(ErrorCode.USAGE, "hf.error.emptyToken");
                }
                return line.strip();
            } catch (IOException e) {
                throw new TetherException(ErrorCode.IO, e, "hf.error.emptyToken");
            }
        }
    }

    /** {@code tether hf jupyter-token NAME}: keeps the Space's JUPYTER_TOKEN (read on stdin) for {@code open}. */
    @Command(name = "jupyter-token", description = {"Read the JupyterLab token of a Space made elsewhere (its JUPYTER_TOKEN",
        "secret) on stdin and keep it in Tether's secrets (0600), so 'tether open' can log in."})
    static final class JupyterToken implements Callable<Integer> {
        private final CliContext context;

        @Parameters(index = "0", paramLabel = "NAME", description = "The Space.")
        String name;

        JupyterToken(CliContext context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            HfSpace space = space(context, name);
            String token;
            try {
                token = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new TetherException(ErrorCode.IO, e, "hf.error.emptyToken");
            }
            if (token == null || token.isBlank()) {
                throw new TetherException(ErrorCode.USAGE, "hf.error.emptyToken");
            }
            new JupyterSecrets(context.environment()).saveToken(space.name(), token.strip());
            say(context, "hf.jupyterToken.done", space.name());
            return 0;
        }
    }
}
