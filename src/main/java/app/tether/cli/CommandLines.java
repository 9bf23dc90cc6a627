package app.tether.cli;

import java.util.Arrays;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Builds the picocli tree for one call. picocli reflects over every command it is given, and over the classes
 * their fields and methods name, before it parses anything: over the whole CLI that was most of the start-up
 * of {@code tether --version} or {@code tether list}. So a call that names a subcommand gets the root with only
 * that subcommand, and {@code --version} the bare root; everything else (help, a typo, no command) gets the
 * whole tree, so its usage text and error messages stay those of the full CLI.
 */
final class CommandLines {
    /** Root options that may come before the subcommand without changing what the call does. */
    private static final Set<String> PASS_THROUGH = Set.of("--accept-new-host-key");
    private static final Set<String> VERSION = Set.of("--version", "-V");

    private CommandLines() {
    }

    static CommandLine forArguments(String[] args, CliContext context) {
        CommandLine.IFactory factory = new ContextFactory(context);
        if (args.length > 0 && Arrays.stream(args).allMatch(a -> VERSION.contains(a) || PASS_THROUGH.contains(a))
                && Arrays.stream(args).anyMatch(VERSION::contains)) {
            return new CommandLine(new RootCommand(context), factory);
        }
        Class<?> named = namedSubcommand(args);
        if (named == null) {
            return new CommandLine(new TetherCommand(context), factory);
        }
        CommandLine root = new CommandLine(new RootCommand(context), factory);
        root.addSubcommand(new CommandLine(named, factory));
        return root;
    }

    /** The subcommand class the first argument after any pass-through root options names, or null. */
    static Class<?> namedSubcommand(String[] args) {
        for (String arg : args) {
            if (PASS_THROUGH.contains(arg)) {
                continue;
            }
            for (Class<?> type : TetherCommand.class.getAnnotation(Command.class).subcommands()) {
                Command command = type.getAnnotation(Command.class);
                if (command.name().equals(arg) || Arrays.asList(command.aliases()).contains(arg)) {
                    return type;
                }
            }
            return null;
        }
        return null;
    }

    /**
     * Gives every command the shared {@link CliContext} through its constructor. Here, not in {@link Cli}: a
     * call that never reaches picocli ({@link DirectCommands}) then never opens picocli's jar.
     */
    private record ContextFactory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
