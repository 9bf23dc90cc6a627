package app.tether.handoff;

import app.tether.core.Environment;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import app.tether.inventory.SshServer;
import app.tether.ssh.SshConfigFile;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Opens a target in VS Code Remote-SSH: {@code code --remote ssh-remote+ALIAS /path}. VS Code only knows
 * ssh-config aliases, so a target without one gets an existing matching alias, or a managed Host block
 * (shown to the user before it is written); without {@code code} the {@code vscode://} URL is the fallback.
 */
public final class VsCodeHandoff {
    /** System property, then environment variable, naming the {@code code} program (tests use a stand-in). */
    public static final String CODE_PROPERTY = "tether.code.command";
    public static final String CODE_VARIABLE = "TETHER_CODE_COMMAND";

    private final Environment environment;

    public VsCodeHandoff(Environment environment) {
        this.environment = environment;
    }

    public SshConfigEditor editor() {
        return new SshConfigEditor(environment.sshConfig());
    }

    /** Decides the alias (and any block to write) for {@code target}; {@code path} null = the notebook folder. */
    public VsCodePlan plan(SshServer target, String path) {
        String folder = path != null && !path.isBlank() ? path : target.jupyter().notebookDir();
        if (target.usesAlias()) {
            return new VsCodePlan(target.sshAlias(), null, folder);
        }
        SshConfigFile config = readConfig();
        Map<String, String> managed = editor().managedTargets();
        String owner = ManagedHostBlock.ownerText(target.name());
        for (String alias : config.aliases()) {
            boolean othersBlock = managed.containsKey(alias) && !owner.equals(managed.get(alias));
            if (!othersBlock && matches(config.resolve(alias), alias, target)) {
                // An alias that already leads there (the user's own, or our block still current): use it as is.
                // Another target's managed block is never borrowed: Tether rewrites it when that target changes.
                return new VsCodePlan(alias, null, folder);
            }
        }
        // Never redefine the user's own alias or another target's block: take the next free name instead.
        String wanted = ManagedHostBlock.aliasFor(target.name());
        String alias = wanted;
        for (int n = 2; config.hasAlias(alias) && !owner.equals(managed.get(alias)); n++) {
            alias = wanted + "-" + n;
        }
        return new VsCodePlan(alias, ManagedHostBlock.forTarget(alias, target), folder);
    }

    /** Writes the plan's block when it has one (backed up once, idempotent). */
    public SshConfigEditor.Outcome writeBlock(VsCodePlan plan) {
        return plan.needsConfigBlock() ? editor().apply(plan.blockToWrite()) : SshConfigEditor.Outcome.UNCHANGED;
    }

    /** The {@code code} program: {@value #CODE_PROPERTY}, {@value #CODE_VARIABLE}, then PATH and the usual install places. */
    public Optional<String> findCode() {
        String configured = System.getProperty(CODE_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(CODE_VARIABLE);
        }
        if (configured != null && !configured.isBlank()) {
            return Optional.of(configured);
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                for (String name : windows ? List.of("code.cmd", "code.exe") : List.of("code")) {
                    Path candidate = Path.of(dir, name);
                    if (Files.isExecutable(candidate)) {
                        return Optional.of(candidate.toString());
                    }
                }
            }
        }
        Path mac = Path.of("/Applications/Visual Studio Code.app/Contents/Resources/app/bin/code");
        return Files.isExecutable(mac) ? Optional.of(mac.toString()) : Optional.empty();
    }

    /** Runs {@code code --remote ...}; false when there is no {@code code} (use {@link VsCodePlan#fallbackUri()}). */
    public boolean launch(VsCodePlan plan) {
        Optional<String> code = findCode();
        if (code.isEmpty()) {
            return false;
        }
        List<String> argv = plan.commandLine(code.get());
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            // `code` hands the request to the running VS Code and exits; a hung one is left alone.
            if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() != 0) {
                throw new TetherException(ErrorCode.FAILURE, "handoff.error.codeFailed", code.get(), process.exitValue());
            }
            return true;
        } catch (IOException e) {
            throw new TetherException(ErrorCode.FAILURE, e, "handoff.error.codeFailed", code.get(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private SshConfigFile readConfig() {
        try {
            return SshConfigFile.read(environment.sshConfig(), environment.sshDir());
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "error.sshConfig.read", environment.sshConfig(), e.getMessage());
        }
    }

    /** Whether an alias's resolved settings lead to the same place as the target's host/user/port/jump/key. */
    static boolean matches(Map<String, String> options, String alias, SshServer target) {
        String host = options.getOrDefault("hostname", alias);
        if (target.host() == null || !host.equalsIgnoreCase(target.host())) {
            return false;
        }
        int port = parsePort(options.get("port"));
        if (port != (target.port() == null ? 22 : target.port())) {
            return false;
        }
        if (target.user() != null && !target.user().equals(options.get("user"))) {
            return false;
        }
        String jump = target.jumpHost() == null || target.jumpHost().isBlank() ? null : target.jumpHost();
        if (jump != null ? !jump.equals(options.get("proxyjump")) : options.containsKey("proxyjump")) {
            return false;
        }
        if (target.identityFile() != null && !target.identityFile().isBlank()) {
            String keys = options.getOrDefault("identityfile", "");
            return keys.lines().anyMatch(k -> k.equals(target.identityFile()));
        }
        return true;
    }

    private static int parsePort(String text) {
        try {
            return text == null ? 22 : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
