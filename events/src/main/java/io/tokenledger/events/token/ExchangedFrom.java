package io.tokenledger.events.token;

/**
 * The tokens a token was obtained for by token exchange (RFC 8693 §2.1): the trail an auditor follows back.
 *
 * @param subjectTokenId     the token presented as {@code subject_token}, whose user and scopes the new one narrows
 * @param actorTokenId       the token presented as {@code actor_token}, naming who acts for the subject (§4.1); null
 *                           when none was
 * @param revokedWithSubject whether revoking the subject token revokes this one too (the exchanging client's setting
 *                           when it was issued)
 */
public record ExchangedFrom(String subjectTokenId, String actorTokenId, boolean revokedWithSubject) {
}
