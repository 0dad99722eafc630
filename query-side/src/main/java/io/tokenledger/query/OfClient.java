package io.tokenledger.query;

/** A user's rows narrowed to one client, or not at all: the condition and its arguments after the user's id. */
public final class OfClient {

    private OfClient() {
    }

    /** Appended to a query whose last condition is {@code user_id = ?}. */
    public static String clause(String clientId) {
        return clientId == null ? "" : " AND client_id = ?";
    }

    public static Object[] arguments(String userId, String clientId) {
        return clientId == null ? new Object[] {userId} : new Object[] {userId, clientId};
    }
}
