package io.tokenledger.events.session;

/** Why a session ended. */
public enum SessionEndReason {
    /** Unused for longer than the idle timeout ({@code LEDGER_SESSION_IDLE_TIMEOUT}). */
    IDLE_TIMEOUT,
    /** Its absolute lifetime ({@code LEDGER_SESSION_MAX_LIFETIME}) was over. */
    MAX_LIFETIME,
    /** The user signed in again in the same browser ({@code prompt=login}, {@code max_age}): a new session took over. */
    REPLACED,
    /** The user logged out (OpenID Connect RP-Initiated Logout). */
    LOGGED_OUT,
    /** The account was disabled. */
    USER_DISABLED,
    /** An administrator reset the account's password: whoever held the old one is signed out. */
    PASSWORD_RESET,
    /** The account was erased (GDPR Art. 17). */
    USER_ERASED
}
