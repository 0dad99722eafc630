package io.tokenledger.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void secretsHashesGoAtAnyDepthButTheIdTokensAtHashStays() throws Exception {
        JsonNode event = json.readTree("""
                {"codeHash":"sha256:c","token":{"accessTokenHash":"sha256:a","refreshTokenHash":"sha256:r",
                 "tokenId":"t-1"},"atHash":"LXEWQrcmsEQBYnyp-6wy9Q","cookieHash":"sha256:k"}""");

        JsonNode shown = Redaction.withoutHashes(event);

        assertThat(shown.toString()).isEqualTo("""
                {"token":{"tokenId":"t-1"},"atHash":"LXEWQrcmsEQBYnyp-6wy9Q"}""");
    }
}
