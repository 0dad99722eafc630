package io.tokenledger.app.cli;

import io.tokenledger.events.Actor;
import picocli.CommandLine.Option;

/** Who runs a command that changes the ledger: its events name them as their actor. */
final class OperatorName {

    @Option(names = "--operator", paramLabel = "<name>", defaultValue = "${sys:user.name}",
            description = "Who does it, for the ledger's record (default: the OS user, ${DEFAULT-VALUE}).")
    String name;

    Actor actor() {
        return Actor.operator(name);
    }
}
