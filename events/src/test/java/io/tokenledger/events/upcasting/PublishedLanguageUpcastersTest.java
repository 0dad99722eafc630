package io.tokenledger.events.upcasting;

import io.tokenledger.events.client.ClientRegistered;
import io.tokenledger.events.client.ClientUpdated;
import io.tokenledger.events.grant.AuthorizationCodeIssued;
import io.tokenledger.events.grant.AuthorizationCodeRedeemed;
import io.tokenledger.events.grant.RefreshTokenRotated;
import io.tokenledger.events.token.TokenIssued;
import io.tokenledger.events.token.TokenRevoked;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A stored event of an older revision is read as the current one, its stored bytes untouched. */
class PublishedLanguageUpcastersTest {

    private static final byte[] STORED = "{\"tokenId\":\"t-1\"}".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @ValueSource(classes = {TokenIssued.class, AuthorizationCodeIssued.class, AuthorizationCodeRedeemed.class,
            RefreshTokenRotated.class, ClientRegistered.class, ClientUpdated.class})
    void revisionOneOfAnEventThatGainedOptionalFieldsReadsAsItsCurrentRevision(Class<?> type) {
        IntermediateEventRepresentation read = upcast(type, "1");

        assertThat(read.getType().getName()).isEqualTo(type.getName());
        assertThat(read.getType().getRevision()).isEqualTo(type.getAnnotation(Revision.class).value());
        assertThat(read.getData(byte[].class).getData()).isEqualTo(STORED);
    }

    @Test
    void revisionsTwoAndThreeOfACodeReadAsRevisionFourWithoutNonceSignInOrDPoPKey() {
        assertThat(upcast(AuthorizationCodeIssued.class, "2").getType().getRevision()).isEqualTo("4");
        assertThat(upcast(AuthorizationCodeIssued.class, "3").getType().getRevision()).isEqualTo("4");
    }

    @ParameterizedTest
    @ValueSource(classes = {ClientRegistered.class, ClientUpdated.class})
    void everyEarlierRevisionOfAClientReadsAsItsCurrentRevision(Class<?> type) {
        String current = type.getAnnotation(Revision.class).value();

        assertThat(upcast(type, "2").getType().getRevision()).isEqualTo(current);
        assertThat(upcast(type, "3").getType().getRevision()).isEqualTo(current);
        assertThat(upcast(type, "4").getType().getRevision()).isEqualTo(current);
        assertThat(upcast(type, "5").getType().getRevision()).isEqualTo(current);
        assertThat(upcast(type, "6").getType().getRevision()).isEqualTo(current);
        assertThat(upcast(type, "7").getType().getRevision()).isEqualTo(current);
        assertThat(upcast(type, "8").getType().getRevision()).isEqualTo(current);
    }

    @ParameterizedTest
    @ValueSource(classes = {TokenIssued.class, AuthorizationCodeRedeemed.class, RefreshTokenRotated.class})
    void earlierRevisionsOfATokenReadAsTheCurrentWithoutAKeyOrADPoPKey(Class<?> type) {
        String current = type.getAnnotation(Revision.class).value();

        assertThat(upcast(type, "2").getType().getRevision()).isEqualTo(current);
        assertThat(upcast(type, "3").getType().getRevision()).isEqualTo(current);
        assertThat(upcast(type, "4").getType().getRevision()).isEqualTo(current);
        if (type == TokenIssued.class) {
            assertThat(upcast(type, "5").getType().getRevision()).isEqualTo(current);
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {TokenIssued.class, TokenRevoked.class})
    void currentRevisionsAndOtherEventsPassUnchanged(Class<?> type) {
        String current = type.getAnnotation(Revision.class).value();

        assertThat(upcast(type, current).getType().getRevision()).isEqualTo(current);
    }

    private static IntermediateEventRepresentation upcast(Class<?> type, String revision) {
        var entry = new GenericDomainEventEntry<>("Aggregate", "a-1", 0, "e-1", Instant.EPOCH, type.getName(),
                revision, STORED, "{}".getBytes(StandardCharsets.UTF_8));
        var initial = new InitialEventRepresentation(entry, JacksonSerializer.defaultSerializer());
        return PublishedLanguageUpcasters.chain().upcast(Stream.of(initial)).findFirst().orElseThrow();
    }
}
