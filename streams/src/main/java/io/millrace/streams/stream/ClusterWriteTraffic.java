package io.millrace.streams.stream;

import io.millrace.log.MetadataStore;
import io.millrace.log.SharedMetadata;
import io.millrace.streams.limit.ShardWriteRate;

import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The write traffic other gateways sharing the metadata store took for each shard, so on-demand scaling decides on
 * a shard's total traffic rather than on one gateway's share of it. Each gateway publishes what it wrote to each
 * shard over the scaling window as one entry of its own, {@code kinesis/traffic/<gateway id>}, at most every
 * {@code publishIntervalMs} and only when it has traffic to report (or just stopped having any); a report counts for
 * {@code staleAfterMs} after this gateway read it (its own clock), so a gateway that died stops counting. Reports
 * read at start-up count not at all: their age is unknown, and a live gateway publishes again within an interval.
 *
 * <p>Each gateway only ever changes its own entry, so every compare-and-set wins at once; a gateway that stops
 * leaves its last (small) entry behind. With a store of this process alone there is nobody else: nothing is
 * published and the others' traffic is always zero.
 *
 * <p>Thread safety: {@link #publish} is synchronized (the scaler's thread and an explicit maintenance run may
 * meet); {@link #others} is lock-free and may be called from any thread.
 */
public final class ClusterWriteTraffic {
    private static final String KEY_PREFIX = "kinesis/traffic/";
    private static final ShardWriteRate.Totals NONE = new ShardWriteRate.Totals(0, 0);

    /** What one gateway wrote to each shard (by {@link #shardKey}) over the window ending when it published. */
    record Report(Map<String, ShardWriteRate.Totals> shards) {
    }

    /** A report and when this gateway read it ({@link Long#MIN_VALUE}: at start-up, so never fresh). */
    private record Heard(Report report, long heardAtMs) {
    }

    private final Clock clock;
    private final long publishIntervalMs;
    private final long staleAfterMs;
    private final String gatewayId = UUID.randomUUID().toString();
    private final SharedEntries<Heard> reports;
    private volatile boolean following;
    private long lastPublishedMs = Long.MIN_VALUE;
    private Map<String, ShardWriteRate.Totals> lastPublished = Map.of();

    public ClusterWriteTraffic(MetadataStore store, Clock clock, long publishIntervalMs, long staleAfterMs) {
        this.clock = clock;
        this.publishIntervalMs = publishIntervalMs;
        this.staleAfterMs = staleAfterMs;
        this.reports = store instanceof SharedMetadata
                ? new SharedEntries<>(store, KEY_PREFIX, this::decode, ClusterWriteTraffic::encode) : null;
        this.following = true;
    }

    /** A report every 2 s, counted for 6 s: a live gateway with traffic is always counted, a dead one soon not. */
    public static ClusterWriteTraffic defaults(MetadataStore store, Clock clock) {
        return new ClusterWriteTraffic(store, clock, 2_000, 6_000);
    }

    /** The name of shard {@code index} of the stream incarnation stored under {@code storageKey}. */
    public static String shardKey(String storageKey, int index) {
        return storageKey + "/" + index;
    }

    /**
     * Publishes {@code own} (this gateway's totals over the window, by {@link #shardKey}; shards without traffic are
     * left out) when the interval has passed and there is something to say.
     */
    public synchronized void publish(long nowMs, Map<String, ShardWriteRate.Totals> own) {
        boolean due = lastPublishedMs == Long.MIN_VALUE || nowMs - lastPublishedMs >= publishIntervalMs;
        if (reports == null || !due || own.isEmpty() && lastPublished.isEmpty()) {
            return;
        }
        Report report = new Report(new TreeMap<>(own));
        reports.update(gatewayId, current -> new Heard(report, nowMs));
        lastPublishedMs = nowMs;
        lastPublished = report.shards();
    }

    /** What the other gateways reported, in fresh reports, for the shard {@code shardKey}. */
    public ShardWriteRate.Totals others(String shardKey, long nowMs) {
        if (reports == null) {
            return NONE;
        }
        long records = 0;
        long bytes = 0;
        for (Map.Entry<String, Heard> entry : reports.all().entrySet()) {
            Heard heard = entry.getValue();
            if (entry.getKey().equals(gatewayId) || heard.heardAtMs() == Long.MIN_VALUE
                    || nowMs - heard.heardAtMs() >= staleAfterMs) {
                continue;
            }
            ShardWriteRate.Totals totals = heard.report().shards().get(shardKey);
            if (totals != null) {
                records += totals.records();
                bytes += totals.bytes();
            }
        }
        return new ShardWriteRate.Totals(records, bytes);
    }

    private Heard decode(byte[] bytes) {
        return new Heard(EntryJson.decode(bytes, Report.class), following ? clock.millis() : Long.MIN_VALUE);
    }

    private static byte[] encode(Heard heard) {
        return EntryJson.encode(heard.report());
    }
}
