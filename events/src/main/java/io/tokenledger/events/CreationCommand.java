package io.tokenledger.events;

/**
 * A command that creates the aggregate it names and never loads an existing one. Such commands can share one
 * transaction: one that fails leaves no loaded aggregate changed in memory for the others.
 */
public interface CreationCommand {
}
