package io.tokenledger.app.events;

import io.tokenledger.app.support.LedgerIntegrationTest;
import io.tokenledger.events.Actor;
import io.tokenledger.events.client.ClientRegistered;
import io.tokenledger.events.token.RevocationReason;
import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.events.token.TokenRevoked;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Released events are never edited: the JSON the ledger stores for each revision is pinned here, through the
 * serializer the app really uses. A change that breaks a line below needs a new revision and an upcaster.
 */
class PublishedLanguageTest extends LedgerIntegrationTest {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    @Autowired
    @Qualifier("eventSerializer")
    private Serializer events;

    static Stream<Arguments> revisions() {
        return Stream.of(
                Arguments.of(new TokenIssued("t-1", "c-1", null, "client_credentials", "Bearer", List.of("read"),
                        "sha256:ab", null, T, T.plusSeconds(3600), Actor.client("c-1")), """
                        {"tokenId":"t-1","clientId":"c-1","userId":null,"grantType":"client_credentials",\
                        "tokenType":"Bearer","scopes":["read"],"accessTokenHash":"sha256:ab","refreshTokenHash":null,\
                        "issuedAt":"2026-11-25T10:00:00Z","expiresAt":"2026-11-25T11:00:00Z",\
                        "actor":{"kind":"client","id":"c-1"}}"""),
                Arguments.of(new TokenRevoked("t-1", "c-1", RevocationReason.REVOKED_BY_CLIENT, T, Actor.client("c-1")), """
                        {"tokenId":"t-1","clientId":"c-1","reason":"REVOKED_BY_CLIENT",\
                        "revokedAt":"2026-11-25T10:00:00Z","actor":{"kind":"client","id":"c-1"}}"""),
                Arguments.of(new ClientRegistered("c-1", "Billing", "sha256:cd", List.of(), List.of("client_credentials"),
                        List.of("read"), "client_secret_basic", T, Actor.admin("a")), """
                        {"clientId":"c-1","clientName":"Billing","secretHash":"sha256:cd","redirectUris":[],\
                        "grantTypes":["client_credentials"],"scopes":["read"],\
                        "tokenEndpointAuthMethod":"client_secret_basic","registeredAt":"2026-11-25T10:00:00Z",\
                        "actor":{"kind":"admin","id":"a"}}"""));
    }

    @ParameterizedTest
    @MethodSource("revisions")
    void revisionOneOfEachEventHasThisJson(Object event, String json) {
        SerializedObject<byte[]> serialized = events.serialize(event, byte[].class);

        assertThat(new String(serialized.getData(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(serialized.getType().getRevision()).isEqualTo("1");
        Object read = events.deserialize(new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8), byte[].class,
                new SimpleSerializedType(event.getClass().getName(), "1")));
        assertThat(read).isEqualTo(event);
    }
}
