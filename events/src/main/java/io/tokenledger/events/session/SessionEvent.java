package io.tokenledger.events.session;

/** What can happen to a sign-in session: it starts when a user signs in, and ends once. */
public sealed interface SessionEvent permits SessionStarted, SessionEnded {

    String sessionId();

    String userId();
}
