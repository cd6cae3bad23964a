package io.millrace.bench;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Firehose ingest and delivery: {@code senders} threads send PutRecordBatch calls of {@code batch} records of
 * {@code record-bytes} each (the real AWS SDK Firehose client) to a stream delivering to the embedded S3 directory
 * or, with {@code --s3proxy-port}, to an s3proxy this command starts, GZIP on, one line per record
 * ({@code AppendDelimiterToRecord}). The delivered objects are read back from the server's data directory (or
 * s3proxy's filesystem store) until every accepted record has been seen exactly once. Reports the accepted rate (puts
 * only) and the delivered rate (first put to last record on disk). Exits 1 on any loss or duplicate.
 */
@Command(name = "firehose", mixinStandardHelpOptions = true,
        description = "PutRecordBatch ingest and delivery rate of a Firehose stream to the embedded S3 directory")
final class FirehoseBench implements Callable<Integer> {
    private static final int ID_STRIDE = 100_000_000;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:4567", description = "Default: ${DEFAULT-VALUE}")
    URI endpoint;
    @Option(names = "--data-dir", description = "The server's --data-dir (objects: s3/<bucket>/); not needed with "
            + "--s3proxy-port")
    Path dataDir;
    @Option(names = "--s3proxy-port", defaultValue = "0", description = "Start s3proxy (filesystem store) on "
            + "127.0.0.1 at this port, create the bucket and read the objects back from its store; start the server "
            + "with --s3-endpoint http://127.0.0.1:PORT --s3-access-key bench --s3-secret-key bench-secret. "
            + "0 (default): the server delivers to its embedded S3 directory")
    int s3proxyPort;
    @Option(names = "--stream", defaultValue = "bench-firehose", description = "Default: ${DEFAULT-VALUE}")
    String stream;
    @Option(names = "--bucket", defaultValue = "bench-firehose", description = "Default: ${DEFAULT-VALUE}")
    String bucket;
    @Option(names = "--records", defaultValue = "500000", description = "Default: ${DEFAULT-VALUE}")
    int records;
    @Option(names = "--record-bytes", defaultValue = "1024", description = "Default: ${DEFAULT-VALUE}")
    int recordBytes;
    @Option(names = "--batch", defaultValue = "500", description = "Records per PutRecordBatch. Default: ${DEFAULT-VALUE}")
    int batch;
    @Option(names = "--senders", defaultValue = "4", description = "Default: ${DEFAULT-VALUE}")
    int senders;
    @Option(names = "--gzip", defaultValue = "true", arity = "1", description = "Default: ${DEFAULT-VALUE}")
    boolean gzip;
    @Option(names = "--size-mb", defaultValue = "5", description = "SizeInMBs hint. Default: ${DEFAULT-VALUE}")
    int sizeMb;
    @Option(names = "--interval-s", defaultValue = "1", description = "IntervalInSeconds hint. Default: ${DEFAULT-VALUE}")
    int intervalS;
    @Option(names = "--drain-timeout-s", defaultValue = "120", description = "Default: ${DEFAULT-VALUE}")
    int drainTimeoutS;

    @Override
    public Integer call() throws Exception {
        if (s3proxyPort == 0 && dataDir == null) {
            throw new IllegalArgumentException("--data-dir is required unless --s3proxy-port is given");
        }
        try (S3ProxyStore s3proxy = s3proxyPort == 0 ? null : S3ProxyStore.start(s3proxyPort, bucket);
             FirehoseClient control = SdkClients.firehose(endpoint, 4);
             FirehoseClient producer = SdkClients.firehose(endpoint, senders + 2)) {
            recreate(control);
            Path objects = s3proxy == null ? dataDir.resolve("s3").resolve(bucket) : s3proxy.bucketDirectory();
            long startNs = System.nanoTime();
            AtomicLong accepted = new AtomicLong();
            AtomicLong throttled = new AtomicLong();
            List<BitSet> sent = send(producer, accepted, throttled);
            long putsDoneNs = System.nanoTime();
            Delivered delivered = drain(objects, accepted.get());
            long deliveredNs = System.nanoTime();
            return report(sent, accepted.get(), throttled.get(), delivered, startNs, putsDoneNs, deliveredNs);
        }
    }

