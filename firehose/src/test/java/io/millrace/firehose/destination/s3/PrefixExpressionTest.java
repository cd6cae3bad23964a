package io.millrace.firehose.destination.s3;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefixExpressionTest {
    private static final Instant ARRIVAL = Instant.parse("2018-08-27T10:30:12Z");

    @Test
    void absentPrefixIsTheUtcHourPath() {
        assertThat(PrefixExpression.parse(null).evaluate(ARRIVAL, ZoneOffset.UTC, null)).isEqualTo("2018/08/27/10/");
        assertThat(PrefixExpression.parse("").evaluate(ARRIVAL, ZoneOffset.UTC, null)).isEqualTo("2018/08/27/10/");
    }

    @Test
    void literalPrefixGetsTheHourPathAppendedWithoutASlash() {
        assertThat(PrefixExpression.parse("logs/").evaluate(ARRIVAL, ZoneOffset.UTC, null))
                .isEqualTo("logs/2018/08/27/10/");
        assertThat(PrefixExpression.parse("logs").evaluate(ARRIVAL, ZoneOffset.UTC, null))
                .isEqualTo("logs2018/08/27/10/");
    }

    @Test
    void timestampExpressionsUseOneInstantAndQuotedTextIsLiteral() {
        PrefixExpression prefix = PrefixExpression.parse("y=!{timestamp:yyyy}/m=!{timestamp:MM}/!{timestamp:'d'dd}/");
        assertThat(prefix.hasExpressions()).isTrue();
        assertThat(prefix.evaluate(ARRIVAL, ZoneOffset.UTC, null)).isEqualTo("y=2018/m=08/d27/");
    }

    @Test
    void timestampsFollowTheCustomTimeZone() {
        assertThat(PrefixExpression.parse("!{timestamp:yyyy-MM-dd HH}/")
                .evaluate(ARRIVAL, ZoneId.of("America/New_York"), null)).isEqualTo("2018-08-27 06/");
    }

    @Test
    void errorOutputTypeAndRandomStringAreExpanded() {
        PrefixExpression prefix = PrefixExpression.parse("err/!{firehose:error-output-type}/!{firehose:random-string}/");
        assertThat(prefix.usesErrorOutputType()).isTrue();
        assertThat(prefix.evaluate(ARRIVAL, ZoneOffset.UTC, "processing-failed"))
                .matches("err/processing-failed/[0-9a-f]{8}-[0-9a-f]{2}/2018/08/27/10/");
    }

    @Test
    void refusesWhatItCannotEvaluate() {
        assertThatThrownBy(() -> PrefixExpression.parse("a/!{timestamp:yyyy"))
                .hasMessage("The expression starting at index 2 is not closed.");
        assertThatThrownBy(() -> PrefixExpression.parse("!{firehose:nope}"))
                .hasMessage("Unknown firehose expression 'nope'.");
        assertThatThrownBy(() -> PrefixExpression.parse("!{other:x}"))
                .hasMessage("Unknown expression namespace 'other'.");
        assertThatThrownBy(() -> PrefixExpression.parse("!{partitionKeyFromQuery:}"))
                .hasMessage("The partitionKeyFromQuery expression needs a key name.");
    }
}
