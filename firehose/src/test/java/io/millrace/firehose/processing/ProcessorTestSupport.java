package io.millrace.firehose.processing;

import io.millrace.firehose.destination.BufferedRecord;
import io.millrace.firehose.model.ProcessingConfiguration;
import io.millrace.firehose.model.Processor;
import io.millrace.firehose.model.ProcessorParameter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builders shared by the processor tests. */
final class ProcessorTestSupport {
    static final ProcessingContext CONTEXT =
            new ProcessingContext("arn:aws:firehose:eu-west-1:123456789012:deliverystream/s", 5_000);

    private ProcessorTestSupport() {
    }

    static Processor processor(String type, String... nameValues) {
        List<ProcessorParameter> parameters = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            parameters.add(new ProcessorParameter(nameValues[i], nameValues[i + 1]));
        }
        return new Processor(type, parameters);
    }

    static ProcessingConfiguration enabled(Processor... processors) {
        return new ProcessingConfiguration(true, List.of(processors));
    }

    static List<BufferedRecord> records(String... texts) {
        List<BufferedRecord> out = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            out.add(new BufferedRecord(1_000 + i, texts[i].getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    static List<String> texts(ProcessingResult result) {
        return result.records().stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
    }
}
