package io.tokenledger.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * In this language a field named {@code …Hash} holds the hash of a secret (a token, code or client secret). Hashes
 * are lookup keys for the server, never needed by a reader: shown to auditors and analysts, events go without them.
 * One name is not such a hash: {@code atHash}, OpenID Connect's {@code at_hash} claim, which the ID token it belongs
 * to shows anyone who holds it, and which an auditor compares with a presented ID token.
 */
public final class Redaction {

    private static final String ID_TOKEN_CLAIM = "atHash";

    private Redaction() {
    }

    /** Removes every {@code …Hash} field, at any depth, in place; returns the same node. */
    public static JsonNode withoutHashes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(field -> field.getKey().endsWith("Hash")
                                                  && !field.getKey().equals(ID_TOKEN_CLAIM));
        }
        node.forEach(Redaction::withoutHashes);
        return node;
    }
}
