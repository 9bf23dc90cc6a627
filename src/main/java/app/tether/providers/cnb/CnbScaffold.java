package app.tether.providers.cnb;

import app.tether.core.AtomicFiles;
import app.tether.core.ErrorCode;
import app.tether.core.TetherException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes a repository ready for GPU workspaces ({@code tether cnb init}): {@code .cnb.yml} (the {@code vscode}
 * event on the chosen runner, building {@code .ide/Dockerfile}, services vscode + docker) and the Dockerfile (CUDA
 * base, code-server, openssh-server for Remote-SSH, Chinese language pack, optional JupyterLab and model-mirror
 * hints). An existing different file is only replaced with {@code force}, after a backup; equal files are left alone.
 */
public final class CnbScaffold {
    public static final String DEFAULT_IMAGE = "nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04";
    public static final String CNB_YML = ".cnb.yml";
    public static final String DOCKERFILE = ".ide/Dockerfile";
    static final String BACKUP_SUFFIX = ".tether-backup";
    /** An image reference: registry/name:tag@digest characters only (it becomes a FROM line). */
    private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@+-]*");

    /** What the user chose. */
    public record Options(String gpu, String image, boolean jupyter, boolean hfMirror) {
    }

    /** What happened to one file. */
    public enum Outcome {
        CREATED, UNCHANGED, REPLACED
    }

    /** One file written (or left alone), and where its old content went when it was replaced. */
    public record Result(Path file, Outcome outcome, Path backup) {
    }

    private final CnbRunners runners;

    public CnbScaffold(CnbRunners runners) {
        this.runners = runners;
    }

    /** The two files' text for {@code options}, as {@code .cnb.yml} then {@code .ide/Dockerfile}. */
    public List<String> render(Options options) {
        CnbRunners.Runner runner = runner(options.gpu());
        String image = options.image() == null ? DEFAULT_IMAGE : options.image().strip();
        if (!IMAGE.matcher(image).matches()) {
            throw new TetherException(ErrorCode.USAGE, "cnb.init.image", image);
        }
        return List.of(cnbYml(runner, options), dockerfile(image, options));
    }

    /** The runner called {@code gpu} (default when null); only GPU runners are offered. */
    public CnbRunners.Runner runner(String gpu) {
        return runners.find(gpu == null ? "default" : gpu).filter(CnbRunners.Runner::gpu)
                .orElseThrow(() -> new TetherException(ErrorCode.USAGE, "cnb.init.gpu", gpu));
    }

    /** Writes both files under {@code dir}; checks both first, so a refusal writes nothing. */
    public List<Result> write(Path dir, Options options, boolean force) {
        List<String> texts = render(options);
        List<Path> files = List.of(dir.resolve(CNB_YML), dir.resolve(DOCKERFILE));
        try {
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                if (Files.exists(file) && !same(file, texts.get(i)) && !force) {
                    throw new TetherException(ErrorCode.DUPLICATE, "cnb.init.exists", file);
                }
            }
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                results.add(writeOne(files.get(i), texts.get(i)));
            }
            return results;
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "cnb.init.io", dir, e.getMessage());
        }
    }

    /**
     * The files under {@code dir} that exist and differ from what {@code options} would write: what {@link #write}
     * refuses without {@code force} (and backs up with it).
     */
    public List<Path> differing(Path dir, Options options) {
        List<String> texts = render(options);
        List<Path> files = List.of(dir.resolve(CNB_YML), dir.resolve(DOCKERFILE));
        List<Path> differing = new ArrayList<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                if (Files.exists(files.get(i)) && !same(files.get(i), texts.get(i))) {
                    differing.add(files.get(i));
                }
            }
        } catch (IOException e) {
            throw new TetherException(ErrorCode.IO, e, "cnb.init.io", dir, e.getMessage());
        }
        return differing;
    }

    private static Result writeOne(Path file, String text) throws IOException {
        if (Files.exists(file) && same(file, text)) {
            return new Result(file, Outcome.UNCHANGED, null);
        }
        Path backup = null;
        if (Files.exists(file)) {
            backup = freeBackup(file);
            Files.copy(file, backup, StandardCopyOption.COPY_ATTRIBUTES);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        return new Result(file, backup == null ? Outcome.CREATED : Outcome.REPLACED, backup);
    }

    /** {@code FILE.tether-backup}, or {@code .tether-backup.N} when that is taken: a backup is never overwritten. */
    private static Path freeBackup(Path file) {
        Path backup = file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
        for (int n = 1; Files.exists(backup); n++) {
            backup = file.resolveSibling(file.getFileName() + BACKUP_SUFFIX + "." + n);
        }
        return backup;
    }

    private static boolean same(Path file, String text) throws IOException {
        return Files.isRegularFile(file) && Files.readString(file, StandardCharsets.UTF_8).equals(text);
    }

    private static String cnbYml(CnbRunners.Runner runner, Options options) {
        StringBuilder yml = new StringBuilder();
        yml.append("# Written by tether cnb init: the GPU workspace CNB starts from the \"Workspace\" button\n")
                .append("# and from `tether start`. GPU runners have fixed cores and end after ")
                .append(runner.maxLifetime().toHours()).append(" h; push your work.\n")
                .append("$:\n")
                .append("  vscode:\n")
                .append("    - runner:\n")
                .append("        tags: ").append(runner.tag()).append("\n");
        if (runner.note() != null) {
            yml.append("        # ").append(runner.note()).append("\n");
        }
        yml.append("      docker:\n")
                .append("        build: ").append(DOCKERFILE).append("\n");
        if (options.hfMirror()) {
            yml.append("      env:\n")
                    .append("        # model files stay in the workspace folder (see the mirror notes in ")
                    .append(DOCKERFILE).append(")\n")
                    .append("        HF_HOME: /workspace/.cache/huggingface\n");
        }
        yml.append("      services:\n")
                .append("        - vscode\n")
                .append("        - docker\n")
                .append("      stages:\n")
                .append("        - name: show the GPU\n")
                .append("          script: nvidia-smi\n");
        return yml.toString();
    }

    private static String dockerfile(String image, Options options) {
        StringBuilder file = new StringBuilder();
        file.append("# Written by tether cnb init. CNB builds this image for the workspace (.cnb.yml: docker.build).\n")
                .append("FROM ").append(image).append("\n\n")
                .append("SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n")
                .append("ENV DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8\n\n")
                .append("# openssh-server: VS Code Remote-SSH and `tether open` reach the workspace over SSH.\n")
                .append("# language-pack-zh-hans + fonts: Chinese locale and text (Ubuntu bases; on Debian use locales-all).\n")
                .append("RUN apt-get update \\\n")
                .append("    && apt-get install -y --no-install-recommends ca-certificates curl git git-lfs \\\n")
                .append("       openssh-server python3 python3-pip python3-venv language-pack-zh-hans fonts-noto-cjk \\\n")
                .append("    && rm -rf /var/lib/apt/lists/*\n\n")
                .append("# code-server: the WebIDE CNB opens needs it in the image; with its Chinese language pack.\n")
                .append("RUN curl -fsSL https://code-server.dev/install.sh | sh \\\n")
                .append("    && code-server --install-extension MS-CEINTL.vscode-language-pack-zh-hans\n");
        if (options.jupyter()) {
            file.append("\n# JupyterLab + ipykernel (`tether open` starts it as a background service), in Chinese too.\n")
                    .append("RUN python3 -m pip install --no-cache-dir jupyterlab ipykernel jupyterlab-language-pack-zh-CN\n");
        }
        if (options.hfMirror()) {
            file.append("\n# Models: CNB mirrors Hugging Face repositories as Git (LFS) repositories at\n")
                    .append("#   https://cnb.cool/ai-models/<HF org or user>/<HF repo name>   (same case as on Hugging Face)\n")
                    .append("# e.g. inside the workspace:\n")
                    .append("#   git lfs install\n")
                    .append("#   git clone https://cnb.cool/ai-models/Qwen/Qwen3-ForcedAligner-0.6B /workspace/models/Qwen3-ForcedAligner-0.6B\n")
                    .append("# then load the model from that local path. The mirror is not a Hugging Face API endpoint, so\n")
                    .append("# HF_ENDPOINT cannot point at it; if you use an HF API mirror instead, set it here:\n")
                    .append("# ENV HF_ENDPOINT=https://your-hf-mirror.example\n");
        }
        file.append("\nWORKDIR /workspace\n");
        return file.toString();
    }
}
