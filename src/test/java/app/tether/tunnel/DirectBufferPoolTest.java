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
        DirectBufferPool pool = new DirectBufferPool(1024, 1, 2);
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
    void keepsOnlyItsSizesAndAtMostEachMaximum() {
        DirectBufferPool pool = new DirectBufferPool(1024, 2, 2);
        pool.give(ByteBuffer.allocateDirect(4096)); // beyond the largest class: not kept
        pool.give(ByteBuffer.allocateDirect(1536)); // between classes: not kept
        pool.give(ByteBuffer.allocate(1024)); // heap: not kept
        pool.give(null);
        assertEquals(0, pool.kept());
        for (int i = 0; i < 3; i++) {
            pool.give(ByteBuffer.allocateDirect(1024));
            pool.give(ByteBuffer.allocateDirect(2048));
        }
        assertEquals(3, pool.kept(), "two of the smallest, one of twice that (half as many)");
        pool.clear();
        assertEquals(0, pool.kept(), "every class emptied");
    }

    @Test
    void aLargerBufferComesFromTheClassThatHoldsIt() {
        DirectBufferPool pool = new DirectBufferPool(1024, 3, 4);
        ByteBuffer middle = ByteBuffer.allocateDirect(2048);
        pool.give(middle);
        assertSame(middle, pool.take(1500), "the smallest class that holds 1500 bytes");
        assertEquals(4096, pool.take(3000).capacity(), "none kept: a new one of the class");
        assertEquals(5000, pool.take(5000).capacity(), "beyond the classes: just what was asked");
        assertEquals(1024, pool.take(10).capacity());
    }
}
