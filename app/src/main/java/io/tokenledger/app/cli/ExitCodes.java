package io.tokenledger.app.cli;

/** The exit codes the commands' help lists ({@link LedgerCommandLine}). */
final class ExitCodes {

    static final int OK = 0;
    /** The check found something wrong, or the work failed. */
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** Bad configuration, the database out of reach, or a schema that does not fit. */
    static final int CANNOT_START = 3;
    static final int NOT_FOUND = 4;

    private ExitCodes() {
    }
}
