package io.tokenledger.app.fetch;

/**
 * A document was not fetched, and why: {@code reason} is a short code for the ledger's security record
 * ({@code private_address}, {@code redirect}, {@code too_large}, {@code timeout}, {@code status}, {@code unreachable},
 * {@code not_https}), {@code detail} a sentence for the caller.
 */
public class FetchRefused extends Exception {

    private final String reason;

    public FetchRefused(String reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
