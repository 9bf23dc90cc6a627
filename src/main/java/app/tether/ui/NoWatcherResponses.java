package app.tether.ui;

import app.tether.watch.EventResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers while no watcher in this process takes them (the idle watcher plugs in its own): each is logged as
 * not handled, so a button press is never silently taken for done. Open is the app's own and never comes here.
 */
final class NoWatcherResponses implements EventResponses {
    private static final Logger LOG = LoggerFactory.getLogger(NoWatcherResponses.class);

    @Override
    public void keepRunning(String target) {
        LOG.warn("No watcher here answers 'keep running' for {}", target);
    }

    @Override
    public void pauseNow(String target) {
        LOG.warn("No watcher here answers 'pause now' for {}", target);
    }

    @Override
    public void restart(String target) {
        LOG.warn("No watcher here answers 'restart' for {}", target);
    }

    @Override
    public void open(String target) {
        LOG.warn("'open' {} reached the watchers' answers", target);
    }
}
