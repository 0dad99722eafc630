package io.tokenledger.command.client;

/** What a client proves itself with at the token endpoint, as its {@code token_endpoint_auth_method} says. */
enum Credential {
    /** A public client (RFC 6749 §2.1, {@code none}): nothing. */
    NONE,
    /** {@code client_secret_basic} or {@code client_secret_post}: a secret, of which the ledger keeps a hash. */
    SECRET,
    /** {@code private_key_jwt} (RFC 7523): an assertion signed by a private key the server never sees. */
    KEYS;

    static Credential of(String tokenEndpointAuthMethod) {
        return switch (tokenEndpointAuthMethod) {
            case "none" -> NONE;
            case "private_key_jwt" -> KEYS;
            default -> SECRET;
        };
    }

    /**
     * A client signing assertions names where its public keys are, by reference or by value, and not both
     * (RFC 7591 §2); a client with other credentials registers no keys.
     */
    void requireKeys(String jwksUri, String jwks) {
        if (jwksUri != null && jwks != null) {
            throw new IllegalArgumentException("jwks_uri and jwks cannot both be registered");
        }
        if (this == KEYS && jwksUri == null && jwks == null) {
            throw new IllegalArgumentException("private_key_jwt needs jwks_uri or jwks");
        }
        if (this != KEYS && (jwksUri != null || jwks != null)) {
            throw new IllegalArgumentException("keys are registered only for private_key_jwt");
        }
    }
}
