package app.tether.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which subcommand a call names, so that only that one is built (and when the whole tree is needed). */
class CommandLinesTest {
    @Test
    void theFirstWordAfterPassThroughOptionsNamesTheSubcommand() {
        assertEquals(ListCommand.class, CommandLines.namedSubcommand(new String[] {"list", "--json"}));
        assertEquals(ExecCommand.class,
                CommandLines.namedSubcommand(new String[] {"--accept-new-host-key", "exec", "gpu", "--", "true"}));
        assertEquals(LifecycleCommand.Start.class, CommandLines.namedSubcommand(new String[] {"start", "gpu"}));
    }

    @Test
    void helpTyposAndNoCommandGetTheWholeTree() {
        assertNull(CommandLines.namedSubcommand(new String[] {"--help", "list"}));
        assertNull(CommandLines.namedSubcommand(new String[] {"lisst"}));
        assertNull(CommandLines.namedSubcommand(new String[] {"--accept-new-host-key"}));
        assertNull(CommandLines.namedSubcommand(new String[] {}));
    }
}
