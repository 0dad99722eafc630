package io.tokenledger.events;

import java.util.Objects;

/**
 * Who caused a change: an OAuth2 client, a user, an administrator (by the admin API), an operator (by the jar's
 * commands) or the ledger itself.
 *
 * @param kind {@code client}, {@code user}, {@code admin}, {@code operator} or {@code system}
 * @param id   the client id, user id, admin client id, operator's name, or name of the system component
 */
public record Actor(String kind, String id) {

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
    }

    public static Actor client(String clientId) {
        return new Actor("client", clientId);
    }

    public static Actor user(String userId) {
        return new Actor("user", userId);
    }

    public static Actor admin(String clientId) {
        return new Actor("admin", clientId);
    }

    /** An operator at the command line, named as the operating system knows them or as they chose. */
    public static Actor operator(String name) {
        return new Actor("operator", name);
    }

    public static Actor system(String component) {
        return new Actor("system", component);
    }

    /** Whether this is a client other than {@code clientId}: one that may not act on that client's tokens. */
    public boolean isAnotherClientThan(String clientId) {
        return "client".equals(kind) && !id.equals(clientId);
    }

    @Override
    public String toString() {
        return kind + ":" + id;
    }
}
