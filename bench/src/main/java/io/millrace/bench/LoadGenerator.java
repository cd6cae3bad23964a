package io.millrace.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a Kinesis endpoint with the real AWS SDK for Java v2: PutRecords of {@code batch} records of
 * {@code recordBytes} from {@code threads} threads for {@code durationS} seconds, then reads everything back with
 * GetRecords and verifies every acknowledged record byte for byte, then measures put→get latency.
 *
 * <p>Each record's payload starts with (writer, counter) and the rest is derived from them, so verification needs
 * a bit per acknowledged record rather than a copy of the data.
 */
@Command(name = "millrace-bench", mixinStandardHelpOptions = true, subcommands = {ConsumerBench.class, FirehoseBench.class,
        KafkaBroker.class, KafkaProducerBench.class},
        description = "Load generator for Kinesis-compatible endpoints (real AWS SDK for Java v2)")
public final class LoadGenerator implements Callable<Integer> {
    /** A warm-up's records are dropped this often (see {@link #warmUp}). */
    static final int WARMUP_CHUNK_S = 20;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:4567", description = "Default: ${DEFAULT-VALUE}")
    URI endpoint;
    @Option(names = "--stream", defaultValue = "bench", description = "Default: ${DEFAULT-VALUE}")
    String stream;
    @Option(names = "--shards", defaultValue = "4", description = "Default: ${DEFAULT-VALUE}")
    int shards;
    @Option(names = "--threads", defaultValue = "8", description = "Default: ${DEFAULT-VALUE}")
    int threads;
    @Option(names = "--duration-s", defaultValue = "30", description = "Default: ${DEFAULT-VALUE}")
    int durationS;
    @Option(names = "--batch", defaultValue = "500", description = "Default: ${DEFAULT-VALUE}")
    int batch;
    @Option(names = "--record-bytes", defaultValue = "1024", description = "Default: ${DEFAULT-VALUE}")
    int recordBytes;
    @Option(names = "--cbor", defaultValue = "true", arity = "1", description = "Default: ${DEFAULT-VALUE}")
    boolean cbor;
    @Option(names = "--read-threads", defaultValue = "2",
            description = "Threads reading the shards back (each reads whole shards, as a consumer per shard "
                    + "does). Default: ${DEFAULT-VALUE}")
    int readThreads;
    @Option(names = "--latency-samples", defaultValue = "200", description = "Default: ${DEFAULT-VALUE}")
    int latencySamples;
    @Option(names = "--server-pid", description = "Report this process's peak RSS and CPU time at the end")
    Long serverPid;
    @Option(names = "--warmup-s", defaultValue = "0", description = "Put the same load this long first, unreported, "
            + "to a stream of its own (<stream>-warmup-N, a new one every 20 s, each deleted once done), so this JVM's "
            + "and the server's JIT have compiled the path (default: none)")
    int warmupS;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGenerator()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        System.setProperty("aws.cborEnabled", Boolean.toString(cbor));
        try (KinesisClient kinesis = SdkClients.sync(endpoint, threads + 2)) {
            warmUp(kinesis);
            recreateStream(kinesis, stream);
            ServerStats before = ServerStats.read(serverPid);
            BitSet[] acked = new BitSet[threads];
            long putNs = write(kinesis, stream, durationS, acked);
            ServerStats afterWrite = ServerStats.read(serverPid);
            long ackedCount = Arrays.stream(acked).mapToLong(BitSet::cardinality).sum();
            report("put", ackedCount, putNs);
            if (before != null && afterWrite != null) {
                double cpuS = (afterWrite.cpuTicks() - before.cpuTicks()) / (double) ServerStats.TICKS_PER_SECOND;
                System.out.printf("put: server CPU %.1f s -> %.0f records per server CPU-second%n",
                        cpuS, ackedCount / Math.max(cpuS, 1e-9));
            }
            long readStart = System.nanoTime();
            long readCpuStartNs = ServerStats.ownCpuNs();
            long verified = readBack(kinesis, acked);
            report("read-back", verified, System.nanoTime() - readStart);
            ServerStats afterRead = ServerStats.read(serverPid);
            if (afterWrite != null && afterRead != null) {
                double cpuS = (afterRead.cpuTicks() - afterWrite.cpuTicks()) / (double) ServerStats.TICKS_PER_SECOND;
                System.out.printf("read-back: server CPU %.1f s, load generator CPU %.1f s%n", cpuS,
                        (ServerStats.ownCpuNs() - readCpuStartNs) / 1e9);
            }
            System.out.printf("verify: %d of %d acknowledged records read back byte-exact%n", verified, ackedCount);
            Latency.measure(kinesis, stream, latencySamples).print();
            ServerStats end = ServerStats.read(serverPid);
            if (end != null) {
                System.out.printf("server: peak RSS %d MiB%n", end.peakRssKib() / 1024);
            }
            deleteStream(kinesis, stream); // a run writes gigabytes; the next one starts from an empty stream anyway
            return verified == ackedCount ? 0 : 1;
        }
    }

    /**
     * Puts the same load for {@code warmupS} seconds: to a new stream every {@link #WARMUP_CHUNK_S} seconds, each
     * deleted once done, so a long warm-up (a JIT on two busy cores needs a minute or more) holds at most one chunk's
     * records on disk.
     */
    private void warmUp(KinesisClient kinesis) throws InterruptedException {
        for (int chunk = 0; chunk * WARMUP_CHUNK_S < warmupS; chunk++) {
            String name = stream + "-warmup-" + chunk;
            recreateStream(kinesis, name);
            write(kinesis, name, Math.min(WARMUP_CHUNK_S, warmupS - chunk * WARMUP_CHUNK_S), new BitSet[threads]);
            deleteStream(kinesis, name);
        }
    }

    private void recreateStream(KinesisClient kinesis, String name) throws InterruptedException {
        deleteStream(kinesis, name);
        kinesis.createStream(r -> r.streamName(name).shardCount(shards));
        kinesis.waiter().waitUntilStreamExists(r -> r.streamName(name));
    }

    private static void deleteStream(KinesisClient kinesis, String name) {
        try {
            kinesis.deleteStream(r -> r.streamName(name));
            kinesis.waiter().waitUntilStreamNotExists(r -> r.streamName(name));
        } catch (ResourceNotFoundException absent) {
            // nothing to delete
        }
    }

    /** Puts to stream {@code name} from every writer thread for {@code seconds}; returns the time it took. */
    private long write(KinesisClient kinesis, String name, int seconds, BitSet[] acked)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong failed = new AtomicLong();
        List<Thread> writers = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < threads; w++) {
            int writer = w;
            acked[w] = new BitSet();
            Thread thread = new Thread(() -> writeLoop(kinesis, name, writer, acked[writer], deadline, failed),
                    "w" + w);
            writers.add(thread);
            thread.start();
        }
        for (Thread thread : writers) {
            thread.join();
        }
        if (failed.get() > 0) {
            System.out.printf("put: %d records failed (not acknowledged)%n", failed.get());
        }
        return System.nanoTime() - start;
    }

    private void writeLoop(KinesisClient kinesis, String name, int writer, BitSet acked, long deadline,
                           AtomicLong failed) {
        int counter = 0;
        while (System.nanoTime() < deadline) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(writer + "-" + (counter + i))
                        .data(SdkBytes.fromByteArrayUnsafe(Payload.of(writer, counter + i, recordBytes))).build());
            }
            PutRecordsResponse response = kinesis.putRecords(r -> r.streamName(name).records(entries));
            for (int i = 0; i < batch; i++) {
                if (response.records().get(i).errorCode() == null) {
                    acked.set(counter + i);
                } else {
                    failed.incrementAndGet();
                }
            }
            counter += batch;
        }
    }

    /** Reads every shard from TRIM_HORIZON on {@code readThreads} threads; returns the records verified. */
    private long readBack(KinesisClient kinesis, BitSet[] acked) throws InterruptedException, ExecutionException {
        BitSet[] seen = new BitSet[acked.length];
        Arrays.setAll(seen, i -> new BitSet());
        List<Shard> shardList = kinesis.listShards(r -> r.streamName(stream)).shards();
        ExecutorService readers = Executors.newFixedThreadPool(Math.max(1, readThreads));
        try {
            List<Future<Long>> perShard = new ArrayList<>();
            for (Shard shard : shardList) {
                perShard.add(readers.submit(() -> readShard(kinesis, shard.shardId(), acked, seen)));
            }
            long verified = 0;
            for (Future<Long> shard : perShard) {
                verified += shard.get();
            }
            return verified;
        } finally {
            readers.shutdownNow();
        }
    }

    private long readShard(KinesisClient kinesis, String shardId, BitSet[] acked, BitSet[] seen) {
        long verified = 0;
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current));
            for (Record record : page.records()) {
                verified += Payload.verify(record.data().asByteBuffer(), acked, seen);
            }
            if (page.records().isEmpty()) {
                break;
            }
            iterator = page.nextShardIterator();
        }
        return verified;
    }

    private static void report(String phase, long records, long elapsedNs) {
        double seconds = elapsedNs / 1e9;
        System.out.printf("%s: %d records in %.2f s = %.0f records/s%n", phase, records, seconds, records / seconds);
    }

    /** Record payloads that identify and check themselves. */
    static final class Payload {
        /** ramp[k] == (byte) k: every payload's tail is a slice of it, so making one is a copy, not a loop. */
        private static volatile byte[] ramp = ramp(256 + 1024);

        private Payload() {
        }

        static byte[] of(int writer, int counter, int size) {
            byte[] bytes = new byte[Math.max(size, 8)];
            ByteBuffer.wrap(bytes).putInt(writer).putInt(counter);
            System.arraycopy(rampFor(bytes.length), tailStart(writer, counter), bytes, 8, bytes.length - 8);
            return bytes;
        }

        /** 1 when the payload is intact, acknowledged and not seen before; 0 otherwise. */
        static int verify(ByteBuffer data, BitSet[] acked, BitSet[] seen) {
            if (data.remaining() < 8) {
                return 0;
            }
            int writer = data.getInt(data.position());
            int counter = data.getInt(data.position() + 4);
            if (writer < 0 || writer >= acked.length || !acked[writer].get(counter)) {
                return 0;
            }
            int tail = data.remaining() - 8;
            ByteBuffer expected = ByteBuffer.wrap(rampFor(data.remaining()), tailStart(writer, counter), tail);
            if (data.slice(data.position() + 8, tail).mismatch(expected) != -1) {
                return 0;
            }
            synchronized (seen[writer]) { // shards are read in parallel; a writer's records span shards
                if (seen[writer].get(counter)) {
                    return 0;
                }
                seen[writer].set(counter);
            }
            return 1;
        }

        /** Byte i (i >= 8) of a payload is (byte) (writer * 31 + counter * 17 + i): ramp from this index on. */
        private static int tailStart(int writer, int counter) {
            return (writer * 31 + counter * 17 + 8) & 0xFF;
        }

        private static byte[] rampFor(int size) {
            byte[] current = ramp;
            if (current.length < 256 + size) {
                current = ramp(256 + size);
                ramp = current;
            }
            return current;
        }

        private static byte[] ramp(int length) {
            byte[] bytes = new byte[length];
            for (int k = 0; k < length; k++) {
                bytes[k] = (byte) k;
            }
            return bytes;
        }
    }

}
