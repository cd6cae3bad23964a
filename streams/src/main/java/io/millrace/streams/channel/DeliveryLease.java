package io.millrace.streams.channel;

import io.millrace.log.MetadataStore;
import io.millrace.log.SharedMetadata;
import io.millrace.streams.stream.EntryJson;
import io.millrace.streams.stream.SharedEntries;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * Which gateway delivers channels, when several share one metadata store: exactly one at a time, the holder of the
 * entry {@code kinesis/channel-delivery/lease}. The entry names its holder and a term that every renewal raises; it
 * changes only through the store's compare-and-set, so two gateways taking it at once get it once.
 *
 * <p>Expiry needs no synchronized clocks, only clock rates that agree within the margin. The holder counts its lease
 * from the moment it <em>sent</em> the renewal that won, for {@code leaseMs - marginMs}; another gateway counts
 * from the moment it <em>read</em> that renewal, which is later, for {@code leaseMs}, and takes the entry over only
 * when the holder has not renewed for that long. So the holder has stopped (see {@link #holds}) before anybody else
 * may start. A gateway that stops releases the entry ({@link #release}), so another takes over at its next renewal
 * rather than after a full lease. A gateway that starts counts what it first reads as just renewed, so it never
 * takes over a lease whose age it cannot know.
 *
 * <p>With a store of this process alone ({@link MetadataStore} that is not {@link SharedMetadata}) the lease is
 * always held and nothing is written.
 *
 * <p>Thread safety: {@link #renew} and {@link #release} are synchronized; {@link #holds} is lock-free.
 */
public final class DeliveryLease {
    private static final String KEY_PREFIX = "kinesis/channel-delivery/";
    private static final String NAME = "lease";

    /**
     * @param leaseMs  how long another gateway waits after the holder's last renewal it read before taking over
     * @param marginMs how much earlier the holder stops delivering, for clock-rate differences and the time one
     *                 object and its position commit take
     * @param renewMs  how often the holder renews (and others check for an expired or released lease)
     */
    public record Timing(long leaseMs, long marginMs, long renewMs) {
        /** A 10 s lease, given up 4 s early, renewed every second. */
        public static final Timing DEFAULT = new Timing(10_000, 4_000, 1_000);

        public Timing {
            if (renewMs < 1 || marginMs < 0 || leaseMs - marginMs < 2 * renewMs) {
                throw new IllegalArgumentException("leaseMs: " + leaseMs + ", marginMs: " + marginMs + ", renewMs: "
                        + renewMs + " (expected: renewMs >= 1, marginMs >= 0, leaseMs - marginMs >= 2 * renewMs)");
            }
        }
    }

    /** The stored entry: its holder ({@code null}: released) and the term its holder last renewed it to. */
    record Holder(String gatewayId, long term) {
    }

    /** The entry as this gateway read it, and when (its own clock): the base of the takeover timer. */
    private record Heard(Holder holder, long heardAtMs) {
    }

    private final Clock clock;
    private final Timing timing;
    private final String gatewayId = UUID.randomUUID().toString();
    private final SharedEntries<Heard> entry;
    /** Until when (this gateway's clock) it may deliver; {@link Long#MIN_VALUE} when it does not hold the lease. */
    private volatile long holdsUntilMs = Long.MIN_VALUE;
    /** How many times this gateway took the lease from another holder or from nobody. */
    private volatile long tenure;

    public DeliveryLease(MetadataStore store, Clock clock, Timing timing) {
        this.clock = clock;
        this.timing = timing;
        this.entry = store instanceof SharedMetadata
                ? new SharedEntries<>(store, KEY_PREFIX, this::decode, DeliveryLease::encode) : null;
    }

    public Timing timing() {
        return timing;
    }

    /** Whether this gateway may deliver at {@code nowMs} (always, with a store of its own). */
    public boolean holds(long nowMs) {
        return entry == null || nowMs < holdsUntilMs;
    }

    /**
     * Changes whenever this gateway takes the lease anew (not when it renews), so a delivery round that began under
     * one tenure can tell that another gateway may have delivered since: its view of the positions is then stale.
     */
    public long tenure() {
        return tenure;
    }

    /**
     * Renews the lease when this gateway holds it, takes it when it is free, released or expired, and otherwise
     * leaves it alone. Returns whether this gateway holds it afterwards.
     */
    public synchronized boolean renew() {
        if (entry == null) {
            return true;
        }
        long sentAtMs = clock.millis();
        boolean[] takes = new boolean[1];
        Heard result = entry.update(NAME, current -> {
            Holder holder = current == null ? null : current.holder();
            boolean mine = holder != null && gatewayId.equals(holder.gatewayId());
            boolean free = holder == null || holder.gatewayId() == null
                    || clock.millis() - current.heardAtMs() >= timing.leaseMs();
            takes[0] = !mine && free; // recomputed on every retry, so it describes the proposal that won
            if (!mine && !free) {
                return current;
            }
            long term = holder == null ? 1 : holder.term() + 1;
            return new Heard(new Holder(gatewayId, term), sentAtMs);
        });
        boolean won = result != null && result.holder() != null && gatewayId.equals(result.holder().gatewayId());
        if (won && takes[0]) {
            tenure++;
        }
        holdsUntilMs = won ? sentAtMs + timing.leaseMs() - timing.marginMs() : Long.MIN_VALUE;
        return won;
    }

    /** Gives the lease up, so another gateway takes over at its next renewal; call once delivery has stopped. */
    public synchronized void release() {
        if (entry == null || holdsUntilMs == Long.MIN_VALUE) {
            return;
        }
        holdsUntilMs = Long.MIN_VALUE;
        entry.update(NAME, current -> current != null && current.holder() != null
                && gatewayId.equals(current.holder().gatewayId())
                ? new Heard(new Holder(null, current.holder().term() + 1), clock.millis()) : current);
    }

    /** The current holder's gateway id as this gateway last read it ({@code null}: none), for tests and logs. */
    String holderId() {
        return entry == null ? null : entry.get(NAME).map(h -> h.holder().gatewayId()).orElse(null);
    }

    String gatewayId() {
        return gatewayId;
    }

    /** Stamps each entry read with this gateway's clock: another gateway's lease runs from when it was seen here. */
    private Heard decode(byte[] bytes) {
        return new Heard(EntryJson.decode(bytes, Holder.class), clock.millis());
    }

    private static byte[] encode(Heard heard) {
        return EntryJson.encode(Objects.requireNonNull(heard.holder()));
    }
}