    private int report(List<BitSet> sent, long accepted, long throttled, Delivered delivered, long startNs,
                       long putsDoneNs, long deliveredNs) {
        long missing = 0;
        for (int s = 0; s < sent.size(); s++) {
            BitSet lost = (BitSet) sent.get(s).clone();
            lost.andNot(delivered.seen.get(s));
            missing += lost.cardinality();
        }
        double putS = (putsDoneNs - startNs) / 1e9;
        double allS = (deliveredNs - startNs) / 1e9;
        System.out.printf(Locale.ROOT, "records=%d record_bytes=%d batch=%d senders=%d gzip=%s%n", records,
                recordBytes, batch, senders, gzip);
        System.out.printf(Locale.ROOT, "accepted=%d rejected_entries=%d in %.2f s -> %.0f records/s (%.1f MiB/s)%n",
                accepted, throttled, putS, accepted / putS, accepted * (double) recordBytes / putS / 1048576);
        System.out.printf(Locale.ROOT, "delivered=%d objects=%d duplicates=%d missing=%d in %.2f s from first put "
                + "-> %.0f records/s%n", delivered.count, delivered.objects, delivered.duplicates, missing, allS,
                delivered.count / allS);
        return missing == 0 && delivered.duplicates == 0 ? 0 : 1;
    }

