package app.tether.cli;

import app.tether.inventory.InventoryStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/** Writes {@code --json} output: one compact JSON document per command, followed by a newline. */
final class JsonOutput {
    private static final ObjectWriter WRITER = InventoryStore.mapper().writer()
            .without(SerializationFeature.INDENT_OUTPUT);

    private JsonOutput() {
    }

    static void print(PrintWriter out, Object value) {
        try {
            out.println(WRITER.writeValueAsString(value));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
