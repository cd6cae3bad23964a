package io.millrace.firehose.model;

import java.util.List;

/** Wire shape {@code Processor}: a processor type and its parameters. */
public record Processor(String type, List<ProcessorParameter> parameters) {
}
