package io.tokenledger.app.commanding;

/** What an administrator writes as the reason for a revocation: printable text the ledger keeps with it. */
public final class RevocationNote {

    public static final int MAX_LENGTH = 500;

    private RevocationNote() {
    }

    /** The note stripped of surrounding space, or null for none; {@link IllegalArgumentException} when unfit. */
    public static String of(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return RecordedText.of(text, MAX_LENGTH).orElseThrow(() -> new IllegalArgumentException(
                "reason must be 1-" + MAX_LENGTH + " printable characters"));
    }
}
