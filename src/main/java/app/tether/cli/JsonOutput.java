package app.tether.cli;

import app.tether.core.JsonTrees;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;

/** Writes {@code --json} output: one compact JSON document per command, followed by a newline. */
final class JsonOutput {
    private JsonOutput() {
    }

    /** {@code value} (a record, list or map) through Jackson's data binding; instants as ISO-8601 text. */
    static void print(PrintWriter out, Object value) {
        out.println(Binding.text(value));
        out.flush();
    }

    /**
     * A tree of maps, lists and scalars ({@link JsonTrees}) as the data binding would print it, without starting the
     * data binding: {@code list} and {@code show} print this way.
     */
    static void printTree(PrintWriter out, Object tree) {
        out.println(JsonTrees.toLine(tree));
        out.flush();
    }

    /**
     * Built on first use, and the only code here naming Jackson's classes (even a catch clause loads its exception
     * class with the class around it): {@code list} and {@code show} never load it.
     */
    private static final class Binding {
        static final ObjectWriter WRITER = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build()
                .writer();

        static String text(Object value) {
            try {
                return WRITER.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
