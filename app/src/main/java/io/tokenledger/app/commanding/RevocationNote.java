package io.tokenledger.app.commanding;

import java.util.regex.Pattern;

/** What an administrator writes as the reason for a revocation: printable text the ledger keeps with it. */
public final class RevocationNote {

    public static final int MAX_LENGTH = 500;
    /**
     * No control or format characters (C0, C1, bidi overrides, zero-width) and no line separators: a reader of the
     * history, a CSV or a log is shown the note as it is, and must see what was written.
     */
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]+");

    private RevocationNote() {
    }

    /** The note stripped of surrounding space, or null for none; {@link IllegalArgumentException} when unfit. */
    public static String of(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String note = text.strip();
        if (note.length() > MAX_LENGTH || !PRINTABLE.matcher(note).matches()) {
            throw new IllegalArgumentException("reason must be 1-" + MAX_LENGTH + " printable characters");
        }
        return note;
    }
}
