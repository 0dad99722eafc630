package io.tokenledger.app.commanding;

import java.util.Optional;
import java.util.regex.Pattern;

/** Text a person writes that the ledger keeps as written: a name, a revocation's note, an erasure's reason. */
public final class RecordedText {

    /**
     * No control or format characters (C0, C1, bidi overrides, zero-width) and no line separators: a reader of the
     * history, a CSV or a log is shown the text as it is, and must see what was written.
     */
    private static final Pattern PRINTABLE = Pattern.compile("[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]+");

    private RecordedText() {
    }

    /** The text stripped of surrounding space, when that is 1 to {@code max} printable characters. */
    public static Optional<String> of(String text, int max) {
        String stripped = text == null ? "" : text.strip();
        return stripped.isEmpty() || stripped.length() > max || !PRINTABLE.matcher(stripped).matches()
               ? Optional.empty() : Optional.of(stripped);
    }
}
