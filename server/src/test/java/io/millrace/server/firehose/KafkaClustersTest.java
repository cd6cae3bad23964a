package io.millrace.server.firehose;

import io.millrace.firehose.source.MskBootstraps;
import io.millrace.firehose.source.MskSourceSettings;
import io.millrace.firehose.source.ShardRead;
import io.millrace.firehose.source.SourceStream;
import io.millrace.firehose.source.StreamSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClustersTest {
    private static final String MAPPED = "arn:aws:kafka:us-east-1:123456789012:cluster/mapped/1";
    private static final String OTHER = "arn:aws:kafka:us-east-1:123456789012:cluster/other/2";
    private static final MskBootstraps BOOTSTRAPS = MskBootstraps.parse(List.of(MAPPED + "=kafka-a:9092"));

    /** Records the client settings of every cluster opened; answers that every topic exists. */
    private final List<Map<String, String>> opened = new ArrayList<>();

    private KafkaClusters clusters(String defaultBootstrap) {
        return new KafkaClusters(BOOTSTRAPS, Map.of("security.protocol", "PLAINTEXT"), defaultBootstrap,
                settings -> {
                    opened.add(settings);
                    return new StreamSource() {
                        @Override
                        public boolean exists(String streamArn) {
                            return true;
                        }

                        @Override
                        public Optional<SourceStream> describe(String streamArn) {
                            return Optional.empty();
                        }

                        @Override
                        public ShardRead read(String streamArn, String shardId, String afterSequenceNumber,
                                              long startMs, int maxRecords, long maxBytes) {
                            return new ShardRead(List.of(), false);
                        }
                    };
                });
    }

    @Test
    void aMappedArnIsReadAtItsBootstrapAndOthersAtTheDefault() {
        KafkaClusters clusters = clusters("default:9092");
        assertThat(clusters.exists(MskSourceSettings.sourceId(MAPPED, "t"))).isTrue();
        assertThat(clusters.exists(MskSourceSettings.sourceId(OTHER, "t"))).isTrue();
        assertThat(clusters.exists(MskSourceSettings.sourceId(MAPPED, "u"))).isTrue();

        assertThat(opened).extracting(settings -> settings.get("bootstrap.servers"))
                .containsExactly("kafka-a:9092", "default:9092");
        assertThat(opened).allSatisfy(settings -> assertThat(settings).containsEntry("security.protocol",
                "PLAINTEXT"));
        assertThat(clusters.readsKafkaCluster(OTHER)).isTrue();
    }

    @Test
    void withoutADefaultAnUnmappedArnIsNotReadable() {
        KafkaClusters clusters = clusters(null);
        assertThat(clusters.readsKafkaTopics()).isTrue();
        assertThat(clusters.readsKafkaCluster(MAPPED)).isTrue();
        assertThat(clusters.readsKafkaCluster(OTHER)).isFalse();
        assertThat(clusters.exists(MskSourceSettings.sourceId(OTHER, "t"))).isFalse();
        assertThatThrownBy(() -> clusters.read(MskSourceSettings.sourceId(OTHER, "t"), "partition-0", null, 0, 1, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("--msk-bootstrap");
        assertThat(opened).isEmpty();
    }

    @Test
    void noMappingAndNoDefaultMeansNoKafkaAtAll() {
        assertThat(KafkaClusters.of(MskBootstraps.NONE, Map.of(), null)).isNull();
        assertThat(new SourcesByArn(null, null).readsKafkaCluster(MAPPED)).isFalse();
    }
}
