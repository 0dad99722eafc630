package io.tokenledger.app.oidc;

/** A logout request that cannot be trusted with a redirect: shown on a page (400), and nothing ended. */
class LogoutError extends RuntimeException {

    LogoutError(String message) {
        super(message, null, false, false);
    }
}
