package app.tether.cli;

import java.util.concurrent.Callable;

/**
 * The commonest read-only calls in their plain forms, {@code list [--json]} and {@code show NAME [--json]}, made
 * without picocli: building picocli's model of even one command (annotation reflection, some 170 classes loaded
 * and run interpreted) cost more than the command's own work. The same command classes read, print and fail as
 * they do under picocli ({@link Cli} turns a failure into the same line and exit code). Every other form (help, a
 * root option, an argument file, a NAME that looks like an option, anything more) goes through picocli, so its
 * parsing, usage text and errors stay picocli's.
 */
final class DirectCommands {
    private static final String JSON = "--json";

    private DirectCommands() {
    }

    /** The command {@code args} asks for when it is one of the plain forms; null for anything else. */
    static Callable<Integer> of(String[] args, CliContext context) {
        if (args.length == 0) {
            return null;
        }
        if (args[0].equals("list") && (args.length == 1 || args.length == 2 && args[1].equals(JSON))) {
            ListCommand list = new ListCommand(context);
            list.json = args.length == 2;
            return list;
        }
        if (args[0].equals("show") && args.length >= 2 && args.length <= 3) {
            String name = null;
            boolean json = false;
            for (int i = 1; i < args.length; i++) {
                if (args[i].equals(JSON) && !json) {
                    json = true;
                } else if (name == null && plain(args[i])) {
                    name = args[i];
                } else {
                    return null;
                }
            }
            if (name == null) {
                return null;
            }
            ShowCommand show = new ShowCommand(context);
            show.name = name;
            show.json = json;
            return show;
        }
        return null;
    }

    /** An argument picocli takes as it is: not option-like ("-…") and not an argument file ("@…"). */
    private static boolean plain(String arg) {
        return !arg.isEmpty() && arg.charAt(0) != '-' && arg.charAt(0) != '@';
    }
}
