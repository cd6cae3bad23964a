package io.millrace.firehose.retry;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBookTest {

    @Test
    void retainingLiveStreamsForgetsTheRetriesOfDeletedOnes() {
        RetryBook book = new RetryBook();
        book.put("live", new PendingRetry("r1", 0, 2, 10, "E", "failed", false));
        book.put("deleted", new PendingRetry("r2", 0, 3, 10, "E", "failed", false));

        book.retainOnly(Set.of("live"));

        assertThat(book.attempts("live")).isEqualTo(2);
        assertThat(book.attempts("deleted")).isZero();
    }
}
