package io.tokenledger.events.consent;

/** A consent's stream: one per user and client, so its history is the whole story of what the user allowed it. */
public final class ConsentId {

    private ConsentId() {
    }

    public static String of(String userId, String clientId) {
        return userId + "/" + clientId;
    }
}
