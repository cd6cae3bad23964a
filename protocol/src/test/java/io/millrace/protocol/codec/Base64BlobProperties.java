package io.millrace.protocol.codec;

import io.millrace.protocol.error.ApiException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class Base64BlobProperties {

    @Property
    void anyEncodedBlobDecodesToItsBytes(@ForAll byte[] bytes) {
        assertThat(Base64Blob.decode(Base64.getEncoder().encodeToString(bytes))).isEqualTo(bytes);
    }

    @Property(tries = 2000)
    void aTextIsAcceptedExactlyWhenItIsTheCanonicalEncodingOfItsBytes(@ForAll("nearBase64") String text) {
        Throwable failure = catchThrowable(() -> Base64Blob.decode(text));

        if (failure == null) {
            assertThat(Base64.getEncoder().encodeToString(Base64Blob.decode(text))).isEqualTo(text);
        } else {
            assertThat(failure).isInstanceOf(ApiException.class)
                    .hasMessageContaining("'" + text + "' can not be converted to a Blob: ");
            assertThat(isCanonical(text)).isFalse();
        }
    }

    @Property(tries = 2000)
    void tryDecodeAnswersExactlyTheTextsDecodeAccepts(@ForAll("nearBase64") String text) {
        Throwable failure = catchThrowable(() -> Base64Blob.decode(text));

        if (failure == null) {
            assertThat(Base64Blob.tryDecode(text)).isEqualTo(Base64Blob.decode(text));
        } else {
            assertThat(Base64Blob.tryDecode(text)).isNull();
        }
    }

    /** Texts of four-character groups drawn mostly from the alphabet, with pads and strangers mixed in. */
    @Provide
    Arbitrary<String> nearBase64() {
        return Arbitraries.strings().withChars("AQgw+/=*\n").ofMinLength(0).ofMaxLength(12)
                .map(s -> s.substring(0, s.length() - s.length() % 4));
    }

    private static boolean isCanonical(String text) {
        try {
            return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(text)).equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
