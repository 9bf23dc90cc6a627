package app.tether.providers.cnb;

import app.tether.jupyter.RemoteTestUser;
import app.tether.testing.SshTestbed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the stand-in CNB server by hand, to try Tether as a user: {@code java … CnbStandInMain DIR}. Token
 * {@code demo-token}, repository {@code team/model}, a closed workspace whose backup kept work, and SSH logins
 * pointing at a real sshd under DIR (user tether-test when run as root); HOME for the client is DIR/home.
 */
public final class CnbStandInMain {
    private CnbStandInMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "cnb-demo").toAbsolutePath();
        Files.createDirectories(dir);
        SshTestbed testbed = SshTestbed.start(dir);
        RemoteTestUser.openPathFor(testbed.server().dir().resolve("authorized_keys"));
        String user = "root".equals(System.getProperty("user.name")) ? "tether-test" : System.getProperty("user.name");
        String folder = "root".equals(System.getProperty("user.name")) ? "/home/tether-test/cnb-demo"
                : System.getProperty("user.home") + "/cnb-demo";
        CnbStandIn cnb = CnbStandIn.start().token("demo-token", "demo", CnbStandIn.ALL_SCOPES).repo("team/model")
                .listsUntilRunning(3).workspaceFolder(folder)
                .sshLogin("ssh -p " + testbed.server().port() + " " + user + "@" + testbed.server().host())
                .specialAmount("{\"compute_develop_corehour\": 1600, \"compute_develop_gpu_corehour\": 1184}");
        CnbStandIn.Workspace old = cnb.add("team/model", "dev", "running", Instant.now().minus(Duration.ofDays(1)));
        cnb.recycle(old, 2, 3, 1, "train.py,eval.py,notes.md");
        System.out.println("CNB_API_ENDPOINT=" + cnb.uri());
        System.out.println("HOME=" + testbed.home());
        System.out.println("workspace folder=" + folder + " (ssh " + user + "@127.0.0.1 -p " + testbed.server().port() + ")");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
