package io.millrace.firehose.op;

/** Wire shape {@code AuthenticationConfiguration} of an MSK source: the role and the connectivity (PUBLIC, PRIVATE). */
public record AuthenticationConfiguration(String roleARN, String connectivity) {
}
