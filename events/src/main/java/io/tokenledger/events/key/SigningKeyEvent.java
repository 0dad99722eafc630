package io.tokenledger.events.key;

/** What can happen to a key that signs ID tokens and JWT access tokens. */
public sealed interface SigningKeyEvent permits SigningKeyGenerated, SigningKeyActivated, SigningKeyRetired {

    String kid();
}
