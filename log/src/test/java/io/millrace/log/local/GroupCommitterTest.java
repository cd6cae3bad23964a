package io.millrace.log.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class GroupCommitterTest {
    private static final String FLUSHER = "test-group-commit";
    private GroupCommitter committer;

    @AfterEach
    void close() {
        committer.close();
    }

    @Test
    void anAppendToAnIdleStoreIsForcedOnTheAppendersOwnThread() {
        committer = new GroupCommitter(FlushPolicy.immediate(), System::nanoTime, FLUSHER);
        RecordingLog log = new RecordingLog(null);

        committer.onAppend(log, 100, true);

        assertThat(log.flushedBy).isDone();
        assertThat(log.flushedBy.join()).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void anAppendDuringACycleReturnsAtOnceAndIsForcedByTheFlusherThread() throws Exception {
        committer = new GroupCommitter(FlushPolicy.immediate(), System::nanoTime, FLUSHER);
        CountDownLatch release = new CountDownLatch(1);
        RecordingLog slow = new RecordingLog(release);
        Thread leader = new Thread(() -> committer.onAppend(slow, 100, true), "leading-appender");
        leader.start();
        assertThat(slow.started.await(10, TimeUnit.SECONDS)).isTrue();

        RecordingLog waiting = new RecordingLog(null);
        committer.onAppend(waiting, 100, true); // returns although a cycle is running
        assertThat(waiting.flushedBy).isNotDone();
        release.countDown();

        assertThat(waiting.flushedBy.get(10, TimeUnit.SECONDS)).isEqualTo(FLUSHER);
        assertThat(slow.flushedBy.join()).isEqualTo("leading-appender");
        leader.join(TimeUnit.SECONDS.toMillis(10));
    }

    @Test
    void withAnIntervalPolicyOnlyTheFlusherThreadForces() throws Exception {
        committer = new GroupCommitter(FlushPolicy.every(0), System::nanoTime, FLUSHER);
        RecordingLog log = new RecordingLog(null);

        committer.onAppend(log, 100, true);

        assertThat(log.flushedBy.get(10, TimeUnit.SECONDS)).isEqualTo(FLUSHER);
    }

    /** Records which thread forced it; optionally holds the force until released. */
    private static final class RecordingLog implements GroupCommitter.Flushable {
        final CompletableFuture<String> flushedBy = new CompletableFuture<>();
        final CountDownLatch started = new CountDownLatch(1);
        private final CountDownLatch release;

        RecordingLog(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void flush() {
            started.countDown();
            if (release != null) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            flushedBy.complete(Thread.currentThread().getName());
        }
    }
}
