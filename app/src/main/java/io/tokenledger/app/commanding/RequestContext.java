package io.tokenledger.app.commanding;

import io.tokenledger.events.RequestMetaData;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps every command and event sent while serving an HTTP request with where it came from (address, user agent,
 * request id) as Axon metadata, and copies that metadata from commands onto the events they cause, so the audit
 * log can say which request caused each change.
 */
@Configuration(proxyBeanMethods = false)
public class RequestContext {

    /** The request attribute that holds the request id, once the first filter has chosen it. */
    public static final String REQUEST_ID_ATTRIBUTE = RequestContext.class.getName() + ".requestId";
    private static final int MAX_USER_AGENT = 255;

    @Bean
    public MessageDispatchInterceptor<Message<?>> requestContextInterceptor() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, Message<?>, Message<?>> handle(List<? extends Message<?>> messages) {
                Map<String, String> context = current();
                return (index, message) -> context.isEmpty() ? message : message.andMetaData(context);
            }
        };
    }

    @Bean
    public CorrelationDataProvider requestContextCorrelation() {
        return new SimpleCorrelationDataProvider(RequestMetaData.REMOTE_ADDRESS, RequestMetaData.USER_AGENT,
                RequestMetaData.REQUEST_ID, RequestMetaData.LOGIN_HINT);
    }

    private static Map<String, String> current() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return Map.of();
        }
        HttpServletRequest request = attributes.getRequest();
        Map<String, String> context = new HashMap<>();
        context.put(RequestMetaData.REMOTE_ADDRESS, request.getRemoteAddr());
        String userAgent = request.getHeader("User-Agent");
        if (userAgent != null) {
            context.put(RequestMetaData.USER_AGENT,
                    userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent);
        }
        Object requestId = request.getAttribute(REQUEST_ID_ATTRIBUTE);
        if (requestId != null) {
            context.put(RequestMetaData.REQUEST_ID, requestId.toString());
        }
        return context;
    }
}
