package io.millrace.streams.shard;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShardIdProperties {

    @Property
    void namesAreTheIndexInTwelveZeroPaddedDigits(@ForAll @IntRange(min = 0) int index) {
        assertThat(ShardId.name(index)).isEqualTo(String.format("shardId-%012d", index));
    }

    @Test
    void namesOfTheSmallestAndLargestIndexes() {
        assertThat(ShardId.name(0)).isEqualTo("shardId-000000000000");
        assertThat(ShardId.name(Integer.MAX_VALUE)).isEqualTo("shardId-002147483647");
    }

    @Property
    void namesParseBackToTheirIndex(@ForAll @IntRange(min = 0) int index) {
        assertThat(ShardId.parseIndex(ShardId.name(index))).hasValue(index);
    }
}
