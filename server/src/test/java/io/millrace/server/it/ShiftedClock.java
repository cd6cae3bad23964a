package io.millrace.server.it;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system clock plus an offset a test moves forward, so one gateway can cross a time limit (the 5-second
 * SubscribeToShard takeover) at once while time still flows for heartbeats and lifetimes. Thread-safe.
 */
final class ShiftedClock extends Clock {
    private final AtomicLong offsetMs = new AtomicLong();

    void advanceMs(long ms) {
        offsetMs.addAndGet(ms);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a shifted clock is UTC only");
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMs.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
