package io.millrace.firehose.model;

/** Wire shape {@code ProcessorParameter}. */
public record ProcessorParameter(String parameterName, String parameterValue) {
}
