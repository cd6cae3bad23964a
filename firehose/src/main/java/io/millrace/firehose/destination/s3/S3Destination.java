package io.millrace.firehose.destination.s3;

import io.millrace.log.object.ObjectStore;
import io.millrace.firehose.destination.DeliveryBatch;
import io.millrace.firehose.destination.Destination;
import io.millrace.firehose.processing.FailedRecord;
import io.millrace.firehose.processing.LambdaInvoker;
import io.millrace.firehose.processing.LambdaRetryTiming;
import io.millrace.firehose.processing.PartitionKeys;
import io.millrace.firehose.processing.ProcessedRecord;
import io.millrace.firehose.processing.ProcessingContext;
import io.millrace.firehose.processing.ProcessingPipeline;
import io.millrace.firehose.processing.ProcessingResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Delivers one batch to S3: runs the configured processors ({@link ProcessingPipeline}), then writes the surviving
 * records concatenated byte for byte in arrival order, one object per partition (all records share one partition
 * unless the prefix uses {@code partitionKeyFrom*} keys), compressed as configured, named by {@link ObjectKeys} under
 * the evaluated {@link PrefixExpression}. Records that failed processing, or lack a key the prefix needs, are written
 * as failure documents (one JSON line each) under the error prefix with {@code !{firehose:error-output-type}} =
 * {@code processing-failed} ({@code decompression-failed} for records the Decompression processor could not gunzip),
 * one object per error output type.
 *
 * <p>Dynamic partitions share the stream's buffer and its hints rather than buffering separately as in AWS. A batch
 * whose objects are only partly written is delivered again whole (at-least-once). Immutable: a configuration change
 * builds a new instance. Thread-safe.
 */
public final class S3Destination implements Destination {
    static final String PROCESSING_FAILED = FailedRecord.PROCESSING_FAILED;
    private static final String MISSING_KEY_CODE = "DynamicPartitioning.MetadataExtractionFailed";

    private final ObjectStore store;
    private final S3Settings settings;
    private final PrefixExpression prefix;
    private final PrefixExpression errorPrefix;
    private final ProcessingPipeline pipeline;
    /** Written after each record when AppendDelimiterToRecord is on (the pipeline leaves it to us), else null. */
    private final byte[] delimiter;

    public S3Destination(ObjectStore store, S3Settings settings) {
        this(store, settings, LambdaInvoker.none());
    }

    public S3Destination(ObjectStore store, S3Settings settings, LambdaInvoker lambdas) {
        this(store, settings, lambdas, LambdaRetryTiming.DEFAULT);
    }

    /** @param lambdaRetries how Lambda processors wait between attempts of a failed invocation */
    public S3Destination(ObjectStore store, S3Settings settings, LambdaInvoker lambdas,
                         LambdaRetryTiming lambdaRetries) {
        this.store = store;
        this.settings = settings;
        this.prefix = PrefixExpression.parse(settings.prefix());
        this.errorPrefix = errorPrefix(settings);
        this.pipeline = ProcessingPipeline.of(settings.processingConfiguration(), lambdas, lambdaRetries);
        this.delimiter = pipeline.appendsDelimiter() ? ProcessingPipeline.delimiter() : null;
    }

    /**
     * {@code ErrorOutputPrefix} when set; otherwise {@code <Prefix><error-output-type>/} followed by the default
     * {@code yyyy/MM/dd/HH/} (FIREHOSE-REFERENCE §4.3; the operations refuse a null ErrorOutputPrefix when Prefix has
     * expressions, so Prefix is plain text here).
     */
    static PrefixExpression errorPrefix(S3Settings settings) {
        if (settings.errorOutputPrefix() != null) {
            return PrefixExpression.parse(settings.errorOutputPrefix());
        }
        String plain = settings.prefix() == null ? "" : settings.prefix();
        return PrefixExpression.parse(plain + "!{firehose:error-output-type}/");
    }

