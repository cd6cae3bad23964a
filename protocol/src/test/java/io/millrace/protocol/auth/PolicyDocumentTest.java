package io.millrace.protocol.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IAM-style evaluation: wildcards, explicit Deny over Allow, principals of resource policies. */
class PolicyDocumentTest {
    private static final String STREAM = "arn:aws:kinesis:us-east-1:111122223333:stream/orders";
    private static final String ALICE = "arn:aws:iam::111122223333:user/alice";

    @Test
    void anAllowWithWildcardsAppliesToMatchingActionsAndResources() {
        PolicyDocument policy = PolicyDocument.parse("""
                {"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"kinesis:Put*",
                 "Resource":"arn:aws:kinesis:*:111122223333:stream/ord?rs"}}""");
        assertThat(policy.evaluate("kinesis:PutRecord", STREAM, ALICE, "111122223333"))
                .isEqualTo(PolicyDecision.ALLOW);
        assertThat(policy.evaluate("kinesis:putrecords", STREAM, ALICE, "111122223333"))
                .as("actions are case-insensitive").isEqualTo(PolicyDecision.ALLOW);
        assertThat(policy.evaluate("kinesis:GetRecords", STREAM, ALICE, "111122223333"))
                .isEqualTo(PolicyDecision.NOT_APPLICABLE);
        assertThat(policy.evaluate("kinesis:PutRecord", STREAM + "2", ALICE, "111122223333"))
                .isEqualTo(PolicyDecision.NOT_APPLICABLE);
    }

    @Test
    void anExplicitDenyWinsOverAnyAllow() {
        PolicyDocument policy = PolicyDocument.parse("""
                {"Statement":[{"Effect":"Allow","Action":"kinesis:*","Resource":"*"},
                              {"Effect":"Deny","Action":["kinesis:DeleteStream"],"Resource":"*"}]}""");
        assertThat(policy.evaluate("kinesis:DeleteStream", STREAM, ALICE, "111122223333"))
                .isEqualTo(PolicyDecision.DENY);
        assertThat(policy.evaluate("kinesis:PutRecord", STREAM, ALICE, "111122223333"))
                .isEqualTo(PolicyDecision.ALLOW);
    }

    @Test
    void notActionCoversEverythingElse() {
        PolicyDocument policy = PolicyDocument.parse("""
                {"Statement":[{"Effect":"Allow","NotAction":"firehose:*","Resource":"*"}]}""");
        assertThat(policy.evaluate("kinesis:ListStreams", "*", ALICE, "111122223333"))
                .isEqualTo(PolicyDecision.ALLOW);
        assertThat(policy.evaluate("firehose:PutRecord", "*", ALICE, "111122223333"))
                .isEqualTo(PolicyDecision.NOT_APPLICABLE);
    }

    @Test
    void resourcePolicyPrincipalsNameAccountsRootsOrPrincipals() {
        String template = """
                {"Statement":[{"Effect":"Allow","Principal":{"AWS":"%s"},"Action":"kinesis:*","Resource":"*"}]}""";
        String bob = "arn:aws:iam::444455556666:user/bob";
        for (String principal : new String[] {"444455556666", "arn:aws:iam::444455556666:root", bob, "*"}) {
            assertThat(PolicyDocument.parse(template.formatted(principal))
                    .evaluate("kinesis:GetRecords", STREAM, bob, "444455556666"))
                    .as(principal).isEqualTo(PolicyDecision.ALLOW);
        }
        assertThat(PolicyDocument.parse(template.formatted("777788889999"))
                .evaluate("kinesis:GetRecords", STREAM, bob, "444455556666"))
                .isEqualTo(PolicyDecision.NOT_APPLICABLE);
    }

    @Test
    void aConditionalAllowNeverGrantsButAConditionalDenyStillDenies() {
        PolicyDocument allow = PolicyDocument.parse("""
                {"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"x":"true"}}}]}""");
        PolicyDocument deny = PolicyDocument.parse("""
                {"Statement":[{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"x":"true"}}}]}""");
        assertThat(allow.evaluate("kinesis:PutRecord", STREAM, ALICE, "111122223333"))
                .isEqualTo(PolicyDecision.NOT_APPLICABLE);
        assertThat(deny.evaluate("kinesis:PutRecord", STREAM, ALICE, "111122223333")).isEqualTo(PolicyDecision.DENY);
    }

    @Test
    void malformedPoliciesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Statement\":[{\"Effect\":\"Maybe\"}]}"))
                .hasMessageContaining("Effect must be Allow or Deny");
        assertThatThrownBy(() -> PolicyDocument.parse("{\"Statement\":[{\"Effect\":\"Allow\",\"Resource\":\"*\"}]}"))
                .hasMessageContaining("missing Action");
    }

    @Test
    void wildcardsMatchAcrossSeparatorsAndSingleCharacters() {
        assertThat(new WildcardPattern("a*c?e", false).matches("ab/:cde")).isTrue();
        assertThat(new WildcardPattern("a*c?e", false).matches("ace")).isFalse();
        assertThat(new WildcardPattern("*", false).matches("")).isTrue();
    }
}
