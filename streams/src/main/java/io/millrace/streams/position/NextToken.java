package io.millrace.streams.position;

import java.util.List;

/** A decoded pagination token: when it was issued and the operation-specific fields it carries. */
public record NextToken(long issuedAtMs, List<String> fields) {
}
