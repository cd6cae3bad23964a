package io.millrace.firehose;

import io.millrace.firehose.destination.BufferedRecord;
import io.millrace.firehose.destination.DeliveryBatch;
import io.millrace.firehose.destination.Destination;
import io.millrace.firehose.destination.s3.S3Destination;
import io.millrace.firehose.processing.ProcessedRecord;
import io.millrace.firehose.processing.ProcessingContext;
import io.millrace.firehose.processing.ProcessingPipeline;
import io.millrace.firehose.processing.ProcessingResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code ProcessingConfiguration} of an HTTP endpoint or Redshift destination: runs the batch through the
 * {@link ProcessingPipeline} (the one ExtendedS3 runs), writes the records that failed as {@code processing-failed}
 * documents to the destination's S3 configuration, and hands the surviving records, as they came out, to the next
 * destination (the retrying endpoint or COPY). A batch whose records were all dropped or failed is done. The
 * processed batch is kept in {@link ProcessedBatches} until the next destination returns, so retries reuse it.
 *
 * <p>Called on the stream's delivery lock, one batch at a time per stream; thread-safe across streams.
 */
final class ProcessedDestination implements Destination {
    private final String streamKey;
    private final ProcessingPipeline pipeline;
    private final S3Destination failureOutput;
    private final Destination next;
    private final ProcessedBatches processed;

    ProcessedDestination(String streamKey, ProcessingPipeline pipeline, S3Destination failureOutput, Destination next,
                         ProcessedBatches processed) {
        this.streamKey = streamKey;
        this.pipeline = pipeline;
        this.failureOutput = failureOutput;
        this.next = next;
        this.processed = processed;
    }

    @Override
    public void deliver(DeliveryBatch batch) throws IOException {
        List<BufferedRecord> records = processedRecords(batch);
        if (!records.isEmpty()) {
            next.deliver(new DeliveryBatch(batch.deliveryStreamName(), batch.versionId(), records,
                    batch.deliveredAtMs(), batch.deliveryStreamArn()));
        }
        processed.forget(streamKey);
    }

    /** The batch's records after processing: reused from an earlier attempt where possible, else processed now. */
    private List<BufferedRecord> processedRecords(DeliveryBatch batch) throws IOException {
        ProcessedBatches.Entry cached = processed.get(streamKey);
        int done = cached == null ? 0 : cached.processedPrefixOf(batch.records());
        if (cached != null && done == batch.records().size()) {
            return cached.processed();
        }
        List<BufferedRecord> out = new ArrayList<>(done > 0 ? cached.processed() : List.of());
        List<BufferedRecord> rest = batch.records().subList(done, batch.records().size());
        ProcessingResult result = pipeline.process(rest,
                new ProcessingContext(batch.deliveryStreamArn(), batch.deliveredAtMs()));
        if (!result.failures().isEmpty()) {
            failureOutput.writeProcessingFailures(batch, result.failures());
        }
        for (ProcessedRecord record : result.records()) {
            out.add(new BufferedRecord(record.arrivalMs(), record.data()));
        }
        processed.put(streamKey, new ProcessedBatches.Entry(List.copyOf(batch.records()), List.copyOf(out)));
        return out;
    }
}
