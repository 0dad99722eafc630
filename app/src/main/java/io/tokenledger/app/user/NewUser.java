package io.tokenledger.app.user;

/** The body of {@code POST /admin/users}. */
public record NewUser(String username, String email, String password) {
}
