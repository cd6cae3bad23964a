package io.millrace.bench;

import io.millrace.log.LogRecord;
import io.millrace.log.ShardLog;
import io.millrace.log.local.Durability;
import io.millrace.log.local.LocalLogConfig;
import io.millrace.log.local.LocalLogStore;
import io.millrace.log.local.RecoveryCounters;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Measures the durable log at scale, directly on {@link LocalLogStore} (no server):
 * <pre>
 * LogScale fill DIR GIB SHARDS [MODE]  write about GIB GiB of 1 KiB records over SHARDS shards (durability
 *                                  MODE, default none; kill -9 it mid-way to measure crash recovery with open)
 * LogScale open DIR SHARDS         time LocalLogStore.open plus opening every shard, and what recovery read
 * LogScale crash DIR               delete every newest segment's index, the worst case a crash can leave (then
 *                                  run open); a real kill -9 of fill leaves checkpoints up to 8 MiB behind
 * LogScale heap DIR SHARDS STREAMS open SHARDS shards over STREAMS streams, append a little to each, report
 *                                  heap used after GC and open segment files
 * </pre>
 * Shards are spread over streams of 10 shards each ({@code streamN}). Run with a fixed heap (-Xmx) for heap.
 */
public final class LogScale {
    private static final int RECORD_BYTES = 1024;
    private static final int RECORDS_PER_BATCH = 500;

    private LogScale() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: LogScale fill DIR GIB SHARDS | open DIR SHARDS | crash DIR"
                    + " | heap DIR SHARDS STREAMS");
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "fill" -> fill(dir, Double.parseDouble(args[2]), Integer.parseInt(args[3]),
                    args.length > 4 ? Durability.valueOf(args[4].toUpperCase(java.util.Locale.ROOT)) : Durability.NONE);
            case "open" -> open(dir, Integer.parseInt(args[2]));
            case "crash" -> crash(dir);
            case "heap" -> heap(dir, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static LocalLogStore store(Path dir, Durability durability) {
        return LocalLogStore.open(dir, LocalLogConfig.builder().durability(durability).build());
    }

    private static String streamOf(int shard, int shardsPerStream) {
        return "stream" + shard / shardsPerStream;
    }

    private static void fill(Path dir, double gib, int shards, Durability durability) {
        long targetBytes = (long) (gib * (1L << 30));
        List<LogRecord> batch = new ArrayList<>();
        for (int i = 0; i < RECORDS_PER_BATCH; i++) {
            batch.add(new LogRecord("key-" + i, new byte[RECORD_BYTES]));
        }
        long batchBytes = (long) RECORDS_PER_BATCH * (RECORD_BYTES + 12);
        long startNs = System.nanoTime();
        try (LocalLogStore store = store(dir, durability)) {
            long written = 0;
            for (long round = 0; written < targetBytes; round++) {
                ShardLog log = store.openShard(streamOf((int) (round % shards), 10), (int) (round % shards));
                log.append(batch, System.currentTimeMillis());
                written += batchBytes;
            }
        }
        System.out.printf("fill: %.2f GiB over %d shards in %.1f s%n", gib, shards,
                (System.nanoTime() - startNs) / 1e9);
    }

    private static void open(Path dir, int shards) {
        long startNs = System.nanoTime();
        try (LocalLogStore store = store(dir, Durability.FSYNC)) {
            long openedStoreNs = System.nanoTime();
            long records = 0;
            for (int shard = 0; shard < shards; shard++) {
                records += store.openShard(streamOf(shard, 10), shard).endPosition();
            }
            long doneNs = System.nanoTime();
            RecoveryCounters counters = store.recoveryCounters();
            System.out.printf("open: store %.1f ms, %d shards %.1f ms, total %.1f ms; %d records; segments trusted"
                            + " %d, scanned %d (%d bytes read); open segment files %d%n",
                    (openedStoreNs - startNs) / 1e6, shards, (doneNs - openedStoreNs) / 1e6,
                    (doneNs - startNs) / 1e6, records, counters.segmentsTrusted(), counters.segmentsScanned(),
                    counters.bytesScanned(), store.openSegmentFiles());
        }
    }

    private static void crash(Path dir) throws IOException {
        int deleted = 0;
        try (Stream<Path> shardDirs = Files.walk(dir.resolve("streams"), 2)) {
            for (Path shardDir : shardDirs.filter(p -> p.getFileName().toString().matches("\\d{12}")).toList()) {
                try (Stream<Path> files = Files.list(shardDir)) {
                    Path newest = files.filter(f -> f.toString().endsWith(".index")).sorted()
                            .reduce((a, b) -> b).orElse(null);
                    if (newest != null) {
                        Files.delete(newest);
                        deleted++;
                    }
                }
            }
        }
        System.out.printf("crash: deleted %d newest index files%n", deleted);
    }

    private static void heap(Path dir, int shards, int streams) {
        int shardsPerStream = Math.max(1, shards / streams);
        List<LogRecord> little = List.of(new LogRecord("k", new byte[100]));
        try (LocalLogStore store = store(dir, Durability.INTERVAL)) {
            long before = usedHeapAfterGc();
            List<ShardLog> logs = new ArrayList<>(shards);
            long startNs = System.nanoTime();
            for (int shard = 0; shard < shards; shard++) {
                ShardLog log = store.openShard(streamOf(shard, shardsPerStream), shard);
                log.append(little, System.currentTimeMillis());
                logs.add(log);
            }
            long elapsedNs = System.nanoTime() - startNs;
            long after = usedHeapAfterGc();
            System.out.printf("heap: %d shards over %d streams opened and appended in %.1f s; heap used %.1f MiB"
                            + " (%.1f KiB per shard); open segment files %d%n", shards, streams, elapsedNs / 1e9,
                    (after - before) / 1048576.0, (after - before) / 1024.0 / shards, store.openSegmentFiles());
            logs.forEach(log -> log.read(0, 1, Long.MAX_VALUE)); // keep them reachable until measured
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
