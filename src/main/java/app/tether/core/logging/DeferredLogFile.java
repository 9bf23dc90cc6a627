package app.tether.core.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;

/**
 * {@code tether.log} in the log folder, rolled at 5 MB into three numbered files; built on the first event, so
 * a CLI command that logs nothing never loads the file appender, its rolling policy or the pattern layout.
 */
final class DeferredLogFile extends AppenderBase<ILoggingEvent> {
    private final String dir;
    private RollingFileAppender<ILoggingEvent> file;

    DeferredLogFile(String dir) {
        this.dir = dir;
    }

    @Override
    protected void append(ILoggingEvent event) {
        // AppenderBase.doAppend is synchronized: one thread builds the file appender, the others wait for it.
        if (file == null) {
            file = open();
        }
        file.doAppend(event);
    }

    private RollingFileAppender<ILoggingEvent> open() {
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(getContext());
        appender.setName("tether.log");
        appender.setFile(Path.of(dir, "tether.log").toString());

        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(getContext());
        rolling.setFileNamePattern(Path.of(dir, "tether.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(3);
        rolling.setParent(appender);
        rolling.start();

        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(getContext());
        trigger.setMaxFileSize(FileSize.valueOf("5MB"));
        trigger.start();

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(getContext());
        encoder.setPattern("%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n");
        encoder.start();

        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    @Override
    public void stop() {
        synchronized (this) {
            if (file != null) {
                file.stop();
            }
        }
        super.stop();
    }
}
