package app.tether.jupyter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The commands that install JupyterLab, decided from what {@link Detection} found: first, where needed, an
 * environment to install into (a conda environment, a venv at the path given, or Tether's own venv instead of
 * a system Python that pip must not touch); then the packages, with conda or pip, the mirror and the extras.
 */
public final class InstallPlan {
    public static final String CONDA_CHANNEL = "conda-forge";
    static final String LANGUAGE_PACK_ZH = "jupyterlab-language-pack-zh-CN";
    static final List<String> LSP = List.of("jupyterlab-lsp", "jedi-language-server");
    /**
     * pip gives up on an unreachable index in seconds instead of retrying for ~15 s (5 retries with backoff); one
     * retry remains, for a single dropped connection, and its warning says why the index was unreachable.
     */
    static final List<String> PIP_FAIL_FAST = List.of("--retries", "1", "--timeout", "15");

    /**
     * A command that makes the environment, and how to name that environment when detecting again.
     *
     * @param environment a path or conda environment name to pass to detection afterwards
     * @param undo the command that deletes the environment again when installing into it fails (no half-made
     *     environment is left behind); empty where it cannot be deleted safely (a folder that existed before)
     */
    public record Prepare(List<String> command, String environment, List<String> undo) {
        public Prepare {
            undo = List.copyOf(undo);
        }
    }

    private InstallPlan() {
    }

    /** Whether to install at all. */
    public static boolean wanted(Detection found, InstallMode mode) {
        return switch (mode) {
            case NEVER -> false;
            case ALWAYS -> true;
            case IF_MISSING -> !found.envFound() || !found.hasJupyterLab();
        };
    }

    /**
     * The environment to make before installing, if any. Empty when the detected Python can take packages as it is.
     *
     * @param tetherVenv where Tether keeps its own venv on the server
     * @return empty also when nothing can make one (no conda for a conda name, no Python); the caller reports that
     */
    public static Optional<Prepare> prepare(Detection found, SetupOptions options, String tetherVenv) {
        String kind = found.envKind();
        if ("conda".equals(kind) && !found.envFound()) {
            if (found.condaInstaller().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Prepare(List.of(found.condaInstaller(), "create", "-y", "-n", options.environment(),
                    "-c", CONDA_CHANNEL, "python"), options.environment(),
                    List.of(found.conda(), "env", "remove", "-y", "-n", options.environment())));
        }
        if ("path".equals(kind) && !found.envFound()) {
            // a folder that was there before may hold the user's files: only one Tether makes now is deleted
            return python3(found).map(python -> new Prepare(List.of(python, "-m", "venv", found.envPrefix()),
                    found.envPrefix(), found.envDirExisted() ? List.of() : List.of("rm", "-rf", found.envPrefix())));
        }
        if ("auto".equals(kind) && !found.python().isEmpty() && found.pythonIsSystem()) {
            return Optional.of(new Prepare(List.of(found.python(), "-m", "venv", tetherVenv), tetherVenv,
                    List.of("rm", "-rf", tetherVenv)));
        }
        return Optional.empty();
    }

    /** The commands that install JupyterLab, ipykernel and the extras into the detected Python. */
    public static List<List<String>> packages(Detection found, SetupOptions options) {
        List<List<String>> commands = new ArrayList<>();
        boolean zh = options.extras().contains("zh");
        boolean lsp = options.extras().contains("lsp");
        if (found.pythonIsConda() && options.indexUrl() == null && !found.condaInstaller().isEmpty()) {
            List<String> conda = new ArrayList<>(List.of(found.condaInstaller(), "install", "-y", "-p",
                    found.pythonPrefix(), "-c", CONDA_CHANNEL, "jupyterlab", "ipykernel"));
            if (lsp) {
                conda.addAll(LSP);
            }
            commands.add(conda);
            if (zh) {
                // the language pack is published on PyPI
                commands.add(pip(found, List.of(LANGUAGE_PACK_ZH)));
            }
            return commands;
        }
        List<String> pip = pip(found, List.of());
        if (options.install() == InstallMode.ALWAYS) {
            pip.add("--upgrade");
        }
        if (options.indexUrl() != null) {
            pip.add("--index-url");
            pip.add(options.indexUrl());
        }
        pip.add("jupyterlab");
        pip.add("ipykernel");
        if (zh) {
            pip.add(LANGUAGE_PACK_ZH);
        }
        if (lsp) {
            pip.addAll(LSP);
        }
        commands.add(pip);
        return commands;
    }

    private static List<String> pip(Detection found, List<String> packages) {
        List<String> pip = new ArrayList<>(List.of(found.python(), "-m", "pip", "install"));
        pip.addAll(PIP_FAIL_FAST);
        pip.addAll(packages);
        return pip;
    }

    private static Optional<String> python3(Detection found) {
        String python = found.get("python3");
        return python.isEmpty() ? Optional.empty() : Optional.of(python);
    }
}
