package io.tokenledger.command.client;

/** A retired client's registration can no longer change. */
public class ClientRetiredException extends IllegalStateException {

    public ClientRetiredException(String clientId) {
        super("client " + clientId + " is retired");
    }
}
