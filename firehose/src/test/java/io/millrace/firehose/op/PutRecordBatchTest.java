package io.millrace.firehose.op;

import io.millrace.firehose.FirehoseConfig;
import io.millrace.firehose.FirehoseEngine;
import io.millrace.firehose.FirehoseHarness;
import io.millrace.firehose.ManualClock;
import io.millrace.log.object.LocalObjectStore;
import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.FirehoseError;
import io.millrace.protocol.error.KinesisError;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PutRecordBatchTest extends OperationTestBase {

    @Test
    void answersOneRecordIdPerRecordInOrder() {
        firehose.create("s", "");
        PutRecordBatchResponse response = firehose.call("PutRecordBatch", batch("s", 3, "YQ=="));
        assertThat(response.failedPutCount()).isZero();
        assertThat(response.requestResponses()).hasSize(3)
                .allSatisfy(entry -> assertThat(entry.recordId()).isNotEmpty());
        assertThat(firehose.json(response)).startsWith("{\"FailedPutCount\":0,\"Encrypted\":false,"
                + "\"RequestResponses\":[{\"RecordId\":\"");
        firehose.engine.flushAll();
        assertThat(firehose.content(firehose.objects().get(0))).isEqualTo("aaa");
    }

    @Test
    void moreThan500RecordsAreRefusedByTheModel() {
        firehose.create("s", "");
        assertThatThrownBy(() -> firehose.call("PutRecordBatch", batch("s", 501, "")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.error()).isEqualTo(KinesisError.VALIDATION);
                    assertThat(e.wireMessage()).endsWith("at 'records' failed to satisfy constraint: Member must "
                            + "have length less than or equal to 500");
                });
    }

    @Test
    void moreThan4MibInOneCallIsInvalidArgument() {
        firehose.create("s", "");
        String oneMillion = Base64.getEncoder().encodeToString(new byte[1_000_000]);
        // [UNVERIFIED] message wording.
        assertFails("PutRecordBatch", batch("s", 5, oneMillion), FirehoseError.INVALID_ARGUMENT,
                "Records size exceeds the 4 MiB limit of a PutRecordBatch request.");
    }

    @Test
    void aFullBufferFailsEveryEntryWithServiceUnavailable() {
        FirehoseEngine small = new FirehoseEngine(new InMemoryLogStore(), new LocalObjectStore(dir),
                new ManualClock(0), new FirehoseConfig(100, 10, 4));
        FirehoseOperations.Entry<?, ?> create = small.operations().lookup("CreateDeliveryStream");
        run(create, FirehoseHarness.createJson("s", ""));
        PutRecordBatchResponse response = (PutRecordBatchResponse) run(small.operations().lookup("PutRecordBatch"),
                batch("s", 2, "YWJj"));
        assertThat(response.failedPutCount()).isEqualTo(2);
        // [UNVERIFIED] AWS's throttling message.
        assertThat(response.requestResponses()).containsExactly(
                new PutRecordBatchResponseEntry(null, "ServiceUnavailableException", "Slow down."),
                new PutRecordBatchResponseEntry(null, "ServiceUnavailableException", "Slow down."));
    }

    @Test
    void aMissingStreamIsResourceNotFound() {
        assertFails("PutRecordBatch", batch("nope", 1, ""), FirehoseError.RESOURCE_NOT_FOUND,
                "Firehose nope under account 123456789012 not found.");
    }

    @SuppressWarnings("unchecked")
    private static Object run(FirehoseOperations.Entry<?, ?> entry, String json) {
        FirehoseOperations.Entry<Object, Object> typed = (FirehoseOperations.Entry<Object, Object>) entry;
        Object request = FirehoseHarness.PROTOCOL.bind(FirehoseHarness.PROTOCOL.decode(entry.name(),
                io.millrace.protocol.codec.WireFormat.JSON, json.getBytes()), entry.requestType());
        try {
            return typed.operation().execute(request, FirehoseHarness.CONTEXT).toCompletableFuture().join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    static String batch(String name, int count, String base64) {
        List<String> records = IntStream.range(0, count).mapToObj(i -> "{\"Data\":\"" + base64 + "\"}").toList();
        return "{\"DeliveryStreamName\":\"" + name + "\",\"Records\":[" + String.join(",", records) + "]}";
    }
}
