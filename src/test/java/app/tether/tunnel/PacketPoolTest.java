package app.tether.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.junit.jupiter.api.Test;

class PacketPoolTest {
    @Test
    void givesBackWhatItKeptAndDropsWhatIsTooSmall() {
        PacketPool pool = new PacketPool(4);
        assertNull(pool.take(100), "nothing kept yet");
        Buffer small = new ByteArrayBuffer(new byte[50]);
        Buffer large = new ByteArrayBuffer(new byte[200]);
        pool.give(large);
        pool.give(small);
        assertSame(large, pool.take(100), "the small one, taken first, is too small and dropped");
        assertEquals(0, pool.kept());
        assertNull(pool.take(100));
    }

    @Test
    void keepsAtMostItsMaximum() {
        PacketPool pool = new PacketPool(2);
        for (int i = 0; i < 3; i++) {
            pool.give(new ByteArrayBuffer(new byte[64]));
        }
        assertEquals(2, pool.kept());
        pool.clear();
        assertEquals(0, pool.kept());
        assertNull(pool.take(64), "cleared, yet it gave one");
    }
}
