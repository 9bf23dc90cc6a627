package app.tether.cli;

import app.tether.core.Messages;
import app.tether.providers.cnb.CnbRunners;
import app.tether.providers.cnb.CnbScaffold;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tether cnb init [DIR] [--gpu default|L40|H20] [--image IMAGE] [--jupyter] [--hf-mirror] [--force]}. */
@Command(name = "init", description = {
    "Make a repository ready for CNB GPU workspaces: write .cnb.yml and .ide/Dockerfile.",
    "A different existing file is kept unless --force (then it is backed up first); running it again changes nothing."})
final class CnbInitCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "The repository folder (default: here).")
    Path dir;

    @Option(names = "--gpu", defaultValue = "default", paramLabel = "RUNNER",
            description = "GPU runner: default, L40 or H20 (default: default).")
    String gpu;

    @Option(names = "--image", paramLabel = "IMAGE", description = "Base image (default: a CUDA runtime image).")
    String image;

    @Option(names = "--jupyter", description = "Install JupyterLab and ipykernel in the image.")
    boolean jupyter;

    @Option(names = "--hf-mirror", description = "Add notes on CNB's model mirror (cnb.cool/ai-models) and HF_HOME.")
    boolean hfMirror;

    @Option(names = "--force", description = "Replace different existing files (backing them up).")
    boolean force;

    CnbInitCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        CnbScaffold scaffold = new CnbScaffold(CnbRunners.standard());
        CnbRunners.Runner runner = scaffold.runner(gpu);
        Path folder = dir == null ? Path.of("").toAbsolutePath() : dir.toAbsolutePath();
        for (CnbScaffold.Result result : scaffold.write(folder, new CnbScaffold.Options(gpu, image, jupyter, hfMirror),
                force)) {
            switch (result.outcome()) {
                case CREATED -> context.out().println(Messages.get("cnb.init.created", result.file()));
                case UNCHANGED -> context.out().println(Messages.get("cnb.init.unchanged", result.file()));
                case REPLACED -> context.out().println(Messages.get("cnb.init.replaced", result.file(), result.backup()));
            }
        }
        if (runner.note() != null) {
            context.out().println(Messages.get("cnb.init.discontinued", runner.key()));
        }
        context.out().println(Messages.get("cnb.init.next", runner.key()));
        return 0;
    }
}
