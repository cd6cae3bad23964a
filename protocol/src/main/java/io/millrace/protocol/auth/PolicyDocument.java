package io.millrace.protocol.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * An IAM-style policy: {@code Allow}/{@code Deny} statements over actions ({@code kinesis:PutRecord},
 * {@code kinesis:*}, {@code firehose:*}, …) and resource ARNs, with {@code *} and {@code ?} wildcards. Evaluation
 * follows IAM: any matching Deny wins, else any matching Allow allows, else the policy does not apply. Immutable and
 * thread-safe.
 */
public record PolicyDocument(List<PolicyStatement> statements) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public PolicyDocument {
        statements = List.copyOf(statements);
    }

    /** What this policy says about {@code principalArn} (of {@code accountId}) doing {@code action} on a resource. */
    public PolicyDecision evaluate(String action, String resourceArn, String principalArn, String accountId) {
        boolean allowed = false;
        for (PolicyStatement statement : statements) {
            if (!statement.applies(action, resourceArn, principalArn, accountId)) {
                continue;
            }
            if (!statement.isAllow()) {
                return PolicyDecision.DENY;
            }
            allowed |= !statement.hasCondition();
        }
        return allowed ? PolicyDecision.ALLOW : PolicyDecision.NOT_APPLICABLE;
    }

    /** Parses policy JSON text. */
    public static PolicyDocument parse(String json) {
        try {
            return parse(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("policy: not JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    /**
     * Parses a policy object ({@code {"Version": ..., "Statement": [...]}}); a single statement object is accepted
     * for {@code Statement} as IAM does.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static PolicyDocument parse(JsonNode policy) {
        if (policy == null || !policy.isObject()) {
            throw new IllegalArgumentException("policy: expected a JSON object");
        }
        JsonNode statementNode = policy.get("Statement");
        if (statementNode == null) {
            throw new IllegalArgumentException("policy: missing Statement");
        }
        List<PolicyStatement> statements = new ArrayList<>();
        for (JsonNode statement : statementNode.isArray() ? statementNode : List.of(statementNode)) {
            statements.add(statement(statement));
        }
        return new PolicyDocument(statements);
    }

    private static PolicyStatement statement(JsonNode node) {
        String effect = node.path("Effect").asText("");
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new IllegalArgumentException("policy statement: Effect must be Allow or Deny, not '" + effect + "'");
        }
        boolean notAction = node.has("NotAction");
        boolean notResource = node.has("NotResource");
        List<String> actions = strings(node.get(notAction ? "NotAction" : "Action"), "Action");
        List<String> resources = strings(node.get(notResource ? "NotResource" : "Resource"), "Resource");
        return new PolicyStatement(effect.equals("Allow"), principals(node.get("Principal")), actions, notAction,
                resources, notResource, node.has("Condition"));
    }

    private static List<String> principals(JsonNode principal) {
        if (principal == null) {
            return null;
        }
        if (principal.isTextual()) {
            return List.of(principal.asText());
        }
        return strings(principal.get("AWS"), "Principal.AWS");
    }

    private static List<String> strings(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("policy statement: missing " + field);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode value : node.isArray() ? node : List.of(node)) {
            if (!value.isTextual()) {
                throw new IllegalArgumentException("policy statement: " + field + " must be strings");
            }
            values.add(value.asText());
        }
        return values;
    }
}
