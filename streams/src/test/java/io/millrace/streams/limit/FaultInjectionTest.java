package io.millrace.streams.limit;

import io.millrace.log.memory.InMemoryLogStore;
import io.millrace.protocol.error.ApiException;
import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.EngineConfig;
import io.millrace.streams.EngineFixture;
import io.millrace.streams.op.DescribeLimitsRequest;
import io.millrace.streams.op.ListStreamsRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectionTest {

    private static List<String> outcomes(FaultPlan plan, int calls) {
        List<String> outcomes = new ArrayList<>();
        try (EngineFixture kinesis = new EngineFixture(new InMemoryLogStore(),
                EngineConfig.defaults().withIteratorSecret(EngineFixture.SECRET).withFaultPlan(plan))) {
            for (int i = 0; i < calls; i++) {
                try {
                    kinesis.call("ListStreams", new ListStreamsRequest(null, null, null));
                    outcomes.add("ok");
                } catch (ApiException e) {
                    outcomes.add(e.error().type() + ": " + e.wireMessage());
                }
            }
            kinesis.call("DescribeLimits", new DescribeLimitsRequest()); // not named by the plan: never fails
        }
        return outcomes;
    }

    @Test
    void theSameSeedInjectsTheSameFaultsInAboutTheConfiguredShare() {
        FaultPlan plan = FaultPlan.parse("ListStreams:throttle=0.3,ListStreams:internal=0.2", 42);
        List<String> first = outcomes(plan, 1_000);
        assertThat(outcomes(plan, 1_000)).isEqualTo(first);
        long throttled = first.stream()
                .filter(o -> o.equals("ProvisionedThroughputExceededException: Rate exceeded.")).count();
        long internal = first.stream().filter(o -> o.equals("InternalFailure: Internal Service Failure")).count();
        assertThat(throttled).isBetween(240L, 360L);
        assertThat(internal).isBetween(150L, 250L);
        assertThat(first).hasSize(1_000).filteredOn("ok"::equals).hasSize((int) (1_000 - throttled - internal));
        assertThat(outcomes(FaultPlan.parse("ListStreams:throttle=0.3", 7), 1_000)).isNotEqualTo(first);
    }

    @Test
    void probabilityOneAlwaysFailsAndZeroNever() {
        assertThat(outcomes(FaultPlan.parse("ListStreams:internal=1", 1), 20))
                .containsOnly("InternalFailure: Internal Service Failure");
        assertThat(outcomes(FaultPlan.parse("ListStreams:throttle=0", 1), 20)).containsOnly("ok");
    }

    @Test
    void malformedRulesAreRefusedWithTheExpectedSyntax() {
        assertThatThrownBy(() -> FaultPlan.parse("PutRecords=0.1", 0)).hasMessageContaining("expected");
        assertThatThrownBy(() -> FaultPlan.parse("PutRecords:slow=0.1", 0))
                .hasMessage("fault kind: 'slow' (expected: throttle or internal)");
        assertThatThrownBy(() -> FaultPlan.parse("PutRecords:throttle=1.5", 0)).hasMessageContaining("0 to 1");
        assertThatThrownBy(() -> FaultPlan.parse("PutRecords:throttle=0.6,PutRecords:internal=0.6", 0))
                .hasMessageContaining("expected: <= 1");
    }

    @Test
    void aRuleForAnOperationMillraceDoesNotServeIsRefusedAtStart() {
        assertThatThrownBy(() -> outcomes(FaultPlan.parse("PutRecordz:throttle=0.1", 0), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PutRecordz");
        assertThat(KinesisError.PROVISIONED_THROUGHPUT_EXCEEDED.isRetryable()).isTrue();
    }
}
