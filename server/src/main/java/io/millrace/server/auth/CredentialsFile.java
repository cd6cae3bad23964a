package io.millrace.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.millrace.protocol.auth.Identity;
import io.millrace.protocol.auth.IdentityStore;
import io.millrace.protocol.auth.PolicyDocument;
import io.millrace.server.config.ConfigException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The identities of {@code --credentials FILE}, read once at start:
 * <pre>{@code
 * {"identities": [
 *   {"accessKeyId": "AKIAALICE", "secretAccessKey": "...", "accountId": "111122223333",
 *    "user": "alice", "sessionToken": "...",
 *    "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kinesis:*", "Resource": "*"}]}}
 * ]}
 * }</pre>
 * {@code user} (default: the access key id), {@code sessionToken} and {@code policy} are optional; without a policy
 * the identity may do anything in its own account. Immutable and thread-safe.
 */
public final class CredentialsFile implements IdentityStore {
    private final Map<String, Identity> byAccessKeyId;

    private CredentialsFile(Map<String, Identity> byAccessKeyId) {
        this.byAccessKeyId = Map.copyOf(byAccessKeyId);
    }

    /** @throws ConfigException naming the file and what is wrong in it */
    public static CredentialsFile load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException("Cannot read credentials file " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Invalid credentials file " + file + ": " + e.getMessage(), e);
        }
    }

    /** From the parsed file; {@link IllegalArgumentException} says what is wrong. */
    public static CredentialsFile parse(JsonNode root) {
        JsonNode identities = root == null ? null : root.get("identities");
        if (identities == null || !identities.isArray()) {
            throw new IllegalArgumentException("expected {\"identities\": [...]}");
        }
        Map<String, Identity> byKey = new HashMap<>();
        for (JsonNode entry : identities) {
            Identity identity = identity(entry);
            if (byKey.put(identity.accessKeyId(), identity) != null) {
                throw new IllegalArgumentException("access key id " + identity.accessKeyId() + " appears twice");
            }
        }
        return new CredentialsFile(byKey);
    }

    @Override
    public Identity find(String accessKeyId) {
        return byAccessKeyId.get(accessKeyId);
    }

    private static Identity identity(JsonNode entry) {
        String accessKeyId = text(entry, "accessKeyId");
        String accountId = text(entry, "accountId");
        String user = entry.hasNonNull("user") ? entry.get("user").asText() : accessKeyId;
        JsonNode policy = entry.get("policy");
        return new Identity(accessKeyId, text(entry, "secretAccessKey"), accountId,
                Identity.userArn(accountId, user),
                entry.hasNonNull("sessionToken") ? entry.get("sessionToken").asText() : null,
                policy == null || policy.isNull() ? null
                        : policy.isTextual() ? PolicyDocument.parse(policy.asText()) : PolicyDocument.parse(policy));
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("every identity needs a non-empty \"" + field + "\"");
        }
        return value.asText();
    }
}
