package app.tether.providers.cnb;

/**
 * What {@code POST /{repo}/-/workspace/start} answered: a new workspace has an {@code sn} (and a loading page as
 * {@code url}); when one already runs, only {@code url} (its WebIDE) is set.
 */
public record CnbStartResult(String url, String sn, String message, String buildLogUrl) {
    public boolean alreadyRunning() {
        return sn == null;
    }
}
