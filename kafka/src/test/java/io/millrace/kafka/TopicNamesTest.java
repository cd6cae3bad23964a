package io.millrace.kafka;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicNamesTest {

    @Property(tries = 300)
    void escapedKeysUseOnlyTopicCharactersAndNeverAnUnderscore(@ForAll @StringLength(max = 40) String key) {
        assertThat(TopicNames.escape(key)).matches("[A-Za-z0-9.-]*");
    }

    @Property(tries = 300)
    void differentKeysGiveDifferentTopics(@ForAll @StringLength(max = 12) String a,
                                          @ForAll @StringLength(max = 12) String b) {
        // Lone surrogates are not valid UTF-8 and cannot be told apart; the engine's keys are hex.
        String first = TopicNames.streamTopic("p.", a);
        String second = TopicNames.streamTopic("p.", b);
        assertThat(first.equals(second)).isEqualTo(utf8(a).equals(utf8(b)));
    }

    @Test
    void theEnginesHexKeysAreKeptAsTheyAreAndCannotMeetTheMetadataTopic() {
        assertThat(TopicNames.streamTopic("millrace.", "1ff87a02f533403eaaa987fc92943d98"))
                .isEqualTo("millrace.log.1ff87a02f533403eaaa987fc92943d98");
        assertThat(TopicNames.streamTopic("millrace.", "firehose/orders_v1"))
                .isEqualTo("millrace.log.firehose.2forders.5fv1");
        assertThat(TopicNames.metadataTopic("millrace.")).isEqualTo("millrace.metadata");
    }

    @Test
    void aPrefixKafkaWouldRefuseIsRefusedUpFront() {
        assertThatThrownBy(() -> KafkaLogConfig.of("127.0.0.1:9092").withTopicPrefix("bad prefix/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topicPrefix");
    }

    private static String utf8(String text) {
        return new String(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
