package io.tokenledger.app.oauth2;


import com.nimbusds.oauth2.sdk.OAuth2Error;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A body that went past the limit while being read: one sent chunked has no Content-Length to refuse it by, so the
 * limit is counted on the bytes themselves ({@link #limit}), and whoever was reading gets this and answers 413.
 */
public class BodyTooLarge extends IOException {

    private final long limit;

    public BodyTooLarge(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    /** The 413 every endpoint answers. */
    public OAuth2Exception refusal() {
        return new OAuth2Exception(OAuth2Error.INVALID_REQUEST.setHTTPStatusCode(413)
                                                              .setDescription(getMessage()));
    }

    /** The request, its body readable up to {@code limit} bytes and no further. */
    public static HttpServletRequest limit(HttpServletRequest request, long limit) {
        return new HttpServletRequestWrapper(request) {

            private ServletInputStream counted;

            @Override
            public ServletInputStream getInputStream() throws IOException {
                if (counted == null) {
                    counted = new Counted(super.getInputStream(), limit);
                }
                return counted;
            }

            @Override
            public BufferedReader getReader() throws IOException {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                return new BufferedReader(new InputStreamReader(getInputStream(), charset));
            }
        };
    }

    private static final class Counted extends ServletInputStream {

        private final ServletInputStream body;
        private final long limit;
        private long read;

        Counted(ServletInputStream body, long limit) {
            this.body = body;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int bytes) throws BodyTooLarge {
            read += bytes;
            if (read > limit) {
                throw new BodyTooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return body.isFinished();
        }

        @Override
        public boolean isReady() {
            return body.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            body.setReadListener(listener);
        }
    }
}
