package io.tokenledger.events.privacy;

import io.tokenledger.events.Actor;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * An operator encrypted the personal data of events written before the ledger encrypted it (issue 25), rewriting
 * those rows in place: the ledger's statement of exactly which rows changed and how, so that verification can still
 * bind each one to the link the chain made of it. Signed with the anchor key (Ed25519, like an anchor), so an auditor
 * holding only its public key can check it, and no one who can merely write the database can make or alter one.
 *
 * @param ledgerId    the ledger whose rows these are
 * @param rows        each row rewritten: its position, and its seal and content hash before and after
 * @param signingKey  the id of the anchor key that signed
 * @param signature   Ed25519 (base64) over the statement's text, as {@code RewriteStatement} writes it
 */
@Revision("1")
public record PersonalDataEncrypted(String ledgerId, Instant encryptedAt, Actor actor, List<RowRewritten> rows,
                                    String signingKey, String signature) {

    public PersonalDataEncrypted {
        rows = List.copyOf(rows);
    }

    /**
     * One row: what the chain linked ({@code sealBefore}, {@code contentBefore}: the seal, and SHA-256 of the row's
     * canonical bytes, position included) and what the row holds now ({@code contentAfter}); hex.
     */
    public record RowRewritten(long position, String sealBefore, String contentBefore, String contentAfter) {
    }
}
