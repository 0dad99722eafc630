package io.tokenledger.app.cli;

import io.tokenledger.app.TokenLedgerApplication;

/** A command that needs the server's beans (the command side, the seals, the rebuilder), started without HTTP. */
abstract class ServerContextCommand extends LedgerCommand {

    @Override
    Class<?> context() {
        return TokenLedgerApplication.class;
    }
}
