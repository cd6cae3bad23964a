package io.millrace.streams.op;

import io.millrace.protocol.error.KinesisError;
import io.millrace.streams.model.Tag;
import io.millrace.streams.stream.StreamErrors;
import io.millrace.streams.stream.StreamKey;
import io.millrace.streams.stream.StreamRegistry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tag rules shared by the stream-tagging operations and their ARN-addressed twins (reference 3.7): allowed
 * characters, the 50-tag limit (whose AWS message still says 10) and changes applied through the registry.
 * Stateless.
 */
final class StreamTags {
    static final int MAX_TAGS = 50;
    private static final String PUNCTUATION = "_./=+-%@:";

    private StreamTags() {
    }

    /** Merges {@code tags} into the stream's tags; the stream must be ACTIVE or UPDATING. */
    static void add(StreamRegistry streams, StreamKey key, Map<String, String> tags) {
        List<String> texts = new ArrayList<>(tags.keySet());
        texts.addAll(tags.values());
        checkCharacters(texts, "add tags to", key);
        streams.update(key, metadata -> {
            StreamErrors.checkChangeable(metadata);
            Map<String, String> merged = new TreeMap<>(metadata.tags());
            merged.putAll(tags);
            checkCount(merged.size(), key);
            return metadata.withTags(merged);
        });
    }

    /** Removes {@code keys} (absent ones are ignored); the stream must be ACTIVE or UPDATING. */
    static void remove(StreamRegistry streams, StreamKey key, List<String> keys) {
        checkCharacters(keys, "remove tags from", key);
        streams.update(key, metadata -> {
            StreamErrors.checkChangeable(metadata);
            Map<String, String> remaining = new TreeMap<>(metadata.tags());
            keys.forEach(remaining::remove);
            return metadata.withTags(remaining);
        });
    }

    static List<Tag> toList(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
    }

    static void checkCharacters(Collection<String> texts, String verb, StreamKey key) {
        checkCharacters(texts, verb, "stream", key.name(), key.accountId());
    }

    /**
     * The character rules for any taggable {@code kind} (stream, consumer, channel); the texts recorded from AWS
     * are about streams, so the other kinds' wording is [UNVERIFIED].
     */
    static void checkCharacters(Collection<String> texts, String verb, String kind, String name, String accountId) {
        if (!texts.stream().allMatch(StreamTags::hasOnlyAllowedCharacters)) {
            throw KinesisError.INVALID_ARGUMENT.exception("Some tags contain invalid characters. Valid characters: "
                    + "Unicode letters, digits, white space, _ . / = + - % @.");
        }
        // AWS recorded a second, differently worded refusal for '%' although the first message allows it.
        if (texts.stream().anyMatch(text -> text.indexOf('%') >= 0)) {
            throw KinesisError.INVALID_ARGUMENT.exception("Failed to %s %s %s under account %s because some tags "
                    + "contained illegal characters. The allowed characters are Unicode letters, white-spaces, "
                    + "'_',',','/','=','+','-','@'.", verb, kind, name, accountId);
        }
    }

    static void checkCount(int tagCount, StreamKey key) {
        checkCount(tagCount, "stream", key.name(), key.accountId());
    }

    /** The 50-tag limit for any taggable {@code kind}; other kinds' wording is [UNVERIFIED]. */
    static void checkCount(int tagCount, String kind, String name, String accountId) {
        if (tagCount > MAX_TAGS) {
            throw KinesisError.INVALID_ARGUMENT.exception("Failed to add tags to %s %s under account %s because "
                    + "a given %s cannot have more than 10 tags associated with it.", kind, name, accountId, kind);
        }
    }

    private static boolean hasOnlyAllowedCharacters(String text) {
        return text.codePoints().allMatch(c -> Character.isLetterOrDigit(c) || Character.isSpaceChar(c)
                || PUNCTUATION.indexOf(c) >= 0);
    }
}
