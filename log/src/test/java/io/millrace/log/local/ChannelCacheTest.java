package io.millrace.log.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The store's LRU of open segment files. */
class ChannelCacheTest {
    @TempDir
    Path dir;

    private Path file(int i) throws IOException {
        return Files.write(dir.resolve("f" + i), new byte[] {1});
    }

    @Test
    void idleChannelsAreClosedLeastRecentlyUsedFirstAndReopenedOnDemand() throws IOException {
        ChannelCache cache = new ChannelCache(2, false);
        Path a = file(1);
        Path b = file(2);
        Path c = file(3);
        FileChannel first = use(cache, a);
        use(cache, b);
        use(cache, a); // a is now more recent than b
        use(cache, c);
        assertThat(cache.openCount()).isEqualTo(2);
        assertThat(first.isOpen()).as("a stayed, b went").isTrue();
        assertThat(cache.openCalls()).isEqualTo(3);
        use(cache, b);
        assertThat(cache.openCalls()).isEqualTo(4);
        assertThat(first.isOpen()).as("a was least recently used then").isFalse();
    }

    @Test
    void aChannelInUseIsNeverClosedAndTheBoundIsRestoredOnRelease() throws IOException {
        ChannelCache cache = new ChannelCache(1, false);
        Path a = file(1);
        Path b = file(2);
        FileChannel held = cache.acquire(a, ChannelCache.Mode.READ);
        FileChannel other = cache.acquire(b, ChannelCache.Mode.READ);
        assertThat(held.isOpen()).isTrue();
        assertThat(cache.openCount()).isEqualTo(2);
        cache.release(b, ChannelCache.Mode.READ, other);
        assertThat(cache.openCount()).isEqualTo(1);
        assertThat(held.isOpen()).isTrue();
        assertThat(other.isOpen()).isFalse();
        cache.release(a, ChannelCache.Mode.READ, held);
    }

    @Test
    void invalidatingAFileClosesBothItsChannelsEvenInUse() throws IOException {
        ChannelCache cache = new ChannelCache(8, true);
        Path a = file(1);
        FileChannel read = cache.acquire(a, ChannelCache.Mode.READ);
        FileChannel write = cache.acquire(a, ChannelCache.Mode.WRITE);
        cache.invalidate(a);
        assertThat(read.isOpen()).isFalse();
        assertThat(write.isOpen()).isFalse();
        assertThat(cache.openCount()).isZero();
        cache.release(a, ChannelCache.Mode.READ, read); // a late release of an invalidated channel is harmless
        assertThat(cache.openCount()).isZero();
    }

    @Test
    void aChannelClosedByAnInterruptedUserIsReplacedOnTheNextAcquire() throws IOException {
        ChannelCache cache = new ChannelCache(8, false);
        Path a = file(1);
        FileChannel broken = cache.acquire(a, ChannelCache.Mode.READ);
        broken.close();
        FileChannel fresh = cache.acquire(a, ChannelCache.Mode.READ);
        assertThat(fresh).isNotSameAs(broken);
        assertThat(fresh.isOpen()).isTrue();
        cache.release(a, ChannelCache.Mode.READ, broken);
        cache.release(a, ChannelCache.Mode.READ, fresh);
        assertThat(cache.openCount()).isEqualTo(1);
    }

    private static FileChannel use(ChannelCache cache, Path file) throws IOException {
        FileChannel channel = cache.acquire(file, ChannelCache.Mode.READ);
        cache.release(file, ChannelCache.Mode.READ, channel);
        return channel;
    }
}
