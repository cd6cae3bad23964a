package io.millrace.streams.limit;

import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.op.Operation;

import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Opt-in fault injection: decorates the operations a {@link FaultPlan} names so that a seeded random fraction of
 * their calls fail before running, with the same errors AWS sends for throttling or an internal failure. Clients see
 * nothing that tells an injected fault from a real one; that is the point of testing their retry logic with it.
 *
 * <p>Thread safety: thread-safe. One {@link Random} (itself thread-safe) serves every decorated operation, so a
 * single-threaded sequence of calls draws the same faults for the same seed.
 */
public final class FaultInjection {
    private final FaultPlan plan;
    private final Random random;

    public FaultInjection(FaultPlan plan) {
        this.plan = plan;
        this.random = new Random(plan.seed());
    }

    /** {@code operation} failing as the plan says for {@code name}, or itself when the plan names it not. */
    public <I, O> Operation<I, O> decorate(String name, Operation<I, O> operation) {
        List<FaultPlan.Rule> rules = plan.rulesFor(name);
        if (rules.isEmpty()) {
            return operation;
        }
        return (request, context) -> {
            ApiException fault = draw(rules);
            return fault == null ? operation.execute(request, context) : CompletableFuture.failedFuture(fault);
        };
    }

    private ApiException draw(List<FaultPlan.Rule> rules) {
        double roll = random.nextDouble();
        double upTo = 0;
        for (FaultPlan.Rule rule : rules) {
            upTo += rule.probability();
            if (roll < upTo) {
                return rule.kind() == FaultPlan.Kind.THROTTLE
                        // [UNVERIFIED] generic form of AWS's throttling text; no shard is known before the call runs.
                        ? KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED.exception("Rate exceeded.")
                        : KinesisError.INTERNAL_FAILURE.exception("Internal Service Failure");
            }
        }
        return null;
    }
}