    private List<BitSet> send(FirehoseClient producer, AtomicLong accepted, AtomicLong rejected)
            throws InterruptedException {
        List<BitSet> sent = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int perSender = records / senders;
        for (int s = 0; s < senders; s++) {
            BitSet acknowledged = new BitSet(perSender);
            sent.add(acknowledged);
            int sender = s;
            Thread thread = new Thread(() -> sendAll(producer, sender, perSender, acknowledged, accepted, rejected),
                    "firehose-sender-" + s);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return sent;
    }

    /** Sends records {@code 0..count} of one sender, re-sending rejected entries until all are accepted. */
    private void sendAll(FirehoseClient producer, int sender, int count, BitSet acknowledged, AtomicLong accepted,
                         AtomicLong rejected) {
        List<Integer> pending = new ArrayList<>();
        for (int next = 0; next < count || !pending.isEmpty(); ) {
            List<Integer> ids = new ArrayList<>(pending);
            pending.clear();
            while (ids.size() < batch && next < count) {
                ids.add(next++);
            }
            List<Record> batchRecords = new ArrayList<>(ids.size());
            for (int id : ids) {
                batchRecords.add(Record.builder().data(SdkBytes.fromByteArray(payload(sender, id))).build());
            }
            PutRecordBatchResponse response = producer.putRecordBatch(r -> r.deliveryStreamName(stream)
                    .records(batchRecords));
            List<PutRecordBatchResponseEntry> entries = response.requestResponses();
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).errorCode() == null) {
                    synchronized (acknowledged) {
                        acknowledged.set(ids.get(i));
                    }
                    accepted.incrementAndGet();
                } else {
                    rejected.incrementAndGet();
                    pending.add(ids.get(i));
                }
            }
        }
    }

    /** {@code <global id>|} then filler up to the record size; no newline, which the delimiter processor adds. */
    private byte[] payload(int sender, int id) {
        byte[] data = new byte[recordBytes];
        byte[] prefix = (Long.toString((long) sender * ID_STRIDE + id) + "|").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, data, 0, prefix.length);
        for (int i = prefix.length; i < data.length; i++) {
            data[i] = (byte) ('a' + (i + id) % 26);
        }
        return data;
    }

    private static final class Delivered {
        final List<BitSet> seen = new ArrayList<>();
        final Set<Path> read = new HashSet<>();
        long count;
        long duplicates;
        int objects;
    }

    private Delivered drain(Path objects, long expected) throws IOException, InterruptedException {
        Delivered delivered = new Delivered();
        for (int s = 0; s < senders; s++) {
            delivered.seen.add(new BitSet());
        }
        long deadlineNs = System.nanoTime() + drainTimeoutS * 1_000_000_000L;
        while (delivered.count < expected && System.nanoTime() < deadlineNs) {
            if (readNewObjects(objects, delivered) == 0) {
                Thread.sleep(20); // polling a directory for new files: nothing to wait on
            }
        }
        return delivered;
    }

    private int readNewObjects(Path objects, Delivered delivered) throws IOException {
        if (!Files.isDirectory(objects)) {
            return 0;
        }
        List<Path> fresh;
        // Only finished objects: both stores write a temporary file first and rename it, and the temporary names
        // (".<name>.<uuid>.tmp" here, "<name>-<uuid>" in s3proxy) do not match a Firehose object name.
        Pattern objectName = Pattern.compile(Pattern.quote(stream)
                + "-\\d+-\\d{4}(-\\d{2}){5}-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}" + (gzip ? "\\.gz" : ""));
        try (Stream<Path> files = Files.walk(objects)) {
            fresh = files.filter(p -> objectName.matcher(p.getFileName().toString()).matches())
                    .filter(p -> !delivered.read.contains(p)).filter(Files::isRegularFile).sorted().toList();
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                return 0; // a temporary file was renamed while listing: look again
            }
            throw e;
        }
        for (Path object : fresh) {
            delivered.read.add(object);
            delivered.objects++;
            try (InputStream raw = Files.newInputStream(object);
                 InputStream in = gzip ? new GZIPInputStream(raw, 65536) : raw;
                 BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    long global = Long.parseLong(line, 0, line.indexOf('|'), 10);
                    BitSet seen = delivered.seen.get((int) (global / ID_STRIDE));
                    int id = (int) (global % ID_STRIDE);
                    if (seen.get(id)) {
                        delivered.duplicates++;
                    } else {
                        seen.set(id);
                        delivered.count++;
                    }
                }
            }
        }
        return fresh.size();
    }

    /** s3proxy over a filesystem store in a temporary directory, on 127.0.0.1; deletes the store when closed. */
    private static final class S3ProxyStore implements AutoCloseable {
        static final String ACCESS_KEY = "bench";
        static final String SECRET_KEY = "bench-secret";
        private final S3Proxy proxy;
        private final Path root;
        private final String bucket;

        private S3ProxyStore(S3Proxy proxy, Path root, String bucket) {
            this.proxy = proxy;
            this.root = root;
            this.bucket = bucket;
        }

        static S3ProxyStore start(int port, String bucket) throws Exception {
            Path root = Files.createTempDirectory("millrace-bench-s3proxy");
            BlobStore store = new FilesystemNio2BlobStore(root.toString());
            S3Proxy proxy = S3Proxy.builder().blobStore(store)
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            store.createContainer(CreateBucketRequest.builder().bucket(bucket).build());
            return new S3ProxyStore(proxy, root, bucket);
        }

        Path bucketDirectory() {
            return root.resolve(bucket);
        }

        @Override
        public void close() throws Exception {
            proxy.stop();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private void recreate(FirehoseClient control) {
        try {
            control.deleteDeliveryStream(r -> r.deliveryStreamName(stream));
        } catch (ResourceNotFoundException absent) {
            // first run
        }
        control.createDeliveryStream(r -> r.deliveryStreamName(stream).extendedS3DestinationConfiguration(d -> d
                .roleARN("arn:aws:iam::000000000000:role/bench").bucketARN("arn:aws:s3:::" + bucket)
                .compressionFormat(gzip ? "GZIP" : "UNCOMPRESSED")
                .bufferingHints(h -> h.sizeInMBs(sizeMb).intervalInSeconds(intervalS))
                .processingConfiguration(p -> p.enabled(true).processors(pr -> pr.type("AppendDelimiterToRecord")))));
    }
}
