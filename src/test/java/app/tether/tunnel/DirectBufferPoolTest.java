package app.tether.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class DirectBufferPoolTest {
    @Test
    void aBufferGivenBackIsTakenAgainEmpty() {
        DirectBufferPool pool = new DirectBufferPool(1024, 2);
        ByteBuffer first = pool.take();
        assertTrue(first.isDirect());
        assertEquals(1024, first.capacity());
        first.put(new byte[100]).flip();
        pool.give(first);
        ByteBuffer again = pool.take();
        assertSame(first, again);
        assertEquals(0, again.position());
        assertEquals(1024, again.limit());
        assertNotSame(again, pool.take(), "the pool is empty again: a new one");
    }

    @Test
    void keepsOnlyItsSizeAndAtMostItsMaximum() {
        DirectBufferPool pool = new DirectBufferPool(1024, 2);
        pool.give(ByteBuffer.allocateDirect(2048)); // grown: not kept
        pool.give(ByteBuffer.allocate(1024)); // heap: not kept
        pool.give(null);
        assertEquals(0, pool.kept());
        for (int i = 0; i < 3; i++) {
            pool.give(ByteBuffer.allocateDirect(1024));
        }
        assertEquals(2, pool.kept());
    }
}
