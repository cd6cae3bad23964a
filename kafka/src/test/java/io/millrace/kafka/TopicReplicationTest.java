package io.millrace.kafka;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicReplicationTest {

    @Test
    void givenSettingsGoIntoTheNewTopicBesideItsOwnConfigs() {
        NewTopic topic = new TopicReplication(3, 2).newTopic("t", 4, Map.of("cleanup.policy", "delete"));

        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.numPartitions()).isEqualTo(4);
        assertThat(topic.configs()).containsEntry("min.insync.replicas", "2").containsEntry("cleanup.policy", "delete");
    }

    @Test
    void clusterDefaultsLeaveBothToTheBroker() {
        NewTopic topic = TopicReplication.CLUSTER_DEFAULTS.newTopic("t", 1, Map.of());

        assertThat(topic.replicationFactor()).isEqualTo((short) -1); // Kafka's "use the broker default"
        assertThat(topic.configs()).doesNotContainKey("min.insync.replicas");
    }

    @Test
    void moreInSyncReplicasThanReplicasAreRefusedBecauseNoWriteCouldBeAcknowledged() {
        assertThatThrownBy(() -> new TopicReplication(2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minInsyncReplicas 3 exceeds replicationFactor 2: no write could be acknowledged");
        assertThatThrownBy(() -> new TopicReplication(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
