package io.tokenledger.app.cli;

import io.tokenledger.app.config.SchemaCheck;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.core.NestedExceptionUtils;

import java.sql.SQLException;

/** A failure in one line: what an operator needs to fix it, not the layers it went through. */
final class Failures {

    private Failures() {
    }

    static String oneLine(Throwable failure) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(failure);
        // The driver's message names the server ("Connection to 127.0.0.1:5432 refused"); its cause does not.
        String line = message(find(failure, SQLException.class) instanceof SQLException sql ? sql : root);
        if (find(failure, SchemaCheck.SchemaMismatch.class) instanceof SchemaCheck.SchemaMismatch schema) {
            line = schema.getMessage() + ". " + schema.action();
        } else if (find(failure, BindException.class) instanceof BindException binding && binding != root) {
            // "Failed to bind properties under 'ledger.role' to Role" says where; the root cause says why.
            line = binding.getMessage() + ": " + line;
        }
        return line.replaceAll("\\s*\\R\\s*", " ");
    }

    private static String message(Throwable failure) {
        return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }

    private static Throwable find(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return cause;
            }
        }
        return null;
    }
}
