package io.tokenledger.projections.integrity.sealing;

import io.tokenledger.events.PublishedLanguage;
import io.tokenledger.events.privacy.PersonalDataEncrypted;
import io.tokenledger.events.privacy.PersonalDataEncrypted.RowRewritten;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The ledger's signed statement of rows it rewrote in place ({@link PersonalDataEncrypted}): the text its signature
 * covers, one line a row, so that {@code openssl pkeyutl -verify -rawin} can check it as it checks an anchor; and the
 * statement read back from its stored row, by its bytes rather than through the store's upcasters.
 */
public final class RewriteStatement {

    /** How the statement's rows are stored: what a verifier selects them by. */
    public static final String PAYLOAD_TYPE = PersonalDataEncrypted.class.getName();

    private static final Serializer EVENTS = PublishedLanguage.serializer();

    private RewriteStatement() {
    }

    /** The statement signed by {@code signer}, which must hold the anchor key's private half. */
    public static PersonalDataEncrypted signed(PersonalDataEncrypted statement, AnchorSigner signer) {
        return new PersonalDataEncrypted(statement.ledgerId(), statement.encryptedAt(), statement.actor(),
                statement.rows(), signer.keyId(), signer.sign(signedText(statement)));
    }

    /** Whether {@code signer}'s key signed the statement as it stands, for ledger {@code ledgerId}. */
    public static boolean verifies(PersonalDataEncrypted statement, String ledgerId, AnchorSigner signer) {
        return ledgerId.equals(statement.ledgerId())
               && signer.verifies(statement.signingKey(), signedText(statement), statement.signature());
    }

    /** The statement a stored row holds; empty when its bytes are not one. */
    public static Optional<PersonalDataEncrypted> read(StoredEvent event) {
        if (!PAYLOAD_TYPE.equals(event.row().payloadType()) || event.row().payload() == null) {
            return Optional.empty();
        }
        try {
            PersonalDataEncrypted statement = EVENTS.deserialize(new SimpleSerializedObject<>(event.row().payload(),
                    byte[].class, PAYLOAD_TYPE, event.row().payloadRevision()));
            return statement.ledgerId() == null || statement.encryptedAt() == null ? Optional.empty()
                    : Optional.of(statement);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static byte[] signedText(PersonalDataEncrypted statement) {
        StringBuilder text = new StringBuilder("token-ledger rewritten rows v1\n").append(statement.ledgerId())
                .append('\n').append(statement.encryptedAt()).append('\n');
        for (RowRewritten row : statement.rows()) {
            text.append(row.position()).append(' ').append(row.sealBefore()).append(' ').append(row.contentBefore())
                .append(' ').append(row.contentAfter()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
