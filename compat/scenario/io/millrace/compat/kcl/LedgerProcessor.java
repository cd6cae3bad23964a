package io.millrace.compat.kcl;

import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A record processor that checkpoints after every batch, at the end of its shard and when asked to shut down, and
 * writes each record of a batch into a {@link Ledger} once the batch's checkpoint is stored, so a restart processes
 * nothing twice.
 *
 * <p>Thread safety: the KCL calls one instance from one thread at a time, one instance per shard lease.
 */
final class LedgerProcessor implements ShardRecordProcessor {
    private final Ledger ledger;
    private String shardId;

    LedgerProcessor(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
    }

    /**
     * Enters the batch into the ledger only once its checkpoint is stored: a batch whose checkpoint a shutdown cut
     * off is delivered again after the restart, as the KCL promises, and must then count once. A record entered
     * twice is therefore one delivered again after its checkpoint was acknowledged.
     */
    @Override
    public void processRecords(ProcessRecordsInput input) {
        List<Runnable> entries = new ArrayList<>(input.records().size());
        for (KinesisClientRecord record : input.records()) {
            byte[] data = new byte[record.data().remaining()];
            record.data().get(data);
            String payload = new String(data, StandardCharsets.UTF_8); // "<partition key>#<counter>"
            int counter = Integer.parseInt(payload.substring(payload.lastIndexOf('#') + 1));
            String partitionKey = record.partitionKey();
            String sequenceNumber = record.sequenceNumber();
            entries.add(() -> ledger.onRecord(shardId, partitionKey, sequenceNumber, counter));
        }
        checkpoint(input.checkpointer());
        entries.forEach(Runnable::run);
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        // Another worker owns the shard now and resumes from our last checkpoint; nothing to write.
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        checkpoint(input.checkpointer()); // the SHARD_END checkpoint lets the KCL start the child shards
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        checkpoint(input.checkpointer());
    }

    private static void checkpoint(RecordProcessorCheckpointer checkpointer) {
        try {
            checkpointer.checkpoint();
        } catch (InvalidStateException | ShutdownException e) {
            throw new IllegalStateException("checkpoint failed", e);
        }
    }
}
