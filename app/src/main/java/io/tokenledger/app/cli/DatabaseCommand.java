package io.tokenledger.app.cli;

/** A command that reads or migrates the database, or prunes read rows, and needs nothing else ({@link DatabaseOnly}). */
abstract class DatabaseCommand extends LedgerCommand {

    @Override
    Class<?> context() {
        return DatabaseOnly.class;
    }
}
