package io.tokenledger.events.token;

/** What can happen to a token. */
public sealed interface TokenEvent permits TokenIssued, TokenRevoked {

    String tokenId();

    String clientId();
}
