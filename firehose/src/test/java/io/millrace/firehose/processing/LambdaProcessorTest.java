package io.millrace.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.millrace.firehose.processing.ProcessorTestSupport.CONTEXT;
import static io.millrace.firehose.processing.ProcessorTestSupport.enabled;
import static io.millrace.firehose.processing.ProcessorTestSupport.processor;
import static io.millrace.firehose.processing.ProcessorTestSupport.records;
import static io.millrace.firehose.processing.ProcessorTestSupport.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaProcessorTest {
    private static final String ARN = "arn:aws:lambda:eu-west-1:123456789012:function:f";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A function played in-process: answers each event with {@code answer}, recording the events. */
    private static final class Function implements LambdaInvoker {
        final List<JsonNode> events = new ArrayList<>();
        final java.util.function.Function<JsonNode, String> answer;
        int failuresLeft;

        Function(int failuresLeft, java.util.function.Function<JsonNode, String> answer) {
            this.failuresLeft = failuresLeft;
            this.answer = answer;
        }

        @Override
        public byte[] invoke(String functionArn, byte[] event) throws IOException {
            JsonNode tree = JSON.readTree(event);
            events.add(tree);
            if (failuresLeft-- > 0) {
                throw new IOException("HTTP 500");
            }
            return answer.apply(tree).getBytes(StandardCharsets.UTF_8);
        }
    }

    private static ProcessingPipeline pipeline(LambdaInvoker function, String... parameters) {
        String[] all = new String[parameters.length + 2];
        all[0] = "LambdaArn";
        all[1] = ARN;
        System.arraycopy(parameters, 0, all, 2, parameters.length);
        return ProcessingPipeline.of(enabled(processor("Lambda", all)), function,
                new LambdaRetryTiming(retriesMade -> 1, ms -> { }));
    }

    private static String id(JsonNode event, int index) {
        return event.path("records").get(index).path("recordId").asText();
    }

    private static String b64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theEventCarriesTheStreamAndEveryRecordAndOkResultsReplaceTheData() {
        Function function = new Function(0, event -> "{\"records\":[{\"recordId\":\"" + id(event, 0)
                + "\",\"result\":\"Ok\",\"data\":\"" + b64("A") + "\",\"metadata\":{\"partitionKeys\":{\"k\":\"v\"}}},"
                + "{\"recordId\":\"" + id(event, 1) + "\",\"result\":\"Dropped\"}]}");
        ProcessingResult result = pipeline(function).process(records("a", "b"), CONTEXT);

        JsonNode event = function.events.get(0);
        assertThat(event.path("deliveryStreamArn").asText()).isEqualTo(CONTEXT.deliveryStreamArn());
        assertThat(event.path("region").asText()).isEqualTo("eu-west-1");
        assertThat(event.path("invocationId").asText()).hasSize(36);
        assertThat(event.path("records").get(1).path("approximateArrivalTimestamp").asLong()).isEqualTo(1001);
        assertThat(event.path("records").get(1).path("data").asText()).isEqualTo(b64("b"));
        assertThat(texts(result)).containsExactly("A");
        assertThat(result.records().get(0).keys().fromLambda()).isEqualTo(Map.of("k", "v"));
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void missingDuplicatedAndFailedRecordsGoToTheErrorOutput() {
        Function function = new Function(0, event -> "{\"records\":[{\"recordId\":\"" + id(event, 0)
                + "\",\"result\":\"ProcessingFailed\"},{\"recordId\":\"" + id(event, 1) + "\",\"result\":\"Ok\","
                + "\"data\":\"" + b64("x") + "\"},{\"recordId\":\"" + id(event, 1) + "\",\"result\":\"Ok\","
                + "\"data\":\"" + b64("y") + "\"}]}");
        ProcessingResult result = pipeline(function).process(records("a", "b", "c"), CONTEXT);
        assertThat(result.records()).isEmpty();
        assertThat(result.failures()).extracting(FailedRecord::errorCode).containsExactly(
                "Lambda.ProcessingFailedStatus", "Lambda.DuplicatedRecordId", "Lambda.MissingRecordId");
        assertThat(result.failures()).allSatisfy(f -> {
            assertThat(f.lambdaArn()).isEqualTo(ARN);
            assertThat(f.attemptsMade()).isEqualTo(1);
        });
    }

    @Test
    void failedInvocationsAreRetriedThenTheBatchFails() {
        Function recovers = new Function(2, event -> "{\"records\":[{\"recordId\":\"" + id(event, 0)
                + "\",\"result\":\"Ok\",\"data\":\"" + b64("fine") + "\"}]}");
        assertThat(texts(pipeline(recovers, "NumberOfRetries", "2").process(records("a"), CONTEXT)))
                .containsExactly("fine");

        Function broken = new Function(100, event -> "unused");
        ProcessingResult result = pipeline(broken, "NumberOfRetries", "2").process(records("a", "b"), CONTEXT);
        assertThat(broken.events).hasSize(3);
        assertThat(result.failures()).hasSize(2).allSatisfy(f -> {
            assertThat(f.errorCode()).isEqualTo("Lambda.FunctionError");
            assertThat(f.attemptsMade()).isEqualTo(3);
        });
    }

    @Test
    void anAnswerThatIsNotTheTransformationResultFailsItsRecords() {
        ProcessingResult result = pipeline(new Function(0, event -> "[1,2]")).process(records("a"), CONTEXT);
        assertThat(result.failures()).singleElement()
                .satisfies(f -> assertThat(f.errorCode()).isEqualTo("Lambda.JsonProcessingException"));
    }

    @Test
    void anUnmappedFunctionFailsWithoutRetries() {
        ProcessingResult result = pipeline(LambdaInvoker.none()).process(records("a"), CONTEXT);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.errorCode()).isEqualTo("Lambda.ResourceNotFound");
            assertThat(f.errorMessage()).contains(ARN);
        });
    }

    @Test
    void invocationsHoldAtMostTheBufferSize() {
        Function function = new Function(0, event -> {
            StringBuilder out = new StringBuilder("{\"records\":[");
            for (int i = 0; i < event.path("records").size(); i++) {
                out.append(i == 0 ? "" : ",").append("{\"recordId\":\"").append(id(event, i))
                        .append("\",\"result\":\"Dropped\"}");
            }
            return out.append("]}").toString();
        });
        String tenthOfAMiB = "z".repeat(104_858);
        pipeline(function, "BufferSizeInMBs", "0.2").process(records(tenthOfAMiB, tenthOfAMiB, tenthOfAMiB), CONTEXT);
        assertThat(function.events).extracting(e -> e.path("records").size()).containsExactly(1, 1, 1);
        assertThatThrownBy(() -> pipeline(function, "BufferSizeInMBs", "4"))
                .hasMessage("Parameter BufferSizeInMBs of the Lambda processor must be a number between 0.2 and 3, "
                        + "not '4'.");
    }
}
