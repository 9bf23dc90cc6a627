package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.inventory.JupyterSettings;
import app.tether.inventory.SshServer;
import app.tether.jupyter.InstallMode;
import app.tether.jupyter.ServiceKind;
import app.tether.jupyter.SetupOptions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Jupyter wizard's rules and the options it hands to the jupyter feature. */
class JupyterSetupViewModelTest {
    private final SshServer server = SshServer.ofHost("gpu1", "h", null, null, null, null)
            .withJupyter(new JupyterSettings(8899, "~/work"));

    @Test
    void startsFromTheServersJupyterSettingsWithAToken() {
        JupyterSetupViewModel wizard = new JupyterSetupViewModel(server, false);
        assertTrue(wizard.validProperty().get());
        SetupOptions options = wizard.toOptions();
        assertEquals(8899, options.port());
        assertEquals("~/work", options.notebookDir());
        assertNull(options.password());
        assertEquals(InstallMode.IF_MISSING, options.install());
        assertEquals(ServiceKind.AUTO, options.service());
        assertEquals(Set.of(), options.extras());
    }

    @Test
    void aPasswordMustBeLongEnoughAndTypedTwice() {
        JupyterSetupViewModel wizard = new JupyterSetupViewModel(server, true);
        wizard.usePasswordProperty().set(true);
        assertEquals("ui.jupyter.error.passwordShort", wizard.errorProperty().get());
        wizard.passwordProperty().set("correct horse");
        assertEquals("ui.jupyter.error.passwordMismatch", wizard.errorProperty().get());
        wizard.passwordAgainProperty().set("correct horse");
        assertTrue(wizard.validProperty().get());
        SetupOptions options = wizard.toOptions();
        assertArrayEquals("correct horse".toCharArray(), options.password());
        assertEquals(Set.of("zh"), options.extras());
        assertEquals("", wizard.passwordProperty().get(), "the clear password does not stay in the form");
    }

    @Test
    void listeningOnTheNetworkNeedsAPassword() {
        JupyterSetupViewModel wizard = new JupyterSetupViewModel(server, false);
        wizard.openToNetworkProperty().set(true);
        assertEquals("ui.jupyter.error.networkNeedsPassword", wizard.errorProperty().get());
        assertFalse(wizard.validProperty().get());
    }

    @Test
    void checksPortAndIndexUrl() {
        JupyterSetupViewModel wizard = new JupyterSetupViewModel(server, false);
        wizard.portProperty().set("0");
        assertEquals("validation.port.range", wizard.errorProperty().get());
        wizard.portProperty().set("");
        assertTrue(wizard.validProperty().get());
        wizard.indexUrlProperty().set("pypi mirror");
        assertEquals("ui.jupyter.error.indexUrl", wizard.errorProperty().get());
        wizard.indexUrlProperty().set("https://pypi.tuna.tsinghua.edu.cn/simple");
        wizard.lspProperty().set(true);
        wizard.serviceProperty().set(ServiceKind.BACKGROUND);
        SetupOptions options = wizard.toOptions();
        assertNull(options.port());
        assertEquals("https://pypi.tuna.tsinghua.edu.cn/simple", options.indexUrl());
        assertEquals(List.of("lsp"), List.copyOf(options.extras()));
        assertEquals(ServiceKind.BACKGROUND, options.service());
    }

    @Test
    void progressKeepsTheNewestLogLinesAndEnds() {
        ProgressModel progress = new ProgressModel(Runnable::run);
        progress.step(1, 4, "Installing");
        for (int i = 0; i < ProgressModel.MAX_LOG_LINES + 10; i++) {
            progress.line("line " + i);
        }
        assertEquals(0.25, progress.progressProperty().get());
        assertEquals(ProgressModel.MAX_LOG_LINES, progress.log().size());
        assertEquals("line " + (ProgressModel.MAX_LOG_LINES + 9), progress.log().get(progress.log().size() - 1));
        progress.finish(true, "done");
        assertTrue(progress.doneProperty().get());
        assertEquals(1.0, progress.progressProperty().get());
    }
}
