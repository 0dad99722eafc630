package io.tokenledger.app.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that is only a name for its subcommands: alone, it is a usage error that lists them. */
abstract class CommandGroup implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
