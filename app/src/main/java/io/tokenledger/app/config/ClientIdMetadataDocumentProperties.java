package io.tokenledger.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Client ID metadata documents (the MCP authorization specification; draft-ietf-oauth-client-id-metadata-document):
 * whether a client may name itself by the URL of its metadata document ({@code clientIdMetadataDocuments}), and the
 * scopes such a client, which no administrator registered, may be given at most ({@code clientIdMetadataDocumentScopes}).
 */
@ConfigurationProperties("ledger")
public record ClientIdMetadataDocumentProperties(@DefaultValue("false") boolean clientIdMetadataDocuments,
                                                 @DefaultValue({"openid", "profile", "email"})
                                                 List<String> clientIdMetadataDocumentScopes) {
}
