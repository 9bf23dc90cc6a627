package app.tether.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.tether.jupyter.JupyterStatus;
import app.tether.jupyter.NotebookUi;
import app.tether.jupyter.ServiceKind;
import app.tether.testing.EnglishMessages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The detail pane's Jupyter line: a server without a notebook interface is a problem, not "Running". */
@ExtendWith(EnglishMessages.class)
class JupyterStateTextTest {
    private static JupyterStatus running(NotebookUi ui) {
        return new JupyterStatus(true, true, 8888, ServiceKind.SYSTEMD_USER, "1.23.3", 0, null, ui);
    }

    @Test
    void noInterfaceSaysWhatIsWrongAndWhatToDo() {
        String text = Workflows.describe(running(NotebookUi.NONE));
        assertTrue(text.startsWith("Jupyter runs on port 8888 but has no notebook interface"), text);
        assertTrue(!text.startsWith("Running"), text);
    }

    @Test
    void anInterfaceOrNoneCheckedYetIsRunning() {
        assertEquals(Workflows.describe(running(null)), Workflows.describe(running(NotebookUi.NOTEBOOK)));
        assertTrue(Workflows.describe(running(NotebookUi.LAB)).startsWith("Running on port 8888"));
    }
}
