package app.tether.core.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import org.slf4j.Logger;

/**
 * Logback's configuration in code, found through the service loader before any XML: parsing logback.xml
 * (Joran, SAX and some 500 classes) cost a third of a second at every CLI start. The log file itself is
 * only opened when something is logged ({@link DeferredLogFile}). A {@code logback-test.xml} on the class
 * path or an explicit {@code -Dlogback.configurationFile} still takes over, for tests and for debugging.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // Status messages are never printed (stdout carries JSON); a listener also spares logback its status
        // printer, whose date formatter alone loads the time-zone database.
        context.getStatusManager().add(new NopStatusListener());
        context.getLogger("org.apache.sshd").setLevel(Level.WARN);
        context.getLogger("org.apache.commons").setLevel(Level.WARN);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        DeferredLogFile file = new DeferredLogFile(System.getProperty("tether.logDir",
                System.getProperty("java.io.tmpdir")));
        file.setContext(context);
        file.setName("FILE");
        file.start();
        root.addAppender(file);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
