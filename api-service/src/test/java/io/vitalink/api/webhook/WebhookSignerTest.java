package io.vitalink.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    private static final String SECRET = "receiver-secret-of-at-least-32-characters";
    private static final byte[] BODY = "{\"jobId\":\"j\"}".getBytes(StandardCharsets.UTF_8);
    private static final long T = 1_700_000_000L;

    @Test
    void signsTimestampDotBodyWithHmacSha256AsOpensslDoes() {
        // printf '1700000000.{"jobId":"j"}' | openssl dgst -sha256 -hmac 'receiver-secret-of-at-least-32-characters'
        assertThat(WebhookSigner.header(SECRET, T, BODY))
                .isEqualTo("t=1700000000,v1=88717c38aaae05251ca5b93ceb28e18ce33b53b11217aa61ff9c5823a3544dfa");
    }

    @Test
    void verifiesItsOwnSignatureWithinTheTolerance() {
        String header = WebhookSigner.header(SECRET, T, BODY);

        assertThat(WebhookSigner.verify(SECRET, header, BODY, T + 299, 300)).isTrue();
    }

    @Test
    void refusesAChangedBodyAnotherSecretAnOldTimestampAndAMovedTimestamp() {
        String header = WebhookSigner.header(SECRET, T, BODY);
        byte[] changed = "{\"jobId\":\"k\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(WebhookSigner.verify(SECRET, header, changed, T, 300)).isFalse();
        assertThat(WebhookSigner.verify(SECRET + "x", header, BODY, T, 300)).isFalse();
        assertThat(WebhookSigner.verify(SECRET, header, BODY, T + 301, 300)).isFalse();
        assertThat(WebhookSigner.verify(SECRET, header.replace("t=" + T, "t=" + (T + 1)), BODY, T, 300)).isFalse();
    }

    @Test
    void refusesMissingOrMalformedHeaders() {
        assertThat(WebhookSigner.verify(SECRET, null, BODY, T, 300)).isFalse();
        assertThat(WebhookSigner.verify(SECRET, "", BODY, T, 300)).isFalse();
        assertThat(WebhookSigner.verify(SECRET, "t=1700000000", BODY, T, 300)).isFalse();
        assertThat(WebhookSigner.verify(SECRET, "t=abc,v1=00", BODY, T, 300)).isFalse();
        assertThat(WebhookSigner.verify(SECRET, "t=1700000000,v1=zz", BODY, T, 300)).isFalse();
    }
}
