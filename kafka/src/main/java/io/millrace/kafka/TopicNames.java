package io.millrace.kafka;

import java.nio.charset.StandardCharsets;

/**
 * Maps the engine's stream keys to Kafka topic names, injectively: letters, digits and {@code -} are kept, every
 * other UTF-8 byte becomes {@code .xx} (hex). {@code _} is escaped too, because Kafka refuses a topic whose name
 * differs from an existing one only by {@code .} versus {@code _}. Stateless.
 */
final class TopicNames {
    /** Kafka's limit on a topic name's length. */
    static final int MAX_LENGTH = 249;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TopicNames() {
    }

    /** The topic holding every shard of the stream stored under {@code streamKey}. */
    static String streamTopic(String prefix, String streamKey) {
        String name = prefix + "log." + escape(streamKey);
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("streamKey: " + streamKey + " (expected: a topic name of at most "
                    + MAX_LENGTH + " characters with prefix " + prefix + ")");
        }
        return name;
    }

    /** The single-partition compacted topic of the metadata store. */
    static String metadataTopic(String prefix) {
        return prefix + "metadata";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
                out.append(c);
            } else {
                out.append('.').append(HEX[c >>> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    static void checkPrefix(String prefix) {
        if (prefix == null || !prefix.matches("[A-Za-z0-9._-]*") || prefix.length() > 100) {
            throw new IllegalArgumentException("topicPrefix: " + prefix
                    + " (expected: at most 100 of the characters Kafka allows in topic names: A-Z a-z 0-9 . _ -)");
        }
    }
}
