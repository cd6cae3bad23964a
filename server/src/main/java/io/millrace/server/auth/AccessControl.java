package io.millrace.server.auth;

import io.millrace.protocol.auth.PolicyDecision;
import io.millrace.protocol.auth.PolicyDocument;
import io.millrace.protocol.auth.ResourcePolicyLookup;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Decides whether a caller may run an operation on the resource its request names, as IAM does: an explicit Deny in
 * the identity policy or the resource policy refuses; within the caller's own account either policy may allow (a
 * caller without an identity policy is unrestricted there); across accounts both must allow, so a stream of another
 * account is out of reach unless its resource policy lets the caller in. Thread-safe.
 */
public final class AccessControl {
    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
    private static final int ARN_ACCOUNT_FIELD = 4;

    private final ResourcePolicyLookup resourcePolicies;
    private final String servicePrefix;

    /** @param servicePrefix the IAM action prefix, {@code kinesis} */
    public AccessControl(ResourcePolicyLookup resourcePolicies, String servicePrefix) {
        this.resourcePolicies = resourcePolicies;
        this.servicePrefix = servicePrefix;
    }

    /**
     * Throws {@code AccessDeniedException} unless {@code caller} may run {@code operation} on the resource named by
     * the decoded request (its {@code ConsumerARN}, {@code ResourceARN}, {@code StreamARN} or {@code StreamName}).
     *
     * @param strings the request's top-level string members by wire name
     *                ({@link io.millrace.protocol.codec.DecodedRequest#strings()})
     */
    public void authorize(Caller caller, String operation, Map<String, String> strings) {
        String action = servicePrefix + ":" + operation;
        String resource = resourceOf(caller, strings, servicePrefix);
        String owner = accountOf(resource, caller.accountId());
        boolean isSameAccount = owner.equals(caller.accountId());
        PolicyDecision identity = caller.policy() == null
                ? PolicyDecision.ALLOW
                : caller.policy().evaluate(action, resource, caller.principalArn(), caller.accountId());
        PolicyDecision resourcePolicy = resourceDecision(caller, action, resource);
        if (identity == PolicyDecision.DENY) {
            throw denied(caller, action, resource, "with an explicit deny in an identity-based policy");
        }
        if (resourcePolicy == PolicyDecision.DENY) {
            throw denied(caller, action, resource, "with an explicit deny in a resource-based policy");
        }
        boolean isAllowed = isSameAccount
                ? identity == PolicyDecision.ALLOW || resourcePolicy == PolicyDecision.ALLOW
                : identity == PolicyDecision.ALLOW && resourcePolicy == PolicyDecision.ALLOW;
        if (isAllowed) {
            return;
        }
        String policyType = identity == PolicyDecision.ALLOW ? "resource-based" : "identity-based";
        throw denied(caller, action, resource, "because no " + policyType + " policy allows the " + action
                + " action");
    }

    private PolicyDecision resourceDecision(Caller caller, String action, String resource) {
        String text = resourcePolicies.policyOf(resource);
        if (text == null) {
            return PolicyDecision.NOT_APPLICABLE;
        }
        try {
            return PolicyDocument.parse(text).evaluate(action, resource, caller.principalArn(), caller.accountId());
        } catch (IllegalArgumentException e) {
            // A policy the engine accepted but this evaluator cannot read grants nothing rather than everything.
            LOG.warn("Ignoring the unreadable resource policy of {}: {}", resource, e.getMessage());
            return PolicyDecision.NOT_APPLICABLE;
        }
    }

    /**
     * The ARN a request of {@code service} acts on: a Firehose request's delivery stream, else the request's consumer,
     * resource or stream. Requests that name no resource (ListStreams, DescribeLimits, …) act on the account's whole
     * service namespace. [UNVERIFIED] the resource AWS names in denials of such requests.
     */
    private static String resourceOf(Caller caller, Map<String, String> strings, String service) {
        String deliveryStream = strings.get("DeliveryStreamName");
        if (deliveryStream != null) {
            return "arn:aws:firehose:" + caller.region() + ":" + caller.accountId() + ":deliverystream/"
                    + deliveryStream;
        }
        for (String field : new String[] {"ConsumerARN", "ResourceARN", "StreamARN"}) {
            String value = strings.get(field);
            if (value != null) {
                return value;
            }
        }
        String prefix = "arn:aws:" + service + ":" + caller.region() + ":" + caller.accountId() + ":";
        String streamName = strings.get("StreamName");
        return streamName != null ? prefix + "stream/" + streamName : prefix + "*";
    }

    private static String accountOf(String arn, String fallback) {
        String[] fields = arn.split(":", ARN_ACCOUNT_FIELD + 2);
        return fields.length > ARN_ACCOUNT_FIELD && !fields[ARN_ACCOUNT_FIELD].isEmpty()
                ? fields[ARN_ACCOUNT_FIELD] : fallback;
    }

    /**
     * IAM's current wording, e.g. "User: arn:aws:iam::111122223333:user/alice is not authorized to perform:
     * kinesis:PutRecord on resource: arn:aws:kinesis:us-east-1:111122223333:stream/orders because no identity-based
     * policy allows the kinesis:PutRecord action". [UNVERIFIED against Kinesis itself]
     */
    private static ApiException denied(Caller caller, String action, String resource, String reason) {
        return KinesisError.ACCESS_DENIED.exception("User: %s is not authorized to perform: %s on resource: %s %s",
                caller.principalArn(), action, resource, reason);
    }
}