    @Override
    public void deliver(DeliveryBatch batch) throws IOException {
        ProcessingResult result = pipeline.processBeforeDelimiter(batch.records(),
                new ProcessingContext(batch.deliveryStreamArn(), batch.deliveredAtMs()));
        List<FailedRecord> failures = new ArrayList<>(result.failures());
        Map<PartitionKeys, List<ProcessedRecord>> partitions = new LinkedHashMap<>();
        for (ProcessedRecord record : result.records()) {
            PartitionKeys partition = prefix.partitionOf(record.keys());
            if (partition == null) {
                failures.add(new FailedRecord(record.arrivalMs(), delimited(record), MISSING_KEY_CODE,
                        "The record has no value for a partition key the Prefix uses.", 1, batch.deliveredAtMs(),
                        null)); // [UNVERIFIED] message
            } else if (!staysInBucket(partition)) {
                failures.add(new FailedRecord(record.arrivalMs(), delimited(record), MISSING_KEY_CODE,
                        "A partition key value would make the object key leave the bucket ('..' or a leading '/').", 1,
                        batch.deliveredAtMs(), null));
            } else {
                partitions.computeIfAbsent(partition, k -> new ArrayList<>()).add(record);
            }
        }
        for (Map.Entry<PartitionKeys, List<ProcessedRecord>> partition : partitions.entrySet()) {
            List<ProcessedRecord> records = partition.getValue();
            String evaluated = prefix.evaluate(Instant.ofEpochMilli(records.get(0).arrivalMs()), settings.zone(),
                    null, partition.getKey());
            put(evaluated, batch, dataOf(records));
        }
        if (!failures.isEmpty()) {
            writeProcessingFailures(batch, failures);
        }
    }

    /**
     * Objects of failure documents under the error prefix, one per {@code !{firehose:error-output-type}} among the
     * failures ({@code processing-failed}, {@code decompression-failed}): what this destination does with records
     * its processors fail, and what the other destinations (whose S3 configuration this is) do with theirs.
     */
    public void writeProcessingFailures(DeliveryBatch batch, List<FailedRecord> failures) throws IOException {
        Map<String, List<FailedRecord>> byOutput = new LinkedHashMap<>();
        for (FailedRecord failure : failures) {
            byOutput.computeIfAbsent(failure.errorOutputType(), type -> new ArrayList<>()).add(failure);
        }
        for (Map.Entry<String, List<FailedRecord>> output : byOutput.entrySet()) {
            put(errorPrefix.evaluate(Instant.ofEpochMilli(output.getValue().get(0).arrivalMs()), settings.zone(),
                    output.getKey()), batch, List.of(errorContent(output.getValue())));
        }
    }

    /**
     * Partition values come from record data; the embedded store maps keys to files, so a value such as {@code ..}
     * must not climb out of the bucket directory (nor wedge delivery by being refused on every retry).
     */
    private static boolean staysInBucket(PartitionKeys partition) {
        for (Map<String, String> keys : List.of(partition.fromQuery(), partition.fromLambda())) {
            for (String value : keys.values()) {
                if (value.startsWith("/") || value.startsWith("\\")) {
                    return false;
                }
                for (String segment : value.split("[/\\\\]", -1)) {
                    if (segment.equals("..")) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Writes one object holding {@code parts} concatenated, compressed as configured. */
    private void put(String evaluatedPrefix, DeliveryBatch batch, List<byte[]> parts) throws IOException {
        String name = ObjectKeys.objectName(batch.deliveryStreamName(), batch.versionId(),
                Instant.ofEpochMilli(batch.deliveredAtMs()), settings.zone(), settings.extension());
        String entryName = name.substring(0, name.length() - settings.extension().length());
        long total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        store.putObject(settings.bucket(), evaluatedPrefix + name,
                settings.compression().encode(parts, total, entryName));
    }

    /** The object key a delivery of {@code batch} gets when it is one partition (random parts differ per call). */
    public String keyFor(DeliveryBatch batch) {
        String evaluated = prefix.evaluate(Instant.ofEpochMilli(batch.oldestArrivalMs()), settings.zone(), null);
        return evaluated + ObjectKeys.objectName(batch.deliveryStreamName(), batch.versionId(),
                Instant.ofEpochMilli(batch.deliveredAtMs()), settings.zone(), settings.extension());
    }

    /** The records' data in order, each followed by the delimiter when the pipeline appends one. */
    private List<byte[]> dataOf(List<ProcessedRecord> records) {
        List<byte[]> data = new ArrayList<>(delimiter == null ? records.size() : 2 * records.size());
        for (ProcessedRecord record : records) {
            data.add(record.data());
            if (delimiter != null) {
                data.add(delimiter);
            }
        }
        return data;
    }

    /** A record's data as the full pipeline would have left it (with the delimiter), for failure documents. */
    private byte[] delimited(ProcessedRecord record) {
        if (delimiter == null) {
            return record.data();
        }
        byte[] data = Arrays.copyOf(record.data(), record.data().length + delimiter.length);
        System.arraycopy(delimiter, 0, data, record.data().length, delimiter.length);
        return data;
    }

    private static byte[] errorContent(List<FailedRecord> failures) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (FailedRecord failure : failures) {
            out.writeBytes(failure.toJsonLine());
        }
        return out.toByteArray();
    }
}
