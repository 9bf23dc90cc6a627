package app.tether.cli;

import picocli.CommandLine;

/** Supplies {@code tether --version} from the build. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {VersionLine.text()};
    }
}
