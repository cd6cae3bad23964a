package io.millrace.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.millrace.firehose.model.Processor;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code Lambda} processor (FIREHOSE-REFERENCE §5.1). Records are sent in invocations of at most
 * {@code BufferSizeInMBs} of data each, as the transformation event {@code {invocationId, deliveryStreamArn, region,
 * records: [{recordId, approximateArrivalTimestamp, data}]}}. A failed invocation (an HTTP error, a timeout, or an
 * answer that is not the transformation result) is repeated up to {@code NumberOfRetries} times (default 3, as the
 * developer guide's "Handle failure in data transformation" says), each after the {@link LambdaRetryTiming} backoff;
 * then every record of it fails with {@code Lambda.FunctionError} ({@code Lambda.JsonProcessingException} when the
 * last answer was unreadable). The retries block the delivery pass that runs them. The
 * answer must list every recordId once with {@code result} {@code Ok} (its {@code data} goes on, with
 * {@code metadata.partitionKeys} as {@code partitionKeyFromLambda} keys), {@code Dropped} (nothing is delivered, and
 * that is success) or {@code ProcessingFailed}; missing, duplicated and failed records go to the error output.
 *
 * <p>{@code BufferIntervalInSeconds} and {@code RoleArn} are accepted and not used: Millrace transforms when the
 * destination buffer flushes. Immutable and thread-safe.
 */
final class LambdaProcessor implements RecordProcessor {
    static final String TYPE = "Lambda";
    static final String FUNCTION_ERROR = "Lambda.FunctionError";
    static final String FUNCTION_ERROR_MESSAGE =
            "The Lambda function was successfully invoked but it returned an error result.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double MIB = 1024 * 1024;

    private final String functionArn;
    private final int retries;
    private final long bufferBytes;
    private final LambdaInvoker invoker;
    private final LambdaRetryTiming timing;

    private LambdaProcessor(String functionArn, int retries, long bufferBytes, LambdaInvoker invoker,
                            LambdaRetryTiming timing) {
        this.functionArn = functionArn;
        this.retries = retries;
        this.bufferBytes = bufferBytes;
        this.invoker = invoker;
        this.timing = timing;
    }

    static LambdaProcessor of(Processor processor, LambdaInvoker invoker) {
        return of(processor, invoker, LambdaRetryTiming.DEFAULT);
    }

    static LambdaProcessor of(Processor processor, LambdaInvoker invoker, LambdaRetryTiming timing) {
        ProcessorParameters parameters = ProcessorParameters.of(processor,
                Set.of("LambdaArn", "NumberOfRetries", "RoleArn", "BufferSizeInMBs", "BufferIntervalInSeconds"));
        String arn = parameters.required("LambdaArn");
        int retries = (int) parameters.number("NumberOfRetries", 3, 0, 300);
        double sizeMBs = parameters.number("BufferSizeInMBs", 1, 0.2, 3);
        parameters.number("BufferIntervalInSeconds", 60, 0, 900);
        return new LambdaProcessor(arn, retries, (long) (sizeMBs * MIB), invoker, timing);
    }

    String functionArn() {
        return functionArn;
    }

    @Override
    public ProcessingResult process(List<ProcessedRecord> records, ProcessingContext context) {
        List<ProcessedRecord> out = new ArrayList<>(records.size());
        List<FailedRecord> failures = new ArrayList<>();
        int from = 0;
        while (from < records.size()) {
            int to = from + 1;
            long bytes = records.get(from).data().length;
            while (to < records.size() && bytes + records.get(to).data().length <= bufferBytes) {
                bytes += records.get(to++).data().length;
            }
            invoke(records.subList(from, to), context, out, failures);
            from = to;
        }
        return new ProcessingResult(out, failures);
    }

    private void invoke(List<ProcessedRecord> records, ProcessingContext context, List<ProcessedRecord> out,
                        List<FailedRecord> failures) {
        List<String> ids = new ArrayList<>(records.size());
        byte[] event = event(records, context, ids);
        int attempts = 0;
        String code = FUNCTION_ERROR;
        String message = FUNCTION_ERROR_MESSAGE;
        while (attempts <= retries) {
            if (attempts > 0) {
                pause(attempts - 1);
            }
            attempts++;
            JsonNode list;
            try {
                list = parse(invoker.invoke(functionArn, event));
            } catch (LambdaInvoker.FunctionNotFoundException e) {
                code = "Lambda.ResourceNotFound"; // [UNVERIFIED] code for a function that does not exist
                message = e.getMessage();
                break;
            } catch (IOException e) {
                code = FUNCTION_ERROR;
                message = FUNCTION_ERROR_MESSAGE;
                continue;
            }
            if (list == null) {
                code = "Lambda.JsonProcessingException"; // [UNVERIFIED] message
                message = "The Lambda function returned a response that is not the Firehose transformation result "
                        + "{\"records\":[...]}.";
                continue;
            }
            apply(records, ids, list, attempts, context, out, failures);
            return;
        }
        for (ProcessedRecord record : records) {
            failures.add(failure(record, code, message, attempts, context));
        }
    }

    /**
     * Waits out the backoff before a retry. An interrupted wait (the server is stopping) fails the whole delivery
     * rather than the records, so they stay buffered and are delivered after the restart.
     */
    private void pause(int retriesMade) {
        try {
            timing.pauseAfter(retriesMade);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while waiting to retry "
                    + functionArn));
        }
    }

    private byte[] event(List<ProcessedRecord> records, ProcessingContext context, List<String> ids) {
        ObjectNode event = JSON.createObjectNode();
        event.put("invocationId", UUID.randomUUID().toString());
        event.put("deliveryStreamArn", context.deliveryStreamArn());
        event.put("region", context.region());
        ArrayNode array = event.putArray("records");
        String batch = UUID.randomUUID().toString().replace("-", "");
        for (int i = 0; i < records.size(); i++) {
            ProcessedRecord record = records.get(i);
            String id = batch + String.format("%06d", i);
            ids.add(id);
            array.addObject().put("recordId", id).put("approximateArrivalTimestamp", record.arrivalMs())
                    .put("data", Base64.getEncoder().encodeToString(record.data()));
        }
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void apply(List<ProcessedRecord> records, List<String> ids, JsonNode list, int attempts,
                       ProcessingContext context, List<ProcessedRecord> out, List<FailedRecord> failures) {
        Map<String, JsonNode> results = new HashMap<>();
        Set<String> duplicated = new HashSet<>();
        for (JsonNode result : list) {
            String id = result.path("recordId").asText(null);
            if (id != null && results.put(id, result) != null) {
                duplicated.add(id);
            }
        }
        for (int i = 0; i < records.size(); i++) {
            ProcessedRecord record = records.get(i);
            String id = ids.get(i);
            if (duplicated.contains(id)) {
                failures.add(failure(record, "Lambda.DuplicatedRecordId", // [UNVERIFIED] message
                        "One or more record Ids were returned more than once. Ensure that the Lambda function "
                                + "returns each received record Id exactly once.", attempts, context));
            } else if (!results.containsKey(id)) {
                failures.add(failure(record, "Lambda.MissingRecordId", "One or more record Ids were not returned. "
                        + "Ensure that the Lambda function returns all received record Ids.", attempts, context));
            } else {
                outcome(record, results.get(id), attempts, context, out, failures);
            }
        }
    }

    private void outcome(ProcessedRecord record, JsonNode result, int attempts, ProcessingContext context,
                         List<ProcessedRecord> out, List<FailedRecord> failures) {
        String status = result.path("result").asText("");
        switch (status) {
            case "Dropped" -> { }
            case "ProcessingFailed" -> failures.add(failure(record, "Lambda.ProcessingFailedStatus",
                    "ProcessingFailed status set for record", attempts, context)); // [UNVERIFIED] message
            case "Ok" -> {
                byte[] data = decode(result.path("data"));
                if (data == null) {
                    failures.add(failure(record, "Lambda.JsonProcessingException",
                            "The data of an Ok record must be base64.", attempts, context)); // [UNVERIFIED]
                } else {
                    out.add(new ProcessedRecord(record.arrivalMs(), data,
                            record.keys().withLambdaKeys(lambdaKeys(result.path("metadata").path("partitionKeys")))));
                }
            }
            default -> failures.add(failure(record, "Lambda.JsonProcessingException", // [UNVERIFIED]
                    "The result of a record must be Ok, Dropped or ProcessingFailed, not '" + status + "'.",
                    attempts, context));
        }
    }

    private static JsonNode parse(byte[] answer) {
        try {
            JsonNode list = JSON.readTree(answer).path("records");
            return list.isArray() ? list : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] decode(JsonNode data) {
        if (!data.isTextual()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(data.asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> lambdaKeys(JsonNode keys) {
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = keys.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isValueNode() && !value.isNull()) {
                out.put(field.getKey(), value.asText());
            }
        }
        return out;
    }

    private FailedRecord failure(ProcessedRecord record, String code, String message, int attempts,
                                 ProcessingContext context) {
        return new FailedRecord(record.arrivalMs(), record.data(), code, message, attempts, context.nowMs(),
                functionArn);
    }
}
