package app.tether.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadBatchTest {
    @Test
    void outsideAReadTheTaskRunsAtOnce() {
        List<String> order = new ArrayList<>();
        ReadBatch.whenHandled(() -> order.add("task"));
        order.add("after the call");
        assertEquals(List.of("task", "after the call"), order);
    }

    @Test
    void duringAReadTasksRunOnceAllItsPacketsAreHandledInTheOrderQueued() throws Exception {
        List<String> order = new ArrayList<>();
        CoalescingSession.batch(() -> {
            order.add("packet 1");
            ReadBatch.whenHandled(() -> order.add("flush A"));
            order.add("packet 2");
            ReadBatch.whenHandled(() -> {
                order.add("flush B");
                ReadBatch.whenHandled(() -> order.add("queued by flush B"));
            });
            order.add("packet 3");
        });
        assertEquals(List.of("packet 1", "packet 2", "packet 3", "flush A", "flush B", "queued by flush B"), order);
        ReadBatch.whenHandled(() -> order.add("next, outside"));
        assertEquals("next, outside", order.get(order.size() - 1), "the batch ended: tasks run at once again");
    }

    @Test
    void aFailingTaskNeitherStopsTheOthersNorLeavesTheBatchOpen() throws Exception {
        List<String> order = new ArrayList<>();
        CoalescingSession.batch(() -> {
            ReadBatch.whenHandled(() -> {
                throw new IllegalStateException("a connection failed");
            });
            ReadBatch.whenHandled(() -> order.add("the next connection's flush"));
        });
        assertEquals(List.of("the next connection's flush"), order);
        assertThrows(IllegalStateException.class, () -> CoalescingSession.batch(() -> {
            throw new IllegalStateException("the read's own work failed");
        }));
        ReadBatch.whenHandled(() -> order.add("outside again"));
        assertEquals("outside again", order.get(order.size() - 1));
    }

    @Test
    void togetherRunsItsWorkAsABatchOfItsOwnOrAsPartOfTheReadItIsIn() throws Exception {
        List<String> order = new ArrayList<>();
        ReadBatch.together(() -> {
            order.add("upload packets");
            ReadBatch.whenHandled(() -> order.add("after the upload"));
            order.add("more packets");
        });
        order.add("returned");
        assertEquals(List.of("upload packets", "more packets", "after the upload", "returned"), order);

        order.clear();
        CoalescingSession.batch(() -> {
            ReadBatch.together(() -> ReadBatch.whenHandled(() -> order.add("queued inside together")));
            order.add("the read goes on");
        });
        assertEquals(List.of("the read goes on", "queued inside together"), order,
                "inside a read, together does not end the read's batch");
        assertThrows(IllegalStateException.class, () -> ReadBatch.together(() -> {
            throw new IllegalStateException("failed");
        }));
        ReadBatch.whenHandled(() -> order.add("outside again"));
        assertEquals("outside again", order.get(order.size() - 1));
    }
}
