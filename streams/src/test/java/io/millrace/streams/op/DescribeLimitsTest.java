package io.millrace.streams.op;

import io.millrace.streams.EngineFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.millrace.streams.Requests.create;
import static io.millrace.streams.Requests.createOnDemand;
import static org.assertj.core.api.Assertions.assertThat;

class DescribeLimitsTest {
    private final EngineFixture kinesis = new EngineFixture();

    @AfterEach
    void close() {
        kinesis.close();
    }

    @Test
    void reportsLimitsAndCurrentUsage() {
        kinesis.call("CreateStream", create("p", 3));
        kinesis.call("CreateStream", createOnDemand("od"));
        DescribeLimitsResponse limits = kinesis.call("DescribeLimits", new DescribeLimitsRequest());
        assertThat(limits).isEqualTo(new DescribeLimitsResponse(500, 7, 1, 50, 0, 50));
    }
}
